// The client against the Jumpseller sandbox's API v1: the operations the app uses, live's business
// rules, rate limits and bans, faults injected through the inspection API, token expiry and revocation.
import t from 'tap';
import { JumpsellerClient } from '../../src/jumpseller/http-client.js';
import { RateGovernor } from '../../src/jumpseller/rate-governor.js';
import { AmbiguousCreateError, AuthRevokedError, NotFoundError, ValidationError } from '../../src/jumpseller/errors.js';
import type { JumpsellerProductId } from '../../src/jumpseller/ids.js';
import type { IntegrationId } from '../../src/company/model.js';
import { createOAuthTokenEndpoint } from '../../src/jumpseller/oauth-token-endpoint.js';
import { createTokenProvider, TokenRefresher } from '../../src/jumpseller/token-refresher.js';
import type { TokenProvider } from '../../src/jumpseller/transport.js';
import { InMemoryTokenLock } from './in-memory-token-lock.js';
import { APP, startAuthorizedSandbox, type AuthorizedSandbox } from './sandbox-helpers.js';

function client(s: AuthorizedSandbox, tokens?: TokenProvider, governor = new RateGovernor({ throttleCooldownMs: 10 })) {
  return new JumpsellerClient({
    baseUrl: s.sandbox.apiUrl,
    tokens: tokens ?? { getAccessToken: async () => s.accessToken, onUnauthorized: async () => null },
    governor,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    headersTimeoutMs: 500,
  });
}

t.test('products, variants, images, categories, hooks, store info', async (t) => {
  const s = await startAuthorizedSandbox(t);
  const c = client(s);
  t.equal((await c.storeInfo()).code, 'demo');
  const ropa = await c.createCategory({ name: 'Ropa' });
  const p = await c.createProduct({ name: 'Polera', price: 9990, sku: 'POL-1', brand: 'Acme', categories: [{ id: ropa.id }] });
  t.equal(p.discount, 0, 'live sends "0.0": parsed as 0');
  t.same(p.categories?.map((x) => x.name), ['Ropa']);
  const v = await c.createVariant(p.id, { sku: 'POL-1-M', price: 9990, stock: 4, options: [{ name: 'Talla', value: 'M' }] });
  await t.rejects(c.createVariant(p.id, { sku: 'other', options: [{ name: 'Talla', value: 'M' }] }), ValidationError, 'same options twice');
  t.equal((await c.updateVariant(p.id, v.id, { stock: 7 })).stock, 7);
  t.equal((await c.getVariant(p.id, v.id)).sku, 'POL-1-M');
  const img = await c.createImage(p.id, { url: 'http://127.0.0.1/_sandbox/images/polera.png' });
  t.same((await c.listImages(p.id)).map((i) => i.id), [img.id]);
  t.equal(await c.deleteImage(p.id, img.id), 'deleted');
  const updated = await c.updateProduct(p.id, { compare_at_price: 12990 });
  t.equal(updated.compare_at_price, 12990, 'partial update');
  t.equal((await c.updateProduct(p.id, { compare_at_price: 0 })).compare_at_price, 0, '0 clears it (docs/adr/0011)');
  await t.rejects(c.updateProduct(p.id, { compare_at_price: 5000 }), ValidationError, 'compare_at_price must exceed price');
  await t.rejects(c.createProduct({ name: '', price: 1 }), ValidationError);
  const twin = await c.createProduct({ name: 'Polera bis', price: 1, sku: 'POL-1' });
  t.not(twin.id, p.id, 'SKUs are not unique on Jumpseller');
  t.same((await c.findBySku('POL-1')).map((m) => [m.product.id, m.variant?.id ?? null]), [[p.id, null], [twin.id, null]]);
  t.same((await c.findBySku('POL-1-M')).map((m) => m.variant?.id), [v.id], 'variant SKU');
  t.equal(await c.countProducts(), 2);
  t.equal(await c.deleteProduct(twin.id), 'deleted');
  await t.rejects(c.getProduct(twin.id), NotFoundError);
  const hook = await c.createHook({ event: 'product_updated', url: 'https://app.example/hooks/jumpseller' });
  t.same((await c.listHooks()).map((h) => h.id), [hook.id]);
  t.equal(await c.deleteHook(hook.id), 'deleted');
});

t.test('pagination: limit ≤ 100, pages, every product once', async (t) => {
  const s = await startAuthorizedSandbox(t);
  for (let i = 0; i < 230; i++) await s.inspect('POST', '/stores/demo/products', { product: { name: `P${i}`, price: i + 1 } });
  const c = client(s);
  const ids: number[] = [];
  for await (const p of c.allProducts()) ids.push(p.id);
  t.equal(new Set(ids).size, 230);
  const r = await s.call('GET', '/products.json?limit=101');
  t.equal(r.status, 422);
});

t.test('faults: 503 and a reset on reads are retried; "created but answered 500" is ambiguous, resolved by SKU', async (t) => {
  const s = await startAuthorizedSandbox(t);
  const c = client(s);
  await s.inspect('POST', '/stores/demo/faults', { faults: [{ kind: 'status', status: 503, method: 'GET' }, { kind: 'reset', method: 'GET' }, { kind: 'hang', method: 'GET', ms: 2000 }] });
  t.equal(await c.countProducts(), 0, 'answered after a 503, a reset and a hang');
  await s.inspect('POST', '/stores/demo/faults', { faults: [{ kind: 'created-then-500', method: 'POST', path: '/products.json' }] });
  const err = await c.createProduct({ name: 'X', price: 1, sku: 'AMB-1' }).catch((e: unknown) => e);
  t.ok(err instanceof AmbiguousCreateError);
  const found = await c.findBySku('AMB-1');
  t.equal(found.length, 1, 'it was created once: adopt it instead of creating again');
  const log = (await s.inspect('GET', '/stores/demo/requests')) as { requests: { method: string; fault?: string }[] };
  t.equal(log.requests.filter((r) => r.method === 'POST').length, 1, 'the create was sent once');
});

t.test('rate limits: four headers on every answer, 429 without Retry-After, ban after repeated abuse', async (t) => {
  const s = await startAuthorizedSandbox(t);
  await s.inspect('PUT', '/stores/demo/settings', { perSecond: 3, perMinute: 5, banAfter: 4, banSeconds: 60 });
  const answers = [];
  for (let i = 0; i < 10; i++) answers.push(await s.call('GET', '/products/count.json'));
  t.same(answers.map((a) => a.status), [200, 200, 200, 429, 429, 429, 429, 429, 429, 429]);
  t.equal(answers[0]!.headers['jumpseller-perminuteratelimit-limit'], '5');
  t.equal(answers[0]!.headers['jumpseller-perminuteratelimit-remaining'], '4');
  t.equal(answers[2]!.headers['jumpseller-persecondratelimit-remaining'], '0');
  t.notOk(answers[3]!.headers['retry-after'], 'no Retry-After, like live');
  t.notOk(answers[5]!.headers['jumpseller-bannedbyratelimit-reset'], 'not banned after 3 refusals');
  t.match(String(answers[6]!.headers['jumpseller-bannedbyratelimit-reset']), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/, 'banned after the 4th');
});

t.test('the governor keeps a client under a tight limit without a single 429', async (t) => {
  const s = await startAuthorizedSandbox(t);
  await s.inspect('PUT', '/stores/demo/settings', { perSecond: 10, perMinute: 600 });
  const c = client(s);
  await Promise.all(Array.from({ length: 4 }, async () => { for (let i = 0; i < 10; i++) await c.countProducts(); }));
  const dumped = (await s.inspect('GET', '/stores/demo')) as { rateLimit: { refused: number; accepted: number } };
  t.equal(dumped.rateLimit.accepted, 40);
  t.equal(dumped.rateLimit.refused, 0);
});

t.test('token expiry and revocation end to end: refresher, rotation, "Requiere reautorización"', async (t) => {
  const s = await startAuthorizedSandbox(t);
  const lock = new InMemoryTokenLock({ accessToken: s.accessToken, refreshToken: s.refreshToken, expiresAt: Date.now() + 3_600_000 });
  const endpoint = createOAuthTokenEndpoint({ accountsUrl: s.sandbox.accountsUrl, clientId: APP.clientId, clientSecret: APP.clientSecret });
  const refresher = new TokenRefresher({ lock, endpoint });
  const c = client(s, createTokenProvider(refresher, 1 as IntegrationId));
  t.equal(await c.countProducts(), 0);
  s.sandbox.state.expireTokens('demo'); // the store's clock says the hour is over
  t.equal(await c.countProducts(), 0, '401 → one refresh → answered');
  t.not(lock.tokens!.refreshToken, s.refreshToken, 'the rotated refresh token was stored');
  s.sandbox.state.revoke('demo', APP.clientId);
  await t.rejects(c.getProduct(1 as JumpsellerProductId), AuthRevokedError);
  t.equal(lock.status, 'reauth_required', 'the integration now says "Requiere reautorización"');
});
