// The Centry sandbox's orders (SPEC §10 "Locally"; centry/API-NOTES.md "Orders"): scopes, filters by
// origin + id_origin, a new order lowers its variants' stock and saves the product (on_product_save),
// a cancellation restores it once, items sent again on a PUT are appended (as Centry does), and the
// queued faults (5xx before, 500 after the work, a held answer after the work) behave as named.
import t from 'tap';
import { request } from 'undici';
import { startCentrySandbox } from '../../src/sandbox/centry/centry-sandbox.js';
import { waitFor } from '../helpers/wait-for.js';

const APP = { clientId: 'c', clientSecret: 's', redirectUris: ['http://app.test/cb'] };
const VARIANT = 'a00000000000000000000001';

t.test('orders move stock once, filter by origin, append re-sent items and honour faults', async (t) => {
  const sandbox = await startCentrySandbox({ apps: [APP], products: [{ _id: 'p00000000000000000000001', name: 'Taza', updated_at: '2025-01-01T00:00:00Z', variants: [{ _id: VARIANT, sku: 'TAZA-1', quantity: 10 }] }] });
  t.teardown(() => sandbox.close());
  const token = async (scope: string) => {
    const r = await request(`${sandbox.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'c', client_secret: 's', scope }) });
    return ((await r.body.json()) as { access_token: string }).access_token;
  };
  const full = await token('public read_products read_orders write_orders');
  const call = async (method: string, path: string, body?: unknown, at = full) => {
    const r = await request(`${sandbox.url}/conexion/v1/${path}`, { method: method as 'GET', headers: { authorization: `Bearer ${at}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    const text = await r.body.text();
    return { status: r.statusCode, body: text ? JSON.parse(text) : null };
  };
  const stock = () => ((sandbox.catalog.products.get('p00000000000000000000001')!.variants as { quantity: number }[])[0]!.quantity);

  t.equal((await call('GET', 'orders.json', undefined, await token('public read_products'))).status, 403, 'read_orders needed');
  const order = { origin: 'Jumpseller', id_origin: '10001', number_origin: '10001', _status: 'pending', items: [{ variant_id: VARIANT, sku: 'TAZA-1', quantity: 2, unit_price: 5990 }] };
  t.equal((await call('POST', 'orders.json', { ...order, items: [{ variant_id: 'nope', quantity: 1 }] })).status, 422, 'unknown variant');
  const created = await call('POST', 'orders.json', order);
  t.equal(created.status, 201);
  t.equal(stock(), 8, 'a new order lowers the variant stock');
  t.equal((await call('GET', 'orders.json?origin=Jumpseller&id_origin=10001')).body.length, 1);
  t.equal((await call('GET', 'orders.json?origin=Jumpseller&id_origin=10002')).body.length, 0);

  const id = created.body._id as string;
  await call('PUT', `orders/${id}.json`, { _status: 'shipped' });
  t.equal(stock(), 8, 'a status change without items moves nothing');
  await call('PUT', `orders/${id}.json`, { items: order.items });
  t.equal((await call('GET', `orders/${id}.json`)).body.items.length, 2, 're-sent items are appended');
  t.equal(stock(), 6, 'and take stock again: why the app never re-sends them');
  await call('PUT', `orders/${id}.json`, { _status: 'cancelled_after_shipping' });
  t.equal(stock(), 10, 'a cancellation restores every item');
  await call('PUT', `orders/${id}.json`, { _status: 'cancelled_after_shipping' });
  t.equal(stock(), 10, 'once');

  await request(`${sandbox.url}/_sandbox/orders/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ faults: [{ kind: 'status', status: 503 }, { kind: 'created-then-500' }] }) });
  t.equal((await call('POST', 'orders.json', { ...order, id_origin: '10002' })).status, 503);
  t.equal((await call('GET', 'orders.json?id_origin=10002')).body.length, 0, 'a 5xx before the work: nothing created');
  t.equal((await call('POST', 'orders.json', { ...order, id_origin: '10002' })).status, 500);
  t.equal((await call('GET', 'orders.json?id_origin=10002')).body.length, 1, '"created but 500": it exists');
  t.equal(stock(), 8);

  // `created-then-hang`: the work is done at once; the answer waits `ms`, or ends when the caller leaves.
  await request(`${sandbox.url}/_sandbox/orders/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ faults: [{ kind: 'created-then-hang', method: 'POST', ms: 60_000 }] }) });
  const leave = new AbortController();
  let answered = false;
  const slow = request(`${sandbox.url}/conexion/v1/orders.json`, {
    method: 'POST', signal: leave.signal, headers: { authorization: `Bearer ${full}`, 'content-type': 'application/json' }, body: JSON.stringify({ ...order, id_origin: '10003' }),
  }).then(() => { answered = true; }, () => {});
  await waitFor(async () => (await call('GET', 'orders.json?id_origin=10003')).body.length === 1, { what: 'the held create to exist' });
  t.notOk(answered, 'created, not answered');
  leave.abort(); // the caller goes away (a killed worker): the sandbox stops holding it
  await slow;
  t.notOk(answered);
  const refused = await request(`${sandbox.url}/_sandbox/orders/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ faults: [{ kind: 'hang' }] }) });
  t.equal(refused.statusCode, 422, 'an unknown fault is refused');
  await refused.body.dump();
});
