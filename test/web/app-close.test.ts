// Who opens the database pool closes it: buildApp without a db opens one and app.close() ends it;
// a db handed in stays the caller's (still usable after app.close()).
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { openTestDatabase } from '../helpers/database.js';
import { testConfig } from '../helpers/app.js';
import { waitFor } from '../helpers/wait-for.js';

const APP_NAME = 'centry-app-close-test';

t.test('the pool the app opened is ended by app.close()', async (t) => {
  const { db, url } = await openTestDatabase(t);
  const appUrl = new URL(url);
  appUrl.searchParams.set('application_name', APP_NAME); // tells the app's connections from the test's
  const app = await buildApp({ config: testConfig({ sandboxUrl: 'http://localhost:1', databaseUrl: appUrl.toString() }) });
  let closed = false;
  t.teardown(() => (closed ? undefined : app.close()));
  const appConnections = async () => Number((await db('pg_stat_activity').where({ application_name: APP_NAME }).count({ n: '*' }))[0]!.n);

  t.equal((await app.inject('/readyz')).statusCode, 200, 'the app reaches the database through its own pool');
  t.ok(await appConnections() >= 1, 'the app holds a connection of its pool');
  await app.close();
  closed = true;
  t.equal(await waitFor(async () => (await appConnections()) === 0 && 'none', { what: "the app's connections to end" }), 'none',
    'after app.close() no connection of its pool is left');
});

t.test('a database handed in stays the caller\'s', async (t) => {
  const { db, url } = await openTestDatabase(t);
  const app = await buildApp({ config: testConfig({ sandboxUrl: 'http://localhost:1', databaseUrl: url }), db });
  t.equal((await app.inject('/readyz')).statusCode, 200);
  await app.close();
  t.same(await db.raw('select 1 as one').then((r) => r.rows), [{ one: 1 }], 'the caller\'s pool still answers after app.close()');
});
