// SPEC §7.6, property test: for many generated catalogs × settings × plan kinds (create, update,
// adoption, recreate, unpublish/republish), every request body the app builds — with the very
// functions the executor calls (planner, store-diff, to-api, the category resolver) — validates with
// Ajv against the official ../shared/jumpseller/openapi.json itself (not the sandbox's schemas),
// patched only for partial updates (API-NOTES). Seeded PRNG: a failure prints its seed and case.
import t from 'tap';
import type { ValidateFunction } from 'ajv';
import { mulberry32 } from '../../src/catalog/demo/demo-catalog.js';
import {
  catalogProductId, catalogVariantId, type CatalogProduct, type CatalogReferences, type CatalogVariant,
} from '../../src/catalog/model.js';
import { integrationId } from '../../src/company/model.js';
import type { JumpsellerCategoryId, JumpsellerProductId } from '../../src/jumpseller/ids.js';
import type { JumpsellerProduct } from '../../src/jumpseller/schemas.js';
import { basisPoints } from '../../src/pricing/percent.js';
import { ROUNDINGS, ROUNDING_DIRECTIONS, type PriceRules } from '../../src/pricing/price-rules.js';
import { adoptedMapping } from '../../src/publishing/run/adoption.js';
import { CategoryResolver } from '../../src/publishing/run/category-resolver.js';
import { buildExclusionFilter } from '../../src/publishing/plan/exclusion-filter.js';
import type { MappingRepository } from '../../src/publishing/storage/mapping-repository.js';
import { SYNC_FIELDS, type FieldToggles, type SyncField } from '../../src/publishing/plan/sync-fields.js';
import type { MappingState, PlanContext, ProductPlan } from '../../src/publishing/plan/plan-types.js';
import { contextKey, planProduct, pushedAfterCreate } from '../../src/publishing/plan/planner.js';
import type { StoreApi } from '../../src/publishing/run/ports.js';
import { asApiDecimals } from '../../src/publishing/plan/desired-fingerprints.js';
import { trimToStore } from '../../src/publishing/plan/store-diff.js';
import { createBody, productBody, REMOVED_VARIANT_BODY, UNPUBLISH_BODY, variantBody } from '../../src/publishing/plan/to-api.js';
import { loadOfficialSpec, missingSpec } from '../jumpseller/official-spec.js';

const skip = missingSpec();
if (skip) t.comment(skip);

const CATALOGS = 400;
const SEED = 20261203;
const NOW = new Date('2025-03-10T15:00:00.000Z');

type Rnd = () => number;
const pick = <T>(r: Rnd, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const maybe = <T>(r: Rnd, p: number, v: () => T): T | null => (r() < p ? v() : null);
const int = (r: Rnd, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const text = (r: Rnd) => pick(r, ['', '  ', 'Algodón', '<p>Polera <b>suave</b></p>', 'Ñandú & Cía', '- uno\n- dos', '<ul><li>a</li></ul>']);

const references: CatalogReferences = {
  brands: new Map([['b1', { id: 'b1', name: 'Altiplano' }], ['b2', { id: 'b2', name: ' ' }]]),
  categories: new Map([
    ['c1', { id: 'c1', name: 'Ropa', parentId: null }],
    ['c2', { id: 'c2', name: 'Poleras', parentId: 'c1' }],
    ['c3', { id: 'c3', name: 'Manga corta', parentId: 'c2' }],
    ['c4', { id: 'c4', name: '', parentId: null }],
  ]),
  genders: new Map([['g1', { id: 'g1', name: 'Mujer' }]]),
};

function genVariant(r: Rnd, i: number): CatalogVariant {
  return {
    id: catalogVariantId(`v${i}`), sku: `SKU-${i}-${int(r, 0, 3)}`, barcode: maybe(r, 0.5, () => pick(r, ['', '7800000000017'])),
    sizeId: null, sizeName: maybe(r, 0.6, () => pick(r, ['S', 'M', 'L', '', ' '])), colorId: null,
    colorName: maybe(r, 0.4, () => pick(r, ['Rojo', 'Azul', ''])), stock: int(r, -3, 40),
    priceCompare: maybe(r, 0.3, () => pick(r, [0, -5, 12990, 5000])), price: maybe(r, 0.3, () => pick(r, [0, 7990, 20000])), position: int(r, 0, 5),
  };
}

function genProduct(r: Rnd, n: number): CatalogProduct {
  const variants = Array.from({ length: pick(r, [0, 1, 1, 2, 3, 4]) }, (_, i) => genVariant(r, i));
  // Unique option combinations, as Centry guarantees (Jumpseller refuses the same options twice).
  const seen = new Set<string>();
  for (const v of variants) {
    const key = `${v.sizeName?.trim() ?? ''}|${v.colorName?.trim() ?? ''}`;
    if (key !== '|' && seen.has(key)) v.sizeName = `${v.sizeName ?? ''}${v.id}`;
    seen.add(key);
  }
  const dim = () => maybe(r, 0.6, () => pick(r, [0, 0.35, 2, 12.5, 30]));
  const date = () => maybe(r, 0.4, () => new Date(NOW.getTime() + int(r, -30, 30) * 86_400_000));
  return {
    id: catalogProductId(`p${n}`), name: pick(r, ['Polera', 'Zapatilla Ñ', 'Gorro  ']), sku: maybe(r, 0.7, () => pick(r, [`P-${n}`, '', ' '])),
    barcode: maybe(r, 0.5, () => pick(r, ['', '7800000000024'])), description: maybe(r, 0.7, () => text(r)), shortDescription: maybe(r, 0.5, () => text(r)),
    condition: null, warranty: null, brandId: maybe(r, 0.7, () => pick(r, ['b1', 'b2', 'missing'])),
    categoryId: maybe(r, 0.7, () => pick(r, ['c1', 'c2', 'c3', 'c4', 'missing'])), genderId: maybe(r, 0.3, () => 'g1'),
    active: r() < 0.85, priceCompare: maybe(r, 0.9, () => pick(r, [0, 1, 9990, 10000, 123456])), price: maybe(r, 0.5, () => pick(r, [0, -1, 5990, 9990, 200000])),
    saleStart: date(), saleEnd: date(), packageHeight: dim(), packageLength: dim(), packageWidth: dim(), packageWeight: dim(),
    seoTitle: maybe(r, 0.5, () => text(r)), seoDescription: maybe(r, 0.5, () => text(r)), variants,
    images: Array.from({ length: int(r, 0, 3) }, (_, i) => ({ id: `i${i}`, url: pick(r, ['https://img.example/a.jpg', 'https://img.example/b.jpg', ' ', `https://img.example/${n}-${i}.png`]), position: int(r, 0, 3), fingerprint: null })),
    updatedAt: NOW,
  };
}

/** The same product edited in Centry: every field may change, variants come and go. */
function mutate(r: Rnd, p: CatalogProduct, n: number): CatalogProduct {
  const other = genProduct(r, n);
  const keep = <K extends keyof CatalogProduct>(k: K) => (r() < 0.5 ? p[k] : other[k]);
  const out = { ...p } as Record<string, unknown>;
  for (const k of Object.keys(p) as (keyof CatalogProduct)[]) if (k !== 'id') out[k] = keep(k);
  return out as unknown as CatalogProduct;
}

function genContext(r: Rnd): PlanContext {
  const toggles = Object.fromEntries(SYNC_FIELDS.map((f) => [f, { onCreate: r() < 0.8, onUpdate: r() < 0.8 }])) as Record<SyncField, { onCreate: boolean; onUpdate: boolean }>;
  const currency = pick(r, ['CLP', 'CLP', 'USD']);
  const rules: PriceRules = {
    publishOffer: r() < 0.7, percent: basisPoints(pick(r, [0, 1900, -1000, 1250])), fixed: pick(r, [0, 500, -300]),
    rounding: currency === 'CLP' ? pick(r, ROUNDINGS.filter((x) => x !== 'ending_99')) : pick(r, ROUNDINGS), roundingDirection: pick(r, ROUNDING_DIRECTIONS),
    minimum: maybe(r, 0.3, () => pick(r, [990, 5000])), stockBuffer: pick(r, [0, 0, 2]),
  };
  const exclusions = { categoryIds: r() < 0.1 ? ['c2'] : [], brandIds: r() < 0.1 ? ['b1'] : [], genderIds: [], productIds: [] };
  const ctx: PlanContext = {
    toggles: toggles as FieldToggles, rules, currency, now: NOW, weightUnit: pick(r, [undefined, 'kg', 'g', 'lb', 'oz']), references,
    isExcluded: buildExclusionFilter(exclusions, references.categories), onRemoved: pick(r, ['unpublish', 'delete'] as const),
  };
  if (r() < 0.5) ctx.contextKey = contextKey(ctx);
  return ctx;
}

/** A store product JSON as live might hold it for an adoption: some fields like ours, some not, nulls. */
function genStoreProduct(r: Rnd, mapping: MappingState, plan: Extract<ProductPlan, { action: 'create' }>): JumpsellerProduct {
  const ours = asApiDecimals(plan.desired); // the store answers amounts in major units
  const d = ours.product as unknown as Record<string, unknown>;
  const field = (k: string) => pick(r, [d[k], null, '', 0, '0.0', 'otro', 1]);
  const fields = Object.fromEntries(Object.keys(d).map((k) => [k, field(k)]));
  return {
    id: mapping.jumpsellerProductId, ...fields, status: pick(r, ['available', 'disabled', 'not-available']),
    categories: r() < 0.5 ? [{ id: 3, name: 'Manga corta', parent_id: 2, permalink: 'x' }] : [],
    variants: ours.variants.map((v, i) => ({
      id: 7000 + i, sku: v.sku, price: pick(r, [v.price, 1, '0.0']), stock: pick(r, [v.stock, 0, null]), barcode: pick(r, [v.barcode, null, '']),
      compare_at_price: pick(r, [v.compare_at_price, null, 0]), options: pick(r, [v.options, []]),
    })),
    images: [],
  } as unknown as JumpsellerProduct;
}

interface Sent { kind: string; method: string; path: string; body: unknown }

/** Bodies the executor writes for an update plan (product PUT, variant PUT/POST, removals, images). */
function updateBodies(kind: string, plan: Extract<ProductPlan, { action: 'update' }>, categoryIds: JumpsellerCategoryId[] | null, currency: string): Sent[] {
  const out: Sent[] = [];
  const { ops } = plan;
  if (Object.keys(ops.product).length > 0 || ops.categoryPath !== null) {
    out.push({ kind, method: 'put', path: '/products/{id}.json', body: { product: productBody(ops.product, ops.categoryPath ? categoryIds : null, 'update', currency) } });
  }
  for (const u of ops.variantUpdates) out.push({ kind, method: 'put', path: '/products/{id}/variants/{variant_id}.json', body: { variant: variantBody(u.patch, 'update', currency) } });
  for (const c of ops.variantCreates) out.push({ kind, method: 'post', path: '/products/{id}/variants.json', body: { variant: variantBody(c.body, 'create', currency) } });
  for (const _ of ops.variantRemovals) out.push({ kind, method: 'put', path: '/products/{id}/variants/{variant_id}.json', body: { variant: { ...REMOVED_VARIANT_BODY } } });
  for (const i of ops.imageAdds) out.push({ kind, method: 'post', path: '/products/{id}/images.json', body: { image: { url: i.url, position: i.position } } });
  return out;
}

function createBodies(kind: string, plan: Extract<ProductPlan, { action: 'create' }>, categoryIds: JumpsellerCategoryId[] | null, currency: string): Sent[] {
  return [
    { kind, method: 'post', path: '/products.json', body: { product: createBody(plan.ops, plan.ops.categoryPath ? categoryIds : null, currency) } },
    ...plan.ops.images.map((i) => ({ kind, method: 'post', path: '/products/{id}/images.json', body: { image: { url: i.url, position: i.position } } })),
  ];
}

/** The real category resolver over a store with no categories: records the create bodies. */
function recordingResolver(sent: Sent[]): CategoryResolver {
  let next = 1;
  const api = {
    listCategories: async () => [],
    createCategory: async (body: unknown) => {
      sent.push({ kind: 'category', method: 'post', path: '/categories.json', body: { category: body } });
      return { id: next++ as JumpsellerCategoryId };
    },
  } as unknown as StoreApi;
  const mappings = { categories: async () => new Map(), saveCategory: async () => {} } as unknown as MappingRepository;
  return new CategoryResolver({ api, mappings, integration: integrationId(1) });
}

t.test('every body the app builds validates against the official openapi.json', { skip: skip ?? false }, async (t) => {
  const spec = loadOfficialSpec();
  const validators = new Map<string, ValidateFunction>();
  const validate = (s: Sent) => {
    const key = `${s.method} ${s.path}`;
    // Product updates are partial on live (API-NOTES); every other body is checked as the spec has it.
    if (!validators.has(key)) validators.set(key, s.method === 'put' && s.path === '/products/{id}.json' ? spec.partialUpdate(s.method, s.path) : spec.request(s.method, s.path));
    const v = validators.get(key)!;
    const wire = JSON.parse(JSON.stringify(s.body)) as unknown; // what travels: NaN/undefined would show here
    return v(wire) ? null : JSON.stringify(v.errors?.slice(0, 3));
  };
  const r = mulberry32(SEED);
  const counts: Record<string, number> = {};
  const failures: string[] = [];
  const record = (seedCase: string, bodies: Sent[]) => {
    for (const s of bodies) {
      counts[s.kind] = (counts[s.kind] ?? 0) + 1;
      const err = validate(s);
      if (err && failures.length < 10) failures.push(`${seedCase} ${s.kind} ${s.method} ${s.path} ${JSON.stringify(s.body)} → ${err}`);
    }
  };

  for (let n = 0; n < CATALOGS; n++) {
    const ctx = genContext(r);
    const products = Array.from({ length: int(r, 1, 4) }, (_, i) => genProduct(r, n * 10 + i));
    const sent: Sent[] = [];
    const resolver = recordingResolver(sent);
    const ids = async (path: string[] | null) => (path ? await resolver.resolve(path) : null);
    for (const p of products) {
      const at = `seed ${SEED} catalog ${n} product ${p.id}:`;
      const first = planProduct(p, undefined, ctx);
      if (first.action !== 'create') continue;
      // create (and recreate after a 404: the same plan from no mapping)
      record(at, createBodies('create', first, await ids(first.ops.categoryPath), ctx.currency));
      const mapping: MappingState = {
        jumpsellerProductId: 1001 as JumpsellerProductId, published: true, pushed: pushedAfterCreate(first, ctx),
        variants: new Map(first.desired.variants.map((v, i) => [v.catalogVariantId, (7000 + i) as never])), images: [],
      };
      // update: the product edited in Centry, planned against what the create pushed
      const edited = mutate(r, p, n * 10 + 9);
      const upd = planProduct(edited, mapping, ctx);
      if (upd.action === 'update') record(at, updateBodies('update', upd, await ids(upd.ops.categoryPath), ctx.currency));
      // unpublish (excluded/paused/deleted) and its republish
      if (upd.action === 'unpublish' || upd.action === 'invalid') record(at, [{ kind: 'unpublish', method: 'put', path: '/products/{id}.json', body: { product: { ...UNPUBLISH_BODY } } }]);
      const back = planProduct(p, { ...mapping, published: false }, ctx);
      if (back.action === 'update') record(at, updateBodies('republish', back, await ids(back.ops.categoryPath), ctx.currency));
      // adoption: a store product found by SKU (or after an ambiguous create), trimmed to what it lacks
      const store = genStoreProduct(r, mapping, first);
      const adopted = adoptedMapping(store, first.desired);
      const plan = planProduct(p, adopted, ctx);
      if (plan.action === 'update') {
        const categoryIds = await ids(plan.ops.categoryPath);
        record(at, updateBodies('adoption', trimToStore(plan, store, categoryIds, ctx.currency), categoryIds, ctx.currency));
      }
    }
    record(`seed ${SEED} catalog ${n}:`, sent);
  }
  t.comment(`bodies validated per kind: ${JSON.stringify(counts)}`);
  t.same(failures, [], 'no body the official schema refuses');
  for (const kind of ['create', 'update', 'republish', 'adoption', 'unpublish', 'category']) t.ok((counts[kind] ?? 0) > 20, `${kind}: ${counts[kind] ?? 0} bodies checked`);
});
