// ADR 0002 to the edge: amounts are integer minor units in the desired product, the plans and the
// pending-create row, and become the API's decimal only in the request body (to-api.ts). Mappings
// pushed before this rule keep their fingerprints: an unchanged catalog plans zero writes after it.
import t from 'tap';
import type { JumpsellerProductId, JumpsellerVariantId } from '../../src/jumpseller/ids.js';
import { asApiDecimals, desiredState } from '../../src/publishing/plan/desired-fingerprints.js';
import { buildExclusionFilter } from '../../src/publishing/plan/exclusion-filter.js';
import { buildDesiredProduct } from '../../src/publishing/plan/payload-builder.js';
import { SYNC_FIELDS, type FieldToggles } from '../../src/publishing/plan/sync-fields.js';
import type { MappingState, PlanContext } from '../../src/publishing/plan/plan-types.js';
import { planProduct } from '../../src/publishing/plan/planner.js';
import { fullyPushed } from '../../src/publishing/plan/pushed-state.js';
import { createBody } from '../../src/publishing/plan/to-api.js';
import { CASES, NOW, REFERENCES, type Case } from './fixtures/pre-minor-units.js';
import { RECORDED } from './fixtures/pre-minor-units-state.js';

const allOn = Object.fromEntries(SYNC_FIELDS.map((f) => [f, { onCreate: true, onUpdate: true }])) as FieldToggles;
const ctx = (c: Case): PlanContext => ({
  toggles: allOn, rules: c.rules, currency: c.currency, now: NOW, references: REFERENCES,
  isExcluded: buildExclusionFilter({ categoryIds: [], brandIds: [], genderIds: [], productIds: [] }, REFERENCES.categories), onRemoved: 'unpublish',
});
const desired = (c: Case) => {
  const r = buildDesiredProduct(c.product, ctx(c));
  if (!r.ok) throw new Error(r.reason);
  return r.desired;
};
/** The mapping a run before the change left: every field pushed, fingerprints as recorded then. */
const mappingBefore = (c: Case): MappingState => ({
  jumpsellerProductId: 100 as JumpsellerProductId, published: true, pushed: fullyPushed(RECORDED[c.name]!),
  variants: new Map(c.product.variants.map((v, i) => [v.id, (200 + i) as JumpsellerVariantId])), images: [],
});

t.test('fingerprints of unchanged data are those recorded before amounts stayed minor units', async (t) => {
  for (const c of CASES) t.strictSame(desiredState(desired(c)), RECORDED[c.name], c.name);
});

t.test('a mapping pushed before the change plans zero writes after it', async (t) => {
  for (const c of CASES) {
    const plan = planProduct(c.product, mappingBefore(c), ctx(c));
    t.equal(plan.action, 'none', `${c.name}: unchanged by the whole fingerprint`);
    t.equal(plan.writes, 0);
    // Field by field too (the whole fingerprint unknown, as after a partial push): still nothing to send.
    const fieldwise = { ...mappingBefore(c), pushed: { ...fullyPushed(RECORDED[c.name]!), all: null } };
    const again = planProduct(c.product, fieldwise, ctx(c));
    t.equal(again.writes, 0, `${c.name}: every field fingerprint matches`);
    if (again.action === 'update') {
      t.strictSame(again.ops.product, {}, `${c.name}: no product field`);
      t.strictSame(again.ops.variantUpdates, [], `${c.name}: no variant`);
    }
  }
});

t.test('amounts are integers from the builder to the plan, decimals only in the body', async (t) => {
  const usd = CASES.find((c) => c.currency === 'USD' && c.product.variants.length > 0)!;
  const d = desired(usd);
  t.strictSame([d.product.price, d.product.compare_at_price], [1499, 1999], 'product: minor units');
  t.strictSame(d.variants.map((v) => [v.price, v.compare_at_price]), [[1499, 2050], [1499, 1999]], 'variants: minor units');
  t.strictSame(asApiDecimals(d).variants.map((v) => [v.price, v.compare_at_price]), [[14.99, 20.5], [14.99, 19.99]], 'as fingerprints hash them');
  const plan = planProduct(usd.product, undefined, ctx(usd));
  if (plan.action !== 'create') throw new Error(plan.action);
  t.strictSame([plan.ops.product.price, plan.ops.product.compare_at_price], [1499, 1999], 'the plan carries minor units');
  t.ok([plan.ops.product.price, ...plan.ops.variants.map((v) => v.body.price)].every(Number.isInteger), 'no float in the plan');
  const body = createBody(plan.ops, null, 'USD');
  t.strictSame([body.price, body.compare_at_price], [14.99, 19.99], 'the body: major-unit decimals');
  t.strictSame(body.variants?.map((v) => [v.variant.price, v.variant.compare_at_price]), [[14.99, 20.5], [14.99, 19.99]]);
  const cents = CASES.find((c) => c.name.startsWith('USD cents'))!;
  t.equal(desired(cents).product.price, 24, '$0.20 +12.5 % + 1¢ = 23.5¢, half up: 24 cents, an integer');
});
