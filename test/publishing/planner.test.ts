import t, { type Test } from 'tap';
import {
  catalogProductId, catalogVariantId, type CatalogProduct, type CatalogReferences, type CatalogVariant,
} from '../../src/catalog/model.js';
import type { JumpsellerImageId, JumpsellerProductId, JumpsellerVariantId } from '../../src/jumpseller/ids.js';
import { DEFAULT_PRICE_RULES } from '../../src/pricing/price-rules.js';
import { buildExclusionFilter, type Exclusions } from '../../src/publishing/plan/exclusion-filter.js';
import { SYNC_FIELDS, type FieldToggles, type SyncField } from '../../src/publishing/plan/sync-fields.js';
import type { MappingState, PlanContext, ProductPlan } from '../../src/publishing/plan/plan-types.js';
import { contextKey, planPage, planProduct, planRemoved, pushedAfterCreate } from '../../src/publishing/plan/planner.js';
import { UNKNOWN_STATE } from '../../src/publishing/plan/pushed-state.js';

const now = new Date('2024-06-15T12:00:00.000Z');
const references: CatalogReferences = {
  brands: new Map([['b1', { id: 'b1', name: 'Marca Uno' }], ['b2', { id: 'b2', name: 'Marca Dos' }]]),
  categories: new Map([
    ['ropa', { id: 'ropa', name: 'Ropa', parentId: null }],
    ['poleras', { id: 'poleras', name: 'Poleras', parentId: 'ropa' }],
    ['pantalones', { id: 'pantalones', name: 'Pantalones', parentId: 'ropa' }],
  ]),
  genders: new Map(),
};
const allOn = (): Record<SyncField, { onCreate: boolean; onUpdate: boolean }> =>
  Object.fromEntries(SYNC_FIELDS.map((f) => [f, { onCreate: true, onUpdate: true }])) as Record<SyncField, { onCreate: boolean; onUpdate: boolean }>;
const NO_EXCLUSIONS: Exclusions = { categoryIds: [], brandIds: [], genderIds: [], productIds: [] };

function ctx(o: { toggles?: FieldToggles; exclusions?: Partial<Exclusions>; at?: Date; onRemoved?: 'unpublish' | 'delete'; fastPath?: boolean } = {}): PlanContext {
  const c: PlanContext = {
    toggles: o.toggles ?? allOn(), rules: DEFAULT_PRICE_RULES, currency: 'CLP', now: o.at ?? now, references,
    isExcluded: buildExclusionFilter({ ...NO_EXCLUSIONS, ...o.exclusions }, references.categories), onRemoved: o.onRemoved ?? 'unpublish',
  };
  if (o.fastPath !== false) c.contextKey = contextKey(c);
  return c;
}
const variant = (id: string, v: Partial<CatalogVariant> = {}): CatalogVariant => ({
  id: catalogVariantId(id), sku: `AB-1-${id}`, barcode: null, sizeId: null, sizeName: id.toUpperCase(), colorId: null, colorName: null,
  stock: 5, priceCompare: null, price: null, position: Number(id.replace(/\D/g, '')) || 0, ...v,
});
const image = (n: number) => ({ id: `i${n}`, url: `http://img.test/${n}.png`, position: n, fingerprint: `fp${n}` });
const product = (p: Partial<CatalogProduct> = {}): CatalogProduct => ({
  id: catalogProductId('p1'), name: 'Polera Básica', sku: 'AB-1', barcode: null, description: '<p>Algodón.</p>', shortDescription: null,
  condition: 'new', warranty: null, brandId: 'b1', categoryId: 'poleras', genderId: null, active: true, priceCompare: 10000, price: null,
  saleStart: null, saleEnd: null, packageHeight: null, packageLength: null, packageWidth: null, packageWeight: 0.2,
  seoTitle: null, seoDescription: null, variants: [variant('s1'), variant('m2')], images: [image(1), image(2)], updatedAt: now, ...p,
});

/** What the executor leaves behind after a plan succeeded: the mapping the next run reads. */
function applied(plan: ProductPlan, previous?: MappingState, c: PlanContext = ctx()): MappingState {
  if (plan.action === 'create') {
    return {
      jumpsellerProductId: 100 as JumpsellerProductId, published: true, pushed: pushedAfterCreate(plan, c),
      variants: new Map(plan.ops.variants.map((v, i) => [v.catalogVariantId, (200 + i) as JumpsellerVariantId])),
      images: plan.ops.images.map((img, i) => ({ jumpsellerImageId: (300 + i) as JumpsellerImageId, position: img.position, url: img.url, fingerprint: img.fingerprint })),
    };
  }
  if (!previous) throw new Error('update needs a mapping');
  if (plan.action === 'update') {
    const variants = new Map(previous.variants);
    plan.ops.variantCreates.forEach((v, i) => variants.set(v.catalogVariantId, (400 + i) as JumpsellerVariantId));
    const removed = new Set(plan.ops.imageRemovals.map((i) => i.jumpsellerImageId));
    const images = [...previous.images.filter((i) => !removed.has(i.jumpsellerImageId)),
      ...plan.ops.imageAdds.map((img, i) => ({ jumpsellerImageId: (500 + i) as JumpsellerImageId, position: img.position, url: img.url, fingerprint: img.fingerprint }))];
    return { ...previous, published: true, pushed: plan.next, variants, images };
  }
  if (plan.action === 'unpublish') return { ...previous, published: false };
  return previous;
}
const created = (p: CatalogProduct, c = ctx()) => applied(planProduct(p, undefined, c), undefined, c);

t.test('a new product is created with categories, variants (options) and images, after an SKU lookup', async (t) => {
  const plan = planProduct(product(), undefined, ctx());
  if (plan.action !== 'create') throw t.fail(`expected create, got ${plan.action}`);
  t.equal(plan.adoptSku, 'AB-1', 'adoption looks the SKU up first');
  t.equal(plan.ops.product.name, 'Polera Básica');
  t.equal(plan.ops.product.price, 10000);
  t.notOk('stock' in plan.ops.product, 'a product with variants keeps stock on its variants');
  t.same(plan.ops.categoryPath, ['Ropa', 'Poleras']);
  t.same(plan.ops.variants.map((v) => v.body.options), [[{ name: 'Talla', value: 'S1' }], [{ name: 'Talla', value: 'M2' }]]);
  t.same(plan.ops.variants.map((v) => v.body.sku), ['AB-1-s1', 'AB-1-m2']);
  t.same(plan.ops.images.map((i) => i.url), ['http://img.test/1.png', 'http://img.test/2.png']);
  t.equal(plan.writes, 3, 'one create and one call per image');
  t.ok(pushedAfterCreate(plan, ctx()).all, 'every field was pushed: the cheap no-change test is armed');
});

t.test('zero writes on a re-run with nothing changed', async (t) => {
  const c = ctx();
  const mapping = created(product(), c);
  t.match(planProduct(product(), mapping, c), { action: 'none', why: 'unchanged', writes: 0 });
  t.ok(mapping.pushed.inputs, 'the inputs key is recorded: a resync does not even build the payload');
  // Same answer without the inputs key (payload fingerprint), and field by field.
  t.match(planProduct(product(), mapping, ctx({ fastPath: false })), { action: 'none', writes: 0 });
  t.match(planProduct(product(), { ...mapping, pushed: { ...mapping.pushed, all: null } }, c), { action: 'none', writes: 0 });
  const renamed = { ...references, brands: new Map([['b1', { id: 'b1', name: 'Marca Uno SpA' }]]) };
  const plan = planProduct(product(), mapping, { ...c, references: renamed, contextKey: contextKey({ ...c, references: renamed }) });
  t.match(plan, { action: 'update', ops: { product: { brand: 'Marca Uno SpA' } } }, 'a renamed brand changes the context key');
  const many = planPage([product(), product({ id: catalogProductId('p2'), sku: 'AB-2' })], new Map([['p1', mapping]]), c);
  t.same(many.map((p) => p.action), ['none', 'create']);
});

t.test('updates send only what changed', async (t) => {
  const mapping = created(product());
  type Check = (t: Test, p: Extract<ProductPlan, { action: 'update' }>) => void;
  const cases: [string, Partial<CatalogProduct>, Check][] = [
    ['name only', { name: 'Polera Premium' }, (t, p) => {
      t.same(p.ops.product, { name: 'Polera Premium' });
      t.same(p.ops.variantUpdates, []);
      t.equal(p.writes, 1);
    }],
    ['one variant stock: one variant PUT, no product PUT', { variants: [variant('s1', { stock: 9 }), variant('m2')] }, (t, p) => {
      t.same(p.ops.product, {});
      t.same(p.ops.variantUpdates.map((v) => [v.jumpsellerVariantId, v.patch]), [[200, { stock: 9 }]]);
      t.equal(p.writes, 1);
    }],
    ['price: product and both variants', { priceCompare: 12000 }, (t, p) => {
      t.same(p.ops.product, { price: 12000, compare_at_price: null });
      t.equal(p.ops.variantUpdates.length, 2);
    }],
    ['category', { categoryId: 'pantalones' }, (t, p) => t.same(p.ops.categoryPath, ['Ropa', 'Pantalones'])],
    ['an appended image: one upload', { images: [image(1), image(2), image(3)] }, (t, p) => {
      t.same(p.ops.imageRemovals, []);
      t.same(p.ops.imageAdds.map((i) => i.url), ['http://img.test/3.png']);
    }],
    ['a removed first image: the rest is re-uploaded in order', { images: [image(2)] }, (t, p) => {
      t.same(p.ops.imageRemovals.map((i) => i.jumpsellerImageId), [300, 301]);
      t.same(p.ops.imageAdds.map((i) => [i.url, i.position]), [['http://img.test/2.png', 1]]);
    }],
    ['a new variant is created', { variants: [variant('s1'), variant('m2'), variant('l3')] }, (t, p) => {
      t.same(p.ops.variantCreates.map((v) => v.body.sku), ['AB-1-l3']);
      t.same(p.ops.variantUpdates, []);
    }],
    ['a variant gone from the catalog is set to stock 0', { variants: [variant('s1')] }, (t, p) => {
      t.same(p.ops.variantRemovals.map((v) => v.jumpsellerVariantId), [201]);
    }],
  ];
  for (const [name, change, check] of cases) {
    t.test(name, async (t) => {
      const plan = planProduct(product(change), mapping, ctx());
      if (plan.action !== 'update') throw t.fail(`expected update, got ${plan.action}`);
      check(t, plan);
      const after = applied(plan, mapping);
      t.match(planProduct(product(change), after, ctx()), { action: 'none', writes: 0 }, 'and once done, nothing is left to do');
    });
  }
});

t.test('an offer window opening or closing changes the plan by itself', async (t) => {
  const offer = { priceCompare: 10000, price: 7990, saleStart: new Date('2024-07-01T00:00:00Z'), saleEnd: new Date('2024-07-31T23:59:59Z') };
  const before = ctx({ at: new Date('2024-06-30T23:59:59Z') });
  const mapping = created(product(offer), before);
  t.match(planProduct(product(offer), mapping, before), { action: 'none' });
  const during = ctx({ at: new Date('2024-07-01T00:00:00Z') });
  const opened = planProduct(product(offer), mapping, during);
  if (opened.action !== 'update') throw t.fail('the offer should be published');
  t.same(opened.ops.product, { price: 7990, compare_at_price: 10000 });
  const inOffer = applied(opened, mapping);
  t.match(planProduct(product(offer), inOffer, during), { action: 'none' });
  const closed = planProduct(product(offer), inOffer, ctx({ at: new Date('2024-08-01T00:00:00Z') }));
  if (closed.action !== 'update') throw t.fail('the offer should end');
  t.same(closed.ops.product, { price: 10000, compare_at_price: null });
});

t.test('exclusions unpublish or delete, and un-excluding republishes', async (t) => {
  const mapping = created(product());
  const byBrand = ctx({ exclusions: { brandIds: ['b1'] } });
  const out = planProduct(product(), mapping, byBrand);
  t.match(out, { action: 'unpublish', jumpsellerProductId: 100, why: 'BRAND', writes: 1 });
  const unpublished = applied(out, mapping);
  t.match(planProduct(product(), unpublished, byBrand), { action: 'none', why: 'not_published' }, 'unpublished once');
  t.match(planProduct(product(), mapping, ctx({ exclusions: { brandIds: ['b1'] }, onRemoved: 'delete' })), { action: 'delete' });
  t.match(planProduct(product({ active: false }), mapping, ctx()), { action: 'unpublish', why: 'PAUSED' });
  t.match(planProduct(product(), undefined, byBrand), { action: 'none', why: 'excluded' }, 'never published: nothing to do');

  const back = planProduct(product(), unpublished, ctx());
  if (back.action !== 'update') throw t.fail('expected a republish');
  t.equal(back.republish, true);
  t.same(back.ops.product, { status: 'available' });
  t.equal(back.writes, 1);

  t.match(planRemoved(catalogProductId('p1'), mapping, ctx()), { action: 'unpublish', why: 'DELETED', sku: 'AB-1', name: 'Polera Básica' });
  t.match(planRemoved(catalogProductId('p1'), mapping, ctx({ onRemoved: 'delete' })), { action: 'delete' });
});

t.test('toggles: "Al actualizar" off leaves a field alone; a create-only field is sent once', async (t) => {
  const toggles = allOn();
  toggles.description = { onCreate: true, onUpdate: false };
  const c = ctx({ toggles });
  const mapping = created(product(), c);
  t.match(planProduct(product({ description: '<p>Otra.</p>' }), mapping, c), { action: 'none', writes: 0 });
  const both = planProduct(product({ description: '<p>Otra.</p>', name: 'Nuevo' }), mapping, c);
  if (both.action !== 'update') throw t.fail('expected update');
  t.same(both.ops.product, { name: 'Nuevo' });

  const noSeoOnCreate = allOn();
  noSeoOnCreate.seo = { onCreate: false, onUpdate: true };
  noSeoOnCreate.name = { onCreate: false, onUpdate: true };
  const create = planProduct(product({ seoTitle: 'SEO' }), undefined, ctx({ toggles: noSeoOnCreate }));
  if (create.action !== 'create') throw t.fail('expected create');
  t.notOk('page_title' in create.ops.product, 'not sent on create');
  t.equal(create.ops.product.name, 'Polera Básica', 'name is always sent on create');
  const later = planProduct(product({ seoTitle: 'SEO' }), applied(create, undefined, ctx({ toggles: noSeoOnCreate })), ctx({ toggles: noSeoOnCreate }));
  if (later.action !== 'update') throw t.fail('expected the SEO fields to follow on update');
  t.same(later.ops.product, { page_title: 'SEO', meta_description: null });
});

t.test('an adopted product (nothing known) gets every enabled field and its images replaced', async (t) => {
  const adopted: MappingState = {
    jumpsellerProductId: 7 as JumpsellerProductId, published: true, pushed: UNKNOWN_STATE,
    variants: new Map([['s1', 70 as JumpsellerVariantId]]),
    images: [{ jumpsellerImageId: 71 as JumpsellerImageId, position: 1, url: 'https://cdn/x.png', fingerprint: 'adopted:71' }],
  };
  const plan = planProduct(product(), adopted, ctx());
  if (plan.action !== 'update') throw t.fail('expected update');
  t.equal(plan.ops.product.name, 'Polera Básica');
  t.same(plan.ops.variantUpdates.map((v) => v.jumpsellerVariantId), [70]);
  t.same(plan.ops.variantCreates.map((v) => v.catalogVariantId), ['m2']);
  t.same(plan.ops.imageRemovals.map((i) => i.jumpsellerImageId), [71]);
  t.equal(plan.ops.imageAdds.length, 2);
});

t.test('a product without a normal price is reported, not published', async (t) => {
  t.match(planProduct(product({ priceCompare: null, variants: [] }), undefined, ctx()), { action: 'invalid', reason: 'NO_NORMAL_PRICE', writes: 0 });
  t.match(planProduct(product({ priceCompare: null, variants: [] }), undefined, ctx({ exclusions: { brandIds: ['b1'] } })), { action: 'none' },
    'an excluded product is not checked');
  t.match(planProduct(product({ priceCompare: null, variants: [] }), undefined, ctx()), { unpublish: null }, 'never created: nothing to take down');
});

t.test('a published product that loses its normal price is unpublished and reported, then republished (§5)', async (t) => {
  const mapping = created(product());
  const lost = planProduct(product({ priceCompare: 0 }), mapping, ctx());
  t.match(lost, { action: 'invalid', reason: 'NO_NORMAL_PRICE', unpublish: 100, writes: 1 });
  t.match(planProduct(product({ priceCompare: 0 }), mapping, ctx({ onRemoved: 'delete' })), { action: 'invalid', unpublish: 100 },
    'disabled, not deleted: "Eliminar" is for excluded, paused and deleted products');
  const down = { ...mapping, published: false };
  t.match(planProduct(product({ priceCompare: 0 }), down, ctx()), { action: 'invalid', unpublish: null, writes: 0 }, 'taken down once, still reported');
  const back = planProduct(product(), down, ctx());
  if (back.action !== 'update') throw t.fail('expected a republish');
  t.equal(back.republish, true);
  t.same(back.ops.product, { status: 'available' });
});

t.test('a product withheld for a duplicate SKU is reported, never published; taken down if it was; back once the SKU is its own', async (t) => {
  const duplicate = { sku: 'AB-1', keptBy: { id: 'p0', name: 'Polera Original' } };
  const withheld = (c: PlanContext) => ({ ...c, duplicates: new Map([['p1', duplicate]]) });
  t.match(planProduct(product(), undefined, withheld(ctx())), { action: 'invalid', reason: 'DUPLICATE_SKU', duplicate, unpublish: null, writes: 0 });
  const mapping = created(product());
  t.match(planProduct(product(), mapping, ctx()), { action: 'none', why: 'unchanged' }, 'in sync: the fast path');
  t.match(planProduct(product(), mapping, withheld(ctx())), { action: 'invalid', reason: 'DUPLICATE_SKU', unpublish: 100, writes: 1 },
    'checked before the fast path: a published duplicate is taken down');
  t.match(planProduct(product(), mapping, withheld(ctx({ exclusions: { brandIds: ['b1'] } }))), { action: 'unpublish' }, 'an exclusion comes first');
  const down = { ...mapping, published: false };
  t.match(planProduct(product(), down, withheld(ctx())), { action: 'invalid', unpublish: null, writes: 0 }, 'taken down once, still reported');
  const back = planProduct(product(), down, ctx());
  t.match(back, { action: 'update', republish: true }, 'republished when no other product keeps the SKU');
});

t.test('the store weight unit: weights converted, a unit change updates only the weight, then zero writes', async (t) => {
  const inKg = ctx();
  const withUnit = (unit: string) => { const c: PlanContext = { ...ctx(), weightUnit: unit }; c.contextKey = contextKey(c); return c; };
  t.equal(contextKey({ ...inKg, weightUnit: 'kg' }), inKg.contextKey, 'a kg store keeps its context key (no re-planning after the upgrade)');
  t.equal(contextKey({ ...inKg, weightUnit: 'stone' }), inKg.contextKey, 'an unknown unit is kg');
  t.not(withUnit('lb').contextKey, inKg.contextKey, 'another unit changes the key: the fast path cannot skip the new weight');

  const mapping = created(product({ packageWeight: 0.2 }), inKg);
  const lb = withUnit('lb');
  const plan = planProduct(product({ packageWeight: 0.2 }), mapping, lb);
  if (plan.action !== 'update') throw t.fail(`expected update, got ${plan.action}`);
  t.same(plan.ops.product, { weight: 0.441, length: null, width: null, height: null },
    '0.2 kg → 0.441 lb: only the "Peso y dimensiones" group (dimensions stay cm)');
  t.same(plan.ops.variantUpdates, [], 'no variant writes');
  t.equal(plan.writes, 1);
  const after = applied(plan, mapping, lb);
  t.match(planProduct(product({ packageWeight: 0.2 }), after, lb), { action: 'none', why: 'unchanged', writes: 0 }, 'resync in lb: zero writes');

  const fresh = planProduct(product({ packageWeight: 1 }), undefined, withUnit('g'));
  if (fresh.action !== 'create') throw t.fail('expected create');
  t.equal(fresh.ops.product.weight, 1000, 'a create in a g store sends grams');
});
