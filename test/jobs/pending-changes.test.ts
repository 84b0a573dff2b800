// No accepted change is dropped (issue 14 §3): catalog changes requested before, during and after an
// executing run all reach the store, through a real worker, pg-boss and the sandbox. "During" is the
// case that was lost: two changes ~150 ms apart, the second landing while the first one's run executes.
import t from 'tap';
import { startJobQueue, type JobQueue } from '../../src/jobs/queue.js';
import { requestSync } from '../../src/jobs/sync-requests.js';
import { startSyncWorker } from '../../src/jobs/sync-worker.js';
import type { CatalogProduct } from '../../src/catalog/model.js';
import { expectedProjection, openSyncHarness, projectionDiff } from '../helpers/sync.js';
import { waitFor } from '../helpers/wait-for.js';

const quiet = { info() {}, warn() {}, error() {} };

t.test('changes before, during and after a run all reach the store', async (t) => {
  const h = await openSyncHarness(t, { size: 12 });
  await h.sync();
  const queue: JobQueue = await startJobQueue({ databaseUrl: h.database.url, log: quiet, max: 3 });
  t.teardown(() => queue.stop());
  const start = () => startSyncWorker({ boss: queue.boss, jobs: queue.jobs, services: h.services, log: quiet, staleMs: 400, sweepMs: 200, tuning: { tickMs: 50 } });
  let worker = await start();
  t.teardown(() => worker.stop());

  const company = h.integration.companyId;
  const ids: string[] = (await h.database.db('catalog_products').pluck('id')).sort();
  const products = await h.services.catalog.getProducts(company, ids as never);
  let version = 0;
  /** A Centry webhook: the product changes in the catalog, then a targeted run is requested. */
  const change = async (p: CatalogProduct) => {
    const name = `${p.name} v${++version}`;
    await h.services.catalog.upsertProducts(company, [{ ...p, name, updatedAt: new Date() }]);
    const r = await requestSync({ runs: h.services.runs, jobs: queue.jobs }, h.integration.id, 'webhook', [p.id]);
    t.ok(r.outcome === 'started' || r.outcome === 'merged', `the change of ${p.id} is accepted`);
    return { name, request: r };
  };
  const published = (name: string) => h.store.catalog.list().some((p) => p.fields.name === name && p.fields.status === 'available');
  const reaches = (names: string[]) => waitFor(() => names.every(published), { what: `${names.join(', ')} in the store` });
  const running = () => waitFor(async () => (await h.services.runs.active(h.integration.id))?.status === 'running', { what: 'a running run' });
  const idle = () => waitFor(async () => (await h.services.runs.active(h.integration.id)) === undefined, { what: 'no active run' });

  await t.test('before: a burst while nothing runs', async (t) => {
    const burst = [await change(products[0]!), await change(products[1]!), await change(products[2]!)];
    await reaches(burst.map((c) => c.name));
    await idle();
    t.pass();
  });

  await t.test('during a targeted run: the second of two close changes is not lost', async (t) => {
    h.store.latencyMs = 300; // every call takes a while, so the first run is still executing
    const first = await change(products[3]!);
    await running();
    const second = await change(products[4]!);
    t.match(second.request, { outcome: 'merged', run: { status: 'running' } }, 'it arrived while the run executed');
    await reaches([first.name, second.name]);
    h.store.latencyMs = 0;
    await idle();
    t.pass();
  });

  await t.test('during a full run', async (t) => {
    // The full run must still be executing when the change lands: give it work (four products changed
    // in the catalog with no run asked for) at a second per call, not just a no-change pass.
    h.store.latencyMs = 1000;
    await h.services.catalog.upsertProducts(company, products.slice(8, 12).map((p) => ({ ...p, name: `${p.name} (completo)`, updatedAt: new Date() })));
    const queued = await h.services.runs.enqueue(h.integration.id, 'manual');
    if (!queued.ok) throw new Error('enqueue');
    await queue.jobs.send(queued.run);
    await running();
    const during = await change(products[5]!);
    t.match(during.request, { outcome: 'merged', run: { id: queued.run.id, status: 'running' } }, 'it arrived while the full run executed');
    await reaches([during.name]);
    h.store.latencyMs = 0;
    await idle();
    t.pass();
  });

  await t.test('after: the store is idle again', async (t) => {
    await reaches([(await change(products[6]!)).name]);
    await idle();
  });

  await t.test('a worker killed mid-run loses nothing: its pending products wait for the resumed run', async (t) => {
    await worker.stop(); // no live worker: the run below is "killed" by hand
    const changed = await change(products[7]!);
    const run = await h.services.runs.active(h.integration.id);
    if (!run) throw new Error('the change queued a run');
    t.match(await h.services.runs.claim(run.id, 'dead-worker', 400), { productIds: [products[7]!.id] }, 'a worker took it and its pending product');
    await h.database.db('sync_runs').where({ id: run.id }).update({ heartbeat_at: h.database.db.raw(`now() - interval '10 seconds'`) });
    t.same(await h.database.db('sync_pending_products').pluck('catalog_product_id'), [products[7]!.id], 'the row outlives the dead worker');
    worker = await start();
    await reaches([changed.name]);
    await idle();
    t.equal(Number((await h.database.db('sync_pending_products').count('* as n').first())?.n ?? 0), 0, 'nothing left pending');
    t.same(projectionDiff(h.store, await expectedProjection(h)), [], 'the store equals the projection');
  });
});
