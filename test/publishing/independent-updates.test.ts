// The update path (planProduct on a mapped product → to-api.ts bodies) against the independent
// projection: a product created under one catalog/settings/clock, then synced again after catalog
// edits, toggles "Al actualizar", new price rules, an offer window opening or closing, or an
// exclusion and its undoing (SPEC §4 "On update only checked fields are sent", §5 "a sync after an
// offer starts or ends changes the published price", §6 "published again when it stops being excluded").
import t from 'tap';
import type { CatalogProduct } from '../../src/catalog/model.js';
import { mulberry32 } from '../../src/catalog/demo/demo-catalog.js';
import type { JumpsellerImageId, JumpsellerVariantId } from '../../src/jumpseller/ids.js';
import { basisPoints } from '../../src/pricing/percent.js';
import { DEFAULT_PRICE_RULES, type PriceRules } from '../../src/pricing/price-rules.js';
import { buildExclusionFilter } from '../../src/publishing/plan/exclusion-filter.js';
import type { MappingState, PlanContext } from '../../src/publishing/plan/plan-types.js';
import { planProduct } from '../../src/publishing/plan/planner.js';
import type { ExclusionIds } from '../../src/settings/settings.schema.js';
import { demoProducts, type DemoProducts } from '../helpers/demo-products.js';
import { projectProduct } from '../helpers/independent-projection.js';
import { oracleCreatedView, oracleUpdatedView, ORACLE_FIELDS, type OracleField, type OracleToggles, type OracleView } from '../helpers/independent-store-view.js';
import { applyPlan, mappingAfterCreate, productionCreatedView, viewProblems, type ProductionView } from '../helpers/production-store-view.js';

const NOW = new Date('2025-03-10T15:00:00.000Z');
const DAY = 86_400_000;
const FIELDS = Object.keys(ORACLE_FIELDS) as OracleField[];
const allOn = (): OracleToggles => Object.fromEntries(FIELDS.map((f) => [f, { onCreate: true, onUpdate: true }])) as OracleToggles;
const NONE: ExclusionIds = { categoryIds: [], brandIds: [], genderIds: [], productIds: [] };

interface Step { edit?: (p: CatalogProduct, d: DemoProducts, rnd: () => number) => CatalogProduct; rules?: Partial<Omit<PriceRules, 'percent'>> & { percent?: number }; now?: Date; exclude?: boolean }
interface Scenario { name: string; toggles?: (rnd: () => number) => OracleToggles; steps: Step[] }

const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)]!;

/** A catalog edit of the kinds Centry sends: text, references, prices, stock, images, variants. */
function edit(p: CatalogProduct, d: DemoProducts, rnd: () => number): CatalogProduct {
  const q = structuredClone(p);
  const kinds = ['name', 'description', 'brand', 'category', 'normal', 'offer', 'stock', 'imagesAdd', 'imagesDrop', 'imagesSwap', 'variantAdd', 'variantDrop', 'barcode', 'seo', 'weight', 'noOffer', 'pause', 'resize', 'variantSku', 'noNormal'] as const;
  for (let i = 0; i < 1 + Math.floor(rnd() * 3); i++) {
    switch (pick(kinds, rnd)) {
      case 'name': q.name = `${q.name} II`; break;
      case 'description': q.description = rnd() < 0.5 ? null : '<p>Nueva.</p>'; q.shortDescription = rnd() < 0.5 ? null : '<ul><li>Nuevo</li></ul>'; break;
      case 'brand': q.brandId = pick([...d.references.brands.keys()], rnd); break;
      case 'category': q.categoryId = pick([...d.references.categories.keys()], rnd); break;
      case 'normal': q.priceCompare = (q.priceCompare ?? 10_000) + 1000; break;
      case 'offer': q.price = Math.floor((q.priceCompare ?? 10_000) * 0.8); q.saleStart = null; q.saleEnd = null; break;
      case 'noOffer': q.price = null; break;
      case 'stock': for (const v of q.variants) v.stock = Math.floor(rnd() * 20); break;
      case 'imagesAdd': q.images.push({ id: `${q.id}-new`, url: `${q.images[0]?.url ?? 'http://127.0.0.1:1/x.jpg'}?v=2`, position: 99, fingerprint: null }); break;
      case 'imagesDrop': q.images = q.images.slice(1); break;
      case 'imagesSwap': if (q.images.length > 1) [q.images[0]!.position, q.images[1]!.position] = [q.images[1]!.position, q.images[0]!.position]; break;
      case 'variantAdd': {
        const last = q.variants[q.variants.length - 1];
        if (last && (last.sizeName || last.colorName)) q.variants.push({ ...last, id: `${last.id}-n` as typeof last.id, sku: `${last.sku}-N`, sizeName: 'XXL', position: last.position + 1 });
        break;
      }
      case 'variantDrop': if (q.variants.length > 1 && q.variants.every((v) => v.sizeName || v.colorName)) q.variants = q.variants.slice(1); break;
      case 'barcode': q.barcode = rnd() < 0.5 ? null : '7801234567890'; break;
      case 'seo': q.seoTitle = rnd() < 0.5 ? null : 'Otro título'; q.seoDescription = null; break;
      case 'weight': q.packageWeight = pick([null, 3.25, 0], rnd); q.packageHeight = null; break;
      case 'pause': q.active = !q.active; break;
      case 'resize': { const v = q.variants.find((x) => x.sizeName); if (v) v.sizeName = `${v.sizeName}-B`; break; }
      case 'variantSku': { const v = q.variants[0]; if (v) v.sku = `${v.sku}-R`; if (rnd() < 0.5) q.sku = `${q.sku ?? 'X'}-R`; break; }
      case 'noNormal': q.priceCompare = q.priceCompare === null ? 12_990 : null; break;
    }
  }
  return q;
}

const randomToggles = (rnd: () => number) =>
  Object.fromEntries(FIELDS.map((f) => [f, { onCreate: true, onUpdate: rnd() < 0.5 }])) as OracleToggles;

const SCENARIOS: Scenario[] = [
  { name: 'catalog edits, every field on', steps: [{ edit }, { edit }] },
  { name: 'catalog edits, fields "Al actualizar" at random', toggles: randomToggles, steps: [{ edit }, { edit }] },
  { name: 'the clock alone: offers open and close', steps: [{ now: new Date(NOW.getTime() + 25 * DAY) }, { now: new Date(NOW.getTime() - 20 * DAY) }] },
  { name: 'new price rules, then a stock buffer', steps: [{ rules: { percent: 1900, rounding: 'ending_990', roundingDirection: 'up' } }, { rules: { percent: 1900, rounding: 'ending_990', roundingDirection: 'up', stockBuffer: 2, minimum: 15_000 } }] },
  { name: 'excluded, then back with an edit', steps: [{ exclude: true }, { edit }] },
  { name: 'excluded, then back with fields off "Al actualizar"', toggles: randomToggles, steps: [{ exclude: true, edit }, { edit }] },
];

function planCtx(d: DemoProducts, toggles: OracleToggles, step: Step, exclusions: ExclusionIds): PlanContext {
  const rules: PriceRules = { ...DEFAULT_PRICE_RULES, ...step.rules, percent: basisPoints(step.rules?.percent ?? 0) };
  return { toggles, rules, currency: 'CLP', now: step.now ?? NOW, references: d.references, isExcluded: buildExclusionFilter(exclusions, d.references.categories), onRemoved: 'unpublish' };
}

/** The mapping after an update's writes, as the executor records it (new ids for new variants and images). */
function mappingAfter(mapping: MappingState, plan: ReturnType<typeof planProduct>): MappingState {
  if (plan.action === 'unpublish' || (plan.action === 'invalid' && plan.unpublish !== null)) return { ...mapping, published: false };
  if (plan.action !== 'update') return mapping;
  const variants = new Map(mapping.variants);
  for (const c of plan.ops.variantCreates) variants.set(c.catalogVariantId, (500 + variants.size) as JumpsellerVariantId);
  const removed = new Set(plan.ops.imageRemovals.map((i) => i.jumpsellerImageId));
  const images = [...mapping.images.filter((i) => !removed.has(i.jumpsellerImageId)), ...plan.ops.imageAdds.map((img, i) => ({
    jumpsellerImageId: (900 + mapping.images.length + i) as JumpsellerImageId, position: img.position, url: img.url, fingerprint: img.fingerprint,
  }))];
  return { ...mapping, published: true, pushed: plan.next, variants, images };
}

function run(d: DemoProducts, s: Scenario, seed: number): string[] {
  const problems: string[] = [];
  const rnd = mulberry32(seed);
  for (const original of d.products) {
    const toggles = s.toggles?.(rnd) ?? allOn();
    const first: Step = {};
    const ctx0 = planCtx(d, toggles, first, NONE);
    const created = projectProduct(original, { ...ctx0, exclusions: NONE });
    const plan0 = planProduct(original, undefined, ctx0);
    if (!created.published || plan0.action !== 'create') continue; // the create path is judged by independent-projection.test.ts
    let oracle: { view: OracleView; published: boolean } = { view: oracleCreatedView(created.expected, toggles), published: true };
    let production: ProductionView = productionCreatedView(plan0, 'CLP');
    let mapping = mappingAfterCreate(plan0, ctx0);
    let product = original;
    s.steps.forEach((step, n) => {
      product = step.edit ? step.edit(product, d, rnd) : product;
      const exclusions = step.exclude ? { ...NONE, productIds: [product.id] } : NONE;
      const ctx = planCtx(d, toggles, step, exclusions);
      oracle = oracleUpdatedView(oracle.view, projectProduct(product, { ...ctx, exclusions }), toggles, oracle.published);
      const plan = planProduct(product, mapping, ctx);
      production = applyPlan(production, plan, 'CLP');
      mapping = mappingAfter(mapping, plan);
      for (const line of viewProblems(oracle.view, production)) problems.push(`${s.name} · step ${n + 1} · ${original.sku}: ${line} [${plan.action}]`);
    });
  }
  return problems;
}

for (const c of [{ seed: 3, size: 60 }, { seed: 11, size: 80 }]) {
  t.test(`updates over the demo catalog, seed ${c.seed}`, async (t) => {
    const d = demoProducts({ ...c, now: NOW });
    for (const s of SCENARIOS) {
      const problems = run(d, s, c.seed * 97 + s.name.length);
      t.same(problems.slice(0, 12), [], `${s.name}: the planned writes leave what the spec says${problems.length > 12 ? ` (${problems.length} disagreements)` : ''}`);
    }
  });
}
