// The Jumpseller sandbox's orders (SPEC §10 "Locally"; openapi.json "Orders"): answers validate
// against the official spec, filters are as strict as the spec's enums, the scope read_orders is
// required, a purchase lowers the store's stock and a cancellation restores it, and every change is
// delivered to the order hooks, signed like the product hooks.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { verifyJumpsellerWebhook } from '../../src/security/signing.js';
import { APP, SCOPES, startAuthorizedSandbox } from '../jumpseller/sandbox-helpers.js';
import { loadOfficialSpec, missingSpec } from '../jumpseller/official-spec.js';

const withOrders = async (t: Parameters<typeof startAuthorizedSandbox>[0]) => {
  const s = await startAuthorizedSandbox(t, 'demo', { unlimited: true });
  const grant = s.sandbox.state.issueCode(APP.clientId, 'demo', APP.redirectUris[0]!, [...SCOPES, 'read_orders']);
  const r = s.sandbox.state.exchange({ grant_type: 'authorization_code', client_id: APP.clientId, client_secret: APP.clientSecret, code: grant, redirect_uri: APP.redirectUris[0] });
  if (!r.ok) throw new Error(r.error);
  const token = r.body.access_token;
  const get = (path: string) => s.call('GET', path, undefined, token);
  const simple = (await s.inspect('POST', '/stores/demo/products', { product: { name: 'Taza', price: 5990, sku: 'TAZA-1', stock: 10 } })) as { product: { id: number } };
  const withVariants = (await s.inspect('POST', '/stores/demo/products', {
    product: { name: 'Polera', price: 9990, variants: [{ variant: { sku: 'POL-M', price: 9990, stock: 3, options: [{ name: 'Talla', value: 'M' }] } }] },
  })) as { product: { id: number; variants: { id: number }[] } };
  return { s, get, token, simpleId: simple.product.id, variantProduct: withVariants.product };
};

t.test('without read_orders the order API answers 403; with it, orders validate against the official spec', async (t) => {
  const { s, get, simpleId } = await withOrders(t);
  t.equal((await s.call('GET', '/orders.json')).status, 403, 'a token granted before orders existed');
  const created = (await s.inspect('POST', '/stores/demo/orders', { products: [{ id: simpleId, qty: 2 }] })) as { order: { id: number } };
  const one = await get(`/orders/${created.order.id}.json`);
  t.equal(one.status, 200);
  const order = (one.body as { order: Record<string, unknown> }).order;
  t.match(order, { status_enum: 'paid', shipment_status_enum: 'unfulfilled', products: [{ id: simpleId, variant_id: null, sku: 'TAZA-1', qty: 2, price: 5990 }] });
  t.equal(order.total, 2 * 5990 + 3990, 'total = products + shipping − discounts');
  if (missingSpec()) { t.comment(missingSpec()!); return; }
  const spec = loadOfficialSpec();
  const v = spec.response('full', 'get', '/orders/{id}.json', '200')!;
  t.ok(v(one.body), JSON.stringify(v.errors));
  const list = await get('/orders.json');
  const lv = spec.response('full', 'get', '/orders.json', '200')!;
  t.ok(lv(list.body), JSON.stringify(lv.errors));
  t.equal((await get('/orders/999999.json')).status, 404);
});

t.test('list filters follow the spec enums; after/{id} pages forward; status paths are checked', async (t) => {
  const { s, get, simpleId } = await withOrders(t);
  const ids: number[] = [];
  for (let i = 0; i < 3; i++) ids.push(((await s.inspect('POST', '/stores/demo/orders', { products: [{ id: simpleId, qty: 1 }] })) as { order: { id: number } }).order.id);
  await s.inspect('POST', `/stores/demo/orders/${ids[1]}/cancel`, {});
  const paid = (await get('/orders.json?status_filters[]=paid')).body as { order: { id: number } }[];
  t.same(paid.map((o) => o.order.id), [ids[2], ids[0]], 'newest first, canceled left out');
  t.equal((await get('/orders.json?status_filters[]=sent')).status, 422, 'a status the spec does not list');
  t.equal((await get('/orders.json?dateFilter=lastYear')).status, 422);
  t.equal((await get('/orders.json?limit=101')).status, 422);
  const after = (await get(`/orders/after/${ids[0]}.json`)).body as { order: { id: number } }[];
  t.same(after.map((o) => o.order.id), [ids[1], ids[2]], 'ascending ids above the one given');
  t.equal((await get('/orders/status/canceled.json')).status, 200);
  t.equal((await get('/orders/status/shipped.json')).status, 404, 'Status Invalid.');
  t.same((await get('/orders/count.json')).body, { count: 3 });
});

t.test('a purchase lowers the store stock, a cancellation restores it, and each change reaches the order hooks signed', async (t) => {
  const { s, simpleId, variantProduct } = await withOrders(t);
  const hooksToken = s.sandbox.state.stores.get('demo')!.hooks_token;
  const received: { event: string; ok: boolean; id: number }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      received.push({ event: String(req.headers['jumpseller-event']), ok: verifyJumpsellerWebhook(raw, req.headers['jumpseller-hmac-sha256'] as string, hooksToken), id: JSON.parse(raw.toString()).order.id });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => new Promise<void>((r) => server.close(() => r())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/jumpseller/orders`;
  for (const event of ['order_paid', 'order_updated', 'order_shipped', 'order_canceled']) await s.call('POST', '/hooks.json', { hook: { event, url } });

  const variantId = variantProduct.variants[0]!.id;
  const o = (await s.inspect('POST', '/stores/demo/orders', { products: [{ id: simpleId, qty: 4 }, { id: variantProduct.id, variant_id: variantId, qty: 3 }] })) as { order: { id: number } };
  const stock = () => {
    const p = s.store.catalog.products;
    return [p.get(simpleId)!.fields.stock, p.get(variantProduct.id)!.variants[0]!.fields.stock];
  };
  t.same(stock(), [6, 0], 'units sold leave the store');
  await t.rejects(s.inspect('POST', '/stores/demo/orders', { products: [{ id: variantProduct.id, variant_id: variantId, qty: 1 }] }), /not enough stock/);
  await s.inspect('POST', `/stores/demo/orders/${o.order.id}/ship`, {});
  await s.inspect('POST', `/stores/demo/orders/${o.order.id}/cancel`, {});
  t.same(stock(), [10, 3], 'a cancellation gives them back');
  await s.inspect('POST', `/stores/demo/orders/${o.order.id}/cancel`, {}).catch(() => {});
  t.same(stock(), [10, 3], 'never twice');
  await s.store.webhooks.idle();
  t.same(received.map((r) => r.event), ['order_paid', 'order_updated', 'order_shipped', 'order_updated', 'order_canceled', 'order_updated']);
  t.ok(received.every((r) => r.ok && r.id === o.order.id), 'signed with the hooks_token over the raw body');

  await s.inspect('POST', '/stores/demo/orders', { products: [{ id: simpleId, qty: 1 }], silent: true });
  await s.store.webhooks.idle();
  t.equal(received.length, 6, 'silent: a lost delivery');
});

t.test('"Simular compra" in the admin creates a paid order and the buttons ship and cancel it', async (t) => {
  const { s, simpleId } = await withOrders(t);
  const form = async (path: string, body: Record<string, string>) => fetch(`${s.sandbox.url}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) });
  t.equal((await form('/admin/cl/orders?store=demo', { [`q_${simpleId}_0`]: '2' })).status, 303);
  const order = s.store.orders.list()[0]!;
  t.match(order, { status: 'paid', lines: [{ productId: simpleId, qty: 2 }] });
  t.equal(s.store.catalog.products.get(simpleId)!.fields.stock, 8);
  await form(`/admin/cl/orders/${order.id}/ship?store=demo`, {});
  t.equal(order.shipment, 'in_transit');
  await form(`/admin/cl/orders/${order.id}/cancel?store=demo`, {});
  t.equal(order.status, 'canceled');
  const html = await (await fetch(`${s.sandbox.url}/admin/cl/orders?store=demo`)).text();
  t.match(html, /Simular compra/);
  t.match(html, /Cancelado/);
});
