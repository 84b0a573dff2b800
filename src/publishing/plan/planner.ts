// SPEC §7.1 "Plan, then act": per catalog product, the state Jumpseller should have (§4 fields per
// the create/update toggles, §5 prices at `now`, §6 exclusions) against the fingerprints of what
// was last pushed → the writes that close the gap, and nothing else. Pure: no I/O, no clock.
// A re-run with nothing changed plans zero writes; a page of products is planned at a time, so
// memory stays bounded whatever the catalog size (docs/adr/0007-sync-planning.md).
import { productContentHash } from '../../catalog/content-hash.js';
import type { CatalogProduct } from '../../catalog/model.js';
import { offerWindowOpen } from '../../pricing/price-rules.js';
import type { DesiredProduct } from './desired-product.js';
import { desiredState, wholeFingerprint } from './desired-fingerprints.js';
import { buildDesiredProduct } from './payload-builder.js';
import { fingerprint } from './payload-fingerprint.js';
import { enabledFields, productKeysFor, VARIANT_FIELDS, VARIANT_KEYS, type SyncField } from './sync-fields.js';
import { planUpdate } from './plan-update.js';
import { parseWeightUnit } from './store-units.js';
import type { CreateOps, MappingState, PlanContext, ProductPlan, RemovalReason, VariantPatch } from './plan-types.js';
import { inSync, type PushedState } from './pushed-state.js';

export type { MappingState, PlanContext, ProductPlan } from './plan-types.js';

/** The SKU a store product would carry for this product: the product's, else its first variant's. */
export function identitySku(desired: DesiredProduct): string | null {
  return desired.product.sku ?? desired.variants[0]?.sku ?? null;
}

export function planProduct(product: CatalogProduct, mapping: MappingState | undefined, ctx: PlanContext): ProductPlan {
  const base = { catalogProductId: product.id, sku: product.sku, name: product.name, writes: 0 };
  const exclusion = ctx.isExcluded(product);
  if (exclusion.excluded) {
    if (!mapping) return { ...base, action: 'none', why: 'excluded' };
    return planGone(mapping, ctx, exclusion.reason, base);
  }
  // Another catalog product keeps its SKU (duplicate-skus.ts): reported, never published — before the
  // fast path, so a duplicate this app had published is taken down too (like an unpriceable product).
  const duplicate = ctx.duplicates?.get(product.id);
  if (duplicate) {
    const unpublish = mapping?.published ? mapping.jumpsellerProductId : null;
    return { ...base, action: 'invalid', reason: 'DUPLICATE_SKU', duplicate, catalogVariantId: null, unpublish, writes: unpublish === null ? 0 : 1 };
  }
  // The common case of a resync: the same inputs as when everything was last pushed in sync. One
  // hash of the catalog row, no payload built (docs/adr/0007-sync-planning.md).
  const inputs = inputsKey(product, ctx);
  const synced = mapping?.published && mapping.pushed.all !== null;
  if (synced && inputs !== null && mapping!.pushed.inputs === inputs) return { ...base, action: 'none', why: 'unchanged' };
  const built = buildDesiredProduct(product, ctx);
  if (!built.ok) {
    // §5: "it must be > 0, else the product is not published and the run reports it". A product
    // published earlier is taken down too (republished by the update path once it has a price).
    const unpublish = mapping?.published ? mapping.jumpsellerProductId : null;
    return { ...base, action: 'invalid', reason: built.reason, catalogVariantId: built.catalogVariantId, unpublish, writes: unpublish === null ? 0 : 1 };
  }
  const desired = built.desired;
  const label = { ...base, sku: identitySku(desired) };
  // Inputs changed (a brand renamed, rules edited) but not the payload: still nothing to write.
  if (synced && mapping!.pushed.all === wholeFingerprint(desired)) return { ...label, action: 'none', why: 'unchanged' };
  if (!mapping) return planCreate(desired, ctx, label, inputs);
  return planUpdate(desired, desiredState(desired), mapping, ctx, label, inputs);
}

/**
 * Everything the desired state is a function of, as one key: the catalog row (its content hash),
 * the run's context (rules, currency, weight unit, reference names: `contextKey`) and whether the offer window
 * is open at `now` — the only way the clock enters §5. null when the context has no key.
 */
export function inputsKey(product: CatalogProduct, ctx: PlanContext): string | null {
  if (!ctx.contextKey) return null;
  const window = offerWindowOpen(product.saleStart, product.saleEnd, ctx.now) ? 1 : 0;
  return `${productContentHash(product)}.${ctx.contextKey}.${window}`;
}

/** The per-run part of `inputsKey`: computed once per run, not per product. */
export function contextKey(ctx: Pick<PlanContext, 'rules' | 'currency' | 'references' | 'weightUnit'>): string {
  const { brands, categories } = ctx.references;
  // The weight unit enters only when it changes something: a kg store (every store linked before the
  // unit was kept) keeps the key it had, so its resync stays on the fast path.
  const unit = parseWeightUnit(ctx.weightUnit);
  return fingerprint({
    rules: ctx.rules, currency: ctx.currency, ...(unit !== null && unit !== 'kg' ? { weightUnit: unit } : {}),
    brands: [...brands.values()].map((b) => [b.id, b.name]).sort(),
    categories: [...categories.values()].map((c) => [c.id, c.name, c.parentId]).sort(),
  }).slice(0, 16);
}

/**
 * What the mapping records once a create succeeded. Computed by the executor after the fact, not
 * when planning: hashing every field of 100 000 new products would dominate a first run's plan.
 */
export function pushedAfterCreate(plan: Extract<ProductPlan, { action: 'create' }>, ctx: Pick<PlanContext, 'toggles'>): PushedState {
  const state = desiredState(plan.desired);
  const fields = new Set<SyncField>(enabledFields(ctx.toggles, 'create'));
  const allVariantFields = VARIANT_FIELDS.every((f) => fields.has(f));
  const next: PushedState = {
    v: 1, all: null, inputs: null, sku: plan.sku, name: plan.name,
    fields: Object.fromEntries([...fields].map((f) => [f, state.fields[f]])),
    product: Object.fromEntries([...fields].map((f) => [f, state.product[f]])),
    variant: allVariantFields ? { ...state.variant } : {},
    images: fields.has('images') ? state.images : null,
  };
  if (inSync(next, state)) {
    next.all = state.all;
    next.inputs = plan.inputs;
  }
  return next;
}

/** A mapped product whose catalog product was deleted (§6): unpublish, or delete under "Eliminar". */
export function planRemoved(catalogProductId: CatalogProduct['id'], mapping: MappingState, ctx: PlanContext): ProductPlan {
  const base = { catalogProductId, sku: mapping.pushed.sku ?? null, name: mapping.pushed.name ?? '', writes: 0 };
  return planGone(mapping, ctx, 'DELETED', base);
}

/** Plans a page of products against their mappings (keyed by catalog product id). */
export function planPage(products: readonly CatalogProduct[], mappings: ReadonlyMap<string, MappingState>, ctx: PlanContext): ProductPlan[] {
  return products.map((p) => planProduct(p, mappings.get(p.id), ctx));
}

type Base = { catalogProductId: CatalogProduct['id']; sku: string | null; name: string; writes: number };

function planGone(mapping: MappingState, ctx: PlanContext, why: RemovalReason, base: Base): ProductPlan {
  const id = mapping.jumpsellerProductId;
  if (ctx.onRemoved === 'delete') return { ...base, action: 'delete', jumpsellerProductId: id, why, writes: 1 };
  if (!mapping.published) return { ...base, action: 'none', why: 'not_published' };
  return { ...base, action: 'unpublish', jumpsellerProductId: id, why, writes: 1 };
}

function planCreate(desired: DesiredProduct, ctx: PlanContext, base: Base, inputs: string | null): ProductPlan {
  const fields = new Set<SyncField>(enabledFields(ctx.toggles, 'create'));
  const product: Record<string, unknown> = {};
  for (const f of fields) for (const k of productKeysFor(desired, f)) product[k] = desired.product[k];
  // A variant is its options (a Jumpseller variant needs one) and its SKU (its identity for adoption).
  const variantKeys = new Set(['sku', 'options', ...VARIANT_FIELDS.filter((f) => fields.has(f)).flatMap((f) => VARIANT_KEYS[f])]);
  const variants = desired.variants.map((v) => ({
    catalogVariantId: v.catalogVariantId,
    body: Object.fromEntries([...variantKeys].map((k) => [k, v[k as keyof typeof v]])) as VariantPatch,
  }));
  const ops: CreateOps = {
    product: product as CreateOps['product'],
    categoryPath: fields.has('categories') ? [...desired.categoryPath] : null,
    variants,
    images: fields.has('images') ? desired.images : [],
  };
  return { ...base, action: 'create', adoptSku: base.sku, desired, ops, inputs, writes: 1 + ops.images.length };
}
