// Migration 0340: an unconfirmed create's price moves from the API decimal in a double to integer
// minor units (bigint) of its integration's currency, rows converted; down converts back.
import t from 'tap';
import { migrationConfig } from '../../src/db/knex.js';
import { openTestDatabase } from '../helpers/database.js';

t.test('0340 converts pending-create prices to minor units of each store currency, and back', async (t) => {
  const { db } = await openTestDatabase(t, { migrate: false });
  const done = async () => ((await db.migrate.list(migrationConfig)) as [{ name: string }[], unknown[]])[0].map((m) => m.name);
  while (!(await done()).includes('0301-pending-creates')) await db.migrate.up(migrationConfig);
  const [company] = await db('companies').insert({ name: 'Tienda' }).returning('id');
  const integration = async (currency: string) =>
    (await db('integrations').insert({ company_id: company.id, store_code: `s-${currency}`, store_name: currency, currency }).returning('id'))[0].id as number;
  const usd = await integration('USD');
  const clp = await integration('CLP');
  const cases: [number, string, number, number][] = [
    [usd, 'a', 12.99, 1299], [usd, 'b', 0.1 + 0.2, 30], [usd, 'c', 14.990000000000002, 1499], [usd, 'd', 9_999_999_999_999.99, 999_999_999_999_999],
    [clp, 'e', 19990, 19990], [clp, 'f', 0, 0],
  ];
  for (const [i, id, price] of cases) await db('sync_pending_creates').insert({ integration_id: i, catalog_product_id: id, name: 'x', price });

  const name = '0340-pending-creates-minor-units';
  while (!(await done()).includes(name)) await db.migrate.up(migrationConfig); // and any other helper's in between
  const rows = await db('sync_pending_creates').orderBy('catalog_product_id');
  t.strictSame(rows.map((r) => [r.catalog_product_id, Number(r.price)]), cases.map(([, id, , minor]) => [id, minor]), 'minor units, by currency');
  const type = await db.raw(`select data_type, is_nullable from information_schema.columns where table_name = 'sync_pending_creates' and column_name = 'price'`);
  t.strictSame(type.rows[0], { data_type: 'bigint', is_nullable: 'NO' });

  await db.migrate.down({ ...migrationConfig, name });
  const back = await db('sync_pending_creates').orderBy('catalog_product_id');
  t.strictSame(back.map((r) => [r.catalog_product_id, r.price]), [
    ['a', 12.99], ['b', 0.3], ['c', 14.99], ['d', 9_999_999_999_999.99], ['e', 19990], ['f', 0],
  ], 'down: the API decimal again');
});
