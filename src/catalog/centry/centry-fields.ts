// Lenient field readers for Centry's JSON (../shared/centry/API-NOTES.md: "numbers may arrive as
// strings"): blank strings are null, numbers written as text are numbers, ids keep their spelling.
import { z } from 'zod';

// Fields read through `z.unknown().optional()`: a missing key is then optional (zod 4 otherwise
// requires it) and the transform still decides what a missing value means.
type Ctx = z.core.$RefinementCtx;
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Text or a number written as text; blank → null. */
export const optText = z.unknown().optional().transform((v, ctx: Ctx): string | null => {
  if (blank(v)) return null;
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  ctx.addIssue({ code: 'custom', message: 'se esperaba un texto' });
  return z.NEVER;
});
export const reqText = optText.transform((v, ctx: Ctx): string => {
  if (v === null) {
    ctx.addIssue({ code: 'custom', message: 'es obligatorio' });
    return z.NEVER;
  }
  return v;
});
/**
 * Ids compare exactly (Centry, Jumpseller, exclusion lists), so they are normalized once, here:
 * surrounding spaces are an artifact of the file, never part of an id, and the settings form trims
 * what it receives — an id kept with its spaces could be picked for an exclusion and never match.
 */
export const optId = z.unknown().optional().transform((v, ctx: Ctx): string | null => {
  if (blank(v)) return null;
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  ctx.addIssue({ code: 'custom', message: 'se esperaba un id' });
  return z.NEVER;
});

// "12.5", " 12 " and, as spreadsheets export them, "12,5" are numbers; blank is null.
const NUMERIC = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;
export const optNumber = z.unknown().optional().transform((v, ctx: Ctx): number | null => {
  if (blank(v)) return null;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && NUMERIC.test(v.trim())) return Number(v.trim().replace(',', '.'));
  ctx.addIssue({ code: 'custom', message: `se esperaba un número, llegó ${JSON.stringify(v)}` });
  return z.NEVER;
});
export const optInt = optNumber.transform((v, ctx: Ctx): number | null => {
  if (v === null || Number.isSafeInteger(v)) return v;
  ctx.addIssue({ code: 'custom', message: `se esperaba un número entero, llegó ${v}` });
  return z.NEVER;
});

const TRUE = new Set(['true', '1', 'activo', 'active', 'yes', 'si', 'sí']);
const FALSE = new Set(['false', '0', 'pausado', 'paused', 'inactive', 'no']);
/** Centry `status`: true = Activo, false = Pausado; missing means active. */
export const status = z.unknown().optional().transform((v, ctx: Ctx): boolean => {
  if (blank(v)) return true;
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  ctx.addIssue({ code: 'custom', message: `se esperaba true (activo) o false (pausado), llegó ${JSON.stringify(v)}` });
  return z.NEVER;
});

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

/**
 * An ISO date or date-time. Read the same on every server: a date-time without an offset is UTC
 * (JavaScript would take the server's local zone), and a date alone is that whole day in UTC —
 * its first millisecond, or with `endOfDay` its last one. The latter is how §5's inclusive
 * `now ≤ saleenddate` reads a bare end date: an offer "until 2024-06-30" still runs on June 30.
 */
export function parseCentryDate(text: string, endOfDay = false): Date | null {
  const s = text.trim();
  const local = LOCAL_DATE_TIME.exec(s);
  const iso = DATE_ONLY.test(s) ? `${s}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z` : local ? `${local[1]}T${local[2]}Z` : s;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) || !realCalendarDate(s) ? null : d;
}

/** JavaScript rolls "2024-02-30" over to March 1st: a date Centry never meant is refused instead. */
function realCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return true;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const dateField = (endOfDay: boolean) => z.unknown().optional().transform((v, ctx: Ctx): Date | null => {
  if (blank(v)) return null;
  const d = typeof v === 'string' ? parseCentryDate(v, endOfDay) : null;
  if (d) return d;
  ctx.addIssue({ code: 'custom', message: `se esperaba una fecha ISO (2025-03-10), llegó ${JSON.stringify(v)}` });
  return z.NEVER;
});
export const optDate = dateField(false);
/** An end date (`saleenddate`): a bare date means through the end of that day (inclusive, §5). */
export const optEndDate = dateField(true);

export const imageUrl = reqText.refine((u) => /^https?:\/\/\S+$/i.test(u), 'se esperaba una URL http(s)');
export const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((a) => a ?? []);
