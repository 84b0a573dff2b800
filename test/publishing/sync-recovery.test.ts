// The sync when the store is not a blank page or the run is interrupted: adoption by SKU (a store
// that already has the products, a lost mapping), "Cancelar", and a revoked authorization.
import t from 'tap';
import { request } from 'undici';
import { expectedProjection, openSyncHarness, projectionDiff } from '../helpers/sync.js';
import { waitFor } from '../helpers/wait-for.js';

t.test('a store that already holds products with the same SKUs is adopted, never duplicated', async (t) => {
  const h = await openSyncHarness(t, { size: 40 });
  const expected = await expectedProjection(h);
  const skus = [...expected.keys()].slice(0, 15);
  for (const sku of skus) {
    const d = expected.get(sku)!;
    // What a previous install (or the merchant) left: same SKU, other name and price, no images.
    h.store.catalog.create({
      name: `Viejo ${d.product.name}`, price: 1, sku: d.product.sku,
      variants: d.variants.map((v) => ({ variant: { sku: v.sku, stock: 1, options: v.options } })),
    });
  }
  const { run } = await h.sync();
  t.match(run, { status: 'completed', failed: 0, created: expected.size - skus.length, updated: skus.length });
  t.equal(h.store.catalog.products.size, expected.size, 'one store product per SKU');
  t.same(projectionDiff(h.store, expected), []);
  t.equal((await h.sync()).writes, 0);

  // The mappings are lost (a restored backup, say): the next run adopts everything again.
  await h.database.db('sync_product_mappings').delete();
  const relinked = await h.sync();
  t.match(relinked.run, { status: 'completed', created: 0, failed: 0 });
  t.equal(h.store.catalog.products.size, expected.size, 'still no duplicate');
  t.same(projectionDiff(h.store, expected), []);
  t.equal((await h.sync()).writes, 0, 'and then nothing left to do');
});

t.test('Cancelar stops a run promptly; the next run goes on from there', async (t) => {
  const h = await openSyncHarness(t, { size: 60 });
  h.store.latencyMs = 15;
  const queued = await h.services.runs.enqueue(h.integration.id, 'manual');
  if (!queued.ok) throw new Error('enqueue');
  const { runSync } = await import('../../src/jobs/run-sync.js');
  const running = runSync(h.services, queued.run.id, { workerId: 'w1', tuning: { tickMs: 20 } });
  await waitFor(async () => ((await h.services.runs.get(queued.run.id))?.processed ?? 0) >= 5, { what: 'the run to process 5 products' });
  await h.services.runs.requestCancel(queued.run.id);
  // How soon it stops is a timing goal for the bench, not an assertion; that it stops midway is.
  t.equal(await running, 'cancelled');
  const cancelled = (await h.services.runs.get(queued.run.id))!;
  t.match(cancelled, { status: 'cancelled', cancelRequested: true });
  t.ok(cancelled.processed < 60, `stopped midway (${cancelled.processed} of 60)`);
  h.store.latencyMs = 0;
  const rest = await h.sync();
  t.match(rest.run, { status: 'completed', failed: 0 });
  t.same(projectionDiff(h.store, await expectedProjection(h)), [], 'nothing duplicated, nothing missing');
});

t.test('a revoked authorization fails the run and asks for reauthorization', async (t) => {
  const h = await openSyncHarness(t, { size: 10 });
  await request(`${h.sandbox.url}/_sandbox/stores/tienda-uno/revoke`, { method: 'POST' }).then((r) => r.body.dump());
  const { run } = await h.sync();
  t.match(run, { status: 'failed', errorMessage: /reautoriz/ });
  t.equal((await h.services.companies.getIntegration(h.integration.id))!.status, 'reauth_required', '"Requiere reautorización"');
  const next = await h.sync();
  t.match(next.run, { status: 'failed', errorMessage: /Reautorizar/ }, 'later runs say what to do without calling Jumpseller');
  t.equal(next.calls, 0);
});
