// The live example is publishedPrices/bufferedStock of price-rules.ts, formatted: a table of what
// the page shows for typical rules, in a peso and a dollar store.
import t from 'tap';
import { priceExampleFromInput } from '../../src/settings/price-example.js';

const now = new Date('2025-06-01T12:00:00Z');

t.test('example lines from the typed rules', async (t) => {
  const cases: [string, Record<string, string>, string, string[]][] = [
    ['defaults: nothing changes', {}, 'CLP', ['$10.000 → $10.000', 'Una oferta de $8.000 no se publica: se publica el precio normal.', 'Stock 10 → 10 unidades']],
    ['SPEC §2.4: +19 %, terminación 990 hacia arriba', { percent: '19', rounding: 'ending_990', roundingDirection: 'up' }, 'CLP', ['$10.000 → $11.990']],
    ['offer published with its compare-at price', { publishOffer: '1', percent: '10' }, 'CLP', ['$10.000 → $11.000', 'En oferta a $8.000 → $8.800 (antes $11.000)']],
    ['rounding applies to the offer as to the normal price', { publishOffer: '1', rounding: 'multiple_1000', roundingDirection: 'up', examplePrice: '10.001' }, 'CLP', ['$10.001 → $11.000', 'En oferta a $8.000 → $8.000 (antes $11.000)']],
    ['fixed and minimum', { fixed: '-9.000', minimum: '2.990' }, 'CLP', ['$10.000 → $2.990']],
    ['never below zero', { percent: '-99,99', fixed: '-50.000' }, 'CLP', ['$10.000 → $0']],
    ['stock buffer', { stockBuffer: '9' }, 'CLP', ['$10.000 → $10.000', 'Una oferta de $8.000 no se publica: se publica el precio normal.', 'Stock 10 → 1 unidad']],
    ['dollars, ".99" down', { examplePrice: '100', percent: '5', rounding: 'ending_99', roundingDirection: 'down' }, 'USD', ['US$100,00 → US$104,99']],
    ['dollars default example', {}, 'USD', ['US$100,00 → US$100,00']],
  ];
  for (const [name, input, currency, lines] of cases) {
    const r = priceExampleFromInput(input, currency, now);
    t.ok(r.ok, name);
    if (r.ok) t.same(r.example.lines.slice(0, lines.length), lines, name);
  }
});

t.test('bad inputs name their field', async (t) => {
  const cases: [Record<string, string>, string, string[]][] = [
    [{ percent: 'x' }, 'CLP', ['percent']],
    [{ examplePrice: '0' }, 'CLP', ['examplePrice']],
    [{ examplePrice: '-5' }, 'CLP', ['examplePrice']],
    [{ rounding: 'ending_99' }, 'CLP', ['rounding']],
    [{ fixed: '1,5', minimum: 'abc' }, 'CLP', ['fixed', 'minimum']],
  ];
  for (const [input, currency, keys] of cases) {
    const r = priceExampleFromInput(input, currency, now);
    t.notOk(r.ok, JSON.stringify(input));
    if (!r.ok) t.same(Object.keys(r.errors).sort(), keys.sort(), JSON.stringify(input));
  }
});
