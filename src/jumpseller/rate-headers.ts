// Reading Jumpseller's rate-limit headers (../shared/jumpseller/API-NOTES.md, "Rate limits"): every
// response carries the per-minute and per-second limit and remaining counts; after repeated abuse a
// `Jumpseller-BannedByRateLimit-Reset: <UTC timestamp>` says until when the store is banned.
// Pure functions: header maps in, numbers in milliseconds out.

export type HeaderMap = Record<string, string | string[] | undefined>;

export interface RateSnapshot {
  minuteLimit: number | null;
  minuteRemaining: number | null;
  secondLimit: number | null;
  secondRemaining: number | null;
  /** Epoch milliseconds until which the store is banned, when the ban header is present. */
  bannedUntilMs: number | null;
}

export const RATE_HEADERS = {
  minuteLimit: 'jumpseller-perminuteratelimit-limit',
  minuteRemaining: 'jumpseller-perminuteratelimit-remaining',
  secondLimit: 'jumpseller-persecondratelimit-limit',
  secondRemaining: 'jumpseller-persecondratelimit-remaining',
  bannedReset: 'jumpseller-bannedbyratelimit-reset',
} as const;

export function headerValue(headers: HeaderMap, name: string): string | undefined {
  const direct = headers[name];
  const raw = direct ?? Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
  return Array.isArray(raw) ? raw[0] : raw;
}

function count(headers: HeaderMap, name: string): number | null {
  const v = headerValue(headers, name)?.trim();
  if (!v || !/^-?\d+$/.test(v)) return null;
  return Math.max(0, Number(v));
}

/**
 * A "UTC timestamp" as epoch milliseconds. The live format is not documented, so accept what a Rails
 * app may send: epoch seconds ("1774526430"; 13+ digits are taken as milliseconds), ISO 8601,
 * "2026-03-26 12:00:30 UTC", or an HTTP date. Unknown formats give null (no ban assumed).
 */
export function parseUtcTimestamp(value: string | undefined): number | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    return v.split('.')[0]!.length >= 13 ? Math.round(n) : Math.round(n * 1000);
  }
  let text = v.replace(/\s*(UTC|GMT)$/i, 'Z');
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/.test(text)) {
    text = text.replace(/^(\S+) /, '$1T').replace(/ ([+-]\d{2}:?\d{2})$/, '$1');
    if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(text)) text += 'Z'; // a "UTC timestamp" without a zone is UTC
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

export function readRateHeaders(headers: HeaderMap): RateSnapshot {
  return {
    minuteLimit: count(headers, RATE_HEADERS.minuteLimit),
    minuteRemaining: count(headers, RATE_HEADERS.minuteRemaining),
    secondLimit: count(headers, RATE_HEADERS.secondLimit),
    secondRemaining: count(headers, RATE_HEADERS.secondRemaining),
    bannedUntilMs: parseUtcTimestamp(headerValue(headers, RATE_HEADERS.bannedReset)),
  };
}

/**
 * `Retry-After` (RFC 9110 §10.2.3) as a wait in milliseconds: delta-seconds ("2" → 2000) or an
 * HTTP date (minus `now`). Jumpseller sends none today, but a correct reading costs nothing.
 */
export function parseRetryAfterMs(value: string | undefined, now: number): number | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
