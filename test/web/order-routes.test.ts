// Mi Empresa → "Pedidos" (SPEC §10 "UI"): the block lists a store's latest orders with their state and
// reason, polls as JSON, and "Reintentar" queues an order that needs attention again — CSRF required,
// tenant-scoped (another company's store or order answers 404).
import { createHmac } from 'node:crypto';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import type { OrderJobs } from '../../src/orders/order-queue.js';
import { createOrderRepository } from '../../src/orders/order-repository.js';
import { CookieJar, csrfFrom } from '../helpers/cookie-jar.js';
import { install, openTestApp } from '../helpers/app.js';

t.test('the Pedidos block and Reintentar', async (t) => {
  const h = await openTestApp(t);
  const sent: [number, number][] = [];
  const jobs: OrderJobs = { send: async (i, o) => { sent.push([i, o]); } };
  const app = await buildApp({ config: h.config, db: h.database.db, orderJobs: jobs });
  t.teardown(() => app.close());
  const { jar } = await install(app, 'tienda-uno');
  const other = await install(app, 'tienda-dos', new CookieJar()); // another company

  // An order arrives by its webhook: one row, one job.
  const token = h.sandbox.state.stores.get('tienda-uno')!.hooks_token;
  const body = JSON.stringify({ order: { id: 10001, status_enum: 'paid', products: [] } });
  const hook = await app.inject({
    method: 'POST', url: '/webhooks/jumpseller/orders', payload: body,
    headers: {
      'content-type': 'application/json', 'jumpseller-store-code': 'tienda-uno', 'jumpseller-event': 'order_paid',
      'jumpseller-hmac-sha256': createHmac('sha256', token).update(body).digest('base64'),
    },
  });
  t.equal(hook.statusCode, 200);
  t.equal(sent.length, 1);
  const [integration] = sent[0]!;

  // The job found a line it cannot match: "Requiere atención" with the reason, and "Reintentar".
  const orders = createOrderRepository(h.database.db);
  await orders.update(integration as never, 10001, { state: 'attention', reason: 'La línea 1 (SKU X-1) no está en el catálogo.' });
  const page = await app.inject({ method: 'GET', url: '/empresa', cookies: jar.header() });
  jar.store(page);
  t.equal(page.statusCode, 200);
  t.match(page.body, /<section class="card orders" id="pedidos"/);
  t.match(page.body, /<tr data-order="10001" data-state="attention">/);
  t.match(page.body, 'La línea 1 (SKU X-1) no está en el catálogo.');
  t.match(page.body, `action="/empresa/pedidos/${integration}/10001/reintentar"`);

  const json = await app.inject({ method: 'GET', url: '/empresa/pedidos.json', cookies: jar.header() });
  t.equal(json.statusCode, 200);
  t.equal(json.headers['cache-control'], 'no-store');
  const store = (json.json() as { stores: { integrationId: number; orders: { id: number; state: string; canRetry: boolean }[] }[] }).stores[0]!;
  t.match(store.orders[0], { id: 10001, state: 'attention', canRetry: true });

  const retryUrl = `/empresa/pedidos/${integration}/10001/reintentar`;
  const forged = await app.inject({ method: 'POST', url: retryUrl, cookies: jar.header(), payload: { _csrf: 'forged' } });
  t.equal(forged.statusCode, 403, 'no CSRF token, no retry');
  t.equal(sent.length, 1);

  const otherPage = await app.inject({ method: 'GET', url: '/empresa', cookies: other.jar.header() });
  other.jar.store(otherPage);
  const notMine = await app.inject({ method: 'POST', url: retryUrl, cookies: other.jar.header(), payload: { _csrf: csrfFrom(otherPage.body) } });
  t.equal(notMine.statusCode, 404, 'another company cannot retry this store\'s order');
  const unknownOrder = await app.inject({ method: 'POST', url: `/empresa/pedidos/${integration}/99999/reintentar`, cookies: jar.header(), payload: { _csrf: csrfFrom(page.body) } });
  t.equal(unknownOrder.statusCode, 404);
  t.equal(sent.length, 1, 'nothing queued by refused retries');

  const retry = await app.inject({ method: 'POST', url: retryUrl, cookies: jar.header(), payload: { _csrf: csrfFrom(page.body) } });
  t.equal(retry.statusCode, 303);
  t.equal(retry.headers.location, '/empresa#pedidos');
  t.same(sent.at(-1), [integration, 10001], 'queued again');
  t.match(await orders.get(integration as never, 10001), { state: 'queued', reason: null });
});
