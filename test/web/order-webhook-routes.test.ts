// POST /webhooks/jumpseller/orders (SPEC §10 "Source", §9): the store's signature over the raw body
// or nothing — a bad or missing HMAC answers 401 and queues nothing; a good one queues one job per
// delivery (the queue collapses duplicates by store + order); an unknown store gets the same 401 as a
// wrong signature, before its body is read; other events are acknowledged and ignored.
import { createHmac } from 'node:crypto';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import type { OrderJobs } from '../../src/orders/order-queue.js';
import { install, openTestApp } from '../helpers/app.js';

t.test('order webhooks are authenticated by the store HMAC over the raw body', async (t) => {
  const h = await openTestApp(t);
  await install(h.app, 'tienda-uno');
  const sent: [number, number][] = [];
  const jobs: OrderJobs = { send: async (i, o) => { sent.push([i, o]); } };
  const app = await buildApp({ config: h.config, db: h.database.db, orderJobs: jobs });
  t.teardown(() => app.close());
  const token = h.sandbox.state.stores.get('tienda-uno')!.hooks_token;
  const body = JSON.stringify({ order: { id: 10001, status_enum: 'paid', products: [] } });
  const sign = (raw: string, secret = token) => createHmac('sha256', secret).update(raw).digest('base64');
  const post = (raw: string, headers: Record<string, string>) => app.inject({
    method: 'POST', url: '/webhooks/jumpseller/orders', payload: raw,
    headers: { 'content-type': 'application/json', 'jumpseller-store-code': 'tienda-uno', 'jumpseller-event': 'order_paid', ...headers },
  });

  t.equal((await post(body, {})).statusCode, 401, 'no signature');
  t.equal((await post(body, { 'jumpseller-hmac-sha256': sign(body, 'another-secret') })).statusCode, 401, 'signed with another secret');
  const reserialized = JSON.stringify(JSON.parse(body), null, 1);
  t.equal((await post(reserialized, { 'jumpseller-hmac-sha256': sign(body) })).statusCode, 401, 'same JSON, other bytes');
  t.same(sent, [], 'nothing queued');
  const rows = await h.database.db('order_syncs');
  t.equal(rows.length, 0, 'nothing written');

  const ok = await post(body, { 'jumpseller-hmac-sha256': sign(body) });
  t.equal(ok.statusCode, 200);
  await post(body, { 'jumpseller-hmac-sha256': sign(body) });
  t.equal(sent.length, 2, 'each delivery asks; the queue keeps one job per order');
  t.same(sent.map(([, o]) => o), [10001, 10001]);
  t.equal((await h.database.db('order_syncs')).length, 1, 'one row per order');

  const product = JSON.stringify({ product: { id: 1 } });
  const ignored = await post(product, { 'jumpseller-hmac-sha256': sign(product), 'jumpseller-event': 'product_updated' });
  t.equal(ignored.statusCode, 200);
  t.equal(sent.length, 2, 'not an order event: ignored');
  const bad = JSON.stringify({ order: {} });
  t.equal((await post(bad, { 'jumpseller-hmac-sha256': sign(bad) })).statusCode, 422);
  const unknown = await post(body, { 'jumpseller-store-code': 'nadie', 'jumpseller-hmac-sha256': sign(body) });
  t.equal(unknown.statusCode, 401, 'an unknown store is not told apart from a wrong signature');
  t.same(unknown.json(), (await post(body, { 'jumpseller-hmac-sha256': sign(body, 'another-secret') })).json());
});
