// The update half of the planner: only fields enabled "Al actualizar" whose fingerprint differs from
// the last push, only the variants that changed, images by the longest unchanged prefix. Pure.
import type { CatalogProduct } from '../../catalog/model.js';
import type { DesiredProduct, DesiredVariant } from './desired-product.js';
import type { MappingState, PlanContext, ProductPlan, UpdateOps, VariantPatch } from './plan-types.js';
import { inSync, REMOVED_VARIANT, type DesiredState, type PushedState } from './pushed-state.js';
import { enabledFields, productKeysFor, VARIANT_FIELDS, VARIANT_KEYS, type SyncField } from './sync-fields.js';

type Base = { catalogProductId: CatalogProduct['id']; sku: string | null; name: string; writes: number };

const pick = (v: DesiredVariant, keys: Iterable<string>): VariantPatch =>
  Object.fromEntries([...keys].map((k) => [k, v[k as keyof DesiredVariant]])) as VariantPatch;

export function planUpdate(
  desired: DesiredProduct, state: DesiredState, mapping: MappingState, ctx: PlanContext, base: Base, inputs: string | null,
): ProductPlan {
  const enabled = new Set<SyncField>(enabledFields(ctx.toggles, 'update'));
  const pushed = mapping.pushed;
  const next: PushedState = {
    ...pushed, sku: base.sku, name: base.name, fields: { ...pushed.fields }, product: { ...pushed.product }, variant: {},
  };
  const ops: UpdateOps = {
    product: {}, categoryPath: null, variantUpdates: [], variantCreates: [], variantRemovals: [], imageRemovals: [], imageAdds: [],
  };
  const product = ops.product as Record<string, unknown>;
  const changed = new Set<SyncField>();
  for (const f of enabled) {
    if (pushed.product[f] !== state.product[f]) for (const k of productKeysFor(desired, f)) product[k] = desired.product[k];
    if (pushed.fields[f] !== state.fields[f]) changed.add(f);
    next.product[f] = state.product[f];
    next.fields[f] = state.fields[f];
  }
  if (changed.has('categories')) ops.categoryPath = [...desired.categoryPath];
  const republish = !mapping.published;
  // The app unpublished it (§6); publishing it again is the app's to undo, whatever "Estado" says.
  if (republish) product.status = 'available';

  planVariants(desired, state, mapping, enabled, changed, ops, next);

  // The group fingerprint is cleared while a create's images are still uploading: that counts too.
  if (enabled.has('images') && (changed.has('images') || pushed.images !== state.images)) {
    // Keep the longest prefix already in the store in the same order; replace the rest. An append
    // costs one call per new image, a reorder or a removal only what follows it.
    const have = mapping.images;
    let k = 0;
    while (k < have.length && k < desired.images.length && have[k]!.fingerprint === desired.images[k]!.fingerprint) k++;
    ops.imageRemovals = have.slice(k);
    ops.imageAdds = desired.images.slice(k);
    next.images = state.images;
    next.fields.images = state.fields.images;
  }

  const productPut = Object.keys(product).length > 0 || ops.categoryPath !== null ? 1 : 0;
  const writes = productPut + ops.variantUpdates.length + ops.variantCreates.length + ops.variantRemovals.length
    + ops.imageRemovals.length + ops.imageAdds.length;
  if (writes === 0) return { ...base, action: 'none', why: 'unchanged' };
  const complete = inSync(next, state);
  next.all = complete ? state.all : null;
  next.inputs = complete ? inputs : null;
  return { ...base, action: 'update', jumpsellerProductId: mapping.jumpsellerProductId, republish, ops, next, writes };
}

function planVariants(
  desired: DesiredProduct, state: DesiredState, mapping: MappingState, enabled: ReadonlySet<SyncField>,
  changed: ReadonlySet<SyncField>, ops: UpdateOps, next: PushedState,
): void {
  const pushed = mapping.pushed;
  const enabledKeys = VARIANT_FIELDS.filter((f) => enabled.has(f)).flatMap((f) => VARIANT_KEYS[f]);
  const changedKeys = VARIANT_FIELDS.filter((f) => changed.has(f)).flatMap((f) => VARIANT_KEYS[f]);
  // A variant's fingerprint covers all its fields; it is recorded only when all of them are pushed,
  // so a field switched on later is still seen as different.
  const complete = VARIANT_FIELDS.every((f) => enabled.has(f));
  const wanted = new Set<string>();
  for (const v of desired.variants) {
    const id = v.catalogVariantId;
    wanted.add(id);
    const fp = state.variant[id]!;
    const jumpsellerVariantId = mapping.variants.get(id);
    if (jumpsellerVariantId === undefined) {
      // A new variant is structure ("Variantes"): created with its options and SKU.
      if (enabled.has('variants')) {
        ops.variantCreates.push({ catalogVariantId: id, body: pick(v, new Set(['sku', 'options', ...enabledKeys])) });
        if (complete) next.variant[id] = fp;
      }
      continue;
    }
    const before = pushed.variant[id];
    if (before === fp) {
      next.variant[id] = fp;
      continue;
    }
    // Unknown (adopted) or back from removal: every enabled field; otherwise only what changed.
    const keys = before === undefined || before === REMOVED_VARIANT ? enabledKeys : changedKeys;
    if (keys.length > 0) ops.variantUpdates.push({ catalogVariantId: id, jumpsellerVariantId, patch: pick(v, keys) });
    if (complete) next.variant[id] = fp;
    else if (before !== undefined) next.variant[id] = before;
  }
  for (const [id, jumpsellerVariantId] of mapping.variants) {
    if (wanted.has(id)) continue;
    if (pushed.variant[id] !== REMOVED_VARIANT) ops.variantRemovals.push({ catalogVariantId: id, jumpsellerVariantId });
    next.variant[id] = REMOVED_VARIANT;
  }
}
