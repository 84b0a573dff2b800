// Plan parts → Jumpseller write bodies (src/jumpseller/requests.ts). The one place that decides how a
// cleared value travels: API-NOTES says send `null` (unverified on live), so a field the catalog
// emptied is sent as null on update, and simply left out of a create (Jumpseller's default applies).
import type { JumpsellerCategoryId } from '../jumpseller/ids.js';
import type { ProductCreate, ProductWrite, VariantWrite } from '../jumpseller/requests.js';
import type { DesiredProductFields } from './payload-builder.js';
import type { CreateOps, VariantPatch } from './plan-types.js';

type Mode = 'create' | 'update';

function clean<T extends object>(o: T, mode: Mode): T {
  if (mode === 'update') return o;
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}

export function productBody(fields: Partial<DesiredProductFields>, categoryIds: JumpsellerCategoryId[] | null, mode: Mode): ProductWrite {
  const body = clean({ ...fields }, mode) as ProductWrite;
  if (categoryIds !== null) body.categories = categoryIds.map((id) => ({ id }));
  return body;
}

export function variantBody(patch: VariantPatch, mode: Mode): VariantWrite {
  const body = clean({ ...patch }, mode) as Record<string, unknown>;
  if (patch.options) body.options = patch.options.map((o) => ({ name: o.name, value: o.value }));
  return body as VariantWrite;
}

/** The create body with categories and variants inline (`variants: [{variant: …}]` on create, API-NOTES). */
export function createBody(ops: CreateOps, categoryIds: JumpsellerCategoryId[] | null): ProductCreate {
  const body = productBody(ops.product, categoryIds, 'create') as ProductCreate;
  if (ops.variants.length > 0) body.variants = ops.variants.map((v) => ({ variant: variantBody(v.body, 'create') }));
  return body;
}
