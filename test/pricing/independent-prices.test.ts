// SPEC §5 T(x) and the published prices: the production rules (src/pricing/price-rules.ts) against the
// independent reading (test/helpers/independent-prices.ts) over many random inputs, after the oracle
// itself is checked against the spec's own worked examples.
import t from 'tap';
import { mulberry32 } from '../../src/catalog/demo/demo-catalog.js';
import { basisPoints } from '../../src/pricing/percent.js';
import { publishedPrices, ROUNDINGS, ROUNDING_DIRECTIONS, transform, type PriceRules } from '../../src/pricing/price-rules.js';
import { oraclePrices, oracleT, type OracleRules } from '../helpers/independent-prices.js';

const base: OracleRules = { publishOffer: true, percent: 0, fixed: 0, rounding: 'none', roundingDirection: 'nearest', minimum: null, stockBuffer: 0 };

t.test('the oracle follows the spec\'s worked examples', async (t) => {
  // "$12.345 → up $12.990, nearest $11.990, down $11.990."
  t.equal(oracleT(12_345, { ...base, rounding: 'ending_990', roundingDirection: 'up' }, 'CLP'), 12_990);
  t.equal(oracleT(12_345, { ...base, rounding: 'ending_990', roundingDirection: 'nearest' }, 'CLP'), 11_990);
  t.equal(oracleT(12_345, { ...base, rounding: 'ending_990', roundingDirection: 'down' }, 'CLP'), 11_990);
  // §2.4 "$10.000 → $11.990": +19 % then terminación 990.
  t.equal(oracleT(10_000, { ...base, percent: 1900, rounding: 'ending_990', roundingDirection: 'nearest' }, 'CLP'), 11_990);
  // "down = largest ≤ v (990 if none)"; "never below 0".
  t.equal(oracleT(500, { ...base, rounding: 'ending_990', roundingDirection: 'down' }, 'CLP'), 990);
  t.equal(oracleT(500, { ...base, fixed: -1000 }, 'CLP'), 0);
  // "an exact tie goes up"; "rounded to the minor unit with halves going up" (4 × 1,125 = 4,5 → 5).
  t.equal(oracleT(1_005, { ...base, rounding: 'multiple_10', roundingDirection: 'nearest' }, 'CLP'), 1_010);
  t.equal(oracleT(4, { ...base, percent: 1250 }, 'CLP'), 5);
  t.equal(oracleT(1_234, { ...base, rounding: 'ending_99', roundingDirection: 'up' }, 'USD'), 1_299);
  t.equal(oracleT(1_249, { ...base, rounding: 'ending_99', roundingDirection: 'nearest' }, 'USD'), 1_299, 'tie (12,49 between 11,99 and 12,99) goes up');
  t.equal(oracleT(1_000, { ...base, rounding: 'multiple_10', roundingDirection: 'up' }, 'USD'), 1_000, 'US$10.00 is a multiple of 10');
  // "A variant's … offer is published only when … offer < normal (raw values)", both window ends inclusive.
  const now = new Date('2025-03-10T15:00:00.000Z');
  t.same(oraclePrices({ normal: 10_000, offer: 8_000, saleStart: now, saleEnd: now }, base, 'CLP', now), { ok: true, price: 8_000, compareAt: 10_000 });
  t.same(oraclePrices({ normal: 10_000, offer: 10_000, saleStart: null, saleEnd: null }, base, 'CLP', now), { ok: true, price: 10_000, compareAt: null });
  t.same(oraclePrices({ normal: 0, offer: 8_000, saleStart: null, saleEnd: null }, base, 'CLP', now), { ok: false });
  // "After T, a compare_at_price not strictly greater than price is cleared."
  t.same(oraclePrices({ normal: 10_000, offer: 9_500, saleStart: null, saleEnd: null }, { ...base, rounding: 'multiple_1000', roundingDirection: 'up' }, 'CLP', now), { ok: true, price: 10_000, compareAt: null });
});

t.test('production T(x) and published prices agree with the oracle on 20 000 random inputs', async (t) => {
  const rnd = mulberry32(2025);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const now = new Date('2025-03-10T15:00:00.000Z');
  const problems: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    const currency = ['CLP', 'USD', 'EUR'][int(0, 2)]!;
    const rounding = ROUNDINGS[int(0, ROUNDINGS.length - 1)]!;
    if (rounding === 'ending_99' && currency === 'CLP') continue; // refused for CLP (§5)
    const rules: OracleRules = {
      publishOffer: rnd() < 0.8, percent: [0, 1900, -1000, 1250, 3333, int(-9999, 20_000)][int(0, 5)]!,
      fixed: [0, 5, -500, 990, int(-100_000, 100_000)][int(0, 4)]!, rounding,
      roundingDirection: ROUNDING_DIRECTIONS[int(0, 2)]!, minimum: rnd() < 0.3 ? int(0, 50_000) : null, stockBuffer: 0,
    };
    const prod: PriceRules = { ...rules, percent: basisPoints(rules.percent) };
    const x = [int(0, 2_000), int(0, 200_000), int(0, 100_000_000), 995, 1_005, 12_345, 10_000][int(0, 6)]!;
    const want = oracleT(x, rules, currency);
    const got = transform(x, prod, currency);
    if (got !== want) problems.push(`T(${x} ${currency}, ${JSON.stringify(rules)}) = ${got}, spec says ${want}`);
    const day = 86_400_000;
    const src = {
      normal: [x, 0, -1, null][rnd() < 0.9 ? 0 : int(1, 3)]!, offer: [null, 0, -5, int(1, x + 10), x][int(0, 4)]!,
      saleStart: rnd() < 0.5 ? null : new Date(now.getTime() + int(-2, 2) * day * (rnd() < 0.3 ? 0 : 1)),
      saleEnd: rnd() < 0.5 ? null : new Date(now.getTime() + int(-2, 2) * day * (rnd() < 0.3 ? 0 : 1)),
    };
    const w = oraclePrices(src, rules, currency, now);
    const g = publishedPrices({ priceCompare: src.normal, price: src.offer, saleStart: src.saleStart, saleEnd: src.saleEnd }, prod, currency, now);
    const gv = g.ok ? { ok: true, price: g.price, compareAt: g.compareAtPrice } : { ok: false };
    if (JSON.stringify(gv) !== JSON.stringify(w)) problems.push(`prices(${JSON.stringify(src)}, ${JSON.stringify(rules)}, ${currency}) = ${JSON.stringify(gv)}, spec says ${JSON.stringify(w)}`);
  }
  t.same(problems.slice(0, 10), [], `no disagreement (${problems.length})`);
});
