import t from 'tap';
import { buildApp } from '../../src/app.js';
import { createDb } from '../../src/db/knex.js';
import { freePort } from '../helpers/database.js';
import { testConfig } from '../helpers/app.js';

t.test('readyz answers 503 when the database is unreachable, healthz stays up', async (t) => {
  const url = `postgres://nobody:x@127.0.0.1:${await freePort()}/none`;
  const db = createDb(url, 1);
  t.teardown(() => db.destroy());
  const app = await buildApp({ config: testConfig({ sandboxUrl: 'http://localhost:1', databaseUrl: url }), db });
  t.teardown(() => app.close());
  t.equal((await app.inject('/healthz')).statusCode, 200);
  const ready = await app.inject('/readyz');
  t.equal(ready.statusCode, 503);
  t.same(ready.json(), { status: 'unavailable', reason: 'database' });
});
