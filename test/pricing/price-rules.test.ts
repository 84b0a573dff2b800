import t from 'tap';
import { MAX_MINOR } from '../../src/pricing/money.js';
import type { BasisPoints } from '../../src/pricing/percent.js';
import {
  bufferedStock, DEFAULT_PRICE_RULES, offerWindowOpen, publishedPrices, transform, validateRules, withVariantPrices,
  type PriceRules, type PriceSource, type Rounding, type RoundingDirection,
} from '../../src/pricing/price-rules.js';

type RulesInput = Partial<Omit<PriceRules, 'percent'>> & { percent?: number };
const rules = (r: RulesInput = {}): PriceRules => ({ ...DEFAULT_PRICE_RULES, ...r, percent: (r.percent ?? 0) as BasisPoints }); // unchecked: validateRules is under test too

t.test('the examples of SPEC §5', async (t) => {
  const r990 = (d: RoundingDirection) => rules({ rounding: 'ending_990', roundingDirection: d });
  t.equal(transform(12345, r990('up'), 'CLP'), 12990, '$12.345 up → $12.990');
  t.equal(transform(12345, r990('nearest'), 'CLP'), 11990, '$12.345 nearest → $11.990');
  t.equal(transform(12345, r990('down'), 'CLP'), 11990, '$12.345 down → $11.990');
  t.equal(transform(10000, rules({ percent: 1900, rounding: 'ending_990', roundingDirection: 'up' }), 'CLP'), 11990, '$10.000 +19% 990 up → $11.990');
  t.same(validateRules(rules({ rounding: 'ending_99' }), 'CLP').map((e) => e.code), ['ROUNDING_NEEDS_DECIMALS'], '.99 refused for CLP');
});

t.test('T: percent and fixed adjustment, halves up to the minor unit', async (t) => {
  // [x, percent bp, fixed, currency, expected]
  const cases: [number, number, number, string, number][] = [
    [10000, 0, 0, 'CLP', 10000], [0, 0, 0, 'CLP', 0], [1, 0, 0, 'CLP', 1],
    [10000, 1900, 0, 'CLP', 11900], [12345, 1900, 0, 'CLP', 14691], [10000, -1000, 0, 'CLP', 9000],
    [10000, 1250, 0, 'CLP', 11250], [999, 1250, 0, 'CLP', 1124], [100, 50, 0, 'CLP', 101], [1, 5000, 0, 'CLP', 2],
    [1, -5000, 0, 'CLP', 1], [3, -5000, 0, 'CLP', 2], [5, -1000, 0, 'CLP', 5], [4, -1250, 0, 'CLP', 4], [199, 1, 0, 'CLP', 199],
    [10000, 0, 990, 'CLP', 10990], [10000, 0, -500, 'CLP', 9500], [10000, 1900, 100, 'CLP', 12000],
    [10000, 0, -20000, 'CLP', 0], [10000, -10000, 0, 'CLP', 0], [10000, -9999, 0, 'CLP', 1], [100, -10000, 50, 'CLP', 50],
    [1299, 1900, 0, 'USD', 1546], [1299, 0, 100, 'USD', 1399], [1, 5000, 0, 'USD', 2], [1999, 1000, 0, 'USD', 2199],
    [12345, 1250, 0, 'KWD', 13888], [MAX_MINOR, 0, 0, 'CLP', MAX_MINOR], [MAX_MINOR, -5000, 0, 'CLP', 500000000000000],
  ];
  for (const [x, percent, fixed, currency, expected] of cases) {
    t.equal(transform(x, rules({ percent, fixed }), currency), expected, `${x} ${currency} ${percent}bp ${fixed >= 0 ? '+' : ''}${fixed}`);
  }
});

t.test('T: rounding to multiples in major units, ties up', async (t) => {
  // [x, rounding, currency, down, nearest, up]
  const cases: [number, Rounding, string, number, number, number][] = [
    [12345, 'multiple_10', 'CLP', 12340, 12350, 12350], [12344, 'multiple_10', 'CLP', 12340, 12340, 12350],
    [12346, 'multiple_10', 'CLP', 12340, 12350, 12350], [12340, 'multiple_10', 'CLP', 12340, 12340, 12340],
    [12345, 'multiple_100', 'CLP', 12300, 12300, 12400], [12350, 'multiple_100', 'CLP', 12300, 12400, 12400],
    [12349, 'multiple_100', 'CLP', 12300, 12300, 12400], [12500, 'multiple_1000', 'CLP', 12000, 13000, 13000],
    [12499, 'multiple_1000', 'CLP', 12000, 12000, 13000], [12001, 'multiple_1000', 'CLP', 12000, 12000, 13000],
    [12999, 'multiple_1000', 'CLP', 12000, 13000, 13000], [13000, 'multiple_1000', 'CLP', 13000, 13000, 13000],
    [4, 'multiple_10', 'CLP', 0, 0, 10], [5, 'multiple_10', 'CLP', 0, 10, 10], [0, 'multiple_1000', 'CLP', 0, 0, 0],
    [1299, 'multiple_10', 'USD', 1000, 1000, 2000], [1500, 'multiple_10', 'USD', 1000, 2000, 2000],
    [15000, 'multiple_100', 'USD', 10000, 20000, 20000], [149999, 'multiple_1000', 'USD', 100000, 100000, 200000],
    [1299, 'multiple_10', 'JPY', 1290, 1300, 1300], [1295, 'multiple_10', 'COP', 1290, 1300, 1300],
    [15000, 'multiple_10', 'KWD', 10000, 20000, 20000],
  ];
  for (const [x, rounding, currency, down, nearest, up] of cases) {
    for (const [direction, expected] of [['down', down], ['nearest', nearest], ['up', up]] as const) {
      t.equal(transform(x, rules({ rounding, roundingDirection: direction }), currency), expected, `${x} ${currency} ${rounding} ${direction}`);
    }
  }
});

t.test('T: terminación 990 and .99, never below the first candidate', async (t) => {
  const cases: [number, Rounding, string, number, number, number][] = [
    [12345, 'ending_990', 'CLP', 11990, 11990, 12990], [11900, 'ending_990', 'CLP', 10990, 11990, 11990],
    [12490, 'ending_990', 'CLP', 11990, 12990, 12990], [12489, 'ending_990', 'CLP', 11990, 11990, 12990],
    [1990, 'ending_990', 'CLP', 1990, 1990, 1990], [1000, 'ending_990', 'CLP', 990, 990, 1990],
    [500, 'ending_990', 'CLP', 990, 990, 990], [990, 'ending_990', 'CLP', 990, 990, 990], [1, 'ending_990', 'CLP', 990, 990, 990],
    [0, 'ending_990', 'CLP', 990, 990, 990], [999999, 'ending_990', 'CLP', 999990, 999990, 1000990], [999489, 'ending_990', 'CLP', 998990, 998990, 999990], [999490, 'ending_990', 'CLP', 998990, 999990, 999990],
    [1299, 'ending_990', 'USD', 99000, 99000, 99000], [150000, 'ending_990', 'USD', 99000, 199000, 199000],
    [149000, 'ending_990', 'USD', 99000, 199000, 199000], [148999, 'ending_990', 'USD', 99000, 99000, 199000],
    [1250, 'ending_99', 'USD', 1199, 1299, 1299], [1249, 'ending_99', 'USD', 1199, 1299, 1299],
    [1248, 'ending_99', 'USD', 1199, 1199, 1299], [1299, 'ending_99', 'USD', 1299, 1299, 1299],
    [1300, 'ending_99', 'USD', 1299, 1299, 1399], [50, 'ending_99', 'USD', 99, 99, 99], [0, 'ending_99', 'EUR', 99, 99, 99],
    [12500, 'ending_99', 'KWD', 11990, 12990, 12990], [15000, 'ending_99', 'CLF', 9900, 19900, 19900],
  ];
  for (const [x, rounding, currency, down, nearest, up] of cases) {
    for (const [direction, expected] of [['down', down], ['nearest', nearest], ['up', up]] as const) {
      t.equal(transform(x, rules({ rounding, roundingDirection: direction }), currency), expected, `${x} ${currency} ${rounding} ${direction}`);
    }
  }
  for (const currency of ['CLP', 'JPY', 'COP']) {
    t.throws(() => transform(1000, rules({ rounding: 'ending_99' }), currency), RangeError, `.99 in ${currency} is a bug`);
  }
});

t.test('T: minimum floor, applied after rounding, and never below 0', async (t) => {
  const cases: [number, RulesInput, number][] = [
    [1000, { minimum: 5000 }, 5000], [6000, { minimum: 5000 }, 6000], [5000, { minimum: 5000 }, 5000],
    [4000, { minimum: 5000, rounding: 'ending_990', roundingDirection: 'up' }, 5000],
    [6000, { minimum: 5000, rounding: 'ending_990', roundingDirection: 'down' }, 5990],
    [10000, { fixed: -20000, minimum: 0 }, 0], [10000, { fixed: -20000, minimum: 3000 }, 3000],
    [10000, { fixed: -20000, rounding: 'multiple_1000', roundingDirection: 'down' }, 0],
    [10000, { fixed: -20000, rounding: 'ending_990', roundingDirection: 'down' }, 990],
    [10000, { percent: -10000, minimum: null }, 0], [0, { minimum: 100 }, 100],
  ];
  for (const [x, r, expected] of cases) t.equal(transform(x, rules(r), 'CLP'), expected, `${x} ${JSON.stringify(r)}`);
});

t.test('T: amounts beyond the safe range are refused', async (t) => {
  for (const x of [MAX_MINOR + 1, 2 ** 53, Number.MAX_SAFE_INTEGER, -(2 ** 53), 1.5, NaN, Infinity]) {
    t.throws(() => transform(x, rules(), 'CLP'), RangeError, `x = ${x}`);
  }
  t.throws(() => transform(MAX_MINOR, rules({ percent: 1 }), 'CLP'), RangeError, 'result beyond range');
  t.throws(() => transform(MAX_MINOR, rules({ fixed: 1 }), 'CLP'), RangeError, 'result beyond range by fixed');
  t.equal(transform(MAX_MINOR - 1, rules({ fixed: 1 }), 'CLP'), MAX_MINOR, 'exactly the maximum');
});

const now = new Date('2024-06-15T12:00:00.000Z');
const ms = (delta: number) => new Date(now.getTime() + delta);
const src = (s: Partial<PriceSource> = {}): PriceSource => ({ priceCompare: 10000, price: null, saleStart: null, saleEnd: null, ...s });
const day = 86_400_000;

t.test('publishedPrices: normal and offer', async (t) => {
  type Expect = [number, number | null, boolean] | string;
  const cases: [string, Partial<PriceSource>, RulesInput, Expect][] = [
    ['no offer', {}, {}, [10000, null, false]],
    ['normal null', { priceCompare: null }, {}, 'NO_NORMAL_PRICE'],
    ['normal 0', { priceCompare: 0 }, {}, 'NO_NORMAL_PRICE'],
    ['normal negative', { priceCompare: -5 }, {}, 'NO_NORMAL_PRICE'],
    ['normal null with an offer', { priceCompare: null, price: 5000 }, {}, 'NO_NORMAL_PRICE'],
    ['offer below normal', { price: 8000 }, {}, [8000, 10000, true]],
    ['offer 1 below normal', { price: 9999 }, {}, [9999, 10000, true]],
    ['offer when publishOffer is off', { price: 8000 }, { publishOffer: false }, [10000, null, false]],
    ['offer equal to normal', { price: 10000 }, {}, [10000, null, false]],
    ['offer above normal', { price: 12000 }, {}, [10000, null, false]],
    ['offer 0', { price: 0 }, {}, [10000, null, false]],
    ['offer negative', { price: -1 }, {}, [10000, null, false]],
    ['offer null', { price: null }, {}, [10000, null, false]],
    ['both adjusted +19%', { price: 8000 }, { percent: 1900 }, [9520, 11900, true]],
    ['rounding keeps them apart', { priceCompare: 12000, price: 11500 }, { rounding: 'ending_990', roundingDirection: 'up' }, [11990, 12990, true]],
    ['rounding collapses them: compare-at cleared', { priceCompare: 12100, price: 11500 }, { rounding: 'ending_990', roundingDirection: 'nearest' }, [11990, null, true]],
    ['minimum collapses them: compare-at cleared', { priceCompare: 3000, price: 2000 }, { minimum: 5000 }, [5000, null, true]],
    ['minimum lifts only the offer', { priceCompare: 8000, price: 2000 }, { minimum: 5000 }, [5000, 8000, true]],
    ['huge normal', { priceCompare: 2 ** 53 }, {}, 'PRICE_OUT_OF_RANGE'],
    ['fractional normal', { priceCompare: 1.5 }, {}, 'PRICE_OUT_OF_RANGE'],
    ['fractional offer', { price: 1.5 }, {}, 'PRICE_OUT_OF_RANGE'],
    ['T(normal) overflows', { priceCompare: MAX_MINOR }, { percent: 100 }, 'PRICE_OUT_OF_RANGE'],
    ['maximum normal', { priceCompare: MAX_MINOR, price: 1 }, {}, [1, MAX_MINOR, true]],
  ];
  for (const [name, s, r, expected] of cases) {
    const got = publishedPrices(src(s), rules(r), 'CLP', now);
    if (typeof expected === 'string') t.strictSame(got, { ok: false, reason: expected }, name);
    else t.strictSame(got, { ok: true, price: expected[0], compareAtPrice: expected[1], offerApplied: expected[2] }, name);
  }
  t.strictSame(publishedPrices(src({ priceCompare: 1999, price: 1499 }), rules({ percent: 1000 }), 'USD', now),
    { ok: true, price: 1649, compareAtPrice: 2199, offerApplied: true }, 'USD with +10%');
});

t.test('publishedPrices: the offer window, inclusive, open ends', async (t) => {
  const cases: [string, Date | null, Date | null, boolean][] = [
    ['no dates', null, null, true],
    ['starts exactly now', now, null, true],
    ['starts 1 ms later', ms(1), null, false],
    ['started 1 ms ago', ms(-1), null, true],
    ['ends exactly now', null, now, true],
    ['ended 1 ms ago', null, ms(-1), false],
    ['ends in 1 ms', null, ms(1), true],
    ['window of one instant', now, now, true],
    ['inside a window', ms(-day), ms(day), true],
    ['window in the future', ms(day), ms(2 * day), false],
    ['window in the past', ms(-2 * day), ms(-day), false],
    ['inverted window', ms(day), ms(-day), false],
    ['open start, future end', null, ms(day), true],
    ['past start, open end', ms(-day), null, true],
  ];
  for (const [name, saleStart, saleEnd, open] of cases) {
    t.equal(offerWindowOpen(saleStart, saleEnd, now), open, `window: ${name}`);
    const got = publishedPrices(src({ price: 8000, saleStart, saleEnd }), rules(), 'CLP', now);
    t.strictSame(got, open
      ? { ok: true, price: 8000, compareAtPrice: 10000, offerApplied: true }
      : { ok: true, price: 10000, compareAtPrice: null, offerApplied: false }, `prices: ${name}`);
  }
});

t.test('a variant overrides the product prices, each independently', async (t) => {
  const product = src({ priceCompare: 10000, price: 8000, saleStart: ms(-day) });
  const cases: [string, number | null, number | null, [number, number | null] | string][] = [
    ['inherits both', null, null, [8000, 10000]],
    ['own normal, inherited offer', 9000, null, [8000, 9000]],
    ['own normal below the inherited offer', 7000, null, [7000, null]],
    ['inherited normal, own offer', null, 7000, [7000, 10000]],
    ['own both', 20000, 15000, [15000, 20000]],
    ['own normal above the product\'s, inherited offer', 12000, null, [8000, 12000]],
    ['own offer above the inherited normal: no offer', null, 11000, [10000, null]],
    ['own offer equal to the inherited normal: no offer', null, 10000, [10000, null]],
    // 0 and negative are "no price" in §5: the variant has none of its own and inherits.
    ['own offer 0 inherits the product offer', null, 0, [8000, 10000]],
    ['own offer negative inherits the product offer', null, -1, [8000, 10000]],
    ['own normal 0 inherits the product normal', 0, null, [8000, 10000]],
    ['own normal negative inherits the product normal', -5, 7000, [7000, 10000]],
  ];
  for (const [name, priceCompare, price, expected] of cases) {
    const s = withVariantPrices(product, { priceCompare, price });
    t.equal(s.saleStart, product.saleStart, `${name}: window stays the product's`);
    const got = publishedPrices(s, rules(), 'CLP', now);
    if (typeof expected === 'string') t.strictSame(got, { ok: false, reason: expected }, name);
    else t.match(got, { ok: true, price: expected[0], compareAtPrice: expected[1] }, name);
  }
  const noOffer = src({ priceCompare: null, price: 8000 });
  t.match(publishedPrices(withVariantPrices(noOffer, { priceCompare: 9000, price: null }), rules(), 'CLP', now),
    { ok: true, price: 8000, compareAtPrice: 9000 }, 'own normal with the product offer and no product normal');
  t.strictSame(publishedPrices(withVariantPrices(noOffer, { priceCompare: 0, price: null }), rules(), 'CLP', now),
    { ok: false, reason: 'NO_NORMAL_PRICE' }, 'no normal anywhere: not published');
  t.strictSame(publishedPrices(withVariantPrices(noOffer, { priceCompare: 9000, price: null }), rules({ publishOffer: false }), 'CLP', now),
    { ok: true, price: 9000, compareAtPrice: null, offerApplied: false }, 'the toggle off: the variant normal');
});

t.test('validateRules', async (t) => {
  const cases: [string, RulesInput, string, string[]][] = [
    ['defaults', {}, 'CLP', []],
    ['.99 in USD', { rounding: 'ending_99' }, 'USD', []],
    ['.99 in CLP', { rounding: 'ending_99' }, 'CLP', ['rounding:ROUNDING_NEEDS_DECIMALS']],
    ['.99 in JPY', { rounding: 'ending_99' }, 'JPY', ['rounding:ROUNDING_NEEDS_DECIMALS']],
    ['.99 in COP', { rounding: 'ending_99' }, 'COP', ['rounding:ROUNDING_NEEDS_DECIMALS']],
    ['990 in CLP', { rounding: 'ending_990' }, 'CLP', []],
    ['-100 %', { percent: -10000 }, 'CLP', ['percent:PERCENT_OUT_OF_RANGE']],
    ['-99,99 %', { percent: -9999 }, 'CLP', []],
    ['+1000 %', { percent: 100000 }, 'CLP', []],
    ['+1000,01 %', { percent: 100001 }, 'CLP', ['percent:PERCENT_OUT_OF_RANGE']],
    ['fractional bp', { percent: 12.5 }, 'CLP', ['percent:PERCENT_OUT_OF_RANGE']],
    ['negative fixed', { fixed: -5000 }, 'CLP', []],
    ['fixed too big', { fixed: MAX_MINOR + 1 }, 'CLP', ['fixed:FIXED_OUT_OF_RANGE']],
    ['fractional fixed', { fixed: 1.5 }, 'CLP', ['fixed:FIXED_OUT_OF_RANGE']],
    ['minimum 0', { minimum: 0 }, 'CLP', []],
    ['negative minimum', { minimum: -1 }, 'CLP', ['minimum:MINIMUM_OUT_OF_RANGE']],
    ['buffer 0', { stockBuffer: 0 }, 'CLP', []],
    ['negative buffer', { stockBuffer: -1 }, 'CLP', ['stockBuffer:STOCK_BUFFER_INVALID']],
    ['fractional buffer', { stockBuffer: 1.5 }, 'CLP', ['stockBuffer:STOCK_BUFFER_INVALID']],
    ['NaN buffer', { stockBuffer: NaN }, 'CLP', ['stockBuffer:STOCK_BUFFER_INVALID']],
    ['several at once', { rounding: 'ending_99', minimum: -1, stockBuffer: -1 }, 'CLP',
      ['rounding:ROUNDING_NEEDS_DECIMALS', 'minimum:MINIMUM_OUT_OF_RANGE', 'stockBuffer:STOCK_BUFFER_INVALID']],
  ];
  for (const [name, r, currency, expected] of cases) {
    const errors = validateRules(rules(r), currency);
    t.same(errors.map((e) => `${e.field}:${e.code}`), expected, name);
    for (const e of errors) t.ok(e.message.length > 0, `${name}: ${e.code} has a message`);
  }
});

t.test('bufferedStock', async (t) => {
  const cases: [number, number, number][] = [
    [10, 0, 10], [10, 3, 7], [3, 10, 0], [5, 5, 0], [0, 0, 0], [0, 2, 0], [-5, 0, 0], [-5, 2, 0],
    [NaN, 0, 0], [Infinity, 0, 0], [10.7, 0, 10], [1_000_000, 1, 999_999],
  ];
  for (const [stock, buffer, expected] of cases) t.equal(bufferedStock(stock, buffer), expected, `${stock} - ${buffer}`);
});
