// What was last pushed to Jumpseller for one product, as fingerprints (SPEC §7.1): stored in
// sync_product_mappings.fingerprints and compared with the desired state by the planner. Pure.
// The field and variant fingerprints are exactly `fieldFingerprints` of the payload builder; on
// top of them the product-level part of each field is kept, so a change that lives only in a
// variant (its stock, say) does not cost a product PUT as well.
import { catalogVariantId } from '../catalog/model.js';
import {
  fieldFingerprints, fingerprint, selectFields, SYNC_FIELDS,
  type DesiredProduct, type DesiredProductFields, type FieldToggles, type SyncField,
} from './payload-builder.js';

export interface PushedState {
  v: 1;
  /** Fingerprint of the whole desired product when every field was pushed: the cheap no-change test. */
  all: string | null;
  /** `inputsKey` (planner.ts) of the catalog product when `all` was recorded: a no-change test without building. */
  inputs?: string | null;
  /** `fieldFingerprints().fields` of what was sent; a field never sent is absent (unknown in the store). */
  fields: Partial<Record<SyncField, string>>;
  /** Product-level part of each field (no variants). */
  product: Partial<Record<SyncField, string>>;
  /** Per catalog variant id: `fieldFingerprints().variant`, or REMOVED_VARIANT once set to stock 0. */
  variant: Record<string, string>;
  /** `fieldFingerprints().images` of the images in the store. */
  images: string | null;
  /** SKU and name when last pushed: what a run reports about a product that left the catalog. */
  sku?: string | null;
  name?: string;
}

/** A variant gone from the catalog whose Jumpseller variant was set to stock 0 (the API cannot delete it). */
export const REMOVED_VARIANT = 'removed';

/** Nothing known: an adopted product, or a mapping whose fingerprints were lost. Everything is pushed. */
export const UNKNOWN_STATE: PushedState = Object.freeze({ v: 1, all: null, inputs: null, fields: {}, product: {}, variant: {}, images: null }) as PushedState;

export function parsePushedState(raw: unknown): PushedState {
  const s = raw as Partial<PushedState> | null;
  if (!s || s.v !== 1) return UNKNOWN_STATE;
  return {
    v: 1, all: s.all ?? null, inputs: s.inputs ?? null, fields: s.fields ?? {}, product: s.product ?? {}, variant: s.variant ?? {}, images: s.images ?? null,
    sku: s.sku ?? null, name: s.name ?? '',
  };
}

const ONLY: Record<SyncField, FieldToggles> = Object.fromEntries(
  SYNC_FIELDS.map((f) => [f, Object.fromEntries(SYNC_FIELDS.map((g) => [g, { onCreate: false, onUpdate: g === f }]))]),
) as Record<SyncField, FieldToggles>;

// A product with one variant, only to ask the builder which keys each field covers.
const PLACEHOLDER: DesiredProduct = {
  product: {
    name: '', description: '', price: 0, compare_at_price: null, stock: 0, sku: null, barcode: null, brand: null,
    weight: null, length: null, width: null, height: null, status: 'available', page_title: null, meta_description: null,
  },
  categoryPath: [], images: [],
  variants: [{ catalogVariantId: catalogVariantId('v'), sku: '', barcode: null, price: 0, compare_at_price: null, stock: 0, options: [] }],
};

/**
 * Product-level keys of each field, asked of the payload builder once (its rules, not a copy):
 * selecting a single field on a placeholder product yields exactly the keys that field covers.
 */
export const PRODUCT_KEYS_OF: Readonly<Record<SyncField, readonly (keyof DesiredProductFields)[]>> = (() => {
  return Object.fromEntries(SYNC_FIELDS.map((f) => [f, Object.keys(selectFields(PLACEHOLDER, ONLY[f], 'update').product)])) as
    Record<SyncField, (keyof DesiredProductFields)[]>;
})();

/** Variant-level keys of each field (price, stock, SKU, barcode, and the options of "Variantes"). */
export const VARIANT_KEYS_OF: Readonly<Record<SyncField, readonly string[]>> = (() => {
  return Object.fromEntries(SYNC_FIELDS.map((f) => {
    const v = selectFields(PLACEHOLDER, ONLY[f], 'update').variants?.[0] ?? {};
    return [f, Object.keys(v).filter((k) => k !== 'catalogVariantId')];
  })) as Record<SyncField, string[]>;
})();
export const VARIANT_FIELDS: readonly SyncField[] = SYNC_FIELDS.filter((f) => VARIANT_KEYS_OF[f].length > 0);

/**
 * Product-level keys that mean nothing to Jumpseller for a product with variants: "when a product
 * has variants, stock and price live on each variant" (API-NOTES), so the product's summed stock is
 * never sent for one, and a variant's stock change costs one variant PUT, not a product PUT too.
 */
export function productKeysFor(desired: DesiredProduct, field: SyncField): readonly (keyof DesiredProductFields)[] {
  const keys = PRODUCT_KEYS_OF[field];
  return desired.variants.length > 0 && field === 'stock' ? [] : keys;
}

export function productPart(desired: DesiredProduct, field: SyncField): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of productKeysFor(desired, field)) out[k] = desired.product[k];
  return out;
}

/** Every fingerprint of a desired product, as the planner compares and the mapping stores them. */
export interface DesiredState {
  all: string;
  fields: Record<SyncField, string>;
  product: Record<SyncField, string>;
  variant: Record<string, string>;
  images: string;
}

export function desiredState(desired: DesiredProduct): DesiredState {
  const f = fieldFingerprints(desired);
  const product = {} as Record<SyncField, string>;
  for (const field of SYNC_FIELDS) product[field] = fingerprint(productPart(desired, field));
  return { all: wholeFingerprint(desired), fields: f.fields, product, variant: f.variant, images: f.images };
}

export function wholeFingerprint(desired: DesiredProduct): string {
  return fingerprint(desired);
}

/** The state after pushing every field: what a create with all fields, or a full update, leaves. */
export function fullyPushed(d: DesiredState): PushedState {
  return { v: 1, all: d.all, inputs: null, fields: { ...d.fields }, product: { ...d.product }, variant: { ...d.variant }, images: d.images };
}

/** Every field, every variant and the images as desired: the store holds exactly this product. */
export function inSync(p: PushedState, d: DesiredState): boolean {
  for (const f of SYNC_FIELDS) if (p.fields[f] !== d.fields[f] || p.product[f] !== d.product[f]) return false;
  if (p.images !== d.images) return false;
  for (const [id, fp] of Object.entries(d.variant)) if (p.variant[id] !== fp) return false;
  return true;
}
