// The sync schema's invariants, held by PostgreSQL itself (migrations/0300-sync.ts).
import t from 'tap';
import { openTestDatabase } from '../helpers/database.js';

t.test('at most one queued/running run per integration; mappings unique both ways', async (t) => {
  const { db } = await openTestDatabase(t);
  const [company] = await db('companies').insert({ name: 'Empresa' }).returning('id');
  const [a, b] = await db('integrations').insert([
    { company_id: company.id, store_code: 'uno', store_name: 'Uno' },
    { company_id: company.id, store_code: 'dos', store_name: 'Dos' },
  ]).returning('id');

  const [run] = await db('sync_runs').insert({ integration_id: a.id }).returning('*');
  t.equal(run.status, 'queued');
  await t.rejects(db('sync_runs').insert({ integration_id: a.id, status: 'running' }), /sync_runs_one_active/, 'a second active run is refused');
  await db('sync_runs').insert({ integration_id: b.id }); // another integration is independent
  await db('sync_runs').where({ id: run.id }).update({ status: 'completed' });
  await db('sync_runs').insert({ integration_id: a.id }); // finished runs do not count
  await t.rejects(db('sync_runs').insert({ integration_id: a.id, status: 'bogus' }), /sync_runs_status_check/);

  const mapping = { integration_id: a.id, catalog_product_id: 'p1', jumpseller_product_id: 10, fingerprints: {} };
  await db('sync_product_mappings').insert(mapping);
  await t.rejects(db('sync_product_mappings').insert({ ...mapping, catalog_product_id: 'p2' }), /unique/, 'one Jumpseller product maps to one catalog product');
  await t.rejects(db('sync_product_mappings').insert({ ...mapping, jumpseller_product_id: 11 }), /duplicate key|unique/);
  await db('sync_product_mappings').insert({ ...mapping, integration_id: b.id }); // per integration
  await db('sync_variant_mappings').insert({ integration_id: a.id, catalog_product_id: 'p1', catalog_variant_id: 'v1', jumpseller_variant_id: 5 });
  await db('sync_product_mappings').where({ integration_id: a.id, catalog_product_id: 'p1' }).delete();
  t.equal((await db('sync_variant_mappings')).length, 0, 'variant mappings go with their product mapping');
});
