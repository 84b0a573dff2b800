// As root in a folder only root may enter (`/root/app`, a `mktemp -d` folder) the embedded
// PostgreSQL — run as the postgres user — must still start (SPEC §8, ADR 0014): its cluster and,
// when needed, its binaries go to a stand-in under /var/tmp that user can reach.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import t, { type Test } from 'tap';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { canEnter, isRoot, postgresProgram, postgresUser, reachableProgram } from '../../src/db/postgres-home.js';
import { startLocalDatabase } from '../../src/local/local-database.js';

const skip = isRoot() ? false : 'runs only as root: as any other user PostgreSQL runs as that user, who can enter its own folders';

async function lockedBox(t: Test): Promise<string> {
  const box = await mkdtemp(path.join(os.tmpdir(), 'cj-root-only-'));
  t.teardown(() => rm(box, { recursive: true, force: true }));
  t.equal(statSync(box).mode & 0o777, 0o700, 'the folder is 0700');
  t.notOk(canEnter(box, (await postgresUser())!), 'the postgres user cannot enter it');
  return box;
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { return (await c.query(sql)).rows; } finally { await c.end(); }
}

t.test('a cluster asked for inside a 0700 folder starts, elsewhere, and goes on stop', { skip }, async (t) => {
  const box = await lockedBox(t);
  const wanted = path.join(box, 'app', '.data', 'test', 'run');
  const db = await startEmbeddedPostgres({ dataDir: wanted, ephemeral: true, database: 'test' });
  t.teardown(async () => { await db.stop(); await rm(path.dirname(db.dataDir), { recursive: true, force: true }); });
  t.notOk(db.dataDir.startsWith(box), `the cluster lives out of the locked folder: ${db.dataDir}`);
  t.ok(canEnter(db.dataDir, (await postgresUser())!), 'where the postgres user can reach it');
  t.same(await query(db.url, 'select 1 as one'), [{ one: 1 }], 'and answers');
  await db.stop();
  t.notOk(existsSync(db.dataDir), 'an ephemeral cluster is removed on stop');
});

t.test('npm start from a 0700 folder: the database comes back with its data on the next start', { skip }, async (t) => {
  const box = await lockedBox(t);
  const dataDir = path.join(box, 'app', '.data');
  const first = await startLocalDatabase(dataDir);
  let again: Awaited<ReturnType<typeof startLocalDatabase>> | undefined;
  t.teardown(async () => {
    await again?.stop();
    await first.stop();
    await rm(path.dirname(first.dataDir), { recursive: true, force: true });
  });
  await query(first.url, 'create table kept (v text); insert into kept values (\'sí\')');
  await first.stop();
  again = await startLocalDatabase(dataDir);
  t.equal(again.dataDir, first.dataDir, 'the same cluster (remembered in DATA_DIR/postgres.json)');
  t.equal(again.port, first.port, 'on the same port while it is free');
  t.same(await query(again.url, 'select v from kept'), [{ v: 'sí' }], 'with its data');
});

t.test('binaries out of the postgres user\'s reach are run from a copy it can reach', { skip }, async (t) => {
  const box = await lockedBox(t);
  const installed = path.dirname(path.dirname((await postgresProgram()).initdb));
  const native = path.join(box, 'node_modules', 'native');
  await mkdir(path.dirname(native));
  t.equal(spawnSync('cp', ['-a', installed, native]).status, 0, 'a package unpacked in the locked folder');
  const version = `test-${randomBytes(4).toString('hex')}`;
  const program = await reachableProgram(native, version);
  t.teardown(() => rm(path.dirname(path.dirname(program.initdb)), { recursive: true, force: true }));
  t.notOk(program.initdb.startsWith(box), `runs from ${path.dirname(program.initdb)}`);
  const user = (await postgresUser())!;
  for (const bin of [program.initdb, program.postgres]) {
    const r = spawnSync(bin, ['--version'], { uid: user.uid, gid: user.gid, encoding: 'utf8' });
    t.match(r.stdout, /PostgreSQL\) \d+/, `${path.basename(bin)} runs as the postgres user`);
  }
  t.same(await reachableProgram(native, version), program, 'the copy is made once and reused');
});
