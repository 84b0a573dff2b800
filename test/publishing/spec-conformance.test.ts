// SPEC §4–§6 walked end to end through the pure rules: Centry product JSON → catalog
// (parseCentryProduct) → desired state (buildDesiredProduct) → plan (planProduct) → the Jumpseller
// request bodies (to-api.ts). Each case quotes the sentence of the spec it checks; the review
// behind them is docs/adr/0008-spec-conformance-review.md.
import t from 'tap';
import { parseCentryProduct } from '../../src/catalog/centry/centry-product.schema.js';
import type { CatalogProduct, CatalogReferences } from '../../src/catalog/model.js';
import type { JumpsellerCategoryId, JumpsellerImageId, JumpsellerProductId, JumpsellerVariantId } from '../../src/jumpseller/ids.js';
import type { BasisPoints } from '../../src/pricing/percent.js';
import { DEFAULT_PRICE_RULES, type PriceRules } from '../../src/pricing/price-rules.js';
import { buildExclusionFilter, type Exclusions } from '../../src/publishing/plan/exclusion-filter.js';
import { buildDesiredProduct } from '../../src/publishing/plan/payload-builder.js';
import { SYNC_FIELDS, type FieldToggles, type SyncField } from '../../src/publishing/plan/sync-fields.js';
import { type DesiredProduct } from '../../src/publishing/plan/desired-product.js';
import type { MappingState, PlanContext, ProductPlan } from '../../src/publishing/plan/plan-types.js';
import { planProduct, planRemoved, pushedAfterCreate } from '../../src/publishing/plan/planner.js';
import { createBody, productBody, variantBody } from '../../src/publishing/plan/to-api.js';

const NOW = new Date('2025-03-10T15:00:00.000Z');
const references: CatalogReferences = {
  brands: new Map([['b1', { id: 'b1', name: 'Andes Trail' }], ['b2', { id: 'b2', name: 'Otra' }]]),
  categories: new Map([
    ['c-ropa', { id: 'c-ropa', name: 'Ropa', parentId: null }],
    ['c-hombre', { id: 'c-hombre', name: 'Hombre', parentId: 'c-ropa' }],
    ['c-poleras', { id: 'c-poleras', name: 'Poleras', parentId: 'c-hombre' }],
    ['c-hogar', { id: 'c-hogar', name: 'Hogar', parentId: null }],
  ]),
  genders: new Map([['g1', { id: 'g1', name: 'Hombre' }], ['g2', { id: 'g2', name: 'Mujer' }]]),
};
const allOn = (): Record<SyncField, { onCreate: boolean; onUpdate: boolean }> =>
  Object.fromEntries(SYNC_FIELDS.map((f) => [f, { onCreate: true, onUpdate: true }])) as Record<SyncField, { onCreate: boolean; onUpdate: boolean }>;
const allOff = (): FieldToggles => Object.fromEntries(SYNC_FIELDS.map((f) => [f, { onCreate: false, onUpdate: false }])) as FieldToggles;
const NO_EXCLUSIONS: Exclusions = { categoryIds: [], brandIds: [], genderIds: [], productIds: [] };

type Rules = Partial<Omit<PriceRules, 'percent'>> & { percent?: number };
const rulesOf = (r: Rules = {}): PriceRules => ({ ...DEFAULT_PRICE_RULES, ...r, percent: (r.percent ?? 0) as BasisPoints });

function ctx(o: { rules?: Rules; toggles?: FieldToggles; exclusions?: Partial<Exclusions>; at?: Date; onRemoved?: 'unpublish' | 'delete'; currency?: string } = {}): PlanContext {
  return {
    toggles: o.toggles ?? allOn(), rules: rulesOf(o.rules), currency: o.currency ?? 'CLP', now: o.at ?? NOW, references,
    isExcluded: buildExclusionFilter({ ...NO_EXCLUSIONS, ...o.exclusions }, references.categories), onRemoved: o.onRemoved ?? 'unpublish',
  };
}

/** A Centry product JSON (centry/API-NOTES "Product JSON"), as the API would send it. */
function centry(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _id: '65f000000000000000000001', name: 'Polera Algodón', sku: 'POL-1', barcode: '7800000000017',
    description: '<p>Polera de algodón.</p>', shortdescription: '<ul><li>100% algodón</li><li>Lavable</li></ul>',
    brand_id: 'b1', brand_name: 'Andes Trail', category_id: 'c-poleras', gender_id: 'g1', gender_name: 'Hombre', status: true,
    price_compare: '10000.0', price: null, salestartdate: null, saleenddate: null,
    packageheight: '3', packagelength: '30', packagewidth: '25', packageweight: '0.25',
    seo_title: 'Polera | Andes', seo_description: 'La polera de siempre', updated_at: '2025-03-01T00:00:00.000Z',
    variants: [], assets: [], ...over,
  };
}
const sized = (id: string, size: string | null, color: string | null, quantity: number, position: number, over: Record<string, unknown> = {}) =>
  ({ _id: id, sku: `POL-1-${id}`, barcode: null, size_name: size, color_name: color, quantity, price: null, price_compare: null, position, ...over });

function catalog(json: Record<string, unknown>, currency = 'CLP'): CatalogProduct {
  const r = parseCentryProduct(json, { now: NOW, currency });
  if (!r.ok) throw new Error(r.reason);
  return r.value.product;
}
function desired(json: Record<string, unknown>, c: PlanContext = ctx()): DesiredProduct {
  const r = buildDesiredProduct(catalog(json, c.currency), c);
  if (!r.ok) throw new Error(r.reason);
  return r.desired;
}
type Create = Extract<ProductPlan, { action: 'create' }>;
function createPlan(json: Record<string, unknown>, c: PlanContext = ctx()): Create {
  const plan = planProduct(catalog(json, c.currency), undefined, c);
  if (plan.action !== 'create') throw new Error(`expected create, got ${plan.action}`);
  return plan;
}
const CATEGORY = 55 as JumpsellerCategoryId;
/** The JSON body POST /products.json receives (the client wraps it in {"product": …}). */
const createJson = (json: Record<string, unknown>, c: PlanContext = ctx()) => {
  const plan = createPlan(json, c);
  return JSON.parse(JSON.stringify(createBody(plan.ops, plan.ops.categoryPath ? [CATEGORY] : null, c.currency))) as Record<string, unknown>;
};
/** The mapping a successful create leaves (what the next run reads). */
function afterCreate(json: Record<string, unknown>, c: PlanContext = ctx()): MappingState {
  const plan = createPlan(json, c);
  return {
    jumpsellerProductId: 100 as JumpsellerProductId, published: true, pushed: pushedAfterCreate(plan, c),
    variants: new Map(plan.ops.variants.map((v, i) => [v.catalogVariantId, (200 + i) as JumpsellerVariantId])),
    images: plan.ops.images.map((img, i) => ({ jumpsellerImageId: (300 + i) as JumpsellerImageId, position: img.position, url: img.url, fingerprint: img.fingerprint })),
  };
}
type Update = Extract<ProductPlan, { action: 'update' }>;
function updatePlan(json: Record<string, unknown>, mapping: MappingState, c: PlanContext = ctx()): Update {
  const plan = planProduct(catalog(json, c.currency), mapping, c);
  if (plan.action !== 'update') throw new Error(`expected update, got ${plan.action}`);
  return plan;
}
const updateJson = (plan: Update, currency = 'CLP') => JSON.parse(JSON.stringify(productBody(plan.ops.product, plan.ops.categoryPath ? [CATEGORY] : null, 'update', currency)));

t.test('§4 a simple product: every field under its Jumpseller name', async (t) => {
  const body = createJson(centry({
    variants: [sized('u', null, null, 4, 1), sized('v', '', '  ', 3, 2)],
    assets: [{ _id: 'a2', url: 'https://img.example.cl/2.jpg', position: 2 }, { _id: 'a1', url: 'https://img.example.cl/1.jpg', position: 1 }],
  }));
  t.strictSame(body, {
    name: 'Polera Algodón',
    // "Descripción (+ "Características" = shortdescription, appended as a list)"
    description: '<p>Polera de algodón.</p>\n<h3>Características</h3>\n<ul>\n<li>100% algodón</li>\n<li>Lavable</li>\n</ul>',
    price: 10000,
    // "stock = the sum of its variants' (buffered) stock"
    stock: 7,
    sku: 'POL-1', barcode: '7800000000017', brand: 'Andes Trail',
    // kg and cm as Centry has them (numbers, not the strings Centry sent)
    weight: 0.25, length: 30, width: 25, height: 3,
    status: 'available', page_title: 'Polera | Andes', meta_description: 'La polera de siempre',
    categories: [{ id: 55 }],
  }, 'no compare_at_price without an offer, no variants, numbers as numbers');
  const plan = createPlan(centry({ assets: [{ _id: 'a2', url: 'https://img.example.cl/2.jpg', position: 2 }, { _id: 'a1', url: 'https://img.example.cl/1.jpg', position: 1 }] }));
  t.strictSame(plan.ops.images.map((i) => [i.url, i.position]), [['https://img.example.cl/1.jpg', 1], ['https://img.example.cl/2.jpg', 2]], 'images in order');
  t.strictSame(plan.ops.categoryPath, ['Ropa', 'Hombre', 'Poleras'], '"the tree\'s parents created as parent categories"');
});

t.test('§4 stock: no variants → 0 (never the default 100); buffer per variant', async (t) => {
  t.equal(createJson(centry()).stock, 0, 'a product with no variants has stock 0');
  const cases: [string, number[], number, number][] = [
    ['one variant', [7], 0, 7], ['sum', [3, 4], 0, 7], ['buffer per variant', [3, 10], 4, 6], ['buffer above stock', [2, 1], 5, 0],
    ['negative stock', [-4, 6], 0, 6], ['quantity 0', [0], 0, 0],
  ];
  for (const [name, quantities, stockBuffer, expected] of cases) {
    const variants = quantities.map((q, i) => sized(`v${i}`, null, null, q, i + 1));
    t.equal(createJson(centry({ variants }), ctx({ rules: { stockBuffer } })).stock, expected, name);
  }
});

t.test('§4 variants: "Talla" / "Color", only the non-empty ones, ordered by position', async (t) => {
  const body = createJson(centry({
    variants: [
      sized('l', 'L', 'Negro', 2, 3),
      sized('s', 'S', null, 5, 1, { barcode: '111' }),
      sized('m', null, 'Rojo', 1, 2),
      sized('bare', null, null, 50, 0),
    ],
  }), ctx({ rules: { stockBuffer: 1 } }));
  t.notOk('stock' in body, 'stock lives on the variants');
  t.strictSame(body.variants, [
    { variant: { sku: 'POL-1-s', options: [{ name: 'Talla', value: 'S' }], price: 10000, stock: 4, barcode: '111' } },
    { variant: { sku: 'POL-1-m', options: [{ name: 'Color', value: 'Rojo' }], price: 10000, stock: 0 } },
    { variant: { sku: 'POL-1-l', options: [{ name: 'Talla', value: 'L' }, { name: 'Color', value: 'Negro' }], price: 10000, stock: 1 } },
  ], 'the option-less variant of a mixed product has no place among them (ADR 0008)');
});

t.test('§4 create: name and price always; update: only checked fields, only when changed', async (t) => {
  t.strictSame(createJson(centry({ price: 8000 }), ctx({ toggles: allOff() })), { name: 'Polera Algodón', price: 8000, compare_at_price: 10000, stock: 0 },
    'everything unchecked: name and price (with its compare-at), and stock 0 — "never Jumpseller\'s default of 100"');
  const sizedJson = centry({ variants: [sized('s', 'S', null, 5, 1)] });
  t.strictSame(createJson(sizedJson, ctx({ toggles: allOff() })).variants, [{ variant: { sku: 'POL-1-s', options: [{ name: 'Talla', value: 'S' }], price: 10000, stock: 0 } }],
    'a variant is always created with its options, SKU and (always-on) price; unchecked stock is 0, never Jumpseller\'s default of 100');

  const toggles = allOn();
  toggles.description = { onCreate: true, onUpdate: false };
  const c = ctx({ toggles });
  const mapping = afterCreate(centry(), c);
  t.match(planProduct(catalog(centry()), mapping, c), { action: 'none', writes: 0 }, 'nothing changed: nothing sent');
  t.match(planProduct(catalog(centry({ description: '<p>Otra</p>' })), mapping, c), { action: 'none' }, '"Al actualizar" off: not sent');
  t.strictSame(updateJson(updatePlan(centry({ name: 'Polera Premium', description: '<p>Otra</p>' }), mapping, c)), { name: 'Polera Premium' });
  t.strictSame(updateJson(updatePlan(centry({ packageweight: '0.3' }), mapping, c)), { weight: 0.3, length: 30, width: 25, height: 3 }, '"Peso y dimensiones" as one field');
  t.strictSame(updateJson(updatePlan(centry({ seo_title: '' }), mapping, c)), { page_title: '', meta_description: 'La polera de siempre' },
    'a value emptied in Centry is cleared with the empty string, never null (docs/adr/0011)');
  t.strictSame(updateJson(updatePlan(centry({ category_id: 'c-hogar' }), mapping, c)), { categories: [{ id: 55 }] });
});

t.test('§4 SKUs match exactly and case-sensitively', async (t) => {
  const mapping = afterCreate(centry({ sku: 'AB-1' }));
  for (const sku of ['ab-1', 'AB-10', 'AB-1 x']) {
    t.strictSame(updateJson(updatePlan(centry({ sku }), mapping)), { sku }, `"AB-1" → "${sku}" is a change`);
  }
  t.equal(createPlan(centry({ sku: 'ab-1' })).adoptSku, 'ab-1', 'adoption looks for the exact SKU');
});

t.test('§4 a variant removed from the catalog → stock 0; new variants created', async (t) => {
  const two = centry({ variants: [sized('s', 'S', null, 5, 1), sized('m', 'M', null, 5, 2)] });
  const mapping = afterCreate(two);
  const plan = updatePlan(centry({ variants: [sized('m', 'M', null, 5, 2), sized('l', 'L', null, 2, 3)] }), mapping);
  t.strictSame(plan.ops.variantRemovals.map((v) => v.jumpsellerVariantId), [200]);
  t.strictSame(plan.ops.variantCreates.map((v) => variantBody(v.body, 'create', 'CLP')),
    [{ sku: 'POL-1-l', options: [{ name: 'Talla', value: 'L' }], price: 10000, stock: 2 }]);
  // A variant that loses its size in a product that keeps other sized variants leaves the store the same way.
  const bare = updatePlan(centry({ variants: [sized('s', null, null, 5, 1), sized('m', 'M', null, 5, 2)] }), mapping);
  t.strictSame(bare.ops.variantRemovals.map((v) => v.jumpsellerVariantId), [200]);
});

t.test('§4 "Estado": active → available, paused → disabled', async (t) => {
  t.equal(desired(centry({ status: true })).product.status, 'available');
  t.equal(desired(centry({ status: false })).product.status, 'disabled');
  t.equal(catalog(centry({ status: 'false' })).active, false, 'Centry may send the boolean as text');
});

t.test('§5 the examples: $10.000 +19 % terminación 990 → $11.990; $12.345 → 12.990 / 11.990 / 11.990', async (t) => {
  t.equal(createJson(centry(), ctx({ rules: { percent: 1900, rounding: 'ending_990', roundingDirection: 'up' } })).price, 11990);
  const x = centry({ price_compare: 12345 });
  const cases: ['up' | 'nearest' | 'down', number][] = [['up', 12990], ['nearest', 11990], ['down', 11990]];
  for (const [dir, expected] of cases) t.equal(createJson(x, ctx({ rules: { rounding: 'ending_990', roundingDirection: dir } })).price, expected, dir);
  t.equal(createJson(centry({ price_compare: 150 }), ctx({ rules: { rounding: 'ending_990', roundingDirection: 'down' } })).price, 990, 'never below 990');
  t.equal(createJson(centry({ price_compare: 12350 }), ctx({ rules: { rounding: 'multiple_100', roundingDirection: 'nearest' } })).price, 12400, 'a tie goes up');
  t.equal(createJson(centry({ price_compare: '12.50' }), ctx({ currency: 'USD', rules: { rounding: 'ending_99', roundingDirection: 'nearest' } })).price, 12.99,
    '".99" in USD: a tie goes up, sent in major units');
  t.equal(createJson(centry({ price_compare: 1000 }), ctx({ rules: { percent: -5000, fixed: -600, minimum: 990 } })).price, 990, 'max(v, mínimo)');
  t.equal(createJson(centry({ price_compare: 1000 }), ctx({ rules: { fixed: -5000 } })).price, 0, 'never below 0');
  t.equal(createJson(centry({ price_compare: 999 }), ctx({ rules: { percent: 1250 } })).price, 1124, '1123,875 → 1124 (halves up to the minor unit)');
});

t.test('§5 offers: toggle, offer < normal, inclusive window with open ends', async (t) => {
  const at = (iso: string) => ctx({ at: new Date(iso) });
  const offer = { price_compare: 10000, price: 7990, salestartdate: '2025-03-01T00:00:00.000Z', saleenddate: '2025-03-31' };
  type Row = [string, Record<string, unknown>, PlanContext, number, number | undefined];
  const cases: Row[] = [
    ['in the window', offer, ctx(), 7990, 10000],
    ['starts exactly now', offer, at('2025-03-01T00:00:00.000Z'), 7990, 10000],
    ['1 ms before the start', offer, at('2025-02-28T23:59:59.999Z'), 10000, undefined],
    ['a bare end date runs through that whole day', offer, at('2025-03-31T23:59:59.999Z'), 7990, 10000],
    ['the day after the end date', offer, at('2025-04-01T00:00:00.000Z'), 10000, undefined],
    ['no dates: always on', { ...offer, salestartdate: null, saleenddate: '' }, ctx(), 7990, 10000],
    ['toggle off', offer, ctx({ rules: { publishOffer: false } }), 10000, undefined],
    ['offer equal to normal', { ...offer, price: '10000' }, ctx(), 10000, undefined],
    ['offer above normal', { ...offer, price: 12000 }, ctx(), 10000, undefined],
    ['offer 0', { ...offer, price: 0 }, ctx(), 10000, undefined],
    ['offer empty', { ...offer, price: '' }, ctx(), 10000, undefined],
    ['offer negative', { ...offer, price: -10 }, ctx(), 10000, undefined],
    ['rounding makes them equal: compare-at cleared', { ...offer, price: 9500 }, ctx({ rules: { rounding: 'multiple_1000', roundingDirection: 'up' } }), 10000, undefined],
    ['raw offer < normal decides, before T', { price_compare: 10000, price: 9999 }, ctx({ rules: { percent: 1900, rounding: 'ending_990', roundingDirection: 'up' } }), 11990, undefined],
  ];
  for (const [name, over, c, price, compareAt] of cases) {
    const body = createJson(centry(over), c);
    t.strictSame([body.price, body.compare_at_price], [price, compareAt], name);
  }
  // On update a closed offer clears compare_at_price with 0, never null (docs/adr/0011).
  const mapping = afterCreate(centry(offer));
  t.strictSame(updateJson(updatePlan(centry(offer), mapping, at('2025-04-01T00:00:00.000Z'))), { price: 10000, compare_at_price: 0 });
});

t.test('§5 a variant\'s own normal/offer override the product\'s, each independently', async (t) => {
  const product = { price_compare: 10000, price: 8000 };
  const cases: [string, Record<string, unknown>, Record<string, unknown>, [number, number | undefined]][] = [
    ['inherits both', product, {}, [8000, 10000]],
    ['own normal, product offer', product, { price_compare: 12000 }, [8000, 12000]],
    ['own normal below the product offer: no offer', product, { price_compare: 7000 }, [7000, undefined]],
    ['own offer, product normal', product, { price: 6000 }, [6000, 10000]],
    ['own offer above the product normal: no offer', product, { price: 11000 }, [10000, undefined]],
    ['own both', product, { price_compare: '20000', price: '15000' }, [15000, 20000]],
    ['own normal, no offer anywhere', { price_compare: 10000, price: null }, { price_compare: 9000 }, [9000, undefined]],
    ['no product normal, own normal and the product offer', { price_compare: null, price: 8000 }, { price_compare: 9000 }, [8000, 9000]],
    ['own prices 0 inherit', product, { price_compare: 0, price: 0 }, [8000, 10000]],
  ];
  for (const [name, p, v, [price, compareAt]] of cases) {
    const body = createJson(centry({ ...p, variants: [sized('s', 'S', null, 1, 1, v)] }));
    const variant = (body.variants as { variant: Record<string, unknown> }[])[0]!.variant;
    t.strictSame([variant.price, variant.compare_at_price], [price, compareAt], name);
  }
  const simple = createJson(centry({ ...product, variants: [sized('u', null, null, 1, 1, { price_compare: 12000 })] }));
  t.strictSame([simple.price, simple.compare_at_price], [8000, 12000], 'a simple product: its variant\'s own normal, the product offer');
});

t.test('§5 normal price must be > 0, else not published and reported', async (t) => {
  for (const price_compare of [null, '', 0, '0', -100]) {
    t.match(planProduct(catalog(centry({ price_compare, price: 5000 })), undefined, ctx()),
      { action: 'invalid', reason: 'NO_NORMAL_PRICE', unpublish: null, writes: 0 }, `price_compare ${JSON.stringify(price_compare)}`);
  }
  t.match(planProduct(catalog(centry({ price_compare: null, variants: [sized('s', 'S', null, 1, 1, { price_compare: 5000 }), sized('m', 'M', null, 1, 2)] })), undefined, ctx()),
    { action: 'invalid', catalogVariantId: 'm' }, 'a variant with no normal price anywhere withholds the product, naming it');
  const ok = planProduct(catalog(centry({ price_compare: null, variants: [sized('s', 'S', null, 1, 1, { price_compare: 5000 }), sized('m', 'M', null, 1, 2, { price_compare: 4000 })] })), undefined, ctx());
  t.match(ok, { action: 'create', ops: { product: { price: 4000 } } }, 'every variant priced: published, the product at its cheapest variant');
  const mapping = afterCreate(centry());
  t.match(planProduct(catalog(centry({ price_compare: 0 })), mapping, ctx()), { action: 'invalid', unpublish: 100, writes: 1 },
    'a published product that loses its normal price is taken down');
});

t.test('§5/§3 money from Centry: integers for CLP, numbers as text, halves up', async (t) => {
  const cases: [unknown, string, number | null][] = [
    ['10000', 'CLP', 10000], [10000, 'CLP', 10000], ['10000.0', 'CLP', 10000], [' 10000 ', 'CLP', 10000],
    [10000.5, 'CLP', 10001], ['10000.49', 'CLP', 10000], ['19.99', 'USD', 1999], [19.995, 'USD', 2000], ['12,5', 'USD', 1250],
    ['', 'CLP', null], [null, 'CLP', null],
  ];
  for (const [value, currency, minor] of cases) t.equal(catalog(centry({ price_compare: value }), currency).priceCompare, minor, `${JSON.stringify(value)} ${currency}`);
  t.equal(createJson(centry({ price_compare: '19.99' }), ctx({ currency: 'USD' })).price, 19.99, 'sent back in major units, exactly');
  t.match(parseCentryProduct(centry({ price_compare: '$10.000' }), { now: NOW }), { ok: false, reason: /price_compare: se esperaba un número/ }, 'formatted text is refused, not guessed');
});

t.test('§6 exclusions: category or any ancestor, brand, gender, product, paused', async (t) => {
  const p = catalog(centry());
  const cases: [string, Partial<Exclusions>, Record<string, unknown>, string | null][] = [
    ['nothing excluded', {}, {}, null],
    ['its own category', { categoryIds: ['c-poleras'] }, {}, 'CATEGORY'],
    ['its parent', { categoryIds: ['c-hombre'] }, {}, 'CATEGORY'],
    ['its root', { categoryIds: ['c-ropa'] }, {}, 'CATEGORY'],
    ['another tree', { categoryIds: ['c-hogar'] }, {}, null],
    ['brand', { brandIds: ['b1'] }, {}, 'BRAND'],
    ['another brand', { brandIds: ['b2'] }, {}, null],
    ['gender', { genderIds: ['g1'] }, {}, 'GENDER'],
    ['product', { productIds: [p.id] }, {}, 'PRODUCT'],
    ['paused', {}, { status: false }, 'PAUSED'],
  ];
  for (const [name, exclusions, over, reason] of cases) {
    const plan = planProduct(catalog(centry(over)), undefined, ctx({ exclusions }));
    if (reason === null) t.equal(plan.action, 'create', `${name}: published`);
    else t.match(plan, { action: 'none', why: 'excluded', writes: 0 }, `${name}: not published, never created`);
    const mapping = afterCreate(centry());
    const taken = planProduct(catalog(centry(over)), mapping, ctx({ exclusions }));
    if (reason !== null) t.match(taken, { action: 'unpublish', why: reason, jumpsellerProductId: 100 }, `${name}: published → status disabled`);
  }
});

t.test('§6 unpublish ({status: disabled}) or delete under "Eliminar", and published again', async (t) => {
  const mapping = afterCreate(centry());
  const excluded = ctx({ exclusions: { brandIds: ['b1'] } });
  t.match(planProduct(catalog(centry()), mapping, excluded), { action: 'unpublish' });
  t.match(planProduct(catalog(centry()), mapping, ctx({ exclusions: { brandIds: ['b1'] }, onRemoved: 'delete' })), { action: 'delete', jumpsellerProductId: 100 });
  t.match(planProduct(catalog(centry({ status: false })), mapping, ctx({ onRemoved: 'delete' })), { action: 'delete', why: 'PAUSED' });
  t.match(planRemoved(catalog(centry()).id, mapping, ctx()), { action: 'unpublish', why: 'DELETED' }, 'deleted in Centry');
  t.match(planRemoved(catalog(centry()).id, mapping, ctx({ onRemoved: 'delete' })), { action: 'delete', why: 'DELETED' });
  const down = { ...mapping, published: false };
  t.match(planProduct(catalog(centry()), down, excluded), { action: 'none', why: 'not_published' }, 'unpublished once');
  const back = updatePlan(centry(), down);
  t.strictSame(updateJson(back), { status: 'available' }, 'published again when it stops being excluded');
  const toggles = allOn();
  toggles.status = { onCreate: true, onUpdate: false };
  t.strictSame(updateJson(updatePlan(centry(), down, ctx({ toggles }))), { status: 'available' }, 'even with "Estado" off: the app undoes what it did');
});
