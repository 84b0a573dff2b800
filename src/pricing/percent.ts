// "Ajuste porcentual" as an exact integer: hundredths of a percent (basis points), so 12,5 % is
// 1250 and 19 % is 1900. Merchants type at most two decimals of a percent; more are refused
// rather than rounded, so the live example always shows exactly what the sync will do.

import type { Brand } from '../lib/brand.js';

/** Hundredths of a percent: 1900 = +19 %, -1000 = -10 %, 1250 = 12,5 %. */
export type BasisPoints = Brand<number, 'BasisPoints'>;
export const basisPoints = (n: number): BasisPoints => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`basis points must be an integer: ${n}`);
  return n as BasisPoints;
};

export const BASIS_POINTS_PER_UNIT = 10_000n; // 100 % = 10 000 bp

export type ParsedPercent =
  | { ok: true; basisPoints: BasisPoints }
  | { ok: false; reason: 'EMPTY' | 'INVALID' | 'TOO_MANY_DECIMALS' };

/** "+19", "−10", "12,5", "12.5 %" → basis points. Comma or dot is the decimal separator. */
export function parsePercent(text: string): ParsedPercent {
  const s = text.replace(/[\s\u00a0%]/g, '').replace(/\u2212/g, '-');
  if (s === '') return { ok: false, reason: 'EMPTY' };
  const m = /^([+-]?)(\d*)(?:[.,](\d*))?$/.exec(s);
  if (!m || (m[2] === '' && !m[3])) return { ok: false, reason: 'INVALID' };
  const [, sign, int = '', frac = ''] = m;
  if (/[1-9]/.test(frac.slice(2))) return { ok: false, reason: 'TOO_MANY_DECIMALS' };
  if (int.length > 12) return { ok: false, reason: 'INVALID' };
  const value = Number(int || '0') * 100 + Number(frac.slice(0, 2).padEnd(2, '0'));
  return { ok: true, basisPoints: basisPoints(sign === '-' && value !== 0 ? -value : value) };
}

/** Basis points back to the es-CL text a merchant would type: 1250 → "12,5", -1000 → "-10". */
export function formatPercent(bp: BasisPoints): string {
  const abs = Math.abs(bp);
  const frac = String(abs % 100).padStart(2, '0').replace(/0+$/, '');
  return `${bp < 0 ? '-' : ''}${Math.floor(abs / 100)}${frac ? `,${frac}` : ''}`;
}
