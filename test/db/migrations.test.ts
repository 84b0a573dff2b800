import t from 'tap';
import { openTestDatabase } from '../helpers/database.js';
import { migrateLatest, migrateRollbackAll, migrationConfig } from '../../src/db/knex.js';

t.test('every migration goes up, all the way down, and up again', async (t) => {
  const { db } = await openTestDatabase(t, { migrate: false });
  const applied = await migrateLatest(db);
  t.ok(applied.length >= 1, `applied ${applied.join(', ')}`);
  t.ok(applied.every((n) => !/\.(ts|js)$/.test(n)), 'names are recorded without extension (runtime-independent)');
  t.ok(await db.schema.hasTable('integrations'));
  await migrateRollbackAll(db);
  const left = await db.raw(`select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'knex_%'`);
  t.same(left.rows, [], 'down removes every table');
  t.same(await migrateLatest(db), applied, 'up again applies the same list');
  const [, pending] = (await db.migrate.list(migrationConfig)) as [unknown[], unknown[]];
  t.equal(pending.length, 0);
});
