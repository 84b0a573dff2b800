import t from 'tap';
import { randomBytes } from 'node:crypto';
import { createCentrySourceDeps } from '../../src/catalog/centry/centry-wiring.js';
import { pullCentryCatalogs } from '../../src/jobs/centry-pulls.js';
import { openTestDatabase } from '../helpers/database.js';

const silent = { info() {}, warn() {}, error() {} };

t.test('one scheduler pulls at a time; another that ticks meanwhile skips', async (t) => {
  const { db } = await openTestDatabase(t);
  const deps = createCentrySourceDeps({ centry: { clientId: 'a', clientSecret: 'b', url: 'http://localhost:1' }, encryptionKeys: [{ id: 'k', key: randomBytes(32) }] }, db)!;
  const holder = await db.transaction();
  await holder.raw('select pg_advisory_xact_lock(?)', [0x63656e74]);
  t.equal(await pullCentryCatalogs(db, deps, silent), false, 'skipped while another holds the round');
  await holder.commit();
  t.equal(await pullCentryCatalogs(db, deps, silent), true, 'runs once the lock is free');
});

t.test('without a Centry application there is nothing to pull', async (t) => {
  const { db } = await openTestDatabase(t);
  t.equal(createCentrySourceDeps({ centry: { clientId: undefined, clientSecret: undefined, url: 'http://x' }, encryptionKeys: [{ id: 'k', key: randomBytes(32) }] }, db), null);
});
