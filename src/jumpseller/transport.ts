// One HTTP exchange with Jumpseller API v1, done right once (STYLE §10): pace through the store's
// rate governor, authenticate with a bearer token (one refresh on 401), apply the retry policy, and
// turn every final failure into a named error (errors.ts). Uses undici (`request` with headers and
// body timeouts) so the connection pool is shared per origin.
import { request, type Dispatcher } from 'undici';
import { systemClock, type Clock } from './clock.js';
import {
  AmbiguousCreateError, AuthRevokedError, JumpsellerApiError, NetworkError, NotFoundError, RateLimitedError, ValidationError,
} from './errors.js';
import { RateGovernor, type Permit } from './rate-governor.js';
import { headerValue, type HeaderMap } from './rate-headers.js';
import { DEFAULT_RETRY, decide, networkOutcome, type AttemptOutcome, type HttpMethod, type RetryOptions } from './retry-policy.js';

/** Where access tokens come from; the database-backed refresher plugs in here (token-refresher.ts). */
export interface TokenProvider {
  getAccessToken(): Promise<string>;
  /** Called once after a 401: a fresh token to retry with, or null when none can be had. */
  onUnauthorized(): Promise<string | null>;
  /** Called before AuthRevokedError is thrown for a 401 that a fresh token did not cure. */
  onRevoked?(reason: string): Promise<void>;
}

export interface TransportOptions {
  /** e.g. https://api.jumpseller.com/v1 or http://127.0.0.1:3100/v1 (config JUMPSELLER_API_URL). */
  baseUrl: string;
  tokens: TokenProvider;
  /** The store's governor (RateGovernorRegistry.for(storeCode)); a private one when omitted. */
  governor?: RateGovernor;
  retry?: Partial<RetryOptions>;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  dispatcher?: Dispatcher;
  clock?: Clock;
  random?: () => number;
  userAgent?: string;
}

export interface ApiRequest {
  method: HttpMethod;
  /** Path under the base URL, e.g. `/products/12.json`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

export interface ApiResponse {
  status: number;
  headers: HeaderMap;
  /** Parsed JSON, or null for an empty body. */
  body: unknown;
}

export class JumpsellerTransport {
  readonly governor: RateGovernor;
  private readonly retry: RetryOptions;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly baseUrl: string;

  constructor(private readonly opts: TransportOptions) {
    this.clock = opts.clock ?? systemClock;
    this.governor = opts.governor ?? new RateGovernor({ clock: this.clock });
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.random = opts.random ?? Math.random;
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
  }

  /** Sends until success (2xx) or a final failure, which is thrown as a named JumpsellerError. */
  async send(req: ApiRequest): Promise<ApiResponse> {
    let token = await this.opts.tokens.getAccessToken();
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const permit = await this.governor.acquire();
      let outcome: AttemptOutcome;
      let res: ApiResponse | undefined;
      let failure: unknown;
      try {
        res = await this.once(req, token, permit);
        outcome = { kind: 'response', status: res.status, retryAfter: headerValue(res.headers, 'retry-after') };
      } catch (err) {
        failure = err;
        outcome = networkOutcome(err);
      }
      if (res?.status === 401) {
        // A 401 on a fresh token means the store revoked the app (API-NOTES "OAuth 2").
        const next = refreshed ? null : await this.opts.tokens.onUnauthorized();
        if (!next) {
          const reason = refreshed ? '401 with a freshly refreshed token' : '401 and no token refresh possible';
          await this.opts.tokens.onRevoked?.(reason);
          throw new AuthRevokedError(reason);
        }
        token = next;
        refreshed = true;
        attempt--; // the refresh is not a failure of the request: no retry budget spent
        continue;
      }
      const decision = decide(attempt, req.method, outcome, this.retry, { now: this.clock.now(), random: this.random });
      if (decision.retry) {
        await this.clock.sleep(decision.delayMs);
        continue;
      }
      if (decision.reason === 'success' && res) return res;
      throw this.failure(req, outcome, res, failure, decision.reason, attempt);
    }
  }

  private async once(req: ApiRequest, token: string, permit: Permit): Promise<ApiResponse> {
    const url = new URL(this.baseUrl + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const hasBody = req.body !== undefined;
    let observed = false;
    try {
      const r = await request(url, {
        method: req.method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          'user-agent': this.opts.userAgent ?? 'centry-jumpseller',
          ...(hasBody ? { 'content-type': 'application/json' } : {}),
        },
        body: hasBody ? JSON.stringify(req.body) : undefined,
        headersTimeout: this.opts.headersTimeoutMs ?? 30_000,
        bodyTimeout: this.opts.bodyTimeoutMs ?? 30_000,
        dispatcher: this.opts.dispatcher,
      });
      this.governor.observe(permit, r.headers, r.statusCode);
      observed = true;
      const text = await r.body.text(); // may fail mid-body: then the outcome is unknown (network, sent)
      return { status: r.statusCode, headers: r.headers, body: parseJson(text, r.statusCode, req.method) };
    } finally {
      if (!observed) this.governor.observe(permit, {}, 0);
    }
  }

  private failure(req: ApiRequest, outcome: AttemptOutcome, res: ApiResponse | undefined, cause: unknown, reason: string, attempts: number): Error {
    const path = req.path;
    if (outcome.kind === 'network') {
      return reason === 'ambiguous'
        ? new AmbiguousCreateError(path, `no complete answer (${outcome.code})`, cause)
        : new NetworkError(outcome.code, errorMessage(cause), cause);
    }
    const status = outcome.status;
    const body = res?.body;
    if (reason === 'ambiguous') return new AmbiguousCreateError(path, `answered ${status}`);
    if (status === 429) return new RateLimitedError(attempts);
    if (status === 404) return new NotFoundError(path, messageOf(body) ?? 'Not Found');
    if (status === 422) return new ValidationError(path, (body as { errors?: unknown } | null)?.errors ?? body);
    return new JumpsellerApiError(status, messageOf(body) ?? `HTTP ${status}`, body, req.method, path);
  }
}

function parseJson(text: string, status: number, method: HttpMethod): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    // A create that succeeded but whose answer cannot be read: we do not know the new id.
    if (method === 'POST' && status < 300) throw Object.assign(new Error('unreadable 2xx body'), { code: 'UNREADABLE_BODY' });
    return text;
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function messageOf(body: unknown): string | undefined {
  const m = (body as { message?: unknown } | null)?.message;
  return typeof m === 'string' ? m : undefined;
}
