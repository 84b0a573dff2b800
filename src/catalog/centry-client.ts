// The Centry REST client (../shared/centry/API-NOTES.md "REST API"): Bearer tokens refreshed before
// they expire and, like Centry's reference clients, once more on a 401 before retrying the call;
// reads retried on 429/5xx/network errors with capped, jittered backoff.
import { request, type Dispatcher } from 'undici';
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
  /** Waits between retries (tests pass a no-op). */
  sleep?: (ms: number) => Promise<void>;
}

const REFRESH_MARGIN_MS = 60_000;
const RETRIES = 3;
const RETRYABLE = new Set([429, 500, 502, 503, 504]);

export function createCentryClient(o: CentryClientOptions): CentryClient {
  const now = o.now ?? (() => new Date());
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
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

  async function call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<{ status: number; json: unknown; date: Date | null }> {
    for (let attempt = 0; ; attempt++) {
      let t = await tokens();
      try {
        let res = await send(method, path, t.accessToken, body);
        if (res.statusCode === 401) {
          await res.body.dump();
          t = await refresh(t);
          res = await send(method, path, t.accessToken, body);
          if (res.statusCode === 401) {
            await res.body.dump();
            throw new CentryAuthError('401 after refreshing the token');
          }
        }
        const text = await res.body.text();
        if (RETRYABLE.has(res.statusCode) && method === 'GET' && attempt < RETRIES) {
          await sleep(backoffMs(attempt, res.headers['retry-after']));
          continue;
        }
        if (res.statusCode === 404) return { status: 404, json: null, date: null };
        if (res.statusCode >= 300) throw new CentryHttpError(res.statusCode, path, text);
        const date = typeof res.headers.date === 'string' ? new Date(res.headers.date) : null;
        return { status: res.statusCode, json: text ? JSON.parse(text) : null, date: date && !Number.isNaN(date.getTime()) ? date : null };
      } catch (e) {
        if (e instanceof CentryAuthError || e instanceof CentryHttpError || method !== 'GET' || attempt >= RETRIES) throw e;
        await sleep(backoffMs(attempt, undefined)); // network error on a read: try again
      }
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

/** Retry-After is seconds (or an HTTP date); else 0.5 s · 2^attempt with ±25 % jitter, capped at 30 s. */
export function backoffMs(attempt: number, retryAfter: string | string[] | undefined): number {
  const header = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
  if (header !== undefined) {
    const seconds = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : new Date(header).getTime() - Date.now();
    if (Number.isFinite(seconds)) return Math.min(Math.max(seconds, 0), 30_000);
  }
  const base = Math.min(500 * 2 ** attempt, 30_000);
  return Math.round(base * (0.75 + Math.random() * 0.5));
}
