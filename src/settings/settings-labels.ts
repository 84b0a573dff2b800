// Spanish labels of the settings (SPEC §2.4, verbatim where the spec names them) and a plain
// description of saved settings, used by the page and by the conflict page ("what is saved now").
import { formatMinor } from '../pricing/money.js';
import { formatPercent } from '../pricing/percent.js';
import type { Rounding, RoundingDirection } from '../pricing/price-rules.js';
import { FIELD_LABELS, SYNC_FIELDS } from '../publishing/plan/sync-fields.js';
import type { ExclusionIds, IntegrationSettings, OnDelete, ScheduleMode } from './settings.schema.js';

export const ROUNDING_LABELS: Readonly<Record<Rounding, string>> = {
  none: 'Sin redondeo',
  multiple_10: 'A múltiplo de 10',
  multiple_100: 'A múltiplo de 100',
  multiple_1000: 'A múltiplo de 1.000',
  ending_990: 'Terminación 990',
  ending_99: 'Terminación ,99',
};
export const DIRECTION_LABELS: Readonly<Record<RoundingDirection, string>> = {
  nearest: 'al más cercano', up: 'hacia arriba', down: 'hacia abajo',
};
export const SCHEDULE_LABELS: Readonly<Record<ScheduleMode, string>> = {
  off: 'Desactivada', every_15_minutes: 'Cada 15 minutos', hourly: 'Cada hora', daily: 'Una vez al día',
};
export const ON_DELETE_LABELS: Readonly<Record<OnDelete, string>> = { unpublish: 'Despublicar', delete: 'Eliminar' };
export const EXCLUSION_LABELS: Readonly<Record<keyof ExclusionIds, string>> = {
  categoryIds: 'Exclusión por Categoría', brandIds: 'Exclusión por Marca',
  genderIds: 'Exclusión por Género', productIds: 'Exclusión por Producto',
};

export const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

export interface SettingRow { key: string; label: string; value: string }

/** One row per setting, comparable between two versions (the conflict page shows the differing ones). */
export function describeSettings(
  s: IntegrationSettings, currency: string, nameOf: (list: keyof ExclusionIds, id: string) => string = (_l, id) => id,
): SettingRow[] {
  const rows: SettingRow[] = [];
  const add = (key: string, label: string, value: string) => rows.push({ key, label, value });
  for (const f of SYNC_FIELDS) {
    const t = s.fields[f];
    const value = t.onCreate && t.onUpdate ? 'Al crear y al actualizar' : t.onCreate ? 'Solo al crear' : t.onUpdate ? 'Solo al actualizar' : 'No se sincroniza';
    add(`field.${f}`, `Campos a sincronizar · ${FIELD_LABELS[f]}`, value);
  }
  const p = s.prices;
  add('publishOffer', 'Publicar precio de oferta', p.publishOffer ? 'Sí' : 'No');
  add('percent', 'Ajuste porcentual', `${formatPercent(p.percent)} %`);
  add('fixed', 'Ajuste fijo', formatMinor(p.fixed, currency));
  add('rounding', 'Redondeo', p.rounding === 'none' ? ROUNDING_LABELS.none : `${ROUNDING_LABELS[p.rounding]}, ${DIRECTION_LABELS[p.roundingDirection]}`);
  add('minimum', 'Precio mínimo', p.minimum === null ? 'Sin mínimo' : formatMinor(p.minimum, currency));
  add('stockBuffer', 'Descuento de stock', `${p.stockBuffer} ${p.stockBuffer === 1 ? 'unidad' : 'unidades'}`);
  for (const list of Object.keys(EXCLUSION_LABELS) as (keyof ExclusionIds)[]) {
    const names = s.exclusions[list].map((id) => nameOf(list, id)).sort((a, b) => a.localeCompare(b, 'es'));
    add(list, EXCLUSION_LABELS[list], names.length === 0 ? 'Nada excluido' : names.join(', '));
  }
  const sch = s.schedule;
  add('schedule', 'Sincronización automática', sch.mode === 'daily' ? `${SCHEDULE_LABELS.daily}, a las ${hourLabel(sch.hour)}` : SCHEDULE_LABELS[sch.mode]);
  add('onDelete', 'Producto eliminado o pausado en Centry', ON_DELETE_LABELS[s.onDelete]);
  return rows;
}

/** Rows where `saved` differs from `typed`, with both values, for the 409 page. */
export function differences(saved: SettingRow[], typed: SettingRow[]): { label: string; saved: string; typed: string }[] {
  const mine = new Map(typed.map((r) => [r.key, r.value]));
  return saved.filter((r) => mine.get(r.key) !== r.value).map((r) => ({ label: r.label, saved: r.value, typed: mine.get(r.key) ?? '' }));
}
