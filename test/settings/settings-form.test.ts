// The form parser of "Editar integración": raw values always kept, valid settings or a Spanish
// message per bad field. Table tests over the inputs of §5 and the rest of the form.
import t from 'tap';
import { parseSettingsForm, readSettingsForm, settingsToForm, amountText, type SettingsForm } from '../../src/settings/settings-form.js';
import { defaultSettings, parseStoredSettings } from '../../src/settings/settings.schema.js';
import { SYNC_FIELDS } from '../../src/publishing/plan/sync-fields.js';

/** A complete, valid form body (every box checked) with overrides; undefined removes a key. */
function body(over: Record<string, string | string[] | undefined> = {}): Record<string, unknown> {
  const b: Record<string, unknown> = {
    percent: '', fixed: '', rounding: 'none', roundingDirection: 'nearest', minimum: '', stockBuffer: '',
    schedule: 'hourly', scheduleHour: '3', onDelete: 'unpublish', publishOffer: '1',
  };
  for (const f of SYNC_FIELDS) { b[`create_${f}`] = '1'; b[`update_${f}`] = '1'; }
  for (const [k, v] of Object.entries(over)) { if (v === undefined) delete b[k]; else b[k] = v; }
  return b;
}

t.test('the defaults are Centry\'s and survive the form round trip', async (t) => {
  const d = defaultSettings();
  t.ok(SYNC_FIELDS.every((f) => d.fields[f].onCreate && d.fields[f].onUpdate), 'every field on create and on update');
  t.match(d.prices, { percent: 0, fixed: 0, rounding: 'none', minimum: null, stockBuffer: 0 });
  t.same(d.schedule, { mode: 'hourly' });
  t.equal(d.onDelete, 'unpublish');
  const custom = defaultSettings();
  custom.prices = { ...custom.prices, percent: -1050 as typeof custom.prices.percent, fixed: -12345, minimum: 990, stockBuffer: 4, rounding: 'multiple_100', roundingDirection: 'down', publishOffer: false };
  custom.fields = { ...custom.fields, description: { onCreate: true, onUpdate: false }, seo: { onCreate: false, onUpdate: false } };
  custom.exclusions = { categoryIds: ['c1'], brandIds: ['b1', 'b2'], genderIds: [], productIds: ['p9'] };
  custom.schedule = { mode: 'daily', hour: 0 };
  custom.onDelete = 'delete';
  for (const settings of [d, custom]) {
    for (const currency of ['CLP', 'USD', 'KWD']) {
      const parsed = parseSettingsForm(asSubmitted(settingsToForm(settings, currency)), currency);
      t.ok(parsed.ok, currency);
      if (parsed.ok) t.same(parsed.settings, settings, `${currency}: the page's form of saved settings parses back to them`);
    }
  }
});

/** What the browser submits for a rendered form: checked boxes only, one input per chip. */
function asSubmitted(form: SettingsForm): Record<string, unknown> {
  const b: Record<string, unknown> = {
    percent: form.percent, fixed: form.fixed, rounding: form.rounding, roundingDirection: form.roundingDirection, minimum: form.minimum,
    stockBuffer: form.stockBuffer, schedule: form.schedule, scheduleHour: form.scheduleHour, onDelete: form.onDelete,
    excludeCategory: form.exclusions.categoryIds, excludeBrand: form.exclusions.brandIds, excludeGender: form.exclusions.genderIds, excludeProduct: form.exclusions.productIds,
  };
  if (form.publishOffer) b.publishOffer = '1';
  for (const f of SYNC_FIELDS) {
    if (form.fields[f].onCreate && f !== 'name' && f !== 'price') b[`create_${f}`] = '1';
    if (form.fields[f].onUpdate) b[`update_${f}`] = '1';
  }
  return b;
}

t.test('valid inputs become exact settings', async (t) => {
  const cases: [string, Record<string, string | string[] | undefined>, string, (s: ReturnType<typeof defaultSettings>) => unknown, unknown][] = [
    ['percent 19', { percent: '19' }, 'CLP', (s) => s.prices.percent, 1900],
    ['percent −10 with a typographic minus', { percent: '−10' }, 'CLP', (s) => s.prices.percent, -1000],
    ['percent 12,5 %', { percent: '12,5 %' }, 'CLP', (s) => s.prices.percent, 1250],
    ['percent empty is 0', { percent: '  ' }, 'CLP', (s) => s.prices.percent, 0],
    ['fixed in pesos with grouping', { fixed: '1.990' }, 'CLP', (s) => s.prices.fixed, 1990],
    ['fixed negative with symbol', { fixed: '-$ 500' }, 'CLP', (s) => s.prices.fixed, -500],
    ['fixed in dollars with comma', { fixed: '12,99' }, 'USD', (s) => s.prices.fixed, 1299],
    ['minimum empty is none', { minimum: '' }, 'CLP', (s) => s.prices.minimum, null],
    ['minimum 0 is a floor of 0', { minimum: '0' }, 'CLP', (s) => s.prices.minimum, 0],
    ['stock buffer', { stockBuffer: ' 3 ' }, 'CLP', (s) => s.prices.stockBuffer, 3],
    ['".99" in dollars', { rounding: 'ending_99', roundingDirection: 'down' }, 'USD', (s) => [s.prices.rounding, s.prices.roundingDirection], ['ending_99', 'down']],
    ['offer off when unchecked', { publishOffer: undefined }, 'CLP', (s) => s.prices.publishOffer, false],
    ['daily at 0', { schedule: 'daily', scheduleHour: '0' }, 'CLP', (s) => s.schedule, { mode: 'daily', hour: 0 }],
    ['daily at 23', { schedule: 'daily', scheduleHour: '23' }, 'CLP', (s) => s.schedule, { mode: 'daily', hour: 23 }],
    ['every 15 minutes ignores the hour', { schedule: 'every_15_minutes', scheduleHour: 'x' }, 'CLP', (s) => s.schedule, { mode: 'every_15_minutes' }],
    ['off', { schedule: 'off' }, 'CLP', (s) => s.schedule, { mode: 'off' }],
    ['Eliminar', { onDelete: 'delete' }, 'CLP', (s) => s.onDelete, 'delete'],
    ['a field only on create', { update_description: undefined }, 'CLP', (s) => s.fields.description, { onCreate: true, onUpdate: false }],
    ['a field never', { create_seo: undefined, update_seo: undefined }, 'CLP', (s) => s.fields.seo, { onCreate: false, onUpdate: false }],
    ['name and price on create even when not submitted (disabled boxes)', { create_name: undefined, create_price: undefined, update_price: undefined }, 'CLP',
      (s) => [s.fields.name, s.fields.price], [{ onCreate: true, onUpdate: true }, { onCreate: true, onUpdate: false }]],
    ['exclusions: one or many, duplicates and blanks dropped', { excludeCategory: 'c1', excludeBrand: ['b1', 'b2', 'b1', ' '], excludeProduct: ['p1'] }, 'CLP',
      (s) => s.exclusions, { categoryIds: ['c1'], brandIds: ['b1', 'b2'], genderIds: [], productIds: ['p1'] }],
  ];
  for (const [name, over, currency, pick, expected] of cases) {
    const r = parseSettingsForm(body(over), currency);
    t.ok(r.ok, `${name}: valid`);
    if (r.ok) t.same(pick(r.settings), expected, name);
  }
});

t.test('invalid inputs: a Spanish message per field, every raw value kept', async (t) => {
  const cases: [string, Record<string, string | string[] | undefined>, string, Record<string, RegExp>][] = [
    ['percent words', { percent: 'diez' }, 'CLP', { percent: /Escribe un porcentaje como 19/ }],
    ['percent three decimals', { percent: '12,345' }, 'CLP', { percent: /hasta dos decimales/ }],
    ['percent below -100 %', { percent: '-100' }, 'CLP', { percent: /entre -99,99 y 1000/ }],
    ['percent above 1000 %', { percent: '1000,01' }, 'CLP', { percent: /entre -99,99 y 1000/ }],
    ['fixed with decimals in CLP', { fixed: '12,5' }, 'CLP', { fixed: /no llevan decimales/ }],
    ['fixed with three decimals in USD', { fixed: '1,999' }, 'USD', { fixed: /hasta 2 decimales/ }],
    ['fixed gibberish', { fixed: '12a' }, 'CLP', { fixed: /Escribe un monto como 1\.990/ }],
    ['fixed huge', { fixed: '9999999999999999' }, 'CLP', { fixed: /demasiado grande/ }],
    ['minimum negative', { minimum: '-1' }, 'CLP', { minimum: /mayor o igual a cero/ }],
    ['minimum gibberish: the hint suggests no negative', { minimum: 'mil' }, 'CLP', { minimum: /^Escribe un monto como 1\.990, o déjalo vacío\.$/ }],
    ['minimum gibberish in USD', { minimum: 'x' }, 'USD', { minimum: /^Escribe un monto como 12,99, o déjalo vacío\.$/ }],
    ['stock buffer negative', { stockBuffer: '-2' }, 'CLP', { stockBuffer: /número entero/ }],
    ['stock buffer decimal', { stockBuffer: '1,5' }, 'CLP', { stockBuffer: /número entero/ }],
    ['".99" refused for CLP', { rounding: 'ending_99' }, 'CLP', { rounding: /solo existe para monedas con decimales/ }],
    ['unknown rounding', { rounding: 'ending_777' }, 'CLP', { rounding: /Elige un redondeo/ }],
    ['unknown direction', { roundingDirection: 'sideways' }, 'CLP', { roundingDirection: /Elige hacia dónde/ }],
    ['unknown schedule', { schedule: 'weekly' }, 'CLP', { schedule: /cada cuánto/ }],
    ['daily without a valid hour', { schedule: 'daily', scheduleHour: '24' }, 'CLP', { scheduleHour: /entre 0 y 23/ }],
    ['missing onDelete', { onDelete: undefined }, 'CLP', { onDelete: /eliminado o pausado/ }],
    ['several at once', { percent: 'x', fixed: 'y', stockBuffer: 'z', rounding: 'ending_99', schedule: 'daily', scheduleHour: '-1', onDelete: 'burn' }, 'CLP',
      { percent: /./, fixed: /./, stockBuffer: /./, rounding: /./, scheduleHour: /./, onDelete: /./ }],
  ];
  for (const [name, over, currency, expected] of cases) {
    const r = parseSettingsForm(body(over), currency);
    t.notOk(r.ok, `${name}: refused`);
    if (r.ok) continue;
    t.same(Object.keys(r.errors).sort(), Object.keys(expected).sort(), `${name}: exactly these fields`);
    for (const [k, re] of Object.entries(expected)) t.match(r.errors[k as keyof typeof r.errors], re, `${name}: ${k}`);
    for (const [k, v] of Object.entries(over)) {
      if (typeof v === 'string' && k in r.form) t.equal((r.form as unknown as Record<string, string>)[k], v, `${name}: ${k} kept as typed`);
    }
  }
});

t.test('readSettingsForm never fails and bounds what it keeps', async (t) => {
  t.same(readSettingsForm(undefined).exclusions, { categoryIds: [], brandIds: [], genderIds: [], productIds: [] });
  const f = readSettingsForm({ percent: ['1', '2'], fixed: 'x'.repeat(5000) });
  t.equal(f.percent, '1', 'a repeated single field keeps the first');
  t.equal(f.fixed.length, 200, 'very long text is cut');
  t.equal(f.fields.name.onCreate, true);
  t.equal(f.fields.stock.onCreate, false);
});

t.test('saved amounts are shown as the merchant types them', async (t) => {
  const cases: [number, string, string][] = [
    [10000, 'CLP', '10.000'], [-500, 'CLP', '-500'], [0, 'CLP', '0'], [1299, 'USD', '12,99'], [-123456, 'USD', '-1.234,56'], [5, 'KWD', '0,005'],
  ];
  for (const [minor, currency, text] of cases) t.equal(amountText(minor, currency), text, `${minor} ${currency}`);
  const s = defaultSettings();
  s.prices = { ...s.prices, percent: 1250 as typeof s.prices.percent, fixed: -1990, minimum: 4990, stockBuffer: 2, rounding: 'ending_990', roundingDirection: 'up' };
  s.schedule = { mode: 'daily', hour: 5 };
  const form = settingsToForm(s, 'CLP');
  t.match(form, { percent: '12,5', fixed: '-1.990', minimum: '4.990', stockBuffer: '2', rounding: 'ending_990', schedule: 'daily', scheduleHour: '5' });
});

t.test('stored settings read with defaults for missing keys; name and price stay on for create', async (t) => {
  t.same(parseStoredSettings({}), defaultSettings());
  t.same(parseStoredSettings(null), defaultSettings());
  const partial = parseStoredSettings({ prices: { percent: 1900 }, fields: { name: { onCreate: false, onUpdate: false }, stock: { onCreate: false, onUpdate: true } } });
  t.equal(partial.prices.percent, 1900);
  t.equal(partial.prices.rounding, 'none');
  t.same(partial.fields.name, { onCreate: true, onUpdate: false }, 'Jumpseller needs the name on create');
  t.same(partial.fields.stock, { onCreate: false, onUpdate: true });
  t.same(partial.fields.images, { onCreate: true, onUpdate: true }, 'a field added later reads as on');
  t.throws(() => parseStoredSettings({ schedule: { mode: 'weekly' } }), 'a shape no version wrote is a bug');
});
