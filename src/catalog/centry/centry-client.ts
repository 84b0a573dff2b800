// The Centry REST client (../shared/centry/API-NOTES.md "REST API"): Bearer tokens refreshed before
// they expire and, like Centry's reference clients, once more on a 401 before retrying the call;
// retries follow the one retry policy of the project (src/jumpseller/retry-policy.ts: reads on
// 429/5xx/network errors, Retry-After honoured, capped jittered backoff; a POST only when it cannot
// have been processed).
import { request, type Dispatcher } from 'undici';
import { decide, networkOutcome, DEFAULT_RETRY, type AttemptOutcome, type RetryOptions } from '../../jumpseller/retry-policy.js';
import { refreshCentryTokens, type CentryAppCredentials, type CentryTokens } from './centry-oauth.js';

/** Where a company's tokens live (encrypted in catalog_sources); shared by every process. */
export interface CentryTokenStore {
  load(): Promise<CentryTokens>;
  save(tokens: CentryTokens): Promise<void>;
}

/** Centry no longer accepts this company's grant: it must link its account again. */
export class CentryAuthError extends Error {
  constructor(readonly reason: string) {
    super(`Centry rejected the company's authorization: ${reason}`);
    this.name = 'CentryAuthError';
  }
}

export class CentryHttpError extends Error {
  constructor(readonly status: number, readonly path: string, readonly body: string) {
    super(`Centry answered ${status} to ${path}: ${body.slice(0, 200)}`);
    this.name = 'CentryHttpError';
  }
}

export interface ProductsPage {
  products: unknown[];
  /** Centry's clock (Date header) when it answered: where the next delta pull may start. */
  serverDate: Date | null;
}

export interface CentryClient {
  listProducts(q: { updatedSince?: Date; after?: string; limit?: number }): Promise<ProductsPage>;
  /** null when Centry answers 404 (the product was deleted). */
  getProduct(id: string): Promise<unknown | null>;
  countProducts(q?: { updatedSince?: Date }): Promise<number>;
  listBrands(): Promise<unknown[]>;
  listCategories(): Promise<unknown[]>;
  registerWebhook(callbackUrl: string): Promise<void>;
  /** Orders (SPEC §10, src/orders/): Centry orders with this origin + id_origin. */
  findOrders(q: { origin: string; idOrigin: string }): Promise<unknown[]>;
  /** One POST, never retried here: an ambiguous failure is resolved by `findOrders` (order-sender.ts). */
  createOrder(body: unknown): Promise<unknown>;
  /** PUT without items (items sent again are appended by Centry); null when the order is gone (404). */
  updateOrder(id: string, body: unknown): Promise<unknown | null>;
}

export interface CentryClientOptions extends CentryAppCredentials {
  tokens: CentryTokenStore;
  now?: () => Date;
  /** Waits between retries (tests pass a recorder). */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1) (tests pass a constant). */
  random?: () => number;
}

const REFRESH_MARGIN_MS = 60_000;
/** Four attempts in all; a Retry-After over 30 s is not waited for inside a pull (the next pull retries). */
export const CENTRY_RETRY: RetryOptions = { ...DEFAULT_RETRY, maxAttempts: 4, maxRetryAfterMs: 30_000 };

export function createCentryClient(o: CentryClientOptions): CentryClient {
  const now = o.now ?? (() => new Date());
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = o.random ?? Math.random;
  let refreshing: Promise<CentryTokens> | null = null;

  /** One refresh at a time; a token another process already rotated is picked up, not refreshed again. */
  function refresh(stale: CentryTokens): Promise<CentryTokens> {
    refreshing ??= (async () => {
      const current = await o.tokens.load();
      if (current.accessToken !== stale.accessToken && current.expiresAt.getTime() - REFRESH_MARGIN_MS > now().getTime()) return current;
      const r = await refreshCentryTokens(o, current.refreshToken, now());
      if (!r.ok) {
        const again = await o.tokens.load(); // lost a race with another process's refresh?
        if (again.refreshToken !== current.refreshToken) return again;
        if (r.status === 400 || r.status === 401) throw new CentryAuthError(`${r.error}: ${r.description}`);
        throw new CentryHttpError(r.status, '/oauth/token', r.description);
      }
      await o.tokens.save(r.tokens);
      return r.tokens;
    })().finally(() => { refreshing = null; });
    return refreshing;
  }

  async function tokens(): Promise<CentryTokens> {
    const t = await o.tokens.load();
    return t.expiresAt.getTime() - REFRESH_MARGIN_MS <= now().getTime() ? refresh(t) : t;
  }

  async function send(method: string, path: string, token: string, body?: unknown): Promise<Dispatcher.ResponseData> {
    return request(new URL(`/conexion/v1/${path}`, o.baseUrl), {
      method: method as Dispatcher.HttpMethod,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      dispatcher: o.dispatcher,
      headersTimeout: 30_000,
      bodyTimeout: 60_000,
    });
  }

  /** Waits and answers true when the policy retries after this outcome of attempt number `attempt`. */
  async function retried(attempt: number, method: 'GET' | 'POST' | 'PUT', outcome: AttemptOutcome): Promise<boolean> {
    const d = decide(attempt, method, outcome, CENTRY_RETRY, { now: now().getTime(), random });
    if (!d.retry) return false;
    await sleep(d.delayMs);
    return true;
  }

  async function call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<{ status: number; json: unknown; date: Date | null }> {
    for (let attempt = 1; ; attempt++) {
      let t = await tokens();
      let res: Dispatcher.ResponseData;
      try {
        res = await send(method, path, t.accessToken, body);
        if (res.statusCode === 401) {
          await res.body.dump();
          t = await refresh(t);
          res = await send(method, path, t.accessToken, body);
          if (res.statusCode === 401) {
            await res.body.dump();
            throw new CentryAuthError('401 after refreshing the token');
          }
        }
      } catch (e) {
        if (e instanceof CentryAuthError || e instanceof CentryHttpError) throw e;
        if (await retried(attempt, method, networkOutcome(e))) continue; // a bug (not a network error) rethrows
        throw e;
      }
      const text = await res.body.text();
      const retryAfter = res.headers['retry-after'];
      if (res.statusCode >= 400 && res.statusCode !== 404
        && await retried(attempt, method, { kind: 'response', status: res.statusCode, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter })) continue;
      if (res.statusCode === 404) return { status: 404, json: null, date: null };
      if (res.statusCode >= 300) throw new CentryHttpError(res.statusCode, path, text);
      const date = typeof res.headers.date === 'string' ? new Date(res.headers.date) : null;
      return { status: res.statusCode, json: text ? JSON.parse(text) : null, date: date && !Number.isNaN(date.getTime()) ? date : null };
    }
  }

  const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  return {
    async listProducts(q) {
      const params = new URLSearchParams({ limit: String(q.limit ?? 100) });
      if (q.updatedSince) params.set('updated_at_gte', q.updatedSince.toISOString());
      if (q.after) params.set('after', q.after);
      const r = await call('GET', `products.json?${params}`);
      return { products: asList(r.json), serverDate: r.date };
    },
    async getProduct(id) {
      const r = await call('GET', `products/${encodeURIComponent(id)}.json`);
      return r.status === 404 ? null : r.json;
    },
    async countProducts(q = {}) {
      const params = new URLSearchParams();
      if (q.updatedSince) params.set('updated_at_gte', q.updatedSince.toISOString());
      const r = await call('GET', `products/count.json?${params}`);
      const count = (r.json as { count?: unknown } | null)?.count;
      return typeof count === 'number' ? count : Number(count ?? 0);
    },
    async listBrands() { return asList((await call('GET', 'brands.json')).json); },
    async listCategories() { return asList((await call('GET', 'categories.json')).json); },
    async registerWebhook(callbackUrl) {
      await call('POST', 'webhooks.json', { callback_url: callbackUrl, on_product_save: true, on_product_delete: true });
    },
    async findOrders(q) {
      return asList((await call('GET', `orders.json?${new URLSearchParams({ origin: q.origin, id_origin: q.idOrigin })}`)).json);
    },
    async createOrder(body) {
      return (await call('POST', 'orders.json', body)).json;
    },
    async updateOrder(id, body) {
      const r = await call('PUT', `orders/${encodeURIComponent(id)}.json`, body);
      return r.status === 404 ? null : r.json;
    },
  };
}
