// Many stores at once (issue 13): one worker carries several runs concurrently, each to its end; two
// workers with their own queue handle, pool and governors (what two processes have) share one queue
// on one database and never run a store twice at once, even with every job delivered three times;
// the scheduler enqueues each store at its own minute of the hour, not all at :00.
import t from 'tap';
import { startJobQueue, SYNC_QUEUE } from '../../src/jobs/queue.js';
import { enqueueDueRuns } from '../../src/jobs/scheduler.js';
import { spreadOffsetMs } from '../../src/jobs/schedule-spread.js';
import { startSyncWorker, type SyncWorker } from '../../src/jobs/sync-worker.js';
import type { SyncRun } from '../../src/publishing/run-model.js';
import { NOW } from '../helpers/sync.js';
import { openFleetHarness, overlaps, type FleetHarness } from '../helpers/fleet.js';
import { waitFor } from '../helpers/wait-for.js';

const quiet = { info() {}, warn() {}, error() {} };
const WAIT_MS = 150_000; // generous: this machine may be shared; nothing here asserts a duration
const SIZE = 6;

async function enqueueAll(h: FleetHarness): Promise<SyncRun[]> {
  const runs: SyncRun[] = [];
  for (const i of h.integrations) {
    const queued = await h.services().runs.enqueue(i.id, 'manual');
    if (!queued.ok) throw new Error('a run is already active');
    runs.push(queued.run);
  }
  return runs;
}

async function allDone(h: FleetHarness, runs: SyncRun[]): Promise<SyncRun[]> {
  const s = h.services();
  return waitFor(async () => {
    const now = await Promise.all(runs.map((r) => s.runs.get(r.id)));
    return now.every((r) => r && !['queued', 'running'].includes(r.status)) ? (now as SyncRun[]) : undefined;
  }, { what: 'every run to end', timeoutMs: WAIT_MS });
}

t.test('one worker carries six stores at once, each to its end; the scheduler spreads them', async (t) => {
  const h = await openFleetHarness(t, { stores: 6, size: SIZE, latencyMs: 2 });
  const queue = await startJobQueue({ databaseUrl: h.database.url, log: quiet, max: 2 });
  t.teardown(() => queue.stop());
  const runs = await enqueueAll(h);
  for (const run of runs) await queue.jobs.send(run);
  const t0 = Date.now();
  const worker = await startSyncWorker({ boss: queue.boss, jobs: queue.jobs, services: h.services(), log: quiet, concurrency: 6, pollMs: 50, tuning: { tickMs: 50, pageSize: 5 } });
  t.teardown(() => worker.stop());
  const done = await allDone(h, runs);
  t.comment(`six runs in ${Date.now() - t0} ms`);
  for (const run of done) t.match(run, { status: 'completed', failed: 0, processed: SIZE, created: SIZE }, `store ${run.integrationId} completed`);
  t.equal(worker.status().peakActive, 6, 'all six runs were active at once in one process');
  const open = h.spans.filter((s) => s.to === null);
  t.same(open, [], 'every run ended');
  const concurrent = Math.max(...h.spans.map((a) => h.spans.filter((b) => b.from <= a.from && a.from < b.to!).length));
  t.equal(concurrent, 6, 'the six executions overlapped in time');
  t.same(overlaps(h.spans), []);
  await waitFor(() => worker.status().handled === 6, { what: 'every job handled', timeoutMs: WAIT_MS });
  t.match(worker.status(), { taking: true, reason: null, active: 0, capacity: 6 });
  await worker.stop();

  await t.test('the scheduler enqueues each store at its own minute of the hour', async (t) => {
    const sent: { integrationId: number; minute: number }[] = [];
    let minute = 0;
    const deps = { db: h.database.db, services: h.services(), jobs: { send: async (r: { integrationId: number }) => { sent.push({ integrationId: r.integrationId, minute }); } }, now: () => new Date(NOW.getTime() + minute * 60_000) };
    for (minute = 0; minute < 60; minute++) {
      const enqueued = await enqueueDueRuns(deps);
      // The runs end at once: each store can take its next slot, as after a quick run.
      if (enqueued.length) await h.database.db('sync_runs').whereIn('integration_id', enqueued).update({ status: 'completed', finished_at: h.database.db.fn.now() });
    }
    t.equal(sent.length, 6, 'each store once in the hour');
    for (const i of h.integrations) {
      const at = sent.find((s) => s.integrationId === i.id);
      t.equal(at?.minute, spreadOffsetMs(i.id, { mode: 'hourly' }) / 60_000, `store ${i.id} at its own minute`);
    }
    t.ok(new Set(sent.map((s) => s.minute)).size >= 5, `spread over ${new Set(sent.map((s) => s.minute)).size} minutes, not one`);
  });

  await t.test('backpressure: a lagging worker takes one run at a time, and still every run', async (t) => {
    const runs = await enqueueAll(h);
    for (const run of runs) await queue.jobs.send(run);
    const lagging = await startSyncWorker({ boss: queue.boss, jobs: queue.jobs, services: h.services(), log: quiet, concurrency: 6, pollMs: 20, lag: () => 1000, tuning: { tickMs: 50, pageSize: 5 } });
    t.teardown(() => lagging.stop());
    const seen = new Set<string>();
    const probe = setInterval(() => { const s = lagging.status(); if (s.active > 0) seen.add(String(s.reason)); }, 5);
    const done = await allDone(h, runs);
    clearInterval(probe);
    for (const run of done) t.match(run, { status: 'completed', failed: 0 }, `store ${run.integrationId} completed`);
    t.equal(lagging.status().peakActive, 1, 'never more than one run while the event loop lags');
    t.same([...seen], ['lagging'], 'busy with one run, it says it is not taking more because of the lag');
    await lagging.stop();
  });
});

t.test('two workers on one database share the queue and never run a store twice at once', async (t) => {
  const h = await openFleetHarness(t, { stores: 6, size: SIZE, latencyMs: 2 });
  const qa = await startJobQueue({ databaseUrl: h.database.url, log: quiet, max: 2 });
  t.teardown(() => qa.stop());
  const qb = await startJobQueue({ databaseUrl: h.database.url, log: quiet, max: 2 });
  t.teardown(() => qb.stop());
  const start = (q: typeof qa) => startSyncWorker({ boss: q.boss, jobs: q.jobs, services: h.services({ ownPool: true }), log: quiet, concurrency: 3, pollMs: 20, sweepMs: 100, tuning: { tickMs: 50, pageSize: 4 } });
  let a: SyncWorker | undefined;
  let b: SyncWorker | undefined;
  t.teardown(async () => { await a?.stop(); await b?.stop(); });
  for (const round of [1, 2]) {
    const runs = await enqueueAll(h);
    for (const run of runs) {
      await qa.jobs.send(run);
      // Duplicate deliveries (a second press, the sweeper, a retry): two more jobs per store, past the queue's dedupe.
      for (const copy of ['a', 'b']) await qa.boss.send(SYNC_QUEUE, { integrationId: run.integrationId, runId: run.id }, { singletonKey: `copy-${copy}:${run.id}` });
    }
    a ??= await start(qa);
    if (!b) {
      await waitFor(() => a!.status().active === 3, { what: 'worker A full', timeoutMs: WAIT_MS });
      b = await start(qb);
    }
    const done = await allDone(h, runs);
    for (const run of done) t.match(run, { status: 'completed', failed: 0, processed: SIZE }, `round ${round}: store ${run.integrationId} completed`);
    await waitFor(async () => (await qa.boss.getQueueSize(SYNC_QUEUE, { before: 'completed' })) === 0, { what: 'queue drained', timeoutMs: WAIT_MS });
  }
  t.same(overlaps(h.spans), [], 'no store had two executions at once');
  t.equal(h.spans.length, 12, 'each of the 12 runs was claimed exactly once');
  const by = new Set(h.spans.map((s) => s.workerId));
  t.equal(by.size, 2, 'both workers executed runs');
  t.ok(a!.status().handled + b!.status().handled >= 36, `every job, duplicates included, was handled (${a!.status().handled} + ${b!.status().handled})`);
});
