// "Enviar pedidos a Centry" on Editar (SPEC §10 "UI"): on by default; an unchecked box on a form that
// showed it turns it off; a body that never showed it (an older page) leaves it on; round trip.
import t from 'tap';
import { parseSettingsForm, settingsToForm } from '../../src/settings/settings-form.js';
import { defaultSettings, parseStoredSettings } from '../../src/settings/settings.schema.js';
import { SYNC_FIELDS } from '../../src/publishing/plan/sync-fields.js';

const base = (): Record<string, unknown> => {
  const b: Record<string, unknown> = { percent: '', fixed: '', rounding: 'none', roundingDirection: 'nearest', minimum: '', stockBuffer: '', schedule: 'hourly', scheduleHour: '3', onDelete: 'unpublish' };
  for (const f of SYNC_FIELDS) { b[`create_${f}`] = '1'; b[`update_${f}`] = '1'; }
  return b;
};

t.test('the setting: default, form and stored shapes', async (t) => {
  t.equal(defaultSettings().sendOrders, true);
  t.equal(parseStoredSettings({}).sendOrders, true, 'settings saved before the setting existed: on');
  const cases: [Record<string, unknown>, boolean, string][] = [
    [{ sendOrdersShown: '1', sendOrders: '1' }, true, 'checked'],
    [{ sendOrdersShown: '1' }, false, 'unchecked'],
    [{}, true, 'a form without the box leaves it on'],
  ];
  for (const [extra, want, why] of cases) {
    const r = parseSettingsForm({ ...base(), ...extra }, 'CLP');
    t.equal(r.ok && r.settings.sendOrders, want, why);
  }
  const off = { ...defaultSettings(), sendOrders: false };
  t.equal(settingsToForm(off, 'CLP').sendOrders, false, 'the page shows it unchecked');
});
