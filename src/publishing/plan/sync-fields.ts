// The field vocabulary of "Campos a sincronizar" (SPEC §4) and what each field covers of a desired
// product: one home for the settings page, the planner and the pushed-state fingerprints. Pure,
// and it imports only types, so settings/ depends on it without depending on publishing's logic.
import type { DesiredImage, DesiredProduct, DesiredProductFields, DesiredVariant } from './desired-product.js';

/** The "Campos a sincronizar" rows, in the order of SPEC §4, with their labels verbatim. */
export const FIELD_LABELS = {
  name: 'Nombre',
  description: 'Descripción',
  price: 'Precio',
  stock: 'Stock',
  sku: 'SKU',
  barcode: 'Código de barras',
  images: 'Imágenes',
  categories: 'Categoría',
  brand: 'Marca',
  dimensions: 'Peso y dimensiones',
  status: 'Estado',
  seo: 'Campos SEO',
  variants: 'Variantes (talla / color)',
} as const;
export type SyncField = keyof typeof FIELD_LABELS;
export const SYNC_FIELDS = Object.keys(FIELD_LABELS) as SyncField[];
/** Jumpseller refuses a create without these, so they are sent on create whatever the toggles say. */
export const ALWAYS_ON_CREATE: readonly SyncField[] = ['name', 'price'];

export interface FieldToggle { onCreate: boolean; onUpdate: boolean }
export type FieldToggles = Readonly<Record<SyncField, FieldToggle>>;

/** Product-level keys each field covers. */
export const PRODUCT_KEYS: Readonly<Record<SyncField, readonly (keyof DesiredProductFields)[]>> = {
  name: ['name'], description: ['description'], price: ['price', 'compare_at_price'], stock: ['stock'],
  sku: ['sku'], barcode: ['barcode'], images: [], categories: [], brand: ['brand'],
  dimensions: ['weight', 'length', 'width', 'height'], status: ['status'], seo: ['page_title', 'meta_description'],
  variants: [],
};
/** Variant-level keys each field covers (price, stock, SKU, barcode, and the options of "Variantes"). */
export const VARIANT_KEYS: Readonly<Record<SyncField, readonly (keyof DesiredVariant)[]>> = {
  name: [], description: [], price: ['price', 'compare_at_price'], stock: ['stock'], sku: ['sku'], barcode: ['barcode'],
  images: [], categories: [], brand: [], dimensions: [], status: [], seo: [], variants: ['options'],
};
export const VARIANT_FIELDS: readonly SyncField[] = SYNC_FIELDS.filter((f) => VARIANT_KEYS[f].length > 0);

/** The fields enabled for this mode; on create "name" and "price" are always on. */
export function enabledFields(toggles: FieldToggles, mode: 'create' | 'update'): SyncField[] {
  return SYNC_FIELDS.filter((f) =>
    mode === 'create' ? toggles[f].onCreate || ALWAYS_ON_CREATE.includes(f) : toggles[f].onUpdate);
}

/**
 * Product-level keys that mean nothing to Jumpseller for a product with variants: "when a product
 * has variants, stock and price live on each variant" (API-NOTES), so the product's summed stock is
 * never sent for one, and a variant's stock change costs one variant PUT, not a product PUT too.
 */
export function productKeysFor(desired: Pick<DesiredProduct, 'variants'>, field: SyncField): readonly (keyof DesiredProductFields)[] {
  return desired.variants.length > 0 && field === 'stock' ? [] : PRODUCT_KEYS[field];
}

export type SelectedVariant = Pick<DesiredVariant, 'catalogVariantId'> & Partial<DesiredVariant>;
export interface SelectedFields {
  product: Partial<DesiredProductFields>;
  categoryPath?: string[];
  variants?: SelectedVariant[];
  images?: DesiredImage[];
}

/**
 * The part of the desired state a create or an update sends. Variant-level price, stock, SKU and
 * barcode follow their own toggles; "Variantes" adds the options. To send only what changed,
 * pass toggles with the unchanged fields (per `fieldFingerprints`) switched off.
 */
export function selectFields(desired: DesiredProduct, toggles: FieldToggles, mode: 'create' | 'update'): SelectedFields {
  const fields = enabledFields(toggles, mode);
  const selected: SelectedFields = { product: {} };
  const product = selected.product as Record<string, unknown>;
  for (const f of fields) for (const k of PRODUCT_KEYS[f]) product[k] = desired.product[k];
  if (fields.includes('categories')) selected.categoryPath = [...desired.categoryPath];
  if (fields.includes('images')) selected.images = desired.images.map((i) => ({ ...i }));
  const variantKeys = fields.flatMap((f) => VARIANT_KEYS[f]);
  if (desired.variants.length > 0 && variantKeys.length > 0) {
    selected.variants = desired.variants.map((v) => {
      const out: Record<string, unknown> = { catalogVariantId: v.catalogVariantId };
      for (const k of variantKeys) out[k] = v[k];
      return out as SelectedVariant;
    });
  }
  return selected;
}
