// Runs against a real PostgreSQL: one active run per integration, claim/heartbeat/takeover,
// cancellation, counters and error lines, tenant scope.
import t from 'tap';
import { companyId, integrationId } from '../../src/company/model.js';
import { createRunRepository } from '../../src/publishing/run-repository.js';
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
  t.same(await runs.heartbeat(first.run.id, 'w1'), { cancelRequested: false });
  await db('sync_runs').where({ id: first.run.id }).update({ heartbeat_at: db.raw(`now() - interval '1 minute'`) });
  t.same((await runs.orphaned(30_000)).map((r) => r.id), [first.run.id], 'a silent worker leaves an orphan');
  t.match(await runs.claim(first.run.id, 'w2', 30_000), { workerId: 'w2' }, 'taken over after the heartbeat went stale');
  t.equal(await runs.heartbeat(first.run.id, 'w1'), 'lost', 'the old worker learns it lost the run');

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
  t.same(await runs.heartbeat(first.run.id, 'w2'), { cancelRequested: true });
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
