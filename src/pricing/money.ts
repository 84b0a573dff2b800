// Money is integer minor units of one currency (SPEC §5, ADR 0002). Every conversion from or to
// text and decimals goes through exact integer/BigInt arithmetic: floats never carry an amount.

/**
 * Decimals per ISO currency as merchants see them in Jumpseller stores. COP is 0 (not ISO's 2):
 * Colombian prices are whole pesos in practice and CLDR/ICU's es-CL format shows none, so ".99"
 * rounding is refused for COP as for CLP. Unknown codes get 2.
 */
export const CURRENCY_DECIMALS: Readonly<Record<string, number>> = {
  CLP: 0, COP: 0, JPY: 0, PYG: 0, KRW: 0, ISK: 0, VND: 0,
  USD: 2, EUR: 2, ARS: 2, BRL: 2, MXN: 2, PEN: 2, UYU: 2, BOB: 2, GBP: 2, CAD: 2,
  CRC: 2, GTQ: 2, DOP: 2, VES: 2, CHF: 2, AUD: 2,
  KWD: 3, BHD: 3, JOD: 3, OMR: 3, TND: 3,
  CLF: 4, // Unidad de Fomento
};
export const DEFAULT_DECIMALS = 2;

/**
 * Largest amount we accept, in minor units: 15 significant digits, so every amount survives the
 * trip through a JSON number to Jumpseller and back exactly (IEEE double keeps 15 decimal digits).
 */
export const MAX_MINOR = 999_999_999_999_999;

export function currencyDecimals(currency: string): number {
  return CURRENCY_DECIMALS[currency.trim().toUpperCase()] ?? DEFAULT_DECIMALS;
}

/** 10^decimals as a BigInt: minor units per major unit. */
export function minorPerMajor(currency: string): bigint {
  return 10n ** BigInt(currencyDecimals(currency));
}

export function isMinorAmount(value: unknown): value is number {
  return Number.isSafeInteger(value) && Math.abs(value as number) <= MAX_MINOR;
}

/** Floor division for BigInt (BigInt `/` truncates toward zero, wrong for negatives). */
export function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return (n % d !== 0n && (n < 0n) !== (d < 0n)) ? q - 1n : q;
}

/** n/d rounded to an integer with halves going up, i.e. toward +∞ (-2.5 → -2, 2.5 → 3). */
export function roundHalfUp(n: bigint, d: bigint): bigint {
  return floorDiv(2n * n + d, 2n * d);
}

export type AmountError = 'EMPTY' | 'INVALID' | 'TOO_MANY_DECIMALS' | 'OUT_OF_RANGE';
export type ParsedAmount = { ok: true; minor: number } | { ok: false; reason: AmountError };

// Chilean grouping: 1–3 digits then groups of exactly 3, separated by dots.
const GROUPED = /^\d{1,3}(\.\d{3})+$/;
const PLAIN = /^\d+$/;

/**
 * A user-typed amount in es-CL style into minor units: "10.000", "12,5", "-500", "$ 1.990",
 * "US$ 12,99". Comma is the decimal separator; dots are thousands separators when grouped by
 * three ("1.990" is one thousand nine hundred ninety, even for USD). A lone dot that is not a
 * grouping ("12.99") is read as a decimal point, as people paste it. Extra decimals are refused
 * unless they are zeros: an amount the merchant types must be exact, never silently rounded.
 */
export function parseAmount(text: string, currency: string): ParsedAmount {
  let s = text.replace(/[\s\u00a0]/g, '').replace(/\u2212/g, '-');
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) { negative = s.startsWith('-'); s = s.slice(1); }
  s = s.replace(/^[A-Za-z]{0,3}\$|^[A-Za-z]{3}|^€/, '');
  if (!negative && s.startsWith('-')) { negative = true; s = s.slice(1); }
  if (s === '') return { ok: false, reason: text.trim() === '' ? 'EMPTY' : 'INVALID' };
  const [intRaw, frac = '', extra] = s.split(',');
  if (extra !== undefined) return { ok: false, reason: 'INVALID' };
  let intDigits: string;
  let fracDigits = frac;
  if (s.includes(',')) {
    if (!/^\d*$/.test(frac) || (intRaw === '' && frac === '')) return { ok: false, reason: 'INVALID' };
    if (intRaw === '' || PLAIN.test(intRaw!)) intDigits = intRaw || '0';
    else if (GROUPED.test(intRaw!)) intDigits = intRaw!.replace(/\./g, '');
    else return { ok: false, reason: 'INVALID' };
  } else if (PLAIN.test(s)) intDigits = s;
  else if (GROUPED.test(s)) intDigits = s.replace(/\./g, '');
  else if (/^\d*\.\d+$/.test(s)) [intDigits = '0', fracDigits = ''] = s.split('.').map((p) => p || '0');
  else return { ok: false, reason: 'INVALID' };
  return decimalToMinor(negative, intDigits, fracDigits, currency, 'reject');
}

/** Digits of a decimal into minor units; excess decimals are refused or rounded half up. */
function decimalToMinor(
  negative: boolean, intDigits: string, fracDigits: string, currency: string, excess: 'reject' | 'round',
): ParsedAmount {
  const decimals = currencyDecimals(currency);
  const kept = fracDigits.slice(0, decimals).padEnd(decimals, '0');
  const dropped = fracDigits.slice(decimals);
  let minor = BigInt(intDigits + kept);
  if (/[1-9]/.test(dropped)) {
    if (excess === 'reject') return { ok: false, reason: 'TOO_MANY_DECIMALS' };
    const scale = 10n ** BigInt(dropped.length);
    const signed = (negative ? -1n : 1n) * (minor * scale + BigInt(dropped));
    minor = roundHalfUp(signed, scale);
    negative = false;
  }
  const value = negative ? -minor : minor;
  if (value > BigInt(MAX_MINOR) || value < -BigInt(MAX_MINOR)) return { ok: false, reason: 'OUT_OF_RANGE' };
  return { ok: true, minor: Number(value) + 0 }; // + 0 turns -0 into 0
}

// Symbols as CLDR es-CL shows them: the peso is "$", the dollar "US$", others by ISO code.
const SYMBOLS: Readonly<Record<string, string>> = { CLP: '$', USD: 'US$' };

/** es-CL display: "$10.000", "US$12,99", "EUR 1.234,50", "-$500". Always the currency's decimals. */
export function formatMinor(minor: number, currency: string): string {
  assertMinor(minor);
  const code = currency.trim().toUpperCase();
  const symbol = SYMBOLS[code] ?? `${code} `;
  const { negative, intDigits, fracDigits } = splitMinor(minor, currency);
  const grouped = intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${symbol}${grouped}${fracDigits ? `,${fracDigits}` : ''}`;
}

/** Minor units into the decimal number Jumpseller's API expects: 1299 USD → 12.99, 19990 CLP → 19990. */
export function toApiDecimal(minor: number, currency: string): number {
  assertMinor(minor);
  const { negative, intDigits, fracDigits } = splitMinor(minor, currency);
  // The decimal string has at most 15 significant digits, so Number() gives the double whose
  // shortest representation is that very string: exact on the wire.
  return Number(`${negative ? '-' : ''}${intDigits}${fracDigits ? `.${fracDigits}` : ''}`);
}

/**
 * A decimal from Jumpseller's API back into minor units. The shortest decimal form of the double
 * is what was meant (12.99, not 12.9900000000000002); stray extra decimals round half up.
 */
export function fromApiDecimal(value: number, currency: string): number {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!m) throw new RangeError(`unreadable amount: ${value}`);
  const [, sign, int = '', frac = '', exp = '0'] = m;
  const e = Number(exp);
  let digits = int + frac;
  let point = int.length + e; // position of the decimal point within `digits`
  if (point < 0) { digits = '0'.repeat(-point) + digits; point = 0; }
  if (point > digits.length) digits = digits.padEnd(point, '0');
  const parsed = decimalToMinor(sign === '-', digits.slice(0, point) || '0', digits.slice(point), currency, 'round');
  if (!parsed.ok) throw new RangeError(`amount out of range: ${value}`);
  return parsed.minor;
}

function splitMinor(minor: number, currency: string) {
  const decimals = currencyDecimals(currency);
  const digits = Math.abs(minor).toString().padStart(decimals + 1, '0');
  return {
    negative: minor < 0,
    intDigits: digits.slice(0, digits.length - decimals),
    fracDigits: digits.slice(digits.length - decimals),
  };
}

function assertMinor(minor: number): void {
  if (!isMinorAmount(minor)) throw new RangeError(`not an amount in minor units: ${minor}`);
}
