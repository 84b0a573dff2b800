// One OAuth 2 token request, shared by the one token client of each provider
// (jumpseller/oauth-token-endpoint.ts, catalog/centry/centry-oauth.ts; docs/adr/0019): a form-encoded POST
// (RFC 6749 §4.1.3 code exchange, §6 refresh) with the client credentials in the body (§2.3.1), and
// the answer read as tokens (§5.1) or an error (§5.2). Each provider maps the answer to its callers.
//
// Retries follow the one retry policy (jumpseller/retry-policy.ts) as for a POST: only when the server
// cannot have processed the request (429, or a connection that was never made). Both grants are
// single-use — a code is spent by its first exchange, a refresh rotates the refresh token — so a retry
// after a 5xx, a reset or a timeout could be refused with invalid_grant for a grant that in fact
// succeeded: a good code reported as refused, a store marked as having revoked the app.
import { request, type Dispatcher } from 'undici';
import { z } from 'zod';
import { decide, DEFAULT_RETRY, networkOutcome, type AttemptOutcome, type RetryOptions } from '../jumpseller/retry-policy.js';

export interface TokenEndpointOptions {
  /** The provider's token endpoint, e.g. https://accounts.jumpseller.com/oauth/token. */
  url: string;
  clientId: string;
  clientSecret: string;
  /** Lifetime assumed when an answer carries no expires_in, in seconds. */
  defaultExpiresInSeconds: number;
  timeoutMs?: number;
  dispatcher?: Dispatcher;
  retry?: RetryOptions;
  /** Waits between retries, jitter in [0, 1) and the clock for Retry-After dates (tests inject them). */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/** A merchant waits in the browser during an exchange: few attempts, no long Retry-After. */
export const TOKEN_RETRY: RetryOptions = { ...DEFAULT_RETRY, maxAttempts: 3, maxRetryAfterMs: 10_000 };

export type TokenAnswer =
  /** §5.1: both tokens; the lifetime counts from before the call (latency only makes us refresh early). */
  | { kind: 'granted'; accessToken: string; refreshToken: string; expiresInSeconds: number; scope: string | null }
  /** A 4xx other than 429: the grant or the client was refused. `error` is the §5.2 code, null when the body has none. */
  | { kind: 'refused'; status: number; error: string | null; description: string | null; body: unknown }
  /** No (complete) answer: refused, reset, timed out. */
  | { kind: 'unanswered'; code: string; detail: string }
  /** An answer that is neither: a 5xx, 429 past the budget, or a 2xx without tokens (or not JSON). */
  | { kind: 'failed'; status: number; detail: string; body: unknown };

export type Grant = { grant_type: 'authorization_code'; code: string; redirect_uri: string } | { grant_type: 'refresh_token'; refresh_token: string };

const tokens = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive().optional(),
  scope: z.string().optional(),
});
const oauthError = z.object({ error: z.string().min(1), error_description: z.string().optional() });

export async function requestToken(o: TokenEndpointOptions, grant: Grant): Promise<TokenAnswer> {
  const body = new URLSearchParams({ ...grant, client_id: o.clientId, client_secret: o.clientSecret }).toString();
  const timeout = o.timeoutMs ?? 15_000;
  for (let attempt = 1; ; attempt++) {
    let outcome: AttemptOutcome;
    let answer: { status: number; text: string } | null = null;
    try {
      const res = await request(o.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body, headersTimeout: timeout, bodyTimeout: timeout, dispatcher: o.dispatcher,
      });
      answer = { status: res.statusCode, text: await res.body.text() };
      const retryAfter = res.headers['retry-after'];
      outcome = { kind: 'response', status: res.statusCode, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter };
    } catch (err) {
      outcome = networkOutcome(err); // a bug (not a network failure) is rethrown here
    }
    const d = decide(attempt, 'POST', outcome, o.retry ?? TOKEN_RETRY, { now: (o.now ?? Date.now)(), random: o.random ?? Math.random });
    if (d.retry) {
      await (o.sleep ?? sleep)(d.delayMs);
      continue;
    }
    if (outcome.kind === 'network') return { kind: 'unanswered', code: outcome.code, detail: `no answer from the token endpoint (${outcome.code})` };
    return read(answer!.status, answer!.text, o.defaultExpiresInSeconds);
  }
}

function read(status: number, text: string, defaultExpiresInSeconds: number): TokenAnswer {
  const json = parseJson(text);
  if (status >= 200 && status < 300) {
    const ok = tokens.safeParse(json);
    if (!ok.success) return { kind: 'failed', status, detail: 'the answer carries no access_token/refresh_token', body: json ?? text.slice(0, 200) };
    const t = ok.data;
    return { kind: 'granted', accessToken: t.access_token, refreshToken: t.refresh_token, expiresInSeconds: t.expires_in ?? defaultExpiresInSeconds, scope: t.scope ?? null };
  }
  if (status >= 400 && status < 500 && status !== 429) {
    const e = oauthError.safeParse(json);
    return { kind: 'refused', status, error: e.success ? e.data.error : null, description: e.success ? (e.data.error_description ?? null) : null, body: json ?? text.slice(0, 200) };
  }
  return { kind: 'failed', status, detail: `the token endpoint answered ${status}`, body: json ?? text.slice(0, 200) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
