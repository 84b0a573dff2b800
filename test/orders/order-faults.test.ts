// SPEC §10 "Exactly once", under faults: duplicated, out-of-order and lost webhooks, Centry 5xx,
// "created but 500", and a worker killed between Centry's answer and our row — each ends with exactly
// one Centry order per Jumpseller order, with the right final status, and Centry's stock moved once.
// Webhooks are the sandbox's real signed deliveries, captured and replayed in the order under test.
// The same kill with a real worker OS process and SIGKILL: order-worker-kill.test.ts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { receiveOrderWebhook } from '../../src/orders/order-intake.js';
import { storeOrderUrl } from '../../src/orders/order-mapper.js';
import { pollStoreOrders } from '../../src/orders/order-poller.js';
import { openOrdersHarness, sellable, type OrdersHarness } from './orders-harness.js';

interface Delivery { event: string; raw: Buffer }

async function capture(t: Pick<Test, 'teardown' | 'equal'>, h: OrdersHarness): Promise<Delivery[]> {
  const got: Delivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => { got.push({ event: String(req.headers['jumpseller-event']), raw: Buffer.concat(chunks) }); res.end('{}'); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => new Promise<void>((r) => server.close(() => r())));
  // The poller registers the order hooks (and sets the cut-off) as it does for every store.
  const r = await pollStoreOrders({ ...h.orders, webhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/jumpseller/orders` }, h.jobs, h.integration);
  t.equal(r.outcome, 'polled');
  return got;
}

const deliver = (h: OrdersHarness, d: Delivery) => receiveOrderWebhook({ orders: h.orders.orders, jobs: h.jobs }, h.integration.id, d.raw);

t.test('the order loop under faults', async (t) => {
  // One loop for the whole file (a linked, synced store costs seconds): each test buys its own SKUs and
  // looks only at its own orders.
  const h = await openOrdersHarness(t, { size: 16 });
  t.equal((await h.orders.orders.cursor(h.integration.id))?.cutoffOrderId, 0, 'the install set the cut-off: the store had no orders');
  const got = await capture(t, h);
  const skus = sellable(h);
  let next = 0;
  const fresh = () => skus[next++]!;
  const ofOrder = (id: number) => h.centryOrders().filter((o) => o.id_origin === String(id));

  await t.test('duplicated and out-of-order webhooks: one Centry order, status forward only, stock moved once', async (t) => {
    const sku = fresh();
    const before = h.centryStock(sku);
    const from = got.length;
    const id = await h.buy([{ sku, qty: 2 }]);
    await h.js(`/stores/${h.integration.storeCode}/orders/${id}/ship`, {});
    await h.store.webhooks.idle();
    const mine = got.slice(from);
    t.same(mine.map((d) => d.event), ['order_paid', 'order_updated', 'order_shipped', 'order_updated']);
    // Shipped arrives first, then every delivery again, the paid one last.
    for (const d of [mine[2]!, mine[3]!, mine[2]!, mine[0]!, mine[1]!, mine[0]!]) await deliver(h, d);
    t.equal(h.jobs.pending.size, 1, 'six deliveries, one waiting job');
    t.same(await h.jobs.drain(), []);
    const puts = h.centry.requests.filter((r) => r.method === 'PUT').length;
    await deliver(h, mine[0]!); // a late paid webhook after Centry knows it shipped
    t.same(await h.jobs.drain(), []);
    const orders = ofOrder(id);
    t.equal(orders.length, 1, 'one Centry order');
    t.match(orders[0], { origin: 'Jumpseller', id_origin: String(id), _status: 'shipped' });
    t.equal(orders[0]!.items.length, 1, 'items sent once');
    t.equal(h.centryStock(sku), before - 2, 'Centry stock lowered once');
    t.equal(h.centry.requests.filter((r) => r.method === 'PUT').length, puts, 'created directly as shipped: no status went backwards or repeated');
    t.match(await h.orders.orders.get(h.integration.id, id), { state: 'sent', centryStatus: 'shipped' });
  });

  await t.test('a lost webhook is caught by the poll; a cancellation reaches Centry and restores its stock', async (t) => {
    const sku = fresh();
    const before = h.centryStock(sku);
    const id = await h.buy([{ sku: sku, qty: 1 }], { silent: true });
    t.match(await pollStoreOrders(h.orders, h.jobs, h.integration), { outcome: 'polled' });
      t.ok(h.jobs.pending.has(`${h.integration.id}:${id}`), 'the poll queued the order no webhook announced');
    await h.jobs.drain();
    t.equal(h.centryStock(sku), before - 1);
    await h.js(`/stores/${h.integration.storeCode}/orders/${id}/cancel`, { silent: true });
    await h.orders.orders.update(h.integration.id, id, { checkedAt: new Date(Date.now() - 3_600_000) }); // not read for a while
    t.match(await pollStoreOrders(h.orders, h.jobs, h.integration), { outcome: 'polled', queuedNew: 0, queuedOpen: 1 });
    await h.jobs.drain();
    t.match(ofOrder(id), [{ _status: 'cancelled_before_shipping' }]);
    t.equal(ofOrder(id).length, 1);
    t.equal(h.centryStock(sku), before, 'Centry gave the units back');
  });

  await t.test('a poll after the webhook already brought an order to Centry queues nothing for it', async (t) => {
    // Found walking `npm start`: every order a webhook had sent was queued again by the next poll
    // (the cursor only moves on polls), costing a Jumpseller read per order at the store's rate limit.
    const sku = fresh();
    const id = await h.buy([{ sku, qty: 1 }], { silent: true });
    await h.jobs.send(h.integration.id, id); // what its webhook does
    t.same(await h.jobs.drain(), []);
    t.match(await h.orders.orders.get(h.integration.id, id), { state: 'sent' });
    const reads = () => h.store.log.filter((c) => c.method === 'GET' && c.path.endsWith(`/orders/${id}.json`)).length;
    const readsBefore = reads();
    t.match(await pollStoreOrders(h.orders, h.jobs, h.integration), { outcome: 'polled' });
    t.notOk(h.jobs.pending.has(`${h.integration.id}:${id}`), 'not queued again');
    t.same(await h.jobs.drain(), []);
    t.equal(reads(), readsBefore, 'no read of it');
    // A change the webhook did not bring (lost) is still caught: the order moved on since.
    await h.js(`/stores/${h.integration.storeCode}/orders/${id}/ship`, { silent: true });
    await h.orders.orders.update(h.integration.id, id, { checkedAt: new Date(Date.now() - 3_600_000) });
    await pollStoreOrders(h.orders, h.jobs, h.integration);
    t.same(await h.jobs.drain(), []);
    t.match(ofOrder(id), [{ _status: 'shipped' }], 'the open order re-read by the poll reached Centry');
  });

  await t.test('"Enviar pedidos a Centry" off, then on again: the orders it held back go at the next poll', async (t) => {
    // Walking `npm start`: an order bought while it was off waits (reason shown); the poll does not move
    // the cursor while the store's orders are off, so the first poll after turning it on sends it.
    const sku = fresh();
    await h.saveSettings((s) => { s.sendOrders = false; });
    const id = await h.buy([{ sku, qty: 1 }], { silent: true });
    await h.jobs.send(h.integration.id, id);
    t.same(await h.jobs.drain(), []);
    t.match(await h.orders.orders.get(h.integration.id, id), { state: 'waiting', reason: '"Enviar pedidos a Centry" está desactivado' });
    t.match(await pollStoreOrders(h.orders, h.jobs, h.integration), { outcome: 'off' });
    await h.saveSettings((s) => { s.sendOrders = true; });
    await pollStoreOrders(h.orders, h.jobs, h.integration);
    t.ok(h.jobs.pending.has(`${h.integration.id}:${id}`), 'queued by the first poll after it was turned on');
    t.same(await h.jobs.drain(), []);
    t.match(await h.orders.orders.get(h.integration.id, id), { state: 'sent', reason: null });
    t.equal(ofOrder(id).length, 1);
    // Also when a poll had already moved the cursor past a held order (it was read meanwhile).
    await h.saveSettings((s) => { s.sendOrders = false; });
    const held = await h.buy([{ sku, qty: 1 }], { silent: true });
    await h.jobs.send(h.integration.id, held);
    t.same(await h.jobs.drain(), []);
    await h.orders.orders.advanceCursor(h.integration.id, held, new Date());
    await h.saveSettings((s) => { s.sendOrders = true; });
    await pollStoreOrders(h.orders, h.jobs, h.integration);
    t.ok(h.jobs.pending.has(`${h.integration.id}:${held}`), 'a held order behind the cursor is queued too');
    t.same(await h.jobs.drain(), []);
    t.equal(ofOrder(held).length, 1);
  });

  await t.test('Centry 5xx, then "created but 500": retries look the order up first and never create twice', async (t) => {
    const [a, b] = [fresh(), fresh()];
    await h.centry.app.inject({ method: 'POST', url: '/_sandbox/orders/faults', payload: { faults: [{ kind: 'status', status: 503, method: 'POST' }, { kind: 'created-then-500', method: 'POST' }] } });
    const postsBefore = h.centry.requests.filter((r) => r.method === 'POST' && r.url.includes('orders')).length;
    const first = await h.buy([{ sku: a, qty: 1 }]);
    await h.jobs.send(h.integration.id, first);
    const errors = await h.jobs.drain(undefined, 1);
    t.equal(errors.length, 1, '503: the job fails and stays queued');
    t.match(await h.orders.orders.get(h.integration.id, first), { state: 'error', reason: /se reintentará/ });
    t.equal(ofOrder(first).length, 0);
    t.equal((await h.jobs.drain(undefined, 1)).length, 1, 'created, but answered 500');
    t.equal(ofOrder(first).length, 1);
    t.same(await h.jobs.drain(undefined, 3), [], 'the retry adopts it');
    t.equal(ofOrder(first).length, 1, 'still one');
    t.match(await h.orders.orders.get(h.integration.id, first), { state: 'sent', centryStatus: 'pending' });
    const posts = h.centry.requests.filter((r) => r.method === 'POST' && r.url.includes('orders'));
    t.equal(posts.length - postsBefore, 2, 'no POST after the ambiguous one');
    const second = await h.buy([{ sku: b, qty: 1 }]);
    await h.jobs.send(h.integration.id, second);
    t.same(await h.jobs.drain(), []);
    t.equal(ofOrder(second).length, 1, 'the next order goes through normally');
  });

  await t.test('a worker killed after Centry created the order, before our row knew: the next worker adopts it', async (t) => {
    const sku = fresh();
    const before = h.centryStock(sku);
    const id = await h.buy([{ sku: sku, qty: 1 }]);
    class Killed extends Error {}
    h.wrapCentry((c) => ({ ...c, createOrder: async (body) => { await c.createOrder(body); throw new Killed('worker killed'); } }));
    await h.jobs.send(h.integration.id, id);
    const errors = await h.jobs.drain(undefined, 1);
    t.ok(errors[0] instanceof Killed);
    t.equal(ofOrder(id).length, 1);
    h.wrapCentry(null); // a new process
    await h.js(`/stores/${h.integration.storeCode}/orders/${id}/ship`, { silent: true });
    t.same(await h.jobs.drain(), []);
    t.equal(ofOrder(id).length, 1, 'adopted, not created again');
    t.match(ofOrder(id)[0], { _status: 'shipped' });
    t.equal(h.centryStock(sku), before - 1);
  });

  await t.test('another store of the company with the same order id: its Centry order is never adopted', async (t) => {
    // Jumpseller numbers orders per store: a second linked store of the company has its own #10001.
    // Found by walking `npm start` with two stores: tienda-dos's first sale "adopted" tienda-demo's
    // Centry order (same origin + id_origin), so Centry never lowered its stock.
    const sku = fresh();
    const id = await h.buy([{ sku, qty: 1 }], { silent: true });
    const variant = [...h.centry.catalog.products.values()].flatMap((p) => p.variants as { _id: string; sku: string }[]).find((v) => v.sku === sku)!;
    h.centry.orders.create({
      origin: 'Jumpseller', id_origin: String(id), number_origin: String(id), url_origin: storeOrderUrl('otra-tienda', id),
      items: [{ variant_id: variant._id, sku, quantity: 1, unit_price: 1 }],
    });
    const before = h.centryStock(sku);
    await h.jobs.send(h.integration.id, id);
    t.same(await h.jobs.drain(), []);
    const mine = ofOrder(id).filter((o) => o.url_origin === storeOrderUrl(h.integration.storeCode, id));
    t.equal(mine.length, 1, 'this store\'s order was created');
    t.equal(ofOrder(id).length, 2, 'the other store\'s order is left alone');
    t.equal(h.centryStock(sku), before - 1, 'Centry lowered its stock for this sale');
    t.match(await h.orders.orders.get(h.integration.id, id), { state: 'sent', centryOrderId: mine[0]!._id });
    await h.jobs.send(h.integration.id, id);
    t.same(await h.jobs.drain(), []);
    t.equal(ofOrder(id).length, 2, 'sent again: still one per store');
  });

  await t.test('a line the catalog cannot match: "Requiere atención" with the reason, then Reintentar once fixed', async (t) => {
    const sku = fresh();
    const foreign = (await h.js(`/stores/${h.integration.storeCode}/products`, { product: { name: 'Ajeno', price: 1000, sku: 'AJENO-1', stock: 5 } })) as { product: { id: number } };
    const id = await h.buy([{ sku: sku, qty: 1 }, { sku: 'AJENO-1', qty: 1 }]);
    await h.jobs.send(h.integration.id, id);
    await h.jobs.drain();
    t.match(await h.orders.orders.get(h.integration.id, id), { state: 'attention', reason: 'Línea 2 (AJENO-1): el SKU AJENO-1 no está en el catálogo' });
    t.equal(ofOrder(id).length, 0, 'nothing sent, no line dropped');
    // The merchant fixes the catalog: the SKU now exists there.
    const [variant] = await h.database.db('catalog_variants').where({ company_id: h.integration.companyId }).limit(1);
    await h.database.db('catalog_variants').where({ company_id: h.integration.companyId, id: variant.id, product_id: variant.product_id }).update({ sku: 'AJENO-1' });
    await h.jobs.send(h.integration.id, id);
    await h.jobs.drain();
    t.match(await h.orders.orders.get(h.integration.id, id), { state: 'sent' });
    t.equal(ofOrder(id)[0]!.items.length, 2);
    t.ok(foreign.product.id);
  });

  await t.test('orders placed before orders were enabled for a store are never sent', async (t) => {
    const sku = fresh();
    await h.database.db('order_cursors').where({ integration_id: h.integration.id }).delete(); // a store linked before orders existed
    const old = await h.buy([{ sku, qty: 1 }], { silent: true });
    await pollStoreOrders(h.orders, h.jobs, h.integration); // its first poll sets the cut-off: `old` is before it
    t.equal((await h.orders.orders.cursor(h.integration.id))?.cutoffOrderId, old);
    await h.jobs.drain();
    await h.jobs.send(h.integration.id, old);
    await h.jobs.drain();
    t.match(await h.orders.orders.get(h.integration.id, old), { state: 'skipped' });
    t.equal(ofOrder(old).length, 0);
    const after = await h.buy([{ sku, qty: 1 }], { silent: true });
    await pollStoreOrders(h.orders, h.jobs, h.integration);
    await h.jobs.drain();
    t.equal(ofOrder(after).length, 1, 'the next one is sent');
  });
});
