// The production pipeline (buildDesiredProduct → planProduct → createBody) against the independent
// projection of SPEC §4–§6 (test/helpers/independent-projection.ts), over the demo catalog (several
// seeds and sizes, plus seeded edge cases) and a table of settings: field toggles "Al crear", value
// transformations, exclusions, offer windows at a given `now`, CLP (0 decimals) and USD/EUR (2).
// Every disagreement is printed with the product and the field, so a failure says what to look at.
import t from 'tap';
import type { CatalogProduct } from '../../src/catalog/model.js';
import { mulberry32 } from '../../src/catalog/demo/demo-catalog.js';
import { basisPoints } from '../../src/pricing/percent.js';
import { DEFAULT_PRICE_RULES, type PriceRules } from '../../src/pricing/price-rules.js';
import { buildExclusionFilter } from '../../src/publishing/plan/exclusion-filter.js';
import type { PlanContext } from '../../src/publishing/plan/plan-types.js';
import { planProduct } from '../../src/publishing/plan/planner.js';
import type { ExclusionIds } from '../../src/settings/settings.schema.js';
import { mutateCatalog } from '../helpers/catalog-mutations.js';
import { demoProducts, type DemoProducts } from '../helpers/demo-products.js';
import { projectProduct, type ProjectionContext } from '../helpers/independent-projection.js';
import { oracleCreatedView, ORACLE_FIELDS, type OracleField, type OracleToggles } from '../helpers/independent-store-view.js';
import { productionCreatedView, viewProblems } from '../helpers/production-store-view.js';

const NOW = new Date('2025-03-10T15:00:00.000Z');
const DAY = 86_400_000;
const FIELDS = Object.keys(ORACLE_FIELDS) as OracleField[];
const allOn = (): OracleToggles => Object.fromEntries(FIELDS.map((f) => [f, { onCreate: true, onUpdate: true }])) as OracleToggles;
const NONE: ExclusionIds = { categoryIds: [], brandIds: [], genderIds: [], productIds: [] };

interface Scenario {
  name: string;
  rules?: Partial<Omit<PriceRules, 'percent'>> & { percent?: number };
  currency?: string;
  weightUnit?: string;
  now?: Date;
  toggles?: (rnd: () => number) => OracleToggles;
  exclusions?: (d: DemoProducts, rnd: () => number) => ExclusionIds;
}

const someOf = <T>(list: readonly T[], rnd: () => number, share: number) => list.filter(() => rnd() < share);

const SCENARIOS: Scenario[] = [
  { name: 'defaults' },
  { name: '+19 %, terminación 990 al más cercano', rules: { percent: 1900, rounding: 'ending_990', roundingDirection: 'nearest' } },
  { name: '-10 %, fijo -500, múltiplo de 100 hacia abajo, mínimo 5.000', rules: { percent: -1000, fixed: -500, rounding: 'multiple_100', roundingDirection: 'down', minimum: 5000 } },
  { name: '12,5 %, múltiplo de 1.000 hacia arriba, sin oferta', rules: { percent: 1250, rounding: 'multiple_1000', roundingDirection: 'up', publishOffer: false } },
  { name: 'múltiplo de 10 al más cercano, fijo +5, descuento de stock 3', rules: { rounding: 'multiple_10', fixed: 5, stockBuffer: 3 } },
  { name: 'terminación 990 hacia abajo, fijo -30.000 (below the first candidate)', rules: { rounding: 'ending_990', roundingDirection: 'down', fixed: -30_000 } },
  { name: 'fijo -1.000.000 (never below 0)', rules: { fixed: -1_000_000 } },
  { name: 'USD, +19 %, ".99" al más cercano', currency: 'USD', rules: { percent: 1900, rounding: 'ending_99', roundingDirection: 'nearest' } },
  { name: 'USD, ".99" hacia abajo, mínimo US$5', currency: 'USD', rules: { rounding: 'ending_99', roundingDirection: 'down', minimum: 500 } },
  { name: 'EUR, 33,33 %, múltiplo de 10 hacia arriba', currency: 'EUR', rules: { percent: 3333, rounding: 'multiple_10', roundingDirection: 'up' } },
  { name: 'EUR, terminación 990 al más cercano', currency: 'EUR', rules: { rounding: 'ending_990', roundingDirection: 'nearest' } },
  { name: 'a month earlier (other offers open)', now: new Date(NOW.getTime() - 30 * DAY) },
  { name: 'a month later', now: new Date(NOW.getTime() + 30 * DAY), rules: { percent: 500 } },
  { name: 'weight in grams', weightUnit: 'g' },
  { name: 'weight in pounds', weightUnit: 'lb' },
  {
    name: 'exclusions: a root category (its descendants), a brand, a gender, products',
    exclusions: (d, rnd) => ({
      categoryIds: someOf([...d.references.categories.values()].filter((c) => c.parentId === null).map((c) => c.id), rnd, 0.3),
      brandIds: someOf([...d.references.brands.keys()], rnd, 0.2),
      genderIds: someOf([...d.references.genders.keys()], rnd, 0.3),
      productIds: someOf(d.products.map((p) => p.id), rnd, 0.1),
    }),
  },
  {
    name: 'exclusions: leaf categories only',
    exclusions: (d, rnd) => ({ ...NONE, categoryIds: someOf([...d.references.categories.values()].filter((c) => c.parentId !== null).map((c) => c.id), rnd, 0.4) }),
  },
  {
    name: 'fields toggled "Al crear" at random',
    toggles: (rnd) => Object.fromEntries(FIELDS.map((f) => [f, { onCreate: f === 'variants' || rnd() < 0.5, onUpdate: rnd() < 0.5 }])) as OracleToggles,
    rules: { percent: 1900, rounding: 'ending_990', roundingDirection: 'up' },
  },
  {
    name: 'every field off "Al crear" but name and price',
    toggles: () => Object.fromEntries(FIELDS.map((f) => [f, { onCreate: f === 'variants', onUpdate: true }])) as OracleToggles,
  },
];

const CATALOGS = [{ seed: 1, size: 60 }, { seed: 7, size: 120 }, { seed: 42, size: 90 }];

function compare(products: readonly CatalogProduct[], d: DemoProducts, s: Scenario, rnd: () => number): string[] {
  const rules: PriceRules = { ...DEFAULT_PRICE_RULES, ...s.rules, percent: basisPoints(s.rules?.percent ?? 0) };
  const currency = s.currency ?? 'CLP';
  const now = s.now ?? NOW;
  const exclusions = s.exclusions?.(d, rnd) ?? NONE;
  const toggles = s.toggles?.(rnd) ?? allOn();
  const oracleCtx: ProjectionContext = { references: d.references, rules, exclusions, currency, weightUnit: s.weightUnit, now };
  const planCtx: PlanContext = {
    toggles, rules, currency, weightUnit: s.weightUnit, now, references: d.references,
    isExcluded: buildExclusionFilter(exclusions, d.references.categories), onRemoved: 'unpublish',
  };
  const problems: string[] = [];
  for (const p of products) {
    const want = projectProduct(p, oracleCtx);
    const plan = planProduct(p, undefined, planCtx);
    const label = `${s.name} · ${p.sku ?? p.name} (${p.id})`;
    if (!want.published) {
      if (plan.action === 'create') problems.push(`${label}: published, the spec says not (${want.why})`);
      continue;
    }
    if (plan.action !== 'create') { problems.push(`${label}: not published (${plan.action}${'reason' in plan ? ` ${plan.reason}` : ''}), the spec says it is`); continue; }
    const got = productionCreatedView(plan, currency);
    for (const line of viewProblems(oracleCreatedView(want.expected, toggles), got)) problems.push(`${label}: ${line}`);
    if (plan.sku !== want.expected.key && !want.expected.key.startsWith('name:')) problems.push(`${label}: identity SKU ${plan.sku} ≠ ${want.expected.key}`);
  }
  return problems;
}

for (const c of CATALOGS) {
  t.test(`demo catalog seed ${c.seed}, ${c.size} products`, async (t) => {
    const d = demoProducts({ ...c, now: NOW });
    const edges = mutateCatalog(d.products, mulberry32(c.seed * 31), NOW);
    for (const s of SCENARIOS) {
      for (const [kind, products] of [['demo', d.products], ['edge cases', edges]] as const) {
        const problems = compare(products, d, s, mulberry32(c.seed + s.name.length));
        t.same(problems.slice(0, 12), [], `${s.name} (${kind}): the builder agrees with the independent projection${problems.length > 12 ? ` (${problems.length} disagreements)` : ''}`);
      }
    }
  });
}
