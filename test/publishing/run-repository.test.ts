// Runs against a real PostgreSQL: one active run per integration, claim/heartbeat/takeover,
// cancellation, counters and error lines, tenant scope.
import t from 'tap';
import { companyId, integrationId } from '../../src/company/model.js';
import { createRunRepository } from '../../src/publishing/storage/run-repository.js';
import { runId, zeroCounters } from '../../src/publishing/run-model.js';
import { openTestDatabase } from '../helpers/database.js';

t.test('run repository', async (t) => {
  const { db } = await openTestDatabase(t);
  const runs = createRunRepository(db);
  const [c1, c2] = await db('companies').insert([{ name: 'Uno' }, { name: 'Dos' }]).returning('id');
  const [i1, i2] = (await db('integrations').insert([
    { company_id: c1.id, store_code: 'uno', store_name: 'Uno' }, { company_id: c2.id, store_code: 'dos', store_name: 'Dos' },
  ]).returning('id')).map((r) => integrationId(r.id));

  const first = await runs.enqueue(i1!, 'manual');
  if (!first.ok) throw new Error('first enqueue must succeed');
  t.equal(first.run.status, 'queued');
  const second = await runs.enqueue(i1!, 'schedule');
  t.match(second, { ok: false, reason: 'ALREADY_ACTIVE', run: { id: first.run.id } }, 'a second press finds the active run');
  await db.transaction(async (tx) => {
    const again = await runs.enqueue(i1!, 'manual', null, tx);
    t.equal(again.ok, false);
    await tx('companies').where({ id: c1.id }).first(); // the transaction survived the refusal
  });

  t.equal((await runs.findForCompany(companyId(c2.id), first.run.id)), undefined, 'another company cannot see it');
  t.ok(await runs.findForCompany(companyId(c1.id), first.run.id));

  const claimed = await runs.claim(first.run.id, 'w1', 30_000);
  t.match(claimed, { status: 'running', workerId: 'w1' });
  t.equal(await runs.claim(first.run.id, 'w2', 30_000), undefined, 'a live worker keeps its run');
  const beat = async (workerId: string) => (await runs.beat(workerId, [{ id: first.run.id, counters: { ...zeroCounters(), total: 10 } }])).get(first.run.id) ?? 'lost';
  t.same(await beat('w1'), { cancelRequested: false });
  await db('sync_runs').where({ id: first.run.id }).update({ heartbeat_at: db.raw(`now() - interval '1 minute'`) });
  t.same((await runs.orphaned(30_000)).map((r) => r.id), [first.run.id], 'a silent worker leaves an orphan');
  t.match(await runs.claim(first.run.id, 'w2', 30_000), { workerId: 'w2' }, 'taken over after the heartbeat went stale');
  t.equal(await beat('w1'), 'lost', 'the old worker learns it lost the run');

  await runs.saveProgress(first.run.id, { ...zeroCounters(), total: 10, processed: 3, created: 3 },
    { phase: 'catalog', after: 'p3', counters: { ...zeroCounters(), total: 10, processed: 3, created: 3 }, lastErrorId: 0 });
  await runs.recordError(first.run.id, { catalogProductId: 'p4', sku: 'A-4', name: 'Cuatro', operation: 'crear', message: 'price: no' });
  await runs.recordError(first.run.id, { catalogProductId: 'p4', sku: 'A-4', name: 'Cuatro', operation: 'crear', message: 'otra vez' });
  t.match(await runs.errors(first.run.id, 10), [{ sku: 'A-4', message: 'otra vez' }], 'one line per product');
  const lastId = await runs.lastErrorId(first.run.id);
  await runs.recordError(first.run.id, { catalogProductId: 'p5', sku: 'A-5', name: 'Cinco', operation: 'crear', message: 'x' });
  await runs.dropErrorsAfter(first.run.id, lastId);
  t.equal((await runs.errors(first.run.id, 10)).length, 1);

  t.match(await runs.requestCancel(first.run.id), { status: 'running', cancelRequested: true }, 'a running run is stopped by its worker');
  t.same(await beat('w2'), { cancelRequested: true });
  await runs.finish(first.run.id, 'cancelled', { ...zeroCounters(), total: 10, processed: 4 });
  t.match(await runs.get(first.run.id), { status: 'cancelled', processed: 4, checkpoint: { after: 'p3' } });

  const queued = await runs.enqueue(i1!, 'manual');
  if (!queued.ok) throw new Error('a finished run frees the integration');
  t.match(await runs.requestCancel(queued.run.id), { status: 'cancelled' }, 'a queued run is cancelled at once');
  t.same((await runs.recent(i1!, 5)).map((r) => r.status), ['cancelled', 'cancelled']);
  t.equal(await runs.active(i1!), undefined);
  t.ok((await runs.enqueue(i2!, 'manual')).ok);
  t.equal(await runs.get(runId(999_999)), undefined);
});

t.test('the pending set: taken when a run starts, removed when it completes, never lost', async (t) => {
  const { db } = await openTestDatabase(t);
  const runs = createRunRepository(db);
  const [c] = await db('companies').insert([{ name: 'Uno' }]).returning('id');
  const [row] = await db('integrations').insert([{ company_id: c.id, store_code: 'uno', store_name: 'Uno' }]).returning('id');
  const i = integrationId(row.id);
  const pending = async () => Object.fromEntries((await db('sync_pending_products').where({ integration_id: i }).orderBy('catalog_product_id'))
    .map((r) => [r.catalog_product_id, r.run_id]));

  await runs.addPending(i, ['a', 'b']);
  const queued = await runs.enqueue(i, 'webhook', ['a']);
  if (!queued.ok) throw new Error('enqueue');
  await runs.addPending(i, ['c']); // while it waits
  const started = await runs.claim(queued.run.id, 'w1', 30_000);
  t.same(started?.productIds, ['a', 'b', 'c'], 'a starting targeted run takes every waiting product');
  t.same(await pending(), { a: queued.run.id, b: queued.run.id, c: queued.run.id });

  await runs.addPending(i, ['b', 'd']); // while it executes: b may already have been read
  t.same(await pending(), { a: queued.run.id, b: null, c: queued.run.id, d: null }, 'a change requested again goes back to waiting');
  await db('sync_runs').where({ id: queued.run.id }).update({ heartbeat_at: db.raw(`now() - interval '1 minute'`) });
  const resumed = await runs.claim(queued.run.id, 'w2', 30_000);
  t.same(resumed?.productIds, ['a', 'b', 'c'], 'a run resumed after its worker died keeps its products and takes no others');
  t.same(await pending(), { a: queued.run.id, b: null, c: queued.run.id, d: null }, 'nothing was removed by the dead worker');

  const next = await runs.finish(queued.run.id, 'completed', zeroCounters());
  t.match(next, { status: 'queued', trigger: 'webhook', productIds: ['b', 'd'] }, 'completing queues the follow-up at once');
  t.same(await pending(), { b: null, d: null }, 'only what the run carried is removed');
  t.equal((await runs.active(i))?.id, next?.id);

  const second = await runs.claim(next!.id, 'w1', 30_000);
  t.same(second?.productIds, ['b', 'd']);
  t.equal(await runs.finish(next!.id, 'failed', zeroCounters(), 'boom'), undefined, 'a failed run queues nothing');
  t.same(await pending(), { b: null, d: null }, 'its products wait for the next run');

  const full = await runs.enqueue(i, 'manual');
  if (!full.ok) throw new Error('enqueue');
  t.equal((await runs.claim(full.run.id, 'w1', 30_000))?.productIds, null, 'a full run stays a full run');
  t.same(await pending(), { b: full.run.id, d: full.run.id }, 'and covers the waiting products');
  await runs.requestCancel(full.run.id);
  t.equal(await runs.finish(full.run.id, 'cancelled', zeroCounters()), undefined, 'a cancelled run queues nothing');
  t.same(await pending(), { b: null, d: null });

  const last = await runs.enqueue(i, 'schedule');
  if (!last.ok) throw new Error('enqueue');
  await runs.claim(last.run.id, 'w1', 30_000);
  t.equal(await runs.finish(last.run.id, 'completed_with_errors', zeroCounters()), undefined, 'nothing waiting: no follow-up');
  t.same(await pending(), {}, 'the pending set is empty');
  t.equal(await runs.active(i), undefined);

  // A process that died between recording a change and asking for its run: the sweep asks for it.
  await runs.addPending(i, ['e']);
  t.same(await runs.queueStrandedPending(60_000), [], 'not before it is stale');
  await db('sync_runs').where({ integration_id: i }).update({ finished_at: db.raw(`now() - interval '10 minutes'`) });
  await db('sync_pending_products').update({ requested_at: db.raw(`now() - interval '2 minutes'`) });
  const stranded = await runs.queueStrandedPending(60_000);
  t.match(stranded, [{ status: 'queued', trigger: 'webhook', productIds: ['e'] }], 'a targeted run for the stranded change');
  t.same(await runs.queueStrandedPending(60_000), [], 'once: that run is active now');
  await runs.claim(stranded[0]!.id, 'w1', 30_000);
  await runs.finish(stranded[0]!.id, 'failed', zeroCounters(), 'boom');
  t.same(await pending(), { e: null });
  await db('sync_pending_products').update({ requested_at: db.raw(`now() - interval '2 minutes'`) });
  t.same(await runs.queueStrandedPending(60_000), [], 'a run that failed after the request left it for the next run on purpose');
});
