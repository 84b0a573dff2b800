// The store product the production plans make, without a server: the create body (to-api.ts) laid on
// Jumpseller's defaults, then each update's bodies applied as Jumpseller applies them. Compared with
// the independent projection's view (independent-store-view.ts) by `viewProblems`.
import type { JumpsellerImageId, JumpsellerProductId, JumpsellerVariantId } from '../../src/jumpseller/ids.js';
import type { MappingState, PlanContext, ProductPlan } from '../../src/publishing/plan/plan-types.js';
import { pushedAfterCreate } from '../../src/publishing/plan/planner.js';
import { createBody, productBody, variantBody } from '../../src/publishing/plan/to-api.js';
import { descriptionProblems } from './independent-text.js';
import { DEFAULT, ORACLE_FIELDS, STORE_DEFAULT, type Fields, type OracleView, type StoreVariant } from './independent-store-view.js';

type Create = Extract<ProductPlan, { action: 'create' }>;
export interface ProductionView { product: Fields; description: string | null; categoryPath: string[]; variants: StoreVariant[]; images: string[] }

/** "No value" as the store shows it: null, '' or 0 (docs/adr/0011 clears with '' and 0). */
const none = (v: unknown) => (v === undefined || v === '' || v === 0 ? null : v);
const KEEP_ZERO = new Set(['price', 'stock', 'status']);
const json = (o: unknown) => JSON.parse(JSON.stringify(o)) as Fields;

function applyVariant(fields: Fields, body: Fields): void {
  for (const [k, v] of Object.entries(body)) fields[k] = KEEP_ZERO.has(k) || k === 'sku' || k === 'options' ? v : none(v);
}

export function productionCreatedView(plan: Create, currency: string): ProductionView {
  const body = json(createBody(plan.ops, null, currency));
  const hasVariants = plan.ops.variants.length > 0;
  const product: Fields = {};
  for (const keys of Object.values(ORACLE_FIELDS)) {
    for (const k of keys) {
      if (k === 'description' || (k === 'stock' && hasVariants)) continue;
      product[k] = k in body ? (KEEP_ZERO.has(k) ? body[k] : none(body[k])) : (STORE_DEFAULT[k] ?? null);
    }
  }
  const variants = ((body.variants ?? []) as { variant: Fields }[]).map(({ variant }, i) => {
    const fields: Fields = { price: DEFAULT, compare_at_price: null, stock: DEFAULT, barcode: null };
    applyVariant(fields, variant);
    return { id: plan.ops.variants[i]!.catalogVariantId as string, fields };
  });
  return {
    product, variants, description: typeof body.description === 'string' ? body.description : null,
    categoryPath: plan.ops.categoryPath ?? [], images: plan.ops.images.map((i) => i.url),
  };
}

/** The mapping a successful create leaves (what the next run reads). */
export function mappingAfterCreate(plan: Create, ctx: PlanContext): MappingState {
  return {
    jumpsellerProductId: 100 as JumpsellerProductId, published: true, pushed: pushedAfterCreate(plan, ctx),
    variants: new Map(plan.ops.variants.map((v, i) => [v.catalogVariantId, (200 + i) as JumpsellerVariantId])),
    images: plan.ops.images.map((img, i) => ({ jumpsellerImageId: (300 + i) as JumpsellerImageId, position: img.position, url: img.url, fingerprint: img.fingerprint })),
  };
}

/** The view after the next plan's writes. Returns whether the product is published afterwards. */
export function applyPlan(view: ProductionView, plan: ProductPlan, currency: string): ProductionView {
  const next: ProductionView = { ...view, product: { ...view.product }, variants: view.variants.map((v) => ({ id: v.id, fields: { ...v.fields } })) };
  if (plan.action === 'unpublish' || (plan.action === 'invalid' && plan.unpublish !== null)) { next.product.status = 'disabled'; return next; }
  if (plan.action !== 'update') return next;
  const body = json(productBody(plan.ops.product, null, 'update', currency));
  for (const [k, v] of Object.entries(body)) {
    if (k === 'description') next.description = v as string;
    else if (k !== 'stock' || view.variants.length === 0) next.product[k] = KEEP_ZERO.has(k) ? v : none(v);
  }
  if (plan.ops.categoryPath !== null) next.categoryPath = [...plan.ops.categoryPath];
  for (const u of plan.ops.variantUpdates) {
    const v = next.variants.find((x) => x.id === u.catalogVariantId);
    if (v) applyVariant(v.fields, json(variantBody(u.patch, 'update', currency)));
  }
  for (const c of plan.ops.variantCreates) {
    const fields: Fields = { price: DEFAULT, compare_at_price: null, stock: DEFAULT, barcode: null };
    applyVariant(fields, json(variantBody(c.body, 'create', currency)));
    next.variants.push({ id: c.catalogVariantId, fields });
  }
  for (const r of plan.ops.variantRemovals) {
    const v = next.variants.find((x) => x.id === r.catalogVariantId);
    if (v) v.fields.stock = 0;
  }
  const removed = new Set(plan.ops.imageRemovals.map((i) => i.url));
  next.images = [...next.images.filter((u) => !removed.has(u)), ...plan.ops.imageAdds.map((i) => i.url)];
  return next;
}

/** Field-by-field differences between the oracle's view and production's. */
export function viewProblems(want: OracleView, got: ProductionView): string[] {
  const problems: string[] = [];
  const eq = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b) || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 0.0006);
  for (const k of Object.keys({ ...want.product, ...got.product })) {
    // A weight or dimension of 0 is how the store shows "none" (docs/adr/0011).
    const [g, w] = KEEP_ZERO.has(k) ? [got.product[k], want.product[k]] : [none(got.product[k]), none(want.product[k])];
    if (!eq(g, w)) problems.push(`${k}: ${JSON.stringify(got.product[k])} ≠ ${JSON.stringify(want.product[k])}`);
  }
  problems.push(...descriptionProblems(got.description, want.description));
  if (!eq(got.categoryPath, want.categoryPath)) problems.push(`categories: ${JSON.stringify(got.categoryPath)} ≠ ${JSON.stringify(want.categoryPath)}`);
  if (!eq(got.images, want.images)) problems.push(`images: ${JSON.stringify(got.images)} ≠ ${JSON.stringify(want.images)}`);
  if (got.variants.length !== want.variants.length) problems.push(`variants: ${got.variants.map((v) => v.id).join()} ≠ ${want.variants.map((v) => v.id).join()}`);
  want.variants.forEach((w, i) => {
    const g = got.variants[i];
    if (g?.id !== w.id) { problems.push(`variant ${i + 1}: ${g?.id} ≠ ${w.id}`); return; }
    for (const k of Object.keys({ ...w.fields, ...g.fields })) if (!eq(g.fields[k], w.fields[k])) problems.push(`variant ${i + 1} ${k}: ${JSON.stringify(g.fields[k])} ≠ ${JSON.stringify(w.fields[k])}`);
  });
  return problems;
}
