// What a store product looks like right after the app created it (SPEC §4 "Campos a sincronizar":
// "On create, Jumpseller requires name and price: they are always sent then"), from the independent
// projection and the "Al crear" toggles: an unchecked field keeps Jumpseller's own default (the
// official schema's `default`: stock 100, weight 1, status available; text and compare-at empty).
// Also the same view of a production create body, so the two can be compared field by field.
import type { ExpectedFields, ExpectedStoreProduct, ExpectedVariant } from './independent-projection.js';
import { descriptionProblems } from './independent-text.js';

/** The §4 rows ("Campos a sincronizar") and the store keys each one covers. */
export const ORACLE_FIELDS = {
  name: ['name'], description: ['description'], price: ['price', 'compare_at_price'], stock: ['stock'], sku: ['sku'],
  barcode: ['barcode'], images: [], categories: [], brand: ['brand'], dimensions: ['weight', 'length', 'width', 'height'],
  status: ['status'], seo: ['page_title', 'meta_description'], variants: [],
} as const satisfies Record<string, readonly (keyof ExpectedFields)[]>;
export type OracleField = keyof typeof ORACLE_FIELDS;
export type OracleToggles = Record<OracleField, { onCreate: boolean; onUpdate: boolean }>;

/** Jumpseller's value for a key a create does not send (openapi ProductCreateFields defaults). */
const STORE_DEFAULT: Readonly<Record<string, unknown>> = { stock: 100, weight: 1, status: 'available' };
const DEFAULT = '(default)';

type Fields = Record<string, unknown>;
export interface StoreView { product: Fields; description: string | null; categoryPath: string[] | null; variants: Fields[]; images: string[] }

const sentOnCreate = (f: OracleField, toggles: OracleToggles) => toggles[f].onCreate || f === 'name' || f === 'price';

/** The expected store product after a create under these toggles; the description is compared apart. */
export function oracleCreatedView(e: ExpectedStoreProduct, toggles: OracleToggles): StoreView & { expectedDescription: ExpectedFields['description'] | null } {
  const product: Fields = {};
  for (const f of Object.keys(ORACLE_FIELDS) as OracleField[]) {
    for (const k of ORACLE_FIELDS[f]) {
      if (k === 'description') continue;
      // A product with variants keeps its stock on each variant (§4 "stock (product) or each variant's stock").
      if (k === 'stock' && e.variants.length > 0) continue;
      product[k] = sentOnCreate(f, toggles) ? e.product[k] : (STORE_DEFAULT[k] ?? null);
    }
  }
  // A Jumpseller variant is its options; its SKU is how it is found again (docs/adr/0008 "Create").
  const variantKeys: (keyof ExpectedVariant)[] = ['sku', 'options'];
  if (sentOnCreate('price', toggles)) variantKeys.push('price', 'compare_at_price');
  if (sentOnCreate('stock', toggles)) variantKeys.push('stock');
  if (sentOnCreate('barcode', toggles)) variantKeys.push('barcode');
  const variants = e.variants.map((v) => {
    // A text or compare-at left out of a create is empty in the store, as "none" is.
    const out: Fields = { price: DEFAULT, compare_at_price: null, stock: DEFAULT, barcode: null };
    for (const k of variantKeys) out[k] = v[k];
    return out;
  });
  return {
    product, variants, description: null,
    expectedDescription: sentOnCreate('description', toggles) ? e.product.description : { body: '', features: [] },
    categoryPath: sentOnCreate('categories', toggles) ? e.categoryPath : [],
    images: sentOnCreate('images', toggles) ? e.images : [],
  };
}

/** "No value" as the store shows it: null, '' or 0 (docs/adr/0011 clears with '' and 0). */
const none = (v: unknown) => (v === undefined || v === '' || v === 0 ? null : v);

/** The store product a create body makes (amounts already decimals, as sent). */
export function bodyCreatedView(body: Fields, categoryPath: string[] | null, images: string[]): StoreView {
  const product: Fields = {};
  const hasVariants = Array.isArray(body.variants) && body.variants.length > 0;
  for (const keys of Object.values(ORACLE_FIELDS)) {
    for (const k of keys) {
      if (k === 'description' || (k === 'stock' && hasVariants)) continue;
      product[k] = k in body ? (k === 'stock' || k === 'price' ? body[k] : none(body[k])) : (STORE_DEFAULT[k] ?? null);
    }
  }
  const variants = ((body.variants ?? []) as { variant: Fields }[]).map(({ variant }) => {
    const out: Fields = { price: DEFAULT, compare_at_price: null, stock: DEFAULT, barcode: null };
    for (const k of ['sku', 'options', 'price', 'stock'] as const) if (k in variant) out[k] = variant[k];
    for (const k of ['compare_at_price', 'barcode'] as const) if (k in variant) out[k] = none(variant[k]);
    return out;
  });
  return { product, variants, description: typeof body.description === 'string' ? body.description : null, categoryPath: categoryPath ?? [], images };
}

/** Field-by-field differences between the oracle's view and the production body's view. */
export function viewProblems(want: ReturnType<typeof oracleCreatedView>, got: StoreView): string[] {
  const problems: string[] = [];
  const eq = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b) || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 0.0006);
  for (const k of Object.keys({ ...want.product, ...got.product })) {
    if (!eq(got.product[k], want.product[k])) problems.push(`${k}: ${JSON.stringify(got.product[k])} ≠ ${JSON.stringify(want.product[k])}`);
  }
  if (want.expectedDescription) problems.push(...descriptionProblems(got.description, want.expectedDescription));
  if (!eq(got.categoryPath, want.categoryPath)) problems.push(`categories: ${JSON.stringify(got.categoryPath)} ≠ ${JSON.stringify(want.categoryPath)}`);
  if (!eq(got.images, want.images)) problems.push(`images: ${JSON.stringify(got.images)} ≠ ${JSON.stringify(want.images)}`);
  if (got.variants.length !== want.variants.length) problems.push(`variants: ${got.variants.length} ≠ ${want.variants.length}`);
  want.variants.forEach((w, i) => {
    const g = got.variants[i] ?? {};
    for (const k of Object.keys(w)) if (!eq(g[k], w[k])) problems.push(`variant ${i + 1} ${k}: ${JSON.stringify(g[k])} ≠ ${JSON.stringify(w[k])}`);
  });
  return problems;
}
