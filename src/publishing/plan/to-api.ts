// Plan parts → Jumpseller write bodies (src/jumpseller/requests.ts). The one place that decides how a
// value the catalog does not have travels (SPEC §7.6, docs/adr/0011-clearing-values-and-the-official-schema.md):
// never as `null` — the official write schemas type every field number/string/boolean, none nullable.
//   - text (description, SEO, SKU, barcode, brand): the empty string, on update; left out of a create
//     (Jumpseller's default is already empty);
//   - compare_at_price: `0` on update ("no compare-at price"); left out of a create (default none);
//   - weight and dimensions: `0`, on create and on update — Jumpseller's default weight is 1, a value
//     the catalog never said, and a created product must equal an adopted or updated one;
//   - stock: every create carries one, `0` when "Stock" is not checked "Al crear" — Jumpseller's
//     default of 100 would be units nobody has (SPEC §4 "never Jumpseller's default of 100").
// It is also the one place where money leaves minor units (docs/adr/0002-money-in-minor-units.md): plans
// carry integers of the store currency; the body gets the API's decimal (`toApiDecimal`).
import type { JumpsellerCategoryId } from '../../jumpseller/ids.js';
import type { ProductCreate, ProductWrite, VariantWrite } from '../../jumpseller/requests.js';
import { apiAmount, MONEY_KEYS, type DesiredProductFields } from './desired-product.js';
import type { CreateOps, VariantPatch } from './plan-types.js';

type Mode = 'create' | 'update';

/** What "no value" is on Jumpseller for each field the catalog may leave empty. */
export const CLEARED: Readonly<Record<string, '' | 0>> = {
  description: '', page_title: '', meta_description: '', sku: '', barcode: '', brand: '',
  compare_at_price: 0, weight: 0, length: 0, width: 0, height: 0,
};
/** Cleared on create too: Jumpseller's own default would be a value the catalog did not give. */
const CLEARED_ON_CREATE = new Set(['weight', 'length', 'width', 'height']);

/** The value to send for `key`, or undefined to leave it out; amounts (minor units of `currency`) as decimals. */
export function wireValue(key: string, value: unknown, mode: Mode, currency: string): unknown {
  if (typeof value === 'number' && MONEY_KEYS.has(key)) return apiAmount(value, currency);
  if (value !== null && value !== undefined) return value;
  if (value === undefined || !(key in CLEARED)) return undefined;
  return mode === 'update' || CLEARED_ON_CREATE.has(key) ? CLEARED[key] : undefined;
}

function wire<T extends object>(o: T, mode: Mode, currency: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    const sent = wireValue(k, v, mode, currency);
    if (sent !== undefined) out[k] = sent;
  }
  return out;
}

export function productBody(fields: Partial<DesiredProductFields>, categoryIds: JumpsellerCategoryId[] | null, mode: Mode, currency: string): ProductWrite {
  const body = wire(fields, mode, currency) as ProductWrite;
  if (categoryIds !== null) body.categories = categoryIds.map((id) => ({ id }));
  return body;
}

export function variantBody(patch: VariantPatch, mode: Mode, currency: string): VariantWrite {
  const { options, ...rest } = patch;
  const body = wire(rest, mode, currency) as VariantWrite;
  if (mode === 'create') body.stock ??= 0;
  if (options) body.options = options.map((o) => ({ name: o.name, value: o.value }));
  return body;
}

/** Unpublishing (SPEC §6): the product stays, disabled. */
export const UNPUBLISH_BODY: Readonly<ProductWrite> = Object.freeze({ status: 'disabled' });
/** A variant gone from the catalog: stock 0 (the API cannot delete variants, SPEC §4). */
export const REMOVED_VARIANT_BODY: Readonly<VariantWrite> = Object.freeze({ stock: 0 });

/** The create body with categories and variants inline (`variants: [{variant: …}]` on create, API-NOTES). */
export function createBody(ops: CreateOps, categoryIds: JumpsellerCategoryId[] | null, currency: string): ProductCreate {
  const body = productBody(ops.product, categoryIds, 'create', currency) as ProductCreate;
  if (ops.variants.length > 0) body.variants = ops.variants.map((v) => ({ variant: variantBody(v.body, 'create', currency) }));
  else body.stock ??= 0; // a product with variants keeps its stock on each
  return body;
}
