// The store a sync should produce (SPEC §4 field mapping and shape rules, §5 prices, §6 exclusions),
// written again from ../shared/SPEC.md and ../shared/centry/API-NOTES.md alone: the judge of the
// production builder (src/publishing) rather than a copy of it. It imports no logic from src/ — only
// catalog and settings *types* — and knows nothing of fingerprints, plans or request bodies: plain
// catalog data in, plain expected store product out (amounts in major units, as the store shows them).
// Where the spec is silent the reading is the one recorded in docs/adr/0008 and 0009, named at the line.
import type { CatalogProduct, CatalogReferences, CatalogVariant } from '../../src/catalog/model.js';
import type { ExclusionIds } from '../../src/settings/settings.schema.js';
import { oracleMajor, oraclePrices, oracleStock, type OracleRules } from './independent-prices.js';
import { expectedCategoryPath, expectedDescription, textOrNull, type ExpectedDescription } from './independent-text.js';

export interface ExpectedFields {
  name: string;
  description: ExpectedDescription;
  /** Major units. */
  price: number;
  compare_at_price: number | null;
  /** For a simple product; a product with variants has its stock on each variant. */
  stock: number;
  sku: string | null;
  barcode: string | null;
  brand: string | null;
  weight: number | null;
  length: number | null;
  width: number | null;
  height: number | null;
  status: 'available' | 'disabled';
  page_title: string | null;
  meta_description: string | null;
}
export interface ExpectedVariant {
  /** The Centry variant it is published from. */
  catalogVariantId: string;
  sku: string;
  barcode: string | null;
  price: number;
  compare_at_price: number | null;
  stock: number;
  options: { name: 'Talla' | 'Color'; value: string }[];
}
export interface ExpectedStoreProduct {
  /** How the store product is found: its SKU, else its first variant's, else `name:<name>`. */
  key: string;
  product: ExpectedFields;
  categoryPath: string[];
  variants: ExpectedVariant[];
  /** Image URLs in order. */
  images: string[];
}

export type NotPublished = 'paused' | 'excluded_product' | 'excluded_category' | 'excluded_brand' | 'excluded_gender' | 'no_normal_price';
export type Projection = { published: true; expected: ExpectedStoreProduct } | { published: false; why: NotPublished };

export interface ProjectionContext {
  references: CatalogReferences;
  rules: OracleRules;
  exclusions: ExclusionIds;
  /** The store currency (catalog prices are read in it, as SPEC §5 says: "minor units of the store currency"). */
  currency: string;
  /** The store's `weight_unit`; absent = kg. */
  weightUnit?: string;
  now: Date;
}

/** §6: "not published when its category (or an ancestor category), brand, gender, or the product itself is excluded, or it is paused". */
export function whyNotPublished(p: CatalogProduct, ctx: ProjectionContext): NotPublished | null {
  if (!p.active) return 'paused';
  if (ctx.exclusions.productIds.includes(p.id)) return 'excluded_product';
  const excludedCategories = new Set(ctx.exclusions.categoryIds);
  const seen = new Set<string>();
  for (let id = p.categoryId; id !== null && !seen.has(id); id = ctx.references.categories.get(id)?.parentId ?? null) {
    seen.add(id);
    if (excludedCategories.has(id)) return 'excluded_category';
  }
  if (p.brandId !== null && ctx.exclusions.brandIds.includes(p.brandId)) return 'excluded_brand';
  if (p.genderId !== null && ctx.exclusions.genderIds.includes(p.genderId)) return 'excluded_gender';
  return null;
}

const byPosition = (vs: readonly CatalogVariant[]) => [...vs].sort((a, b) => a.position - b.position);
const optionsOf = (v: CatalogVariant): ExpectedVariant['options'] => [
  ...(textOrNull(v.sizeName) !== null ? [{ name: 'Talla' as const, value: v.sizeName! }] : []),
  ...(textOrNull(v.colorName) !== null ? [{ name: 'Color' as const, value: v.colorName! }] : []),
];

/** Kilograms (Centry's `packageweight`) in the store's `weight_unit` (docs/adr/0009; the spec is silent). */
export function weightIn(kg: number | null, unit: string | undefined): number | null {
  if (kg === null) return null;
  const u = (unit ?? 'kg').trim().toLowerCase();
  if (u === 'g') return kg * 1000;
  if (u === 'lb') return kg / 0.45359237;
  if (u === 'oz') return (kg * 16) / 0.45359237;
  return kg;
}

export function projectProduct(p: CatalogProduct, ctx: ProjectionContext): Projection {
  const why = whyNotPublished(p, ctx);
  if (why !== null) return { published: false, why };
  const { rules, currency, now } = ctx;
  const major = (m: number | null) => (m === null ? null : oracleMajor(m, currency));
  // §5 "A variant's own normal/offer prices override the product's, each independently" — "own"
  // meaning an amount > 0, as §5 reads 0 and negatives as "none" (docs/adr/0008).
  const own = (x: number | null) => (x !== null && x > 0 ? x : null);
  const pricesOf = (v: CatalogVariant | null) => oraclePrices({
    normal: (v && own(v.priceCompare)) ?? p.priceCompare,
    offer: (v && own(v.price)) ?? p.price,
    saleStart: p.saleStart, saleEnd: p.saleEnd,
  }, rules, currency, now);

  const ordered = byPosition(p.variants);
  // §4 "a Centry variant with a size or a color becomes a Jumpseller variant with options 'Talla' /
  // 'Color' (only the non-empty ones), ordered by position". Option-less variants beside them have no
  // place (docs/adr/0008 "Mixed variants").
  const optioned = ordered.filter((v) => optionsOf(v).length > 0);
  let sku = textOrNull(p.sku);
  let barcode = textOrNull(p.barcode);
  let price: { price: number; compareAt: number | null };
  let stock = 0;
  const variants: ExpectedVariant[] = [];
  if (optioned.length > 0) {
    let cheapest: { price: number; compareAt: number | null } | null = null;
    for (const v of optioned) {
      const vp = pricesOf(v);
      // A variant without a normal price withholds the product (docs/adr/0008; §5 "not published").
      if (!vp.ok) return { published: false, why: 'no_normal_price' };
      if (cheapest === null || vp.price < cheapest.price) cheapest = vp;
      variants.push({
        catalogVariantId: v.id, sku: v.sku, barcode: textOrNull(v.barcode), price: major(vp.price)!, compare_at_price: major(vp.compareAt),
        stock: oracleStock(v.stock, rules.stockBuffer), options: optionsOf(v),
      });
    }
    // The product-level price of a variant product: the product's, else its cheapest variant's (ADR 0008).
    const pp = pricesOf(null);
    price = pp.ok ? pp : cheapest!;
    stock = variants.reduce((s, v) => s + v.stock, 0);
  } else {
    // §4 "A product whose variants have neither size nor color is a simple product: SKU, price and
    // stock on the product, stock = the sum of its variants' (buffered) stock; its SKU and barcode are
    // the product's, or its first variant's (by position) when the product has none"; "a product with
    // no variants has stock 0". Its price: the product's, with the first variant's own prices (ADR 0008).
    const first = ordered[0] ?? null;
    const sp = pricesOf(first);
    if (!sp.ok) return { published: false, why: 'no_normal_price' };
    price = sp;
    stock = ordered.reduce((s, v) => s + oracleStock(v.stock, rules.stockBuffer), 0);
    sku ??= textOrNull(first?.sku);
    barcode ??= textOrNull(first?.barcode);
  }
  const brand = p.brandId === null ? null : textOrNull(ctx.references.brands.get(p.brandId)?.name);
  const key = sku ?? variants[0]?.sku ?? `name:${p.name}`;
  return {
    published: true,
    expected: {
      key,
      product: {
        name: p.name,
        description: expectedDescription(p.description, p.shortDescription),
        price: major(price.price)!, compare_at_price: major(price.compareAt),
        stock, sku, barcode, brand,
        weight: weightIn(p.packageWeight, ctx.weightUnit), length: p.packageLength, width: p.packageWidth, height: p.packageHeight,
        // §4 "Estado: active → available, paused → disabled" (a paused product is not published at all, §6).
        status: p.active ? 'available' : 'disabled',
        page_title: textOrNull(p.seoTitle), meta_description: textOrNull(p.seoDescription),
      },
      categoryPath: expectedCategoryPath(p.categoryId, ctx.references.categories),
      variants,
      // §4 "Imágenes: product images … from URL, in order" (Centry `position`); a URL given twice is
      // one image (the spec is silent; docs/adr/0008 "Images": uploading it twice shows it twice).
      images: [...new Set([...p.images].sort((a, b) => a.position - b.position).map((i) => i.url.trim()).filter((u) => u !== ''))],
    },
  };
}

/** Every published product by key. */
export function projectCatalog(products: Iterable<CatalogProduct>, ctx: ProjectionContext): Map<string, ExpectedStoreProduct> {
  const out = new Map<string, ExpectedStoreProduct>();
  for (const p of products) {
    const r = projectProduct(p, ctx);
    if (r.published) out.set(r.expected.key, r.expected);
  }
  return out;
}
