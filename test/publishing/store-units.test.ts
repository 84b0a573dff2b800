import t from 'tap';
import {
  CATALOG_CURRENCY, currencyMismatch, currencyMismatchMessage, parseWeightUnit, weightForStore,
} from '../../src/publishing/plan/store-units.js';

t.test('weightForStore: Centry kg in the store unit, 3 decimals, halves up', async (t) => {
  const table: [number | null, string | null | undefined, number | null, string][] = [
    [0.25, 'kg', 0.25, 'kg: unchanged'],
    [1.23456, 'kg', 1.23456, 'kg is never rounded: a kg store gets exactly what it got before'],
    [0.25, 'g', 250, 'g'],
    [0.1, 'g', 100, 'g: no binary noise (0.1 × 1000)'],
    [1.2345678, 'g', 1234.568, 'g keeps 3 decimals'],
    [1, 'lb', 2.205, 'lb: 2.20462… → 2.205'],
    [0.25, 'lb', 0.551, 'lb: 0.55115… → 0.551'],
    [0.45359237, 'lb', 1, 'one international pound'],
    [1, 'oz', 35.274, 'oz: 35.27396… → 35.274'],
    [0.45359237, 'oz', 16, 'a pound is 16 oz'],
    [0.0025, 'g', 2.5, 'g: 2.5'],
    [0.0000025, 'g', 0.003, 'a half of the last decimal goes up (0.0025 g)'],
    [0, 'lb', 0, 'zero stays zero'],
    [null, 'lb', null, 'no weight in Centry: none sent'],
    [0.25, ' LB ', 0.551, 'case and spaces ignored'],
    [0.25, 'lbs', 0.551, 'alias lbs'],
    [0.25, 'gr', 250, 'alias gr'],
    [0.25, 'stone', 0.25, 'unknown unit: kg unchanged'],
    [0.25, '', 0.25, 'empty unit: kg'],
    [0.25, null, 0.25, 'no unit: kg'],
    [0.25, undefined, 0.25, 'absent unit: kg'],
  ];
  for (const [kg, unit, expected, name] of table) t.equal(weightForStore(kg, unit), expected, name);
});

t.test('parseWeightUnit: the four units and their spellings; anything else is unknown', async (t) => {
  t.same(['kg', 'KG', 'kilos', 'g', 'gramos', 'lb', 'Pounds', 'oz', 'onzas'].map(parseWeightUnit), ['kg', 'kg', 'kg', 'g', 'g', 'lb', 'lb', 'oz', 'oz']);
  t.same(['t', 'stone', '', ' ', null, undefined].map(parseWeightUnit), [null, null, null, null, null, null]);
});

t.test('currency mismatch: the catalog is CLP; any other store currency is a mismatch', async (t) => {
  t.equal(CATALOG_CURRENCY, 'CLP');
  t.equal(currencyMismatch('CLP'), null);
  t.equal(currencyMismatch(' clp '), null, 'case and spaces ignored');
  t.same(currencyMismatch('USD'), { store: 'USD', catalog: 'CLP' });
  t.same(currencyMismatch('usd', 'eur'), { store: 'USD', catalog: 'EUR' });
  t.equal(currencyMismatchMessage({ store: 'USD', catalog: 'CLP' }),
    'La moneda de la tienda (USD) no coincide con la del catálogo (CLP), así que esta tienda no se sincroniza: '
    + 'los precios de CLP se publicarían como USD. Cambia la moneda de la tienda en Jumpseller a CLP para sincronizarla.');
});
