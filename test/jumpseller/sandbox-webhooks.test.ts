// The sandbox sends webhooks like live (API-NOTES "Webhooks"): after a product changes through the API
// or the admin (inspection API), a POST of `{"product":{…}}` to each hook of that event, signed with
// the store's hooks_token over the exact bytes sent, with the store code and the event in headers;
// a delivery that is not answered 2xx is retried with the same bytes.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { verifyJumpsellerWebhook } from '../../src/security/signing.js';
import { waitFor } from '../helpers/wait-for.js';
import { startAuthorizedSandbox } from './sandbox-helpers.js';

interface Received { headers: IncomingHttpHeaders; raw: Buffer }

async function receiver(t: Test, statuses: number[] = []) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks) });
      res.statusCode = statuses.shift() ?? 200;
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => new Promise<void>((r) => server.close(() => r())));
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/jumpseller` };
}

t.test('product_updated and product_deleted reach the registered hooks, signed over the raw body', async (t) => {
  const s = await startAuthorizedSandbox(t, 'demo', { unlimited: true });
  const hooksToken = s.sandbox.state.stores.get('demo')!.hooks_token;
  const r = await receiver(t);
  for (const event of ['product_updated', 'product_deleted']) t.equal((await s.call('POST', '/hooks.json', { hook: { event, url: r.url } })).status, 200);

  const created = (await s.call('POST', '/products.json', { product: { name: 'Polera', price: 9990, sku: 'POL-1' } })).body as { product: { id: number } };
  const id = created.product.id;
  await s.store.webhooks.idle();
  t.equal(r.received.length, 0, 'product_created has no hook here: nothing sent');

  await s.call('PUT', `/products/${id}.json`, { product: { price: 10990 } });
  await s.store.webhooks.idle();
  t.equal(r.received.length, 1);
  const updated = r.received[0]!;
  t.match(updated.headers, { 'jumpseller-event': 'product_updated', 'jumpseller-store-code': 'demo', 'content-type': 'application/json' });
  t.ok(verifyJumpsellerWebhook(updated.raw, updated.headers['jumpseller-hmac-sha256'] as string, hooksToken), 'base64 HMAC-SHA256 of the raw body with hooks_token');
  t.match(JSON.parse(updated.raw.toString()), { product: { id, price: 10990, sku: 'POL-1' } }, 'the product as the API renders it');

  const variant = (await s.call('POST', `/products/${id}/variants.json`, { variant: { sku: 'POL-1-M', options: [{ name: 'Talla', value: 'M' }] } })).body as { variant: { id: number } };
  await s.inspect('DELETE', `/stores/demo/products/${id}/variants/${variant.variant.id}`);
  await s.store.webhooks.idle();
  const afterVariant = JSON.parse(r.received.at(-1)!.raw.toString()) as { product: { variants: unknown[] } };
  t.same(afterVariant.product.variants, [], 'a variant deleted in the admin is a product_updated without it');

  t.equal((await s.call('DELETE', `/products/${id}.json`)).status, 200);
  await s.store.webhooks.idle();
  const deleted = r.received.at(-1)!;
  t.equal(deleted.headers['jumpseller-event'], 'product_deleted');
  t.match(JSON.parse(deleted.raw.toString()), { product: { id } });
  t.ok(verifyJumpsellerWebhook(deleted.raw, deleted.headers['jumpseller-hmac-sha256'] as string, hooksToken));
  t.notOk(verifyJumpsellerWebhook(Buffer.from(JSON.stringify(JSON.parse(deleted.raw.toString()), null, 1)), deleted.headers['jumpseller-hmac-sha256'] as string, hooksToken),
    're-serialized JSON does not verify');

  const other = (await s.inspect('POST', '/stores/demo/products', { product: { name: 'Gorro', price: 4990 } })) as { product: { id: number } };
  await s.inspect('DELETE', `/stores/demo/products/${other.product.id}`);
  await s.store.webhooks.idle();
  t.match(JSON.parse(r.received.at(-1)!.raw.toString()), { product: { id: other.product.id } }, 'a deletion in the admin fires product_deleted too');
  const log = (await s.inspect('GET', '/stores/demo/webhooks')) as { deliveries: { event: string; status: number }[] };
  t.ok(log.deliveries.every((d) => d.status === 200), 'every delivery is logged with its answer');
});

t.test('a delivery not answered 2xx is retried with the same bytes and signature', async (t) => {
  const s = await startAuthorizedSandbox(t, 'demo', { unlimited: true });
  s.store.webhooks.retryDelaysMs = [10, 20];
  const r = await receiver(t, [500, 401]);
  await s.call('POST', '/hooks.json', { hook: { event: 'product_deleted', url: r.url } });
  const p = (await s.inspect('POST', '/stores/demo/products', { product: { name: 'Polera', price: 1 } })) as { product: { id: number } };
  await s.call('DELETE', `/products/${p.product.id}.json`);
  // The receiver answers before the sandbox logs the answer: wait for the log itself, not for the third request.
  await waitFor(() => s.store.webhooks.deliveries.some((d) => d.status === 200), { what: 'a delivery answered 200 in the log' });
  t.equal(r.received.length, 3, 'received three times');
  t.equal(new Set(r.received.map((x) => x.raw.toString())).size, 1, 'same body every time');
  t.equal(new Set(r.received.map((x) => x.headers['jumpseller-hmac-sha256'])).size, 1, 'same signature');
  t.same(s.store.webhooks.deliveries.map((d) => [d.attempt, d.status]), [[1, 500], [2, 401], [3, 200]]);
});
