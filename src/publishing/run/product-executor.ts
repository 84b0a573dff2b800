// Executes one product's plan through the Jumpseller client (SPEC §7.2, §7.3). Every id the store
// hands back is stored before the next call, and the fingerprints only once all of the product's
// writes succeeded, so a crash at any point resumes without duplicating anything: the next plan
// sees exactly what is left. A failure of this product is returned as a value, never thrown,
// except those that stop the whole run (revoked authorization, a rate-limit ban).
import type { CatalogProduct } from '../../catalog/model.js';
import type { IntegrationId } from '../../company/model.js';
import { AmbiguousCreateError, AuthRevokedError, BannedError, NotFoundError } from '../../jumpseller/errors.js';
import type { JumpsellerProductId } from '../../jumpseller/ids.js';
import type { JumpsellerProduct } from '../../jumpseller/schemas.js';
import { adoptedMapping, isSlim, type SkuDirectory } from './adoption.js';
import { duplicateSkuMessage } from '../plan/duplicate-skus.js';
import type { CategoryResolver } from './category-resolver.js';
import type { MappingRepository, PendingCreate, ProductOutcome, StoredMapping } from '../storage/mapping-repository.js';
import type { MappingState, PlanContext, ProductPlan } from '../plan/plan-types.js';
import { planProduct, pushedAfterCreate } from '../plan/planner.js';
import type { StoreApi } from './ports.js';
import type { RunId } from '../run-model.js';
import { describeFailure, productGone } from './store-writes.js';
import { adoptable, unconfirmedCreate } from './create-lookup.js';
import { pairVariants, syncVariants } from './product-variants.js';
import { reconcileImages, uploadImages, withoutImages } from './image-sync.js';
import { createBody, productBody, UNPUBLISH_BODY } from '../plan/to-api.js';
import { pushedUnknown, trimToStore } from '../plan/store-diff.js';

export interface ProductRunDeps {
  api: StoreApi;
  mappings: MappingRepository;
  categories: CategoryResolver;
  skus: SkuDirectory;
  integration: IntegrationId;
  runId: RunId;
  ctx: PlanContext;
}

/** `skipped`: excluded or paused and not (or no longer) in the store — nothing to publish, not "sin cambios". */
export type ProductResult = { outcome: ProductOutcome | 'skipped' } | { outcome: 'failed'; operation: string; message: string };

type Create = Extract<ProductPlan, { action: 'create' }>;
type Update = Extract<ProductPlan, { action: 'update' }>;
/** Which operation is under way, for the error line ("crear", "subir imagen"…). */
export interface Step { name: string }

const INVALID: Record<Exclude<Extract<ProductPlan, { action: 'invalid' }>['reason'], 'DUPLICATE_SKU'>, string> = {
  NO_NORMAL_PRICE: 'El producto no tiene precio normal (mayor que cero): no se publica.',
  PRICE_OUT_OF_RANGE: 'El precio del producto está fuera de rango: no se publica.',
};

/** Why an invalid plan is not published, as its error line says it. */
export function invalidMessage(plan: Extract<ProductPlan, { action: 'invalid' }>): string {
  return plan.reason === 'DUPLICATE_SKU' ? duplicateSkuMessage(plan.duplicate) : INVALID[plan.reason];
}

export async function runProductPlan(
  deps: ProductRunDeps, plan: ProductPlan, product: CatalogProduct | null, mapping: StoredMapping | undefined,
): Promise<ProductResult> {
  const step: Step = { name: 'sincronizar' };
  try {
    switch (plan.action) {
      case 'none':
        // Done by this very run before a crash: count it as what it was.
        if (mapping?.lastRunId === deps.runId && mapping.lastOutcome) return { outcome: mapping.lastOutcome };
        return { outcome: plan.why === 'unchanged' ? 'unchanged' : 'skipped' };
      case 'invalid':
        if (plan.unpublish !== null) {
          step.name = 'despublicar';
          await unpublish(deps, plan.catalogProductId, plan.unpublish, mapping!);
        }
        return { outcome: 'failed', operation: 'validar', message: invalidMessage(plan) };
      case 'create':
        return { outcome: await create(deps, plan, product!, step, false) };
      case 'update':
        return { outcome: await update(deps, plan, product!, mapping!, step, false) };
      case 'unpublish':
        step.name = 'despublicar';
        await unpublish(deps, plan.catalogProductId, plan.jumpsellerProductId, mapping!);
        return { outcome: 'unpublished' };
      case 'delete':
        step.name = 'eliminar';
        await deps.api.deleteProduct(plan.jumpsellerProductId); // "not found" is as good as deleted
        await deps.mappings.remove(deps.integration, plan.catalogProductId);
        return { outcome: 'unpublished' };
    }
  } catch (err) {
    if (err instanceof AuthRevokedError || err instanceof BannedError) throw err;
    return { outcome: 'failed', operation: step.name, message: describeFailure(err) };
  }
}

/** `status: disabled`, and the mapping remembers it (so the product can be republished later). */
async function unpublish(
  deps: ProductRunDeps, catalogProductId: CatalogProduct['id'], id: JumpsellerProductId, mapping: StoredMapping,
): Promise<void> {
  try {
    await deps.api.updateProduct(id, { ...UNPUBLISH_BODY });
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    await deps.mappings.remove(deps.integration, catalogProductId); // already gone from the store
    return;
  }
  await deps.mappings.saveProduct(deps.integration, catalogProductId, {
    jumpsellerProductId: id, published: false, pushed: mapping.pushed, runId: deps.runId, outcome: 'unpublished',
  });
}

async function create(deps: ProductRunDeps, plan: Create, product: CatalogProduct, step: Step, recreating: boolean): Promise<ProductOutcome> {
  const sku = plan.adoptSku;
  if (sku !== null) {
    step.name = 'buscar SKU';
    // A recreate must not trust the run-start listing: the product it lists may be the one just found gone.
    const found = await adoptable(deps, recreating ? await deps.skus.findFresh(sku) : await deps.skus.find(sku));
    if (found) return adopt(deps, plan, found, product, step);
  }
  step.name = 'crear categoría';
  const categories = plan.ops.categoryPath ? await deps.categories.resolve(plan.ops.categoryPath) : null;
  const body = createBody(plan.ops, categories, deps.ctx.currency);
  // After an unknown outcome the store is searched for what was sent: its SKU, or — a body without
  // any ("SKU" off on create, or none in the catalog) — its name and price, recorded before the POST
  // so that no later attempt, run or resumed worker creates it again without looking (docs/adr/0007).
  const sentSku = body.sku || body.variants?.find((v) => v.variant.sku)?.variant.sku || null;
  let pending: PendingCreate | null = null;
  if (sentSku === null) {
    step.name = 'buscar por nombre';
    const earlier = await deps.mappings.pendingCreate(deps.integration, plan.catalogProductId);
    const found = earlier ? await unconfirmedCreate(deps, earlier) : undefined;
    if (found) return adopt(deps, plan, found, product, step);
    pending = await deps.mappings.markPendingCreate(deps.integration, plan.catalogProductId, { name: body.name, price: plan.ops.product.price });
  }
  step.name = 'crear';
  let created: JumpsellerProduct | undefined;
  for (let attempt = 1; !created; attempt++) {
    try {
      created = await deps.api.createProduct(body);
    } catch (err) {
      // Never retry a create blindly (SPEC §7.3): it may have happened. Look first.
      if (!(err instanceof AmbiguousCreateError) || attempt >= 3) throw err;
      step.name = pending ? 'buscar por nombre' : 'buscar SKU';
      const found = pending ? await unconfirmedCreate(deps, pending) : await adoptable(deps, await deps.skus.findFresh(sentSku!));
      if (found) return adopt(deps, plan, found, product, step);
      step.name = 'crear';
    }
  }
  const id = created.id as JumpsellerProductId;
  const variants = pairVariants(plan, created);
  const next = pushedAfterCreate(plan, deps.ctx);
  const variant = Object.fromEntries(Object.entries(next.variant).filter(([cv]) => variants.has(cv)));
  const partial = { ...next, all: null, inputs: null, variant };
  // Stored before the images: from here on, a crash can only leave images to upload, never a duplicate.
  await deps.mappings.saveWithVariants(deps.integration, plan.catalogProductId, {
    jumpsellerProductId: id, published: true, pushed: withoutImages(partial), runId: deps.runId, outcome: 'created',
  }, variants);
  step.name = 'subir imagen';
  await uploadImages(deps, plan.catalogProductId, id, plan.ops.images, []);
  const complete = variants.size === plan.ops.variants.length;
  await deps.mappings.saveProduct(deps.integration, plan.catalogProductId, {
    jumpsellerProductId: id, published: true, pushed: complete ? next : partial, runId: deps.runId, outcome: 'created',
  });
  return 'created';
}

async function adopt(deps: ProductRunDeps, plan: Create, found: JumpsellerProduct, product: CatalogProduct, step: Step): Promise<ProductOutcome> {
  step.name = 'adoptar';
  // What the store holds decides what is sent (store-diff.ts): a run-start listing keeps only ids
  // and SKUs, so such a match is read in full; a search answer already is the product's JSON.
  const store = isSlim(found) ? await deps.api.getProduct(found.id as JumpsellerProductId) : found;
  const mapping = adoptedMapping(store, plan.desired);
  await deps.mappings.saveWithVariants(deps.integration, plan.catalogProductId, {
    jumpsellerProductId: mapping.jumpsellerProductId, published: mapping.published, pushed: mapping.pushed, runId: deps.runId, outcome: 'updated',
  }, mapping.variants, mapping.images);
  const next = planProduct(product, mapping, deps.ctx);
  if (next.action !== 'update') return 'updated';
  return update(deps, next, product, mapping, step, true, store);
}

async function update(
  deps: ProductRunDeps, planned: Update, product: CatalogProduct, known: MappingState, step: Step, fresh: boolean,
  storeJson?: JumpsellerProduct,
): Promise<ProductOutcome> {
  const id = planned.jumpsellerProductId;
  const { integration } = deps;
  let plan = planned;
  let mapping = known;
  try {
    const imageWrites = (p: Update) => p.ops.imageAdds.length + p.ops.imageRemovals.length > 0;
    // An adopted product's images were just read from the store; otherwise unknown images mean an
    // interrupted upload: look before writing.
    if (imageWrites(plan) && mapping.pushed.images === null && !fresh) {
      step.name = 'revisar imágenes';
      const again = await reconcileImages(deps, product, mapping, plan.ops.imageAdds);
      if (again.plan.action !== 'update') return 'updated';
      plan = again.plan;
      mapping = again.mapping;
    }
    if (pushedUnknown(mapping.pushed)) {
      // Adopted or resumed with nothing known of what was pushed: send only what the store does not
      // hold yet (SPEC §7.6), read back from the store unless the adoption just did.
      step.name = 'leer producto';
      const held = storeJson ?? await deps.api.getProduct(id);
      step.name = 'crear categoría';
      const categoryIds = plan.ops.categoryPath ? await deps.categories.resolve(plan.ops.categoryPath) : null;
      plan = trimToStore(plan, held, categoryIds, deps.ctx.currency);
    }
    const ops = plan.ops;
    if (Object.keys(ops.product).length > 0 || ops.categoryPath !== null) {
      step.name = 'crear categoría';
      const categories = ops.categoryPath ? await deps.categories.resolve(ops.categoryPath) : null;
      step.name = 'actualizar';
      await deps.api.updateProduct(id, productBody(ops.product, categories, 'update', deps.ctx.currency));
    }
    await syncVariants(deps, plan, product, mapping, step);
    if (imageWrites(plan) && mapping.pushed.images !== null) {
      await deps.mappings.saveProduct(integration, plan.catalogProductId, {
        jumpsellerProductId: id, published: mapping.published, pushed: withoutImages(mapping.pushed), runId: deps.runId, outcome: 'updated',
      });
    }
    step.name = 'eliminar imagen';
    for (const img of ops.imageRemovals) {
      await deps.api.deleteImage(id, img.jumpsellerImageId);
      await deps.mappings.removeImage(integration, plan.catalogProductId, img.jumpsellerImageId);
    }
    step.name = 'subir imagen';
    const removed = new Set(ops.imageRemovals.map((i) => i.jumpsellerImageId));
    await uploadImages(deps, plan.catalogProductId, id, ops.imageAdds, mapping.images.map((i) => i.jumpsellerImageId).filter((i) => !removed.has(i)));
  } catch (err) {
    // §7.2: a mapped product deleted in Jumpseller is created again (once: a loop would be a bug).
    if (!(err instanceof NotFoundError) || fresh || !(await productGone(deps.api, id))) throw err;
    await deps.mappings.remove(integration, plan.catalogProductId);
    const again = planProduct(product, undefined, deps.ctx);
    if (again.action !== 'create') return 'unchanged';
    return create(deps, again, product, step, true);
  }
  await deps.mappings.saveProduct(integration, plan.catalogProductId, {
    jumpsellerProductId: id, published: true, pushed: plan.next, runId: deps.runId, outcome: 'updated',
  });
  return 'updated';
}
