// The "Editar integración" form (SPEC §2.5) between the urlencoded body and IntegrationSettings.
// Two steps on purpose: `readSettingsForm` keeps every raw typed value (it never fails, so a 422
// can show exactly what was typed), then `parseSettingsForm` validates with zod and the §5 rules
// of price-rules.ts, and answers per-field Spanish messages.
import { z } from 'zod';
import { currencyDecimals, formatMinor, parseAmount, type AmountError } from '../pricing/money.js';
import { formatPercent, parsePercent } from '../pricing/percent.js';
import { DEFAULT_PRICE_RULES, ROUNDINGS, ROUNDING_DIRECTIONS, validateRules, type PriceRules } from '../pricing/price-rules.js';
import { ALWAYS_ON_CREATE, SYNC_FIELDS, type SyncField } from '../publishing/plan/sync-fields.js';
import {
  MAX_EXCLUDED_IDS, ON_DELETE, SCHEDULE_MODES,
  type ExclusionIds, type IntegrationSettings, type Schedule,
} from './settings.schema.js';

export type RawBody = Record<string, unknown> | undefined | null;

/** Every input of the page as the user typed it. */
export interface SettingsForm {
  fields: Record<SyncField, { onCreate: boolean; onUpdate: boolean }>;
  publishOffer: boolean;
  percent: string;
  fixed: string;
  rounding: string;
  roundingDirection: string;
  minimum: string;
  stockBuffer: string;
  exclusions: ExclusionIds;
  schedule: string;
  scheduleHour: string;
  onDelete: string;
  sendOrders: boolean;
}
export type PriceInput = 'publishOffer' | 'percent' | 'fixed' | 'rounding' | 'roundingDirection' | 'minimum' | 'stockBuffer';
export type FormErrorKey = PriceInput | 'schedule' | 'scheduleHour' | 'onDelete' | keyof ExclusionIds;
export type FormErrors = Partial<Record<FormErrorKey, string>>;

/** Names of the hidden inputs the exclusion pickers submit, one per selected id. */
export const EXCLUSION_INPUTS: Readonly<Record<keyof ExclusionIds, string>> = {
  categoryIds: 'excludeCategory', brandIds: 'excludeBrand', genderIds: 'excludeGender', productIds: 'excludeProduct',
};
/** Hour preselected when "Una vez al día" is chosen: the small hours, when stores sell least. */
const DEFAULT_DAILY_HOUR = '3';
const MAX_TEXT = 200;

const text = (v: unknown): string => String((Array.isArray(v) ? v[0] : v) ?? '').slice(0, MAX_TEXT);
const list = (v: unknown): string[] =>
  (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]).map(String).map((s) => s.trim()).filter((s) => s !== '');
const checked = (v: unknown) => v !== undefined && v !== null && text(v) !== '';

/** Raw values of the body; unknown keys are ignored, nothing is rejected here. */
export function readSettingsForm(body: RawBody): SettingsForm {
  const b = body ?? {};
  const fields = Object.fromEntries(SYNC_FIELDS.map((f) => [f, {
    // A disabled checkbox is not submitted: name and price are on for create whatever comes.
    onCreate: ALWAYS_ON_CREATE.includes(f) || checked(b[`create_${f}`]),
    onUpdate: checked(b[`update_${f}`]),
  }])) as SettingsForm['fields'];
  return {
    fields,
    publishOffer: checked(b.publishOffer),
    percent: text(b.percent), fixed: text(b.fixed), rounding: text(b.rounding) || 'none',
    roundingDirection: text(b.roundingDirection) || 'nearest', minimum: text(b.minimum), stockBuffer: text(b.stockBuffer),
    exclusions: {
      categoryIds: list(b[EXCLUSION_INPUTS.categoryIds]), brandIds: list(b[EXCLUSION_INPUTS.brandIds]),
      genderIds: list(b[EXCLUSION_INPUTS.genderIds]), productIds: list(b[EXCLUSION_INPUTS.productIds]),
    },
    schedule: text(b.schedule), scheduleHour: text(b.scheduleHour) || DEFAULT_DAILY_HOUR, onDelete: text(b.onDelete),
    // A checkbox is absent when unchecked: only a form that showed it (sendOrdersShown) can turn it off.
    sendOrders: b.sendOrdersShown === undefined ? true : checked(b.sendOrders),
  };
}

/** The saved settings as the page shows them: amounts and percent as es-CL text. */
export function settingsToForm(s: IntegrationSettings, currency: string): SettingsForm {
  return {
    fields: structuredClone(s.fields) as SettingsForm['fields'],
    publishOffer: s.prices.publishOffer,
    percent: formatPercent(s.prices.percent),
    fixed: amountText(s.prices.fixed, currency),
    rounding: s.prices.rounding,
    roundingDirection: s.prices.roundingDirection,
    minimum: s.prices.minimum === null ? '' : amountText(s.prices.minimum, currency),
    stockBuffer: String(s.prices.stockBuffer),
    exclusions: structuredClone(s.exclusions),
    schedule: s.schedule.mode,
    scheduleHour: s.schedule.mode === 'daily' ? String(s.schedule.hour) : DEFAULT_DAILY_HOUR,
    onDelete: s.onDelete,
    sendOrders: s.sendOrders,
  };
}

/** An amount as a merchant types it, without the symbol: 10000 CLP → "10.000", -1299 USD → "-12,99". */
export function amountText(minor: number, currency: string): string {
  return `${minor < 0 ? '-' : ''}${formatMinor(Math.abs(minor), currency).replace(/^[^\d]+/, '')}`;
}

/** `signed`: the field takes negatives ("Ajuste fijo"); a floor ("Precio mínimo") is never hinted as one. */
function amountMessage(reason: AmountError, currency: string, signed: boolean): string {
  const d = currencyDecimals(currency);
  if (reason === 'TOO_MANY_DECIMALS') return d === 0 ? `Los montos en ${currency} no llevan decimales.` : `Los montos en ${currency} llevan hasta ${d} decimales.`;
  if (reason === 'OUT_OF_RANGE') return 'El monto es demasiado grande.';
  if (!signed) return `Escribe un monto como ${d === 0 ? '1.990' : '12,99'}, o déjalo vacío.`;
  return `Escribe un monto como ${d === 0 ? '1.990 o -500' : '12,99 o -5'}.`;
}

/** A zod string that becomes minor units; empty is `empty` (0 for "Ajuste fijo", null for "Precio mínimo"). */
const amount = <E extends number | null>(currency: string, empty: E, signed: boolean) =>
  z.string().transform((s, ctx): number | E => {
    if (s.trim() === '') return empty;
    const r = parseAmount(s, currency);
    if (r.ok) return r.minor;
    ctx.addIssue({ code: 'custom', message: amountMessage(r.reason, currency, signed) });
    return z.NEVER;
  });

const percent = z.string().transform((s, ctx) => {
  if (s.trim() === '') return 0;
  const r = parsePercent(s);
  if (r.ok) return r.basisPoints;
  ctx.addIssue({ code: 'custom', message: r.reason === 'TOO_MANY_DECIMALS' ? 'El ajuste porcentual admite hasta dos decimales.' : 'Escribe un porcentaje como 19, -10 o 12,5.' });
  return z.NEVER;
});

const units = z.string().transform((s, ctx) => {
  const t = s.trim();
  if (t === '') return 0;
  if (/^\d{1,9}$/.test(t)) return Number(t);
  ctx.addIssue({ code: 'custom', message: 'Escribe un número entero de unidades, 0 o más.' });
  return z.NEVER;
});

const priceRulesSchema = (currency: string) => z.object({
  publishOffer: z.boolean(),
  percent,
  fixed: amount(currency, 0, true),
  rounding: z.enum(ROUNDINGS, { message: 'Elige un redondeo de la lista.' }),
  roundingDirection: z.enum(ROUNDING_DIRECTIONS, { message: 'Elige hacia dónde redondear.' }),
  minimum: amount(currency, null, false),
  stockBuffer: units,
});

const idList = (what: string) => z.array(z.string().max(MAX_TEXT, `Hay un identificador de ${what} demasiado largo.`))
  .max(MAX_EXCLUDED_IDS, `Se pueden excluir hasta ${MAX_EXCLUDED_IDS.toLocaleString('es-CL')} ${what}.`)
  .transform((ids) => [...new Set(ids)]);

const restSchema = z.object({
  schedule: z.enum(SCHEDULE_MODES, { message: 'Elige cada cuánto sincronizar.' }),
  scheduleHour: z.string(),
  onDelete: z.enum(ON_DELETE, { message: 'Elige qué hacer con un producto eliminado o pausado en Centry.' }),
  exclusions: z.object({
    categoryIds: idList('categorías'), brandIds: idList('marcas'), genderIds: idList('géneros'), productIds: idList('productos'),
  }),
});

function collect(issues: readonly z.core.$ZodIssue[], errors: FormErrors): void {
  for (const i of issues) {
    // Exclusion issues are reported on the list (exclusions.brandIds.3 → brandIds).
    const key = (i.path[0] === 'exclusions' ? i.path[1] : i.path[0]) as FormErrorKey;
    errors[key] ??= i.message;
  }
}

export type PriceRulesResult = { ok: true; rules: PriceRules } | { ok: false; errors: FormErrors };

/**
 * The "Transformación de valores" inputs alone: the live example parses exactly these. Each input
 * is parsed on its own and the §5 rule checks run over the readable ones (defaults elsewhere), so
 * one 422 names every bad field at once rather than one per attempt.
 */
export function parsePriceRulesForm(form: Pick<SettingsForm, PriceInput>, currency: string): PriceRulesResult {
  const shape = priceRulesSchema(currency).shape;
  const errors: FormErrors = {};
  const rules: Record<string, unknown> = { ...DEFAULT_PRICE_RULES };
  for (const key of Object.keys(shape) as PriceInput[]) {
    const r = shape[key].safeParse(form[key]);
    if (r.success) rules[key] = r.data;
    else errors[key] = r.error.issues[0]?.message ?? 'Valor no válido.';
  }
  for (const e of validateRules(rules as unknown as PriceRules, currency)) errors[e.field] ??= e.message;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, rules: rules as unknown as PriceRules };
}

export type SettingsFormResult =
  | { ok: true; settings: IntegrationSettings; form: SettingsForm }
  | { ok: false; errors: FormErrors; form: SettingsForm };

/** The whole form: valid settings, or a message per bad field with every typed value kept. */
export function parseSettingsForm(body: RawBody, currency: string): SettingsFormResult {
  const form = readSettingsForm(body);
  const prices = parsePriceRulesForm(form, currency);
  const rest = restSchema.safeParse(form);
  const errors: FormErrors = prices.ok ? {} : { ...prices.errors };
  if (!rest.success) collect(rest.error.issues, errors);
  // The hour is checked whenever "Una vez al día" is chosen, even if another field failed.
  const hour = form.scheduleHour.trim();
  const hourOk = /^\d{1,2}$/.test(hour) && Number(hour) <= 23;
  if (form.schedule === 'daily' && !hourOk) errors.scheduleHour = 'Elige una hora entre 0 y 23.';
  let schedule: Schedule | undefined;
  if (rest.success && (rest.data.schedule !== 'daily' || hourOk)) {
    schedule = rest.data.schedule === 'daily' ? { mode: 'daily', hour: Number(hour) } : { mode: rest.data.schedule };
  }
  if (!prices.ok || !rest.success || !schedule || Object.keys(errors).length > 0) return { ok: false, errors, form };
  return {
    ok: true,
    form,
    settings: {
      fields: structuredClone(form.fields),
      prices: prices.rules,
      exclusions: rest.data.exclusions,
      schedule,
      onDelete: rest.data.onDelete,
      sendOrders: form.sendOrders,
    },
  };
}
