// One heartbeat statement per tick for every run of a worker (src/publishing/run/run-beats.ts), against
// a real PostgreSQL: every member's heartbeat and counters advance in that one statement, a run
// taken over by another worker is told it was lost, a cancel reaches its run, and when a worker
// stops beating its runs go stale and another worker takes them over. Ticks are driven by hand
// (the interval is an hour): nothing here waits for a clock.
import t from 'tap';
import { integrationId } from '../../src/company/model.js';
import { startRunBeats, type BeatSignal } from '../../src/publishing/run/run-beats.js';
import { zeroCounters, type RunCounters, type RunId } from '../../src/publishing/run-model.js';
import { createRunRepository } from '../../src/publishing/storage/run-repository.js';
import { openTestDatabase } from '../helpers/database.js';

const HOUR = 3_600_000;
const RUNS = 12;

t.test('one worker, many runs: one statement per tick beats them all; lost, cancelled and stale runs', async (t) => {
  const { db } = await openTestDatabase(t);
  const runs = createRunRepository(db);
  const [company] = await db('companies').insert([{ name: 'Flota' }]).returning('id');
  const rows = await db('integrations').insert(Array.from({ length: RUNS }, (_, i) => ({ company_id: company.id, store_code: `t${i}`, store_name: `T${i}` }))).returning('id');
  const ids: RunId[] = [];
  for (const row of rows) {
    const q = await runs.enqueue(integrationId(row.id), 'manual');
    if (!q.ok) throw new Error('enqueue');
    await runs.claim(q.run.id, 'w1', 30_000);
    ids.push(q.run.id);
  }
  // As if the last beat were a minute old: a beat must bring every heartbeat back to now.
  const age = async () => db('sync_runs').whereIn('id', ids).update({ heartbeat_at: db.raw(`now() - interval '1 minute'`) });
  const stale = async () => (await db('sync_runs').whereIn('id', ids).where('heartbeat_at', '<', db.raw(`now() - interval '30 seconds'`)).pluck('id')).sort((a, b) => a - b);
  await age();

  const beats = startRunBeats(runs, 'w1', HOUR);
  t.teardown(() => beats.stop());
  const counters = new Map<RunId, RunCounters>(ids.map((id, i) => [id, { ...zeroCounters(), total: 100, processed: i, created: i }]));
  const signals = new Map<RunId, BeatSignal[]>(ids.map((id) => [id, []]));
  const leave = new Map(ids.map((id) => [id, beats.join(id, () => counters.get(id)!, (s) => signals.get(id)!.push(s))]));

  let statements = 0;
  const count = () => { statements += 1; };
  db.on('query', count);
  await beats.tick();
  db.off('query', count);
  t.equal(statements, 1, `one statement beats all ${RUNS} runs`);
  t.same(await stale(), [], 'every run’s heartbeat advanced');
  const written = await db('sync_runs').whereIn('id', ids).orderBy('id').select('id', 'processed', 'created', 'total');
  t.same(written.map((r) => [r.processed, r.created, r.total]), ids.map((_, i) => [i, i, 100]), 'with each run’s live counters');
  t.same([...signals.values()].flat(), [], 'nobody lost or cancelled');

  // Another worker takes one run over (its heartbeat went stale), another run is cancelled, a third
  // ends while a beat is under way (it had not left yet), a fourth has left.
  const [taken, cancelled, ended, left] = [ids[0]!, ids[1]!, ids[2]!, ids[4]!];
  await db('sync_runs').where({ id: taken }).update({ heartbeat_at: db.raw(`now() - interval '1 minute'`) });
  t.ok(await runs.claim(taken, 'w2', 30_000), 'w2 takes over the run whose heartbeat went stale');
  await runs.requestCancel(cancelled);
  leave.get(left)!();
  counters.get(ended)!.processed = 99;
  await runs.finish(ended, 'completed', { ...zeroCounters(), total: 100, processed: 100, created: 100 });
  counters.get(ids[3]!)!.processed = 50;
  await beats.tick();
  t.same(signals.get(taken), ['lost'], 'the run taken over learns it was lost');
  t.same(signals.get(cancelled), ['cancelled'], 'the cancelled run learns it');
  t.same(signals.get(ended), ['lost'], 'a run that ended is not this worker’s any more');
  t.same(signals.get(left), [], 'a run that left is not told anything');
  t.same(ids.slice(3).flatMap((id) => signals.get(id)!), [], 'the others beat on');
  t.match(await runs.get(taken), { workerId: 'w2' }, 'the lost run stays with its new worker');
  t.match(await runs.get(ended), { status: 'completed', processed: 100 }, 'a beat never writes over an ended run');
  t.match(await runs.get(ids[3]!), { processed: 50 });

  // The worker stops beating (killed): once its heartbeats are old, its runs are orphans and another worker takes them.
  beats.stop();
  await age();
  const mine = ids.slice(1).filter((id) => id !== ended);
  leave.get(ended)!();
  t.same((await runs.orphaned(30_000)).map((r) => r.id).sort((a, b) => a - b), [taken, ...mine].sort((a, b) => a - b), 'every silent run is an orphan');
  for (const id of mine) t.match(await runs.claim(id, 'w3', 30_000), { workerId: 'w3', status: 'running' }, `run ${id} taken over`);
});

t.test('a tick with no run writes nothing; a failed beat is retried at the next tick', async (t) => {
  const calls: number[] = [];
  let fail = true;
  const beats = startRunBeats({
    async beat(_w, batch) {
      calls.push(batch.length);
      if (fail) throw new Error('database down');
      return new Map(batch.map((b) => [b.id, { cancelRequested: false }]));
    },
  }, 'w1', HOUR);
  t.teardown(() => beats.stop());
  await beats.tick();
  t.same(calls, [], 'no statement without a run');
  const signals: BeatSignal[] = [];
  beats.join(1 as RunId, zeroCounters, (s) => signals.push(s));
  await beats.tick();
  fail = false;
  await beats.tick();
  t.same(calls, [1, 1], 'the failed beat was tried again');
  t.same(signals, [], 'a failed beat is not a lost run');
});
