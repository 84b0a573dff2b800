// What was last pushed to Jumpseller for one product, as fingerprints (SPEC §7.1): stored in
// sync_product_mappings.fingerprints and compared with the desired state by the planner. Pure.
// The field and variant fingerprints are exactly `fieldFingerprints` (desired-fingerprints.ts); on
// top of them the product-level part of each field is kept, so a change that lives only in a
// variant (its stock, say) does not cost a product PUT as well.
import type { DesiredState } from './desired-fingerprints.js';
import { SYNC_FIELDS, type SyncField } from './sync-fields.js';

export { desiredState, wholeFingerprint, type DesiredState } from './desired-fingerprints.js';

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
