// A targeted run (Centry webhook): only the named products are planned — changed ones updated, a
// deleted one unpublished — and requests arriving while it waits join it.
import t from 'tap';
import { requestSync } from '../../src/jobs/sync-requests.js';
import { runSync } from '../../src/jobs/run-sync.js';
import { expectedProjection, openSyncHarness, projectionDiff } from '../helpers/sync.js';

t.test('targeted runs', async (t) => {
  const h = await openSyncHarness(t, { size: 20 });
  await h.sync();
  const company = h.integration.companyId;
  const ids: string[] = (await h.database.db('sync_product_mappings').pluck('catalog_product_id')).sort();
  const [a, b, gone] = await h.services.catalog.getProducts(company, ids.slice(0, 3) as never);
  await h.services.catalog.upsertProducts(company, [a!, b!].map((p) => ({ ...p, name: `${p.name} (webhook)`, updatedAt: new Date() })));
  await h.services.catalog.deleteProduct(company, gone!.id);

  const first = await requestSync(h.services, h.integration.id, 'webhook', [a!.id, gone!.id]);
  const second = await requestSync(h.services, h.integration.id, 'webhook', [b!.id, a!.id]);
  t.match(second, { outcome: 'merged' }, 'a second webhook joins the waiting run');
  if (first.outcome !== 'started') throw new Error('enqueue');
  const full = await requestSync(h.services, h.integration.id, 'schedule');
  t.match(full, { outcome: 'already_active' }, 'and a full run waits for it');

  const from = h.store.log.length;
  t.equal(await runSync(h.services, first.run.id, { workerId: 'w' }), 'completed');
  const run = (await h.services.runs.get(first.run.id))!;
  t.match(run, { trigger: 'webhook', total: 3, processed: 3, updated: 2, unpublished: 1, failed: 0 });
  t.equal(h.store.log.slice(from).filter((c) => c.method !== 'GET').length, 3, 'three writes: two updates, one unpublish');
  t.same(projectionDiff(h.store, await expectedProjection(h)), []);
});
