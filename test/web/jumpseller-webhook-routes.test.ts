// POST /webhooks/jumpseller (SPEC §7.2, §9): authenticated by the base64 HMAC-SHA256 of the raw body
// with the store's hooks_token; a product deleted in Jumpseller is forgotten by its mapping and comes
// back through the targeted run the webhook requests; a retried delivery does nothing new.
import { createHmac } from 'node:crypto';
import t from 'tap';
import { runSync } from '../../src/jobs/run-sync.js';
import { expectedProjection, openSyncHarness, projectionDiff, type SyncHarness } from '../helpers/sync.js';

const sign = (raw: string | Buffer, secret: string) => createHmac('sha256', secret).update(raw).digest('base64');

function deliver(h: SyncHarness, raw: string, headers: Record<string, string | undefined>) {
  const clean = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>;
  return h.app.inject({ method: 'POST', url: '/webhooks/jumpseller', payload: raw, headers: { 'content-type': 'application/json', ...clean } });
}

t.test('only a delivery signed over its exact bytes with the store hooks_token is accepted', async (t) => {
  const h = await openSyncHarness(t, { size: 5 });
  const secret = h.sandbox.state.stores.get('tienda-uno')!.hooks_token;
  const raw = '{ "product" : { "id" : 424242, "name": "Polera" } }';
  const headers = { 'jumpseller-store-code': 'tienda-uno', 'jumpseller-event': 'product_deleted', 'jumpseller-hmac-sha256': sign(raw, secret) };

  const ok = await deliver(h, raw, headers);
  t.equal(ok.statusCode, 200, 'good signature (a product this app does not map: nothing to do)');
  t.equal((await deliver(h, raw, { ...headers, 'content-type': 'application/json; charset=utf-8' })).statusCode, 200, 'with a charset too');

  const refused = [
    await deliver(h, raw, { ...headers, 'jumpseller-hmac-sha256': sign(raw, 'another-secret') }),
    await deliver(h, raw, { ...headers, 'jumpseller-hmac-sha256': undefined }),
    await deliver(h, raw, { ...headers, 'jumpseller-hmac-sha256': 'not base64 at all' }),
    await deliver(h, `${raw} `, headers),
    await deliver(h, JSON.stringify(JSON.parse(raw)), headers),
  ];
  t.same(refused.map((r) => r.statusCode), [401, 401, 401, 401, 401], 'wrong, missing, malformed, a changed byte, re-serialized JSON: 401');
  t.equal(new Set(refused.map((r) => r.body)).size, 1, 'the same answer whatever was wrong');
  t.notMatch(refused[0]!.body, /hmac|signature|token/i, 'and it names nothing');

  const unknown = await deliver(h, raw, { ...headers, 'jumpseller-store-code': 'otra-tienda' });
  t.same([unknown.statusCode, unknown.body], [401, refused[0]!.body], 'an unknown store gets the answer of a wrong signature: which stores use the app stays unsaid');
  const unnamed = await deliver(h, raw, { ...headers, 'jumpseller-store-code': undefined });
  t.same([unnamed.statusCode, unnamed.body], [401, refused[0]!.body], 'no store named: the same');

  const big = JSON.stringify({ product: { id: 424243, description: 'x'.repeat(2 * 1024 * 1024) } });
  t.equal((await deliver(h, big, { ...headers, 'jumpseller-hmac-sha256': sign(big, secret) })).statusCode, 200, 'a product with a 2 MB description');

  const other = '{"product":{"id":1}}';
  const updated = await deliver(h, other, { ...headers, 'jumpseller-event': 'product_updated', 'jumpseller-hmac-sha256': sign(other, secret) });
  t.equal(updated.statusCode, 200, 'other events are acknowledged and ignored');
  const garbage = 'not json';
  t.equal((await deliver(h, garbage, { ...headers, 'jumpseller-hmac-sha256': sign(garbage, secret) })).statusCode, 422, 'a signed body that is not a product');
  t.equal(await h.database.db('sync_runs').count('* as n').first().then((r) => Number(r!.n)), 0, 'no run was requested by any of them');
});

t.test('a product deleted in Jumpseller is recreated by the run its webhook requests; a retry does nothing new', async (t) => {
  const h = await openSyncHarness(t, { size: 30, listen: true });
  const first = await h.sync();
  t.match(first.run, { status: 'completed', failed: 0 });
  const hooks = [...h.store.hooks.values()].filter((x) => x.event === 'product_deleted'); // linking also registered the order hooks
  t.match(hooks, [{ event: 'product_deleted', url: `${h.config.appUrl}/webhooks/jumpseller` }], 'the run registered the product_deleted hook');
  const second = await h.sync();
  t.equal(second.calls, 0, 'a known hook costs no call on the next run');

  const victim = await h.database.db('sync_product_mappings').orderBy('catalog_product_id').offset(3).first();
  const goneId = Number(victim.jumpseller_product_id);
  const before = h.store.catalog.products.size;
  // The merchant deletes it in the Jumpseller admin; Jumpseller delivers product_deleted to the app.
  await fetch(`${h.sandbox.url}/_sandbox/api/stores/tienda-uno/products/${goneId}`, { method: 'DELETE' });
  await h.store.webhooks.idle();
  t.match(h.store.webhooks.deliveries, [{ event: 'product_deleted', status: 200, attempt: 1 }], 'delivered and answered 200');
  t.notOk(await h.database.db('sync_product_mappings').where({ catalog_product_id: victim.catalog_product_id }).first(), 'the mapping forgot it');
  const queued = await h.services.runs.active(h.integration.id);
  t.match(queued, { status: 'queued', trigger: 'webhook', productIds: [victim.catalog_product_id] }, 'a targeted run for that product');

  t.equal(await runSync(h.services, queued!.id, { workerId: 'w-webhook', tuning: { tickMs: 50 } }), 'completed');
  t.match(await h.services.runs.get(queued!.id), { status: 'completed', total: 1, created: 1, failed: 0 });
  t.equal(h.store.catalog.products.size, before, 'back in the store, once');
  t.same(projectionDiff(h.store, await expectedProjection(h)), [], 'with its variants and images');
  const remapped = await h.database.db('sync_product_mappings').where({ catalog_product_id: victim.catalog_product_id }).first();
  t.not(Number(remapped.jumpseller_product_id), goneId, 'mapped to the new store product');

  // Jumpseller retries a delivery it thinks failed: the same product id again.
  const secret = h.sandbox.state.stores.get('tienda-uno')!.hooks_token;
  const raw = JSON.stringify({ product: { id: goneId, name: 'x' } });
  const retried = await deliver(h, raw, { 'jumpseller-store-code': 'tienda-uno', 'jumpseller-event': 'product_deleted', 'jumpseller-hmac-sha256': sign(raw, secret) });
  t.equal(retried.statusCode, 200);
  t.notOk(await h.services.runs.active(h.integration.id), 'no new run');
  t.same(await h.database.db('sync_product_mappings').where({ catalog_product_id: victim.catalog_product_id }).first(), remapped, 'the new mapping is untouched');
  t.equal((await h.sync()).writes, 0, 'and nothing is left to do');
});
