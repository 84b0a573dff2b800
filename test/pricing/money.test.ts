import t from 'tap';
import {
  currencyDecimals, floorDiv, formatMinor, fromApiDecimal, isMinorAmount, MAX_MINOR, parseAmount,
  roundHalfUp, toApiDecimal,
} from '../../src/pricing/money.js';
import { formatPercent, parsePercent, basisPoints } from '../../src/pricing/percent.js';

t.test('currency decimals', async (t) => {
  const cases: [string, number][] = [
    ['CLP', 0], ['USD', 2], ['EUR', 2], ['ARS', 2], ['BRL', 2], ['COP', 0], ['MXN', 2], ['PEN', 2],
    ['UYU', 2], ['JPY', 0], ['PYG', 0], ['BOB', 2], ['KWD', 3], ['CLF', 4], ['XYZ', 2], ['', 2],
    ['clp', 0], [' usd ', 2],
  ];
  for (const [code, decimals] of cases) t.equal(currencyDecimals(code), decimals, code);
});

t.test('floorDiv and roundHalfUp (halves toward +infinity)', async (t) => {
  const floors: [bigint, bigint, bigint][] = [[7n, 2n, 3n], [-7n, 2n, -4n], [6n, 3n, 2n], [-6n, 3n, -2n], [0n, 5n, 0n], [-1n, 10n, -1n]];
  for (const [n, d, q] of floors) t.equal(floorDiv(n, d), q, `floor(${n}/${d})`);
  const rounds: [bigint, bigint, bigint][] = [
    [5n, 2n, 3n], [-5n, 2n, -2n], [7n, 2n, 4n], [-7n, 2n, -3n], [4n, 3n, 1n], [5n, 3n, 2n],
    [-4n, 3n, -1n], [-5n, 3n, -2n], [0n, 7n, 0n], [125n, 10n, 13n], [-125n, 10n, -12n], [124n, 10n, 12n],
  ];
  for (const [n, d, r] of rounds) t.equal(roundHalfUp(n, d), r, `round(${n}/${d})`);
});

t.test('isMinorAmount', async (t) => {
  const cases: [unknown, boolean][] = [
    [0, true], [-0, true], [1, true], [-1, true], [MAX_MINOR, true], [-MAX_MINOR, true], [MAX_MINOR + 1, false],
    [Number.MAX_SAFE_INTEGER, false], [2 ** 53, false], [1.5, false], [NaN, false], [Infinity, false], ['1', false], [null, false],
  ];
  for (const [v, ok] of cases) t.equal(isMinorAmount(v), ok, String(v));
});

t.test('parseAmount: es-CL input into minor units', async (t) => {
  type Case = [string, string, number | string];
  const cases: Case[] = [
    ['10.000', 'CLP', 10000], ['1.990', 'CLP', 1990], ['$ 1.990', 'CLP', 1990], ['$1.990', 'CLP', 1990],
    ['-500', 'CLP', -500], ['- 500', 'CLP', -500], ['\u2212500', 'CLP', -500], ['-$500', 'CLP', -500], ['$-500', 'CLP', -500],
    ['+19', 'CLP', 19], ['0', 'CLP', 0], ['-0', 'CLP', 0], ['007', 'CLP', 7], ['1.000.000', 'CLP', 1000000],
    ['12.345,00', 'CLP', 12345], ['12,0', 'CLP', 12], ['CLP 10.000', 'CLP', 10000], [' 10\u00a0000 ', 'CLP', 10000],
    ['12,5', 'CLP', 'TOO_MANY_DECIMALS'], ['12.5', 'CLP', 'TOO_MANY_DECIMALS'], ['0,1', 'CLP', 'TOO_MANY_DECIMALS'],
    ['12,5', 'USD', 1250], ['12,99', 'USD', 1299], ['US$ 12,99', 'USD', 1299], ['US$12,99', 'USD', 1299],
    ['12.99', 'USD', 1299], ['0,05', 'USD', 5], [',5', 'USD', 50], ['.5', 'USD', 50], ['1.234,56', 'USD', 123456],
    ['1.000', 'USD', 100000], ['10.00', 'USD', 1000], ['12,999', 'USD', 'TOO_MANY_DECIMALS'], ['12,990', 'USD', 1299],
    ['-12,99', 'EUR', -1299], ['€12,50', 'EUR', 1250], ['12,345', 'KWD', 12345], ['1,5', 'CLF', 15000],
    ['1.990', 'COP', 1990], ['1,5', 'COP', 'TOO_MANY_DECIMALS'], ['1.500', 'JPY', 1500],
    ['999.999.999.999.999', 'CLP', MAX_MINOR], ['1.000.000.000.000.000', 'CLP', 'OUT_OF_RANGE'],
    ['9999999999999,99', 'USD', 999999999999999], ['10000000000000', 'USD', 'OUT_OF_RANGE'],
    ['99999999999999999999999', 'CLP', 'OUT_OF_RANGE'],
    ['', 'CLP', 'EMPTY'], ['   ', 'CLP', 'EMPTY'], ['$', 'CLP', 'INVALID'], ['abc', 'CLP', 'INVALID'],
    ['1,2,3', 'USD', 'INVALID'], ['1.99.000', 'CLP', 'INVALID'], ['10.0000', 'CLP', 10], ['1.2.3', 'CLP', 'INVALID'],
    ['12a', 'CLP', 'INVALID'], ['--5', 'CLP', 'INVALID'], ['1e5', 'CLP', 'INVALID'], [',', 'USD', 'INVALID'],
    ['10.00,5', 'USD', 'INVALID'], ['1,2.3', 'USD', 'INVALID'],
  ];
  for (const [text, currency, expected] of cases) {
    const r = parseAmount(text, currency);
    if (typeof expected === 'number') t.strictSame(r, { ok: true, minor: expected }, `${JSON.stringify(text)} ${currency}`);
    else t.strictSame(r, { ok: false, reason: expected }, `${JSON.stringify(text)} ${currency}`);
  }
});

t.test('formatMinor: es-CL display', async (t) => {
  const cases: [number, string, string][] = [
    [10000, 'CLP', '$10.000'], [11990, 'CLP', '$11.990'], [0, 'CLP', '$0'], [-500, 'CLP', '-$500'], [999, 'CLP', '$999'],
    [1000000, 'CLP', '$1.000.000'], [MAX_MINOR, 'CLP', '$999.999.999.999.999'],
    [1299, 'USD', 'US$12,99'], [5, 'USD', 'US$0,05'], [0, 'USD', 'US$0,00'], [-1299, 'USD', '-US$12,99'],
    [123456789, 'USD', 'US$1.234.567,89'], [1250, 'EUR', 'EUR 12,50'], [199000, 'ARS', 'ARS 1.990,00'],
    [1990, 'COP', 'COP 1.990'], [1500, 'JPY', 'JPY 1.500'], [12345, 'KWD', 'KWD 12,345'], [10000, 'usd', 'US$100,00'],
  ];
  for (const [minor, currency, text] of cases) t.equal(formatMinor(minor, currency), text, `${minor} ${currency}`);
  t.throws(() => formatMinor(1.5, 'CLP'), RangeError);
  t.throws(() => formatMinor(MAX_MINOR + 1, 'CLP'), RangeError);
});

t.test('parseAmount reads back what formatMinor writes', async (t) => {
  for (const [minor, currency] of [[10000, 'CLP'], [-1299, 'USD'], [5, 'USD'], [123456789, 'USD'], [12345, 'KWD']] as const) {
    t.strictSame(parseAmount(formatMinor(minor, currency), currency), { ok: true, minor }, `${minor} ${currency}`);
  }
});

t.test('toApiDecimal and fromApiDecimal', async (t) => {
  const cases: [number, string, number][] = [
    [1299, 'USD', 12.99], [19990, 'CLP', 19990], [0, 'CLP', 0], [0, 'USD', 0], [5, 'USD', 0.05], [-1299, 'USD', -12.99],
    [100, 'USD', 1], [110, 'EUR', 1.1], [12345, 'KWD', 12.345], [15000, 'CLF', 1.5], [1990, 'COP', 1990],
    [MAX_MINOR, 'CLP', 999999999999999], [MAX_MINOR, 'USD', 9999999999999.99], [-MAX_MINOR, 'USD', -9999999999999.99],
    [100000000000001, 'USD', 1000000000000.01],
  ];
  for (const [minor, currency, decimal] of cases) {
    t.equal(toApiDecimal(minor, currency), decimal, `to ${minor} ${currency}`);
    t.equal(fromApiDecimal(decimal, currency), minor, `from ${decimal} ${currency}`);
    t.equal(JSON.stringify(toApiDecimal(minor, currency)), String(decimal), `wire ${minor} ${currency}`);
  }
  t.throws(() => toApiDecimal(MAX_MINOR + 1, 'CLP'), RangeError, 'beyond 15 digits is refused');
  t.throws(() => toApiDecimal(12.5, 'CLP'), RangeError, 'fractional minor units are a bug');
});

t.test('fromApiDecimal: float noise and stray decimals round half up', async (t) => {
  const cases: [number, string, number][] = [
    [0.1 + 0.2, 'USD', 30], [12.990000000000002, 'USD', 1299], [1.005, 'USD', 101], [1.004, 'USD', 100],
    [19990.5, 'CLP', 19991], [19990.4, 'CLP', 19990], [-0.5, 'CLP', 0], [-1.5, 'CLP', -1], [-12.345, 'USD', -1234],
    [1e-7, 'USD', 0], [1.5e-2, 'USD', 2], [1e3, 'CLP', 1000], [1e14, 'CLP', 100000000000000], [-0, 'CLP', 0],
  ];
  for (const [decimal, currency, minor] of cases) t.equal(fromApiDecimal(decimal, currency), minor, `${decimal} ${currency}`);
  for (const bad of [NaN, Infinity, -Infinity, 1e21, 1e15]) t.throws(() => fromApiDecimal(bad, 'CLP'), RangeError, String(bad));
});

t.test('percent in basis points', async (t) => {
  const cases: [string, number | string][] = [
    ['19', 1900], ['+19', 1900], ['-10', -1000], ['\u221210', -1000], ['12,5', 1250], ['12.5', 1250], ['12,50', 1250],
    ['12,25', 1225], ['0', 0], ['-0', 0], ['0,01', 1], [',5', 50], ['12,5 %', 1250], ['12,500', 1250], ['100', 10000],
    ['12,345', 'TOO_MANY_DECIMALS'], ['', 'EMPTY'], ['%', 'EMPTY'], ['abc', 'INVALID'], ['1,2,3', 'INVALID'], ['.', 'INVALID'],
    ['+-5', 'INVALID'], ['1e3', 'INVALID'], ['9999999999999', 'INVALID'],
  ];
  for (const [text, expected] of cases) {
    const r = parsePercent(text);
    if (typeof expected === 'number') t.strictSame(r, { ok: true, basisPoints: expected }, JSON.stringify(text));
    else t.strictSame(r, { ok: false, reason: expected }, JSON.stringify(text));
  }
  const formats: [number, string][] = [[1900, '19'], [-1000, '-10'], [1250, '12,5'], [1225, '12,25'], [1, '0,01'], [0, '0'], [-5, '-0,05']];
  for (const [bp, text] of formats) t.equal(formatPercent(basisPoints(bp)), text, `${bp}`);
  t.throws(() => basisPoints(12.5), RangeError);
});
