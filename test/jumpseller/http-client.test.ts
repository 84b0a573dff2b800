// The client against a local server that injects faults: what is retried, what never is, and what
// the caller gets back. Real sockets and undici; a fast retry schedule and generous rate limits.
import t from 'tap';
import { JumpsellerClient } from '../../src/jumpseller/http-client.js';
import { RateGovernor } from '../../src/jumpseller/rate-governor.js';
import {
  AmbiguousCreateError, AuthRevokedError, BannedError, NetworkError, NotFoundError, RateLimitedError, ValidationError,
} from '../../src/jumpseller/errors.js';
import type { JumpsellerProductId } from '../../src/jumpseller/ids.js';
import type { TokenProvider } from '../../src/jumpseller/transport.js';
import { json, startFaultServer, type FaultServer } from './fault-server.js';

const staticTokens: TokenProvider = { getAccessToken: async () => 'tok', onUnauthorized: async () => null };

function clientFor(srv: FaultServer, overrides: { tokens?: TokenProvider; baseUrl?: string } = {}) {
  return new JumpsellerClient({
    baseUrl: overrides.baseUrl ?? srv.baseUrl,
    tokens: overrides.tokens ?? staticTokens,
    governor: new RateGovernor({ minuteLimit: 60_000, secondLimit: 1000, throttleCooldownMs: 5 }),
    retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
    headersTimeoutMs: 300,
    bodyTimeoutMs: 300,
    dispatcher: srv.dispatcher,
  });
}

const pid = (n: number) => n as JumpsellerProductId;
const product = (id: number, extra: object = {}) => ({ product: { id, name: `P${id}`, sku: `SKU-${id}`, price: '1990.0', discount: '0.0', compare_at_price: null, stock: 3, ...extra } });

t.test('create: wrapped body, bearer token, JSON; 201 parsed leniently with unknown keys kept', async (t) => {
  const srv = await startFaultServer(t);
  srv.handle((_req, res) => json(res, 201, product(7, { brand_new_field: 'x' })));
  const p = await clientFor(srv).createProduct({ name: 'P7', price: 1990, sku: 'SKU-7' });
  t.equal(p.id, 7);
  t.equal(p.price, 1990, '"1990.0" → 1990');
  t.equal(p.discount, 0, '"0.0" → 0');
  t.equal(p.compare_at_price, null);
  t.equal((p as Record<string, unknown>).brand_new_field, 'x');
  const [req] = srv.seen;
  t.equal(req!.method, 'POST');
  t.equal(req!.url, '/v1/products.json');
  t.equal(req!.headers.authorization, 'Bearer tok');
  t.match(req!.headers['content-type'], /application\/json/);
  t.same(req!.body, { product: { name: 'P7', price: 1990, sku: 'SKU-7' } });
});

t.test('reads are retried on 503, 429, a hang (timeout) and a reset connection', async (t) => {
  const srv = await startFaultServer(t);
  srv.handle((_req, res, n) => {
    if (n === 1) return json(res, 503, { message: 'busy' });
    if (n === 2) return json(res, 429, {});
    if (n === 3) return; // hang: the 300 ms headers timeout fires
    if (n === 4) return res.socket?.destroy();
    json(res, 200, product(1));
  });
  const client = clientFor(srv);
  await t.rejects(client.getProduct(pid(1)), NetworkError, 'four attempts: the reset is the last failure');
  t.equal(srv.seen.length, 4);
  t.equal((await client.getProduct(pid(1))).id, 1, 'the fifth request succeeds');
});

t.test('a create is never blindly retried: 500 after creating, hang, reset, 201 cut short → AmbiguousCreateError, one request each', async (t) => {
  const srv = await startFaultServer(t);
  const store: { id: number; sku: string }[] = [];
  let mode: 'created-500' | 'hang' | 'reset' | 'body-lost' = 'created-500';
  srv.handle((req, res) => {
    if (req.method === 'GET') return json(res, 200, store.map((s) => product(s.id, { sku: s.sku })));
    const sku = (req.body as { product: { sku: string } }).product.sku;
    store.push({ id: store.length + 1, sku });
    if (mode === 'created-500') return json(res, 500, { message: 'Internal Server Error' });
    if (mode === 'hang') return;
    if (mode === 'body-lost') {
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': '200' });
      res.write('{"product":{"id":');
      return setTimeout(() => res.socket?.destroy(), 20);
    }
    res.socket?.destroy();
  });
  const client = clientFor(srv);
  for (const m of ['created-500', 'hang', 'reset', 'body-lost'] as const) {
    mode = m;
    const before = srv.seen.length;
    const err = await client.createProduct({ name: 'x', price: 1, sku: `S-${m}` }).catch((e: unknown) => e);
    t.ok(err instanceof AmbiguousCreateError, `${m}: ambiguous`);
    t.equal(srv.seen.length - before, 1, `${m}: sent once`);
  }
  // The caller resolves the ambiguity by SKU: the product exists exactly once.
  const matches = await client.findBySku('S-created-500');
  t.equal(matches.length, 1);
  t.equal(matches[0]!.product.id, 1);
});

t.test('a create refused with 429 is retried (nothing was processed)', async (t) => {
  const srv = await startFaultServer(t);
  srv.handle((_req, res, n) => (n <= 2 ? json(res, 429, {}) : json(res, 201, product(9))));
  const p = await clientFor(srv).createProduct({ name: 'P9', price: 1 });
  t.equal(p.id, 9);
  t.equal(srv.seen.length, 3);
});

t.test('a create that cannot connect is retried, then a NetworkError (not ambiguous)', async (t) => {
  const srv = await startFaultServer(t);
  const err = await clientFor(srv, { baseUrl: 'http://127.0.0.1:1/v1' }).createProduct({ name: 'x', price: 1 }).catch((e: unknown) => e);
  t.ok(err instanceof NetworkError, String(err));
  t.equal((err as NetworkError).code, 'ECONNREFUSED');
});

t.test('429 every time → RateLimitedError after the attempt budget', async (t) => {
  const srv = await startFaultServer(t);
  srv.handle((_req, res) => json(res, 429, {}));
  await t.rejects(clientFor(srv).countProducts(), RateLimitedError);
  t.equal(srv.seen.length, 4);
});

t.test('401 → one refresh → retried with the new token', async (t) => {
  const srv = await startFaultServer(t);
  srv.handle((req, res) => (req.headers.authorization === 'Bearer new' ? json(res, 200, { count: '12' }) : json(res, 401, { message: 'Unauthorized' })));
  let refreshes = 0;
  const tokens: TokenProvider = { getAccessToken: async () => 'old', onUnauthorized: async () => { refreshes++; return 'new'; } };
  t.equal(await clientFor(srv, { tokens }).countProducts(), 12);
  t.equal(refreshes, 1);
  t.same(srv.seen.map((r) => r.headers.authorization), ['Bearer old', 'Bearer new']);
});

t.test('401 again with a fresh token → AuthRevokedError, and the revocation is reported', async (t) => {
  const srv = await startFaultServer(t);
  srv.handle((_req, res) => json(res, 401, { message: 'Unauthorized' }));
  const revoked: string[] = [];
  const tokens: TokenProvider = {
    getAccessToken: async () => 'old', onUnauthorized: async () => 'new', onRevoked: async (r) => { revoked.push(r); },
  };
  await t.rejects(clientFor(srv, { tokens }).countProducts(), AuthRevokedError);
  t.equal(srv.seen.length, 2);
  t.equal(revoked.length, 1);
});

t.test('404, 422 and deletes', async (t) => {
  const srv = await startFaultServer(t);
  srv.handle((req, res) => {
    if (req.method === 'DELETE') return req.url.includes('/2.json') ? json(res, 404, { message: 'Product not found' }) : json(res, 200, 'OK');
    if (req.method === 'GET') return json(res, 404, { message: 'Product not found' });
    json(res, 422, { message: 'Validation failed', errors: { price: ['must be a number'] } });
  });
  const client = clientFor(srv);
  await t.rejects(client.getProduct(pid(5)), NotFoundError);
  const v = await client.updateProduct(pid(5), { price: 1 }).catch((e: unknown) => e);
  t.ok(v instanceof ValidationError);
  t.same((v as ValidationError).errors, { price: ['must be a number'] });
  t.equal(await client.deleteProduct(pid(1)), 'deleted');
  t.equal(await client.deleteProduct(pid(2)), 'not_found');
  t.throws(() => client.listProducts(1, 101), RangeError, 'live caps limit at 100');
});

t.test('findBySku keeps exact, case-sensitive matches on products and variants only', async (t) => {
  const srv = await startFaultServer(t);
  srv.handle((req, res) => {
    t.match(req.url, /^\/v1\/products\/search\.json\?query=ABC-1&fields=sku%2Cvariants&limit=100&page=1$/);
    json(res, 200, [
      product(1, { sku: 'ABC-1' }),
      product(2, { sku: 'abc-1' }),
      product(3, { sku: 'ABC-10' }),
      product(4, { sku: null, variants: [{ id: 40, sku: 'ABC-1', price: '5.0' }, { id: 41, sku: 'ABC-11' }] }),
    ]);
  });
  const matches = await clientFor(srv).findBySku('ABC-1');
  t.same(matches.map((m) => [m.product.id, m.variant?.id ?? null]), [[1, null], [4, 40]]);
  t.equal(matches[1]!.variant!.price, 5);
});

t.test('store info wrapped, categories as an array, hooks', async (t) => {
  const srv = await startFaultServer(t);
  srv.handle((req, res) => {
    if (req.url === '/v1/store/info.json') return json(res, 200, { store: { code: 'demo', name: 'Demo', currency: 'CLP' } });
    if (req.url === '/v1/categories.json') return json(res, 200, [{ category: { id: 1, name: 'Ropa', parent_id: null, permalink: 'ropa' } }]);
    if (req.method === 'POST') return json(res, 200, { hook: { id: 3, ...(req.body as { hook: object }).hook } });
    json(res, 200, []);
  });
  const client = clientFor(srv);
  t.equal((await client.storeInfo()).code, 'demo');
  t.same((await client.listCategories()).map((c) => c.name), ['Ropa']);
  const hook = await client.createHook({ event: 'product_updated', url: 'https://app.example/hooks' });
  t.equal(hook.id, 3);
  t.same(await client.listHooks(), []);
});

t.test('search pages through partial matches so an exact one on page 2 is found; stops if paging is ignored', async (t) => {
  const srv = await startFaultServer(t);
  let ignorePaging = false;
  srv.handle((req, res) => {
    const page = ignorePaging ? 1 : Number(new URL(req.url, 'http://x').searchParams.get('page'));
    const ids = page === 1 ? Array.from({ length: 100 }, (_, i) => i + 1) : page === 2 ? [101, 102] : [];
    json(res, 200, ids.map((id) => product(id, { sku: id === 102 ? 'S-1' : `S-1${id}` })));
  });
  const client = clientFor(srv);
  t.same((await client.findBySku('S-1')).map((m) => m.product.id), [102]);
  t.equal(srv.seen.length, 2);
  ignorePaging = true;
  srv.seen.length = 0;
  t.same(await client.findBySku('S-1'), []);
  t.equal(srv.seen.length, 2, 'page 2 brought nothing new: stop');
});

t.test('a ban: a short one is waited out, a long one is a BannedError', async (t) => {
  const srv = await startFaultServer(t);
  let banUntil = 0;
  srv.handle((_req, res) => {
    if (Date.now() < banUntil) return json(res, 429, {}, { 'Jumpseller-BannedByRateLimit-Reset': new Date(banUntil).toISOString() });
    json(res, 200, { count: 1 });
  });
  const client = clientFor(srv);
  banUntil = Date.now() + 300;
  t.equal(await client.countProducts(), 1, 'answered after the ban');
  t.ok(client.transport.governor.stats.waitedMs >= 250, `governor waited ${client.transport.governor.stats.waitedMs} ms`);
  banUntil = Date.now() + 3_600_000;
  const err = await client.countProducts().catch((e: unknown) => e);
  t.ok(err instanceof BannedError, 'an hour-long ban is not waited for');
  t.equal((err as BannedError).until.getTime(), banUntil, 'carries the end of the ban');
});
