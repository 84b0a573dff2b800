// Registration of the store's product_deleted webhook (src/company/store-hooks.ts): once, idempotently
// (a hook already in the store is adopted, never duplicated), confirmed again after a day, moved when
// APP_URL changes, skipped without the hooks scope, and never the reason a run fails.
import t from 'tap';
import { request } from 'undici';
import { ensureStoreHooks, HOOK_RECHECK_MS, type StoreHookDeps } from '../../src/company/store-hooks.js';
import { openSyncHarness, NOW, type SyncHarness } from '../helpers/sync.js';

/** The product hooks (linking also registers the order hooks: src/orders/order-poller.ts). */
const productHooks = (h: SyncHarness) => [...h.store.hooks.values()].filter((x) => x.event === 'product_deleted');
const hookCalls = (h: SyncHarness, from: number) => h.store.log.slice(from).filter((c) => c.path.startsWith('/hooks')).map((c) => `${c.method} ${c.path}`);

function deps(h: SyncHarness, now: Date): StoreHookDeps {
  return { api: h.services.access.clientFor(h.integration), hooks: h.services.hooks, companies: h.services.companies, now: () => now };
}

t.test('registered once; a hook already in the store is adopted; confirmed again after a day', async (t) => {
  const h = await openSyncHarness(t, { size: 3 });
  const url = `${h.config.appUrl}/webhooks/jumpseller`;
  const existing = h.store.createHook({ event: 'product_deleted', url });
  if (!existing.ok) throw new Error('hook');
  h.store.createHook({ event: 'product_deleted', url: 'https://someone-else.example/hook' });

  let from = h.store.log.length;
  await h.sync();
  t.same(hookCalls(h, from), ['GET /hooks.json'], 'listed, nothing created');
  t.equal(productHooks(h).length, 2, 'no duplicate, the other app’s hook untouched');
  t.match(await h.services.hooks.list(h.integration.id), new Map([['product_deleted', { url, jumpsellerHookId: existing.value.id }]]));

  from = h.store.log.length;
  t.same(await ensureStoreHooks(deps(h, new Date(NOW.getTime() + HOOK_RECHECK_MS - 1000)), h.integration, url), { outcome: 'current' });
  t.same(hookCalls(h, from), [], 'known and recent: no call');

  // The merchant removed it meanwhile: the daily check puts it back.
  h.store.hooks.delete(existing.value.id);
  const later = new Date(NOW.getTime() + HOOK_RECHECK_MS);
  t.same(await ensureStoreHooks(deps(h, later), h.integration, url), { outcome: 'registered', created: 1, adopted: 0 });
  t.equal(productHooks(h).filter((x) => x.url === url).length, 1);
  t.same(await ensureStoreHooks(deps(h, later), h.integration, url), { outcome: 'current' });
});

t.test('APP_URL changed: the old hook is removed, the new one created; the hooks_token is refreshed', async (t) => {
  const h = await openSyncHarness(t, { size: 3 });
  await h.sync();
  const [old] = productHooks(h);
  await h.services.companies.saveHooksToken(h.integration.id, 'stale-secret');
  const moved = 'https://centry-nuevo.example/webhooks/jumpseller';
  t.same(await ensureStoreHooks(deps(h, NOW), h.integration, moved), { outcome: 'registered', created: 1, adopted: 0 });
  t.match(productHooks(h), [{ event: 'product_deleted', url: moved }], 'only the new URL remains');
  t.not(productHooks(h)[0]!.id, old!.id);
  t.equal(await h.services.companies.readHooksToken(h.integration.id), h.sandbox.state.stores.get('tienda-uno')!.hooks_token, 'the signing secret read again from the store');
});

t.test('without the hooks scope nothing is asked; a failing registration never fails the run', async (t) => {
  const h = await openSyncHarness(t, { size: 5 });
  const from = h.store.log.length;
  t.same(await ensureStoreHooks(deps(h, NOW), { ...h.integration, scope: 'read_products write_products' }, 'http://x/webhooks/jumpseller'), { outcome: 'no_scope' });
  t.same(hookCalls(h, from), []);

  await request(`${h.sandbox.url}/_sandbox/api/stores/tienda-uno/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ faults: [{ kind: 'status', status: 500, path: '/hooks.json', times: 100 }] }),
  }).then((r) => r.body.dump());
  const { run } = await h.sync();
  t.match(run, { status: 'completed', failed: 0 }, 'the run completes');
  t.equal(productHooks(h).length, 0, 'no hook yet');
  await request(`${h.sandbox.url}/_sandbox/api/stores/tienda-uno/faults`, { method: 'DELETE' }).then((r) => r.body.dump());
  await h.sync();
  t.equal(productHooks(h).length, 1, 'the next run registers it');
});
