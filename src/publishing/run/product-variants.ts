// The variant writes of one product's update (SPEC §4 "Variantes"): changed variants updated, new ones
// created once, removed ones set to stock 0 (the API cannot delete variants), and a variant the
// merchant deleted in the Jumpseller admin created again. Every new id is stored at once.
import type { CatalogProduct } from '../../catalog/model.js';
import { NotFoundError } from '../../jumpseller/errors.js';
import type { JumpsellerVariantId } from '../../jumpseller/ids.js';
import type { JumpsellerProduct } from '../../jumpseller/schemas.js';
import type { MappingState, ProductPlan } from '../plan/plan-types.js';
import { planProduct } from '../plan/planner.js';
import type { ProductRunDeps, Step } from './product-executor.js';
import { createVariantOnce, productGone } from './store-writes.js';
import { REMOVED_VARIANT_BODY, variantBody } from '../plan/to-api.js';

type Create = Extract<ProductPlan, { action: 'create' }>;
type Update = Extract<ProductPlan, { action: 'update' }>;

export async function syncVariants(deps: ProductRunDeps, plan: Update, product: CatalogProduct, mapping: MappingState, step: Step): Promise<void> {
  const id = plan.jumpsellerProductId;
  const { ops } = plan;
  step.name = 'actualizar variante';
  const known = new Set<number>(mapping.variants.values());
  for (const v of ops.variantUpdates) {
    try {
      await deps.api.updateVariant(id, v.jumpsellerVariantId, variantBody(v.patch, 'update', deps.ctx.currency));
    } catch (err) {
      if (!(err instanceof NotFoundError) || (await productGone(deps.api, id))) throw err;
      step.name = 'crear variante';
      const again = await recreateVariant(deps, product, mapping, v.catalogVariantId, known, err);
      known.delete(v.jumpsellerVariantId);
      known.add(again);
      step.name = 'actualizar variante';
    }
  }
  step.name = 'crear variante';
  for (const v of ops.variantCreates) {
    const created = await createVariantOnce(deps.api, id, v.body, known, deps.ctx.currency);
    known.add(created.id);
    await deps.mappings.saveVariant(deps.integration, plan.catalogProductId, v.catalogVariantId, created.id as JumpsellerVariantId);
  }
  step.name = 'actualizar variante';
  for (const v of ops.variantRemovals) {
    try {
      await deps.api.updateVariant(id, v.jumpsellerVariantId, { ...REMOVED_VARIANT_BODY });
    } catch (err) {
      // Gone from the catalog and deleted in the store as well: nothing left to put at stock 0.
      if (!(err instanceof NotFoundError) || (await productGone(deps.api, id))) throw err;
    }
  }
}

/**
 * A mapped variant whose update answered 404 while its product is still there: the merchant deleted it
 * in the Jumpseller admin (the API cannot). It is created again with the body the planner gives a new
 * variant (its options, SKU and the fields enabled "Al actualizar") and the mapping points at it; the
 * plan's fingerprints then hold. When "Variantes" is not enabled on update, the 404 is the failure.
 */
async function recreateVariant(
  deps: ProductRunDeps, product: CatalogProduct, mapping: MappingState, catalogVariantId: string, known: ReadonlySet<number>, notFound: NotFoundError,
): Promise<JumpsellerVariantId> {
  const variants = new Map(mapping.variants);
  variants.delete(catalogVariantId);
  const replanned = planProduct(product, { ...mapping, variants }, deps.ctx);
  const body = replanned.action === 'update' ? replanned.ops.variantCreates.find((c) => c.catalogVariantId === catalogVariantId)?.body : undefined;
  if (!body) throw notFound;
  const created = await createVariantOnce(deps.api, mapping.jumpsellerProductId, body, known, deps.ctx.currency);
  await deps.mappings.saveVariant(deps.integration, product.id, catalogVariantId, created.id as JumpsellerVariantId);
  return created.id as JumpsellerVariantId;
}

/** Variants of a fresh create, paired with ours by SKU (by order when the answer lacks SKUs). */
export function pairVariants(plan: Create, created: JumpsellerProduct): Map<string, JumpsellerVariantId> {
  const out = new Map<string, JumpsellerVariantId>();
  const theirs = created.variants ?? [];
  plan.ops.variants.forEach((v, i) => {
    const match = theirs.find((t) => t.sku !== null && t.sku !== undefined && t.sku === v.body.sku) ?? theirs[i];
    if (match) out.set(v.catalogVariantId, match.id);
  });
  return out;
}
