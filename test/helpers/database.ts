// A real, migrated PostgreSQL per test process: a fresh embedded cluster copied from a cached
// initdb template (fast), or a fresh database on TEST_DATABASE_URL's server when given.
import { mkdir, rename, rm } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freeLocalPort, initCluster, startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { reachableDir } from '../../src/db/postgres-home.js';
import { createDb, migrateLatest, type Db } from '../../src/db/knex.js';

// As root in a folder the postgres user cannot enter, the clusters live in a stand-in under
// /var/tmp instead (ADR 0014); everywhere else, here.
const WANTED_ROOT = path.resolve(import.meta.dirname, '../../.data/test');

/** A TCP port free on loopback right now (the one implementation, in src/db/embedded-postgres.ts). */
export const freePort = freeLocalPort;

/** The folder of the template and of every test process's copy. */
const testRoot = (() => {
  let root: Promise<string> | undefined;
  return () => (root ??= reachableDir(WANTED_ROOT));
})();

async function ensureTemplate(): Promise<string> {
  const root = await testRoot();
  const TEMPLATE = path.join(root, 'template');
  if (existsSync(path.join(TEMPLATE, 'PG_VERSION'))) return TEMPLATE;
  await mkdir(root, { recursive: true });
  const tmp = `${TEMPLATE}-${process.pid}-${randomBytes(3).toString('hex')}`;
  await initCluster(tmp);
  try {
    await rename(tmp, TEMPLATE); // atomic: a concurrent process that lost the race keeps its own copy
  } catch {
    await rm(tmp, { recursive: true, force: true });
  }
  return TEMPLATE;
}

export interface TestDatabase {
  db: Db;
  url: string;
  close(): Promise<void>;
}

interface Teardown { teardown(fn: () => Promise<void> | void): void }

/** Opens a migrated database for this test file; closed by `t.teardown`. */
export async function openTestDatabase(t?: Teardown, opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let url: string;
  let stopServer: () => Promise<void>;
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    const name = `test_${process.pid}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    const u = new URL(external);
    u.pathname = `/${name}`;
    url = u.toString();
    stopServer = async () => {
      const c = new pg.Client({ connectionString: external });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    };
  } else {
    const template = await ensureTemplate();
    const dir = path.join(await testRoot(), `run-${process.pid}-${randomBytes(3).toString('hex')}`);
    // cp -a keeps the owner (the postgres OS user when running as root) and the 0700 mode.
    await promisify(execFile)('cp', ['-a', template, dir]);
    const embedded = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), ephemeral: true, database: 'test' });
    url = embedded.url;
    stopServer = async () => {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const db = createDb(url, 8);
  if (opts.migrate !== false) await migrateLatest(db);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await db.destroy();
    await stopServer();
  };
  t?.teardown(close);
  return { db, url, close };
}
