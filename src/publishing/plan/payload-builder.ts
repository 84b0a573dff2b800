// SPEC §4: the state a catalog product should have in Jumpseller (desired-product.ts), built from
// the catalog and the price rules. Pure: the planner compares fingerprints of it
// (desired-fingerprints.ts) with what it pushed last; which fields a create or an update sends is
// sync-fields.ts. Amounts stay integer minor units (ADR 0002). Catalog amounts are read as minor
// units of the store currency, as they are: there is no exchange rate here, and a store whose
// currency is not the catalog's is never synced (the executor refuses the run, docs/adr/0009).
import type { CatalogProduct, CatalogReferences, CatalogVariant, CatalogVariantId } from '../../catalog/model.js';
import { bufferedStock, publishedPrices, withVariantPrices, type PriceRules, type PriceSource } from '../../pricing/price-rules.js';
import type { DesiredImage, DesiredProduct, DesiredVariant, VariantOption } from './desired-product.js';
import { fingerprint } from './payload-fingerprint.js';
import { buildDescription, categoryPath, nonEmpty } from './payload-parts.js';
import { weightForStore } from './store-units.js';

export interface BuildContext {
  references: CatalogReferences;
  rules: PriceRules;
  currency: string;
  now: Date;
  /** The store's `weight_unit` (Integration.weightUnit); absent = kg, Centry's own unit. */
  weightUnit?: string;
}
export type BuildResult =
  | { ok: true; desired: DesiredProduct }
  | { ok: false; reason: 'NO_NORMAL_PRICE' | 'PRICE_OUT_OF_RANGE'; catalogVariantId: CatalogVariantId | null };

const hasOptions = (v: CatalogVariant) => nonEmpty(v.sizeName) !== null || nonEmpty(v.colorName) !== null;
const byPosition = <T extends { position: number; id: string }>(items: readonly T[]) =>
  [...items].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * The §4 shape rules (docs/adr/0008-spec-conformance-review.md has the reasoning of each choice):
 * - Variants with a size or a color become Jumpseller variants, ordered by position, with options
 *   "Talla" / "Color" (only the non-empty ones).
 * - When none has a size or a color, the product is simple: SKU, price and stock on the product,
 *   stock = the sum of every variant's buffered stock, no variants → stock 0. Its SKU and barcode
 *   are the product's (the first variant's when the product has none); its price is the product's,
 *   overridden field by field by the first variant's own prices (§5 "a variant's own normal/offer
 *   prices override the product's") — with a single option-less variant, that variant is what sells.
 * - Mixed (some variants with size/color, some without): only the former become variants. §4 makes
 *   a Jumpseller variant only of "a Centry variant with a size or a color", and the product is not
 *   "a product whose variants have neither", so the bare ones have no place in the store (a
 *   Jumpseller variant *is* its options; one without options cannot sit beside optioned ones). A
 *   bare variant that was once published is set to stock 0 like any variant gone from the catalog.
 * - A variant product's own (product-level) price is the product's, or its cheapest variant's when
 *   the product has no normal price; Jumpseller shows variant prices, but requires one on create.
 * - Any Jumpseller variant without a normal price (> 0, own or inherited) withholds the whole
 *   product (§5 "not published and reported"): a product missing a size would mislead buyers.
 * - Weight: Centry's kg converted to the store's `weight_unit` (g / lb / oz, 3 decimals; kg and
 *   unknown units unchanged) by `weightForStore` (store-units.ts, ADR 0009). Dimensions stay in cm,
 *   as Centry has them: Jumpseller documents no unit for length / width / height and has no store
 *   setting for one, so there is nothing to convert to.
 */
export function buildDesiredProduct(p: CatalogProduct, ctx: BuildContext): BuildResult {
  const { rules, currency, now } = ctx;
  const base: PriceSource = { priceCompare: p.priceCompare, price: p.price, saleStart: p.saleStart, saleEnd: p.saleEnd };
  const ordered = byPosition(p.variants);
  const optioned = ordered.filter(hasOptions);
  const variants: DesiredVariant[] = [];
  let price: { price: number; compareAtPrice: number | null };
  let sku = nonEmpty(p.sku);
  let barcode = nonEmpty(p.barcode);
  let stock = 0;

  if (optioned.length > 0) {
    let cheapest: { price: number; compareAtPrice: number | null } | null = null;
    for (const v of optioned) {
      const vp = publishedPrices(withVariantPrices(base, v), rules, currency, now);
      if (!vp.ok) return { ok: false, reason: vp.reason, catalogVariantId: v.id };
      if (cheapest === null || vp.price < cheapest.price) cheapest = vp;
      const vStock = bufferedStock(v.stock, rules.stockBuffer);
      stock += vStock;
      const options: VariantOption[] = [];
      const size = nonEmpty(v.sizeName);
      const color = nonEmpty(v.colorName);
      if (size !== null) options.push({ name: 'Talla', value: size });
      if (color !== null) options.push({ name: 'Color', value: color });
      variants.push({
        catalogVariantId: v.id, sku: v.sku, barcode: nonEmpty(v.barcode),
        price: vp.price, compare_at_price: vp.compareAtPrice, stock: vStock, options,
      });
    }
    const own = publishedPrices(base, rules, currency, now);
    if (!own.ok && own.reason !== 'NO_NORMAL_PRICE') return { ok: false, reason: own.reason, catalogVariantId: null };
    price = own.ok ? own : cheapest!;
  } else {
    const first = ordered[0];
    const sp = publishedPrices(first ? withVariantPrices(base, first) : base, rules, currency, now);
    if (!sp.ok) return { ok: false, reason: sp.reason, catalogVariantId: first?.id ?? null };
    price = sp;
    for (const v of ordered) stock += bufferedStock(v.stock, rules.stockBuffer);
    sku ??= nonEmpty(first?.sku);
    barcode ??= nonEmpty(first?.barcode);
  }

  const brand = p.brandId === null ? undefined : ctx.references.brands.get(p.brandId);
  return {
    ok: true,
    desired: {
      currency,
      product: {
        name: p.name,
        description: buildDescription(p.description, p.shortDescription),
        price: price.price,
        compare_at_price: price.compareAtPrice,
        stock, sku, barcode,
        brand: nonEmpty(brand?.name),
        weight: weightForStore(p.packageWeight, ctx.weightUnit), length: p.packageLength, width: p.packageWidth, height: p.packageHeight,
        status: p.active ? 'available' : 'disabled',
        page_title: nonEmpty(p.seoTitle),
        meta_description: nonEmpty(p.seoDescription),
      },
      categoryPath: categoryPath(p.categoryId, ctx.references.categories),
      variants,
      images: desiredImages(p),
    },
  };
}

/** Images in catalog order, positions 1..n, one per URL (a repeated URL would upload twice). */
function desiredImages(p: CatalogProduct): DesiredImage[] {
  const seen = new Set<string>();
  const images: DesiredImage[] = [];
  for (const img of byPosition(p.images)) {
    const url = img.url.trim();
    if (url === '' || seen.has(url)) continue;
    seen.add(url);
    images.push({ url, position: images.length + 1, fingerprint: nonEmpty(img.fingerprint) ?? fingerprint(url) });
  }
  return images;
}
