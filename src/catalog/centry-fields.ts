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
  ctx.addIssue({ code: 'custom', message: 'expected text' });
  return z.NEVER;
});
export const reqText = optText.transform((v, ctx: Ctx): string => {
  if (v === null) {
    ctx.addIssue({ code: 'custom', message: 'required' });
    return z.NEVER;
  }
  return v;
});
/** Ids keep their exact spelling (no trim), as Centry and Jumpseller compare them exactly. */
export const optId = z.unknown().optional().transform((v, ctx: Ctx): string | null => {
  if (blank(v)) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  ctx.addIssue({ code: 'custom', message: 'expected an id' });
  return z.NEVER;
});

// "12.5", " 12 " and, as spreadsheets export them, "12,5" are numbers; blank is null.
const NUMERIC = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;
export const optNumber = z.unknown().optional().transform((v, ctx: Ctx): number | null => {
  if (blank(v)) return null;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && NUMERIC.test(v.trim())) return Number(v.trim().replace(',', '.'));
  ctx.addIssue({ code: 'custom', message: `expected a number, got ${JSON.stringify(v)}` });
  return z.NEVER;
});
export const optInt = optNumber.transform((v, ctx: Ctx): number | null => {
  if (v === null || Number.isSafeInteger(v)) return v;
  ctx.addIssue({ code: 'custom', message: `expected a whole number, got ${v}` });
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
  ctx.addIssue({ code: 'custom', message: `expected true (activo) or false (pausado), got ${JSON.stringify(v)}` });
  return z.NEVER;
});

export const optDate = z.unknown().optional().transform((v, ctx: Ctx): Date | null => {
  if (blank(v)) return null;
  const d = typeof v === 'string' ? new Date(v.trim()) : null;
  if (d && !Number.isNaN(d.getTime())) return d;
  ctx.addIssue({ code: 'custom', message: `expected an ISO date, got ${JSON.stringify(v)}` });
  return z.NEVER;
});

export const imageUrl = reqText.refine((u) => /^https?:\/\/\S+$/i.test(u), 'expected an http(s) URL');
export const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((a) => a ?? []);
