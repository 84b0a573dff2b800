// What a store product looks like after the app created it, then updated it (SPEC §4 "Campos a
// sincronizar": "On create, Jumpseller requires name and price: they are always sent then. On update
// only checked fields are sent"; "A variant removed from the catalog is set to stock 0"; §6 an
// excluded product is `status: disabled`, published again when it stops being excluded), from the
// independent projection and the toggles. A field a create does not send keeps Jumpseller's own
// default (official schema `default`: stock 100, weight 1, status available; text and compare-at empty).
import type { ExpectedDescription } from './independent-text.js';
import type { ExpectedFields, ExpectedStoreProduct, ExpectedVariant, Projection } from './independent-projection.js';

/** The §4 rows ("Campos a sincronizar") and the store keys each one covers. */
export const ORACLE_FIELDS = {
  name: ['name'], description: ['description'], price: ['price', 'compare_at_price'], stock: ['stock'], sku: ['sku'],
  barcode: ['barcode'], images: [], categories: [], brand: ['brand'], dimensions: ['weight', 'length', 'width', 'height'],
  status: ['status'], seo: ['page_title', 'meta_description'], variants: [],
} as const satisfies Record<string, readonly (keyof ExpectedFields)[]>;
export type OracleField = keyof typeof ORACLE_FIELDS;
export type OracleToggles = Record<OracleField, { onCreate: boolean; onUpdate: boolean }>;

/** Jumpseller's value for a key a create does not send (openapi ProductCreateFields defaults). */
export const STORE_DEFAULT: Readonly<Record<string, unknown>> = { stock: 100, weight: 1, status: 'available' };
/** §4 "never Jumpseller's default of 100": a create leaves no stock to that default, 0 when "Stock" is off. */
const CREATED: Readonly<Record<string, unknown>> = { ...STORE_DEFAULT, stock: 0 };
export const DEFAULT = '(default)';

export type Fields = Record<string, unknown>;
export interface StoreVariant { id: string; fields: Fields }
export interface OracleView { product: Fields; description: ExpectedDescription; categoryPath: string[]; variants: StoreVariant[]; images: string[] }

const on = (f: OracleField, toggles: OracleToggles, mode: 'create' | 'update') =>
  mode === 'create' ? toggles[f].onCreate || f === 'name' || f === 'price' : toggles[f].onUpdate;

/** The variant keys a mode sends; a Jumpseller variant is its options and its SKU is how it is found (ADR 0008 "Create"). */
function variantKeys(toggles: OracleToggles, mode: 'create' | 'update', created: boolean): (keyof ExpectedVariant)[] {
  const keys: (keyof ExpectedVariant)[] = created ? ['sku', 'options'] : [];
  if (on('price', toggles, mode)) keys.push('price', 'compare_at_price');
  if (on('stock', toggles, mode)) keys.push('stock');
  if (on('barcode', toggles, mode)) keys.push('barcode');
  if (!created && on('sku', toggles, mode)) keys.push('sku');
  if (!created && on('variants', toggles, mode)) keys.push('options');
  return keys;
}

function newVariant(v: ExpectedVariant, keys: readonly (keyof ExpectedVariant)[]): StoreVariant {
  // A text or compare-at left out of a create is empty in the store, as "none" is.
  const fields: Fields = { price: DEFAULT, compare_at_price: null, stock: CREATED.stock, barcode: null };
  for (const k of keys) fields[k] = v[k];
  return { id: v.catalogVariantId, fields };
}

/** The expected store product after a create under these toggles. */
export function oracleCreatedView(e: ExpectedStoreProduct, toggles: OracleToggles): OracleView {
  const product: Fields = {};
  for (const f of Object.keys(ORACLE_FIELDS) as OracleField[]) {
    for (const k of ORACLE_FIELDS[f]) {
      // A product with variants keeps its stock on each variant (§4 "stock (product) or each variant's stock").
      if (k === 'description' || (k === 'stock' && e.variants.length > 0)) continue;
      product[k] = on(f, toggles, 'create') ? e.product[k] : (CREATED[k] ?? null);
    }
  }
  const keys = variantKeys(toggles, 'create', true);
  return {
    product,
    description: on('description', toggles, 'create') ? e.product.description : { body: '', features: [] },
    categoryPath: on('categories', toggles, 'create') ? e.categoryPath : [],
    variants: e.variants.map((v) => newVariant(v, keys)),
    images: on('images', toggles, 'create') ? e.images : [],
  };
}

/**
 * The expected store product after the next sync: checked fields "Al actualizar" take the new
 * projection's values (unchanged ones are equal anyway), the rest keep what the store holds; a new
 * variant is created ("Variantes"), a removed one is set to stock 0; a product no longer published
 * is disabled (§6), one published again is available.
 */
export function oracleUpdatedView(before: OracleView, next: Projection, toggles: OracleToggles, wasPublished: boolean): { view: OracleView; published: boolean } {
  if (!next.published) return { view: { ...before, product: { ...before.product, status: 'disabled' } }, published: false };
  const e = next.expected;
  const product: Fields = { ...before.product };
  for (const f of Object.keys(ORACLE_FIELDS) as OracleField[]) {
    if (!on(f, toggles, 'update')) continue;
    for (const k of ORACLE_FIELDS[f]) if (k !== 'description' && !(k === 'stock' && e.variants.length > 0)) product[k] = e.product[k];
  }
  // §6 "is published again when it stops being excluded" — whatever "Estado" says.
  if (!wasPublished) product.status = 'available';
  const keys = variantKeys(toggles, 'update', false);
  const variants = before.variants.map((v) => ({ id: v.id, fields: { ...v.fields } }));
  for (const v of e.variants) {
    const have = variants.find((x) => x.id === v.catalogVariantId);
    if (have) for (const k of keys) have.fields[k] = v[k];
    else if (on('variants', toggles, 'update')) variants.push(newVariant(v, ['sku', 'options', ...keys]));
  }
  for (const v of variants) if (!e.variants.some((x) => x.catalogVariantId === v.id)) v.fields.stock = 0;
  return {
    published: true,
    view: {
      product, variants,
      description: on('description', toggles, 'update') ? e.product.description : before.description,
      categoryPath: on('categories', toggles, 'update') ? e.categoryPath : before.categoryPath,
      images: on('images', toggles, 'update') ? e.images : before.images,
    },
  };
}
