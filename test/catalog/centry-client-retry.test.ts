// The Centry client retries through the project's one retry policy: reads on 429/5xx/network errors,
// Retry-After honoured in seconds (the unit pinned here), a create never repeated after an answer that
// may mean it was processed. A real HTTP server on loopback answers from a script.
import t, { type Test } from 'tap';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCentryClient, CentryHttpError } from '../../src/catalog/centry/centry-client.js';
import type { CentryTokens } from '../../src/catalog/centry/centry-oauth.js';

type Answer = { status: number; headers?: Record<string, string>; body?: unknown } | 'reset';

async function scriptedCentry(t: Test, answers: Answer[]) {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const a = answers.shift() ?? { status: 500 };
    if (a === 'reset') { req.socket.destroy(); return; }
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
    res.end(a.body === undefined ? '' : JSON.stringify(a.body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));
  const waits: number[] = [];
  const tokens: CentryTokens = { accessToken: 'a', refreshToken: 'r', expiresAt: new Date(Date.now() + 3_600_000), scope: null };
  const client = createCentryClient({
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, clientId: 'id', clientSecret: 'secret',
    tokens: { load: async () => tokens, save: async () => {} },
    sleep: async (ms) => { waits.push(ms); },
    random: () => 0.5,
  });
  return { client, seen, waits };
}



t.test('a read answered 429 with Retry-After waits that many seconds, then succeeds', async (t) => {
  const { client, seen, waits } = await scriptedCentry(t, [
    { status: 429, headers: { 'retry-after': '2' } },
    { status: 200, body: [{ _id: 'p1' }] },
  ]);
  const page = await client.listProducts({});
  t.same(page.products, [{ _id: 'p1' }]);
  t.same(waits, [2000], 'Retry-After is seconds: 2 → 2000 ms');
  t.equal(seen.length, 2);
});

t.test('a read retries 5xx and resets with capped jittered backoff, four attempts in all', async (t) => {
  const { client, seen, waits } = await scriptedCentry(t, [{ status: 503 }, 'reset', { status: 502 }, { status: 500 }]);
  await t.rejects(client.listBrands(), CentryHttpError);
  t.equal(seen.length, 4, 'four attempts');
  t.same(waits, [250, 500, 1000], 'full jitter at random 0.5 of 500 ms · 2^(n−1)');
});

t.test('a Retry-After longer than a pull may wait is not waited for', async (t) => {
  const { client, seen, waits } = await scriptedCentry(t, [{ status: 429, headers: { 'retry-after': '3600' } }]);
  await t.rejects(client.listCategories(), CentryHttpError);
  t.equal(seen.length, 1);
  t.same(waits, []);
});

t.test('a create answered 500 may have been made: it is not repeated', async (t) => {
  const { client, seen } = await scriptedCentry(t, [{ status: 500 }, { status: 201, body: {} }]);
  await t.rejects(client.registerWebhook('http://example.test/hook'), CentryHttpError);
  t.same(seen, ['POST /conexion/v1/webhooks.json']);
});

t.test('a create refused with 429 was not processed: it is retried', async (t) => {
  const { client, seen } = await scriptedCentry(t, [{ status: 429 }, { status: 201, body: {} }]);
  await client.registerWebhook('http://example.test/hook');
  t.equal(seen.length, 2);
});

t.test('404 on a read is an answer, not a failure to retry', async (t) => {
  const { client, seen } = await scriptedCentry(t, [{ status: 404 }]);
  t.equal(await client.getProduct('gone'), null);
  t.equal(seen.length, 1);
});
