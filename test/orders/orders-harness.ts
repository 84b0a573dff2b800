// The whole order loop on loopback for tests: a store linked through OAuth (with read_orders) and
// synced from a demo catalog, the same catalog in the Centry sandbox (same generator, same ids) linked
// for the company with the order scopes, order services wired as in production, and an in-memory job
// queue with pg-boss's `stately` semantics (one waiting job per order; `drain` runs them, failed ones
// stay queued like a retry). pg-boss itself is exercised in order-queue.test.ts.
import { request } from 'undici';
import { createCatalogReplacer } from '../../src/catalog/store/catalog-replacement.js';
import { createCatalogSourceRepository } from '../../src/catalog/store/catalog-source-repository.js';
import { createCentryClient } from '../../src/catalog/centry/centry-client.js';
import { exchangeCentryCode } from '../../src/catalog/centry/centry-oauth.js';
import { centryTokenStore, pullCentryChanges } from '../../src/catalog/centry/centry-source.js';
import type { OrderJobs } from '../../src/orders/order-queue.js';
import { handleOrderJob } from '../../src/orders/order-queue.js';
import type { CentryOrders } from '../../src/orders/order-sender.js';
import { createOrderServices, type OrderServices } from '../../src/orders/order-services.js';
import { startCentrySandbox, type CentrySandbox } from '../../src/sandbox/centry/centry-sandbox.js';
import { createTokenCipher } from '../../src/security/token-crypto.js';
import { fastAccess, NOW, openSyncHarness, type SyncHarness } from '../helpers/sync.js';

export const CENTRY_APP = { clientId: 'centry-orders-app', clientSecret: 'centry-orders-secret', redirectUris: ['http://app.test/centry/callback'] };
interface Tap { teardown(fn: () => Promise<void> | void): void }

export interface MemoryJobs extends OrderJobs {
  pending: Set<string>;
  sent: { integrationId: number; orderId: number }[];
  /** Runs queued jobs until none is left or `rounds` passes went by; returns the errors thrown (jobs left queued). */
  drain(services?: OrderServices, rounds?: number): Promise<unknown[]>;
}

export interface OrdersHarness extends SyncHarness {
  centry: CentrySandbox;
  orders: OrderServices;
  jobs: MemoryJobs;
  /** Wraps every Centry client the order services build (fault injection at the client boundary). */
  wrapCentry(fn: ((c: CentryOrders) => CentryOrders) | null): void;
  buy(lines: { sku: string; qty: number }[], opts?: { silent?: boolean }): Promise<number>;
  js(path: string, body?: unknown): Promise<unknown>;
  centryOrders(): Record<string, any>[];
  centryStock(sku: string): number;
  storeStock(sku: string): number;
  /** A Centry delta pull into the catalog, as the scheduler or a Centry webhook does. */
  pullCatalog(): Promise<void>;
}

export async function openOrdersHarness(t: Tap, opts: { size?: number; listen?: boolean } = {}): Promise<OrdersHarness> {
  const size = opts.size ?? 12;
  const h = await openSyncHarness(t, { size, listen: opts.listen });
  const centry = await startCentrySandbox({ apps: [CENTRY_APP], demo: { size, seed: 7, imageBaseUrl: `${h.sandbox.url}/_sandbox/images`, now: NOW } });
  t.teardown(() => centry.close());
  const creds = { baseUrl: centry.url, clientId: CENTRY_APP.clientId, clientSecret: CENTRY_APP.clientSecret };
  const cipher = createTokenCipher(h.config.encryptionKeys);
  const sources = createCatalogSourceRepository(h.database.db);
  const code = centry.oauth.issueCode(CENTRY_APP.clientId, CENTRY_APP.redirectUris[0]!, 'public read_products read_orders write_orders')!;
  const tokens = await exchangeCentryCode(creds, code, CENTRY_APP.redirectUris[0]!);
  if (!tokens.ok) throw new Error(tokens.description);
  await sources.linkCentry(h.integration.companyId, {
    accessTokenEnc: cipher.encrypt(tokens.tokens.accessToken), refreshTokenEnc: cipher.encrypt(tokens.tokens.refreshToken), expiresAt: tokens.tokens.expiresAt, scope: tokens.tokens.scope,
  }, 'sha-of-secret');
  await h.sync();

  let wrap: ((c: CentryOrders) => CentryOrders) | null = null;
  const client = (companyId: number): CentryOrders => {
    const c = createCentryClient({ ...creds, tokens: centryTokenStore(sources, cipher, companyId), sleep: async () => {} });
    return wrap ? wrap(c) : c;
  };
  const orders = createOrderServices(h.config, h.database.db, { access: fastAccess(h, h.services), centry: client, now: () => new Date() });

  const pending = new Set<string>();
  const jobs: MemoryJobs = {
    pending, sent: [],
    async send(integrationId, orderId) {
      jobs.sent.push({ integrationId, orderId });
      pending.add(`${integrationId}:${orderId}`);
    },
    async drain(services = orders, rounds = 1) {
      const errors: unknown[] = [];
      for (let round = 0; round < rounds && pending.size; round++) {
        for (const key of [...pending]) {
          pending.delete(key);
          const [integrationId, orderId] = key.split(':').map(Number) as [number, number];
          try {
            await handleOrderJob(services, { integrationId, orderId });
          } catch (e) {
            errors.push(e);
            pending.add(key); // a failed job is retried
          }
        }
      }
      return errors;
    },
  };

  const js = async (path: string, body?: unknown) => {
    const r = await request(`${h.sandbox.url}/_sandbox/api${path}`, { method: body === undefined ? 'GET' : 'POST', headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.body.text();
    if (r.statusCode >= 300) throw new Error(`sandbox ${path} → ${r.statusCode} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const findInStore = (sku: string) => {
    for (const p of h.store.catalog.list()) {
      if (p.fields.sku === sku && p.variants.length === 0) return { productId: p.id, variantId: null, holder: p.fields };
      const v = p.variants.find((x) => x.fields.sku === sku);
      if (v) return { productId: p.id, variantId: v.id, holder: v.fields };
    }
    throw new Error(`${sku} is not in the store`);
  };
  return {
    ...h, centry, orders, jobs,
    wrapCentry(fn) { wrap = fn; },
    async buy(lines, o = {}) {
      const products = lines.map((l) => { const f = findInStore(l.sku); return { id: f.productId, variant_id: f.variantId, qty: l.qty }; });
      const r = (await js(`/stores/${h.integration.storeCode}/orders`, { products, silent: o.silent })) as { order: { id: number } };
      return r.order.id;
    },
    js,
    centryOrders: () => [...centry.orders.orders.values()],
    centryStock(sku) {
      for (const p of centry.catalog.products.values()) {
        const v = (p.variants as { sku: string; quantity: number }[]).find((x) => x.sku === sku);
        if (v) return Number(v.quantity);
      }
      throw new Error(`${sku} not in Centry`);
    },
    storeStock: (sku) => Number(findInStore(sku).holder.stock),
    async pullCatalog() {
      const r = await pullCentryChanges({ catalog: h.services.catalog, sources, replacer: createCatalogReplacer(h.database.db), client: (c) => createCentryClient({ ...creds, tokens: centryTokenStore(sources, cipher, c), sleep: async () => {} }) }, h.integration.companyId);
      if (!r.ok) throw new Error(r.message);
    },
  };
}

/** SKUs of store products (simple ones and variants) with at least `min` units, for purchases. */
export function sellable(h: OrdersHarness, min = 2): string[] {
  const out: string[] = [];
  for (const p of h.store.catalog.list()) {
    if (p.fields.status !== 'available') continue;
    if (p.variants.length === 0 && Number(p.fields.stock) >= min && p.fields.sku) out.push(String(p.fields.sku));
    for (const v of p.variants) if (Number(v.fields.stock) >= min && v.fields.sku) out.push(String(v.fields.sku));
  }
  return out;
}
