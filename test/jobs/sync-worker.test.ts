// Jobs against real PostgreSQL and pg-boss: the worker executes what the web or the scheduler
// enqueues, the scheduler enqueues a slot once however many processes tick, an abandoned run is
// resumed, and a graceful stop leaves the run for another worker without losing anything.
import t from 'tap';
import { startJobQueue, type JobQueue } from '../../src/jobs/queue.js';
import { enqueueDueRuns } from '../../src/jobs/scheduler.js';
import { spreadOffsetMs } from '../../src/jobs/schedule-spread.js';
import { startSyncWorker } from '../../src/jobs/sync-worker.js';
import type { RunId } from '../../src/publishing/run-model.js';
import { expectedProjection, NOW, openSyncHarness, projectionDiff, type SyncHarness } from '../helpers/sync.js';
import { waitFor } from '../helpers/wait-for.js';

const quiet = { info() {}, warn() {}, error() {} };

const finished = (h: SyncHarness, id: RunId) => waitFor(async () => {
  const r = await h.services.runs.get(id);
  return r && !['queued', 'running'].includes(r.status) ? r : undefined;
}, { what: `run ${id}` });

t.test('worker, scheduler, resume and graceful stop', async (t) => {
  const h = await openSyncHarness(t, { size: 40 });
  const queue: JobQueue = await startJobQueue({ databaseUrl: h.database.url, log: quiet, max: 3 });
  t.teardown(() => queue.stop());
  const start = () => startSyncWorker({ boss: queue.boss, jobs: queue.jobs, services: h.services, log: quiet, staleMs: 400, sweepMs: 200, tuning: { tickMs: 50, pageSize: 10, concurrency: 4 } });
  let worker = await start();

  await t.test('a run sent by the web is executed by the worker', async (t) => {
    const queued = await h.services.runs.enqueue(h.integration.id, 'manual');
    if (!queued.ok) throw new Error('enqueue');
    await queue.jobs.send(queued.run);
    await queue.jobs.send(queued.run); // a second press: deduplicated by the queue and by the run row
    t.match(await finished(h, queued.run.id), { status: 'completed', failed: 0 });
    t.same(projectionDiff(h.store, await expectedProjection(h)), []);
  });

  await t.test('two schedulers ticking at once enqueue the due slot once', async (t) => {
    // The store's slot is at its own minute of the hour (schedule-spread.ts).
    const offset = spreadOffsetMs(h.integration.id, { mode: 'hourly' });
    const deps = { db: h.database.db, services: h.services, jobs: queue.jobs, now: () => new Date(NOW.getTime() + 3_600_000 + offset + 1000) };
    const [a, b] = await Promise.all([enqueueDueRuns(deps), enqueueDueRuns(deps)]);
    t.equal(a.length + b.length, 1, 'one run for the hourly slot');
    t.same(await enqueueDueRuns(deps), [], 'a later tick in the same slot adds nothing');
    const [run] = await h.services.runs.recent(h.integration.id, 1);
    const done = await finished(h, run!.id);
    t.match(done, { status: 'completed', trigger: 'schedule', created: 0, updated: 0, unpublished: 0, failed: 0 });
    t.equal(done.unchanged + done.skipped, 40, 'sin cambios, or omitidos (paused)');

    // A store in another currency than the catalog's is not scheduled (every run would refuse it).
    await h.database.db('integrations').where({ id: h.integration.id }).update({ currency: 'USD' });
    const later = { ...deps, now: () => new Date(NOW.getTime() + 2 * 3_600_000 + offset + 1000) };
    t.same(await enqueueDueRuns(later), [], 'a USD store is skipped by the scheduler');
    await h.database.db('integrations').where({ id: h.integration.id }).update({ currency: 'CLP' });
  });

  await t.test('a run left running by a dead worker is resumed', async (t) => {
    const queued = await h.services.runs.enqueue(h.integration.id, 'manual');
    if (!queued.ok) throw new Error('enqueue');
    // What a killed worker leaves: running, its worker id, a heartbeat that stopped.
    await h.database.db('sync_runs').where({ id: queued.run.id })
      .update({ status: 'running', worker_id: 'dead-worker', heartbeat_at: h.database.db.raw(`now() - interval '10 seconds'`) });
    t.match(await finished(h, queued.run.id), { status: 'completed' }, 'the sweeper found it and a worker finished it');
  });

  await t.test('a graceful stop releases the run; another worker completes it', async (t) => {
    await h.services.catalog.upsertProducts(h.integration.companyId, (await h.services.catalog.getProducts(h.integration.companyId,
      (await h.database.db('catalog_products').pluck('id')).sort())).map((p) => ({ ...p, name: `${p.name} v2`, updatedAt: new Date() })));
    h.store.latencyMs = 20;
    const queued = await h.services.runs.enqueue(h.integration.id, 'manual');
    if (!queued.ok) throw new Error('enqueue');
    await queue.jobs.send(queued.run);
    await waitFor(async () => ((await h.services.runs.get(queued.run.id))?.processed ?? 0) >= 5, { what: 'progress' });
    await worker.stop();
    const released = await waitFor(async () => {
      const r = await h.services.runs.get(queued.run.id);
      return r?.status === 'running' && r.workerId === null ? r : undefined;
    }, { what: 'release' });
    t.ok(released.processed < 40, `released midway (${released.processed} of 40)`);
    h.store.latencyMs = 0;
    worker = await start();
    t.teardown(() => worker.stop());
    const expected = await expectedProjection(h);
    const done = await finished(h, queued.run.id);
    t.match(done, { status: 'completed', failed: 0, processed: 40, updated: expected.size }, 'each product counted once');
    t.equal(done.updated + done.unchanged + done.skipped, 40);
    t.same(projectionDiff(h.store, expected), []);
  });
});
