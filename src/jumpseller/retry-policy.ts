// The one retry policy of the Jumpseller client (STYLE §10), modelled on undici's
// lib/handler/retry-handler.js: which methods, which statuses and errors, Retry-After in seconds or a
// date, capped exponential backoff — plus full jitter and the create rule of SPEC §7.3.
//
// Why a POST (create) is different: retrying it after an unknown outcome can create a duplicate
// product, and Jumpseller does not enforce unique SKUs (API-NOTES.md). So a POST is retried only when
// the server cannot have processed it:
//   - 429: the rate limiter answers before the request reaches the application, so nothing was
//     created (the same holds for any API that rate-limits at the edge; live sends no Retry-After);
//   - a failure to connect (refused, DNS, connect timeout): no byte of the request left this process.
// Everything else after sending — a 5xx, a timeout waiting for headers or body, a reset connection,
// even a 2xx whose body was lost — is ambiguous and surfaces as AmbiguousCreateError, resolved by a
// SKU lookup (docs/adr/0003-rate-governor-and-retries.md).
import { parseRetryAfterMs } from './rate-headers.js';

export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'PUT' | 'DELETE' | 'POST' | 'PATCH';

/** What one attempt produced. `sent: false` only when the request certainly never reached the server. */
export type AttemptOutcome =
  | { kind: 'response'; status: number; retryAfter?: string | undefined }
  | { kind: 'network'; code: string; sent: boolean };

export interface RetryOptions {
  /** Total attempts including the first (default 5). */
  maxAttempts: number;
  /** Backoff ceiling of the first retry; doubles per attempt (default 500 ms). */
  baseDelayMs: number;
  /** Cap of the exponential backoff (default 30 s). */
  maxDelayMs: number;
  /** A Retry-After asking for longer than this is not waited for (default 60 s). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 60_000 };

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'success' | 'not_retryable' | 'ambiguous' | 'exhausted' };

/** Methods whose repetition has the same effect as one call (RFC 9110 §9.2.2). */
export const IDEMPOTENT = new Set<HttpMethod>(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Transient server statuses (as undici's retry handler), for idempotent methods. */
export const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * Decide after `attempt` attempts (1 = the first one just failed) whether to try again and after how
 * long. Pure: `now` (epoch ms, for Retry-After dates) and `random` ([0,1), for jitter) are inputs.
 */
export function decide(
  attempt: number,
  method: HttpMethod,
  outcome: AttemptOutcome,
  options: RetryOptions = DEFAULT_RETRY,
  env: { now: number; random: () => number } = { now: Date.now(), random: Math.random },
): RetryDecision {
  const verdict = classify(method, outcome);
  if (verdict !== 'retryable') return { retry: false, reason: verdict };
  if (attempt >= options.maxAttempts) return { retry: false, reason: 'exhausted' };
  const retryAfterMs = outcome.kind === 'response' ? parseRetryAfterMs(outcome.retryAfter, env.now) : null;
  if (retryAfterMs !== null) {
    // Honour the server's wait exactly (seconds → ms); if it is longer than we accept, give up now
    // rather than come back early and be refused again.
    return retryAfterMs <= options.maxRetryAfterMs ? { retry: true, delayMs: retryAfterMs } : { retry: false, reason: 'exhausted' };
  }
  return { retry: true, delayMs: backoffMs(attempt, options, env.random) };
}

/** Full jitter (uniform in [0, min(cap, base·2^(attempt−1)))), so that retrying callers spread out. */
export function backoffMs(attempt: number, options: RetryOptions, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

function classify(method: HttpMethod, outcome: AttemptOutcome): 'retryable' | 'success' | 'not_retryable' | 'ambiguous' {
  const idempotent = IDEMPOTENT.has(method);
  if (outcome.kind === 'network') {
    if (!outcome.sent || idempotent) return 'retryable';
    return 'ambiguous';
  }
  const { status } = outcome;
  if (status < 400) return 'success';
  if (status === 429) return 'retryable'; // refused before processing, safe for every method
  if (status >= 500) {
    if (!idempotent) return 'ambiguous';
    return RETRY_STATUSES.has(status) ? 'retryable' : 'not_retryable';
  }
  return 'not_retryable';
}

// Errors raised before any byte of the request left this process: safe to retry even for a POST.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

// What counts as "no (complete) answer": socket-level errors (ECONNRESET, EPIPE…), undici's transport
// failures and timeouts, and a 2xx body we could not read. Anything else (bad arguments, a TypeError)
// is a bug and goes to the one error handler instead of being retried.
const UNDICI_NETWORK = new Set([
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED', 'UND_ERR_ABORTED', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'UND_ERR_INFO', 'UNREADABLE_BODY',
]);

function networkCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (/^E[A-Z0-9_]+$/.test(code) || UNDICI_NETWORK.has(code))) return code;
  throw err;
}

/** The outcome of an attempt that threw: a network failure (sent or not), or the error itself rethrown as a bug. */
export function networkOutcome(err: unknown): AttemptOutcome {
  const code = networkCode(err);
  return { kind: 'network', code, sent: !NOT_SENT.has(code) };
}
