// Two `npm start` on one machine, each with its own DATA_DIR, run side by side (SPEC §8): each
// embedded PostgreSQL takes a port free when it first started and keeps it in DATA_DIR/postgres.json.
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import t from 'tap';
import { EmbeddedPostgresError, type EmbeddedDatabase } from '../../src/db/embedded-postgres.js';
import { startLocalDatabase } from '../../src/local/local-database.js';

async function answers(db: EmbeddedDatabase): Promise<number> {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try { return (await c.query('select inet_server_port() as port')).rows[0].port as number; } finally { await c.end(); }
}

/** As root out of the postgres user's reach, the cluster is in a stand-in folder under /var/tmp. */
async function removeStandIn(db: EmbeddedDatabase, root: string): Promise<void> {
  if (!db.dataDir.startsWith(root)) await rm(path.dirname(db.dataDir), { recursive: true, force: true });
}

t.test('two DATA_DIRs: two databases on two ports, each remembered; the same DATA_DIR twice is refused by name', async (t) => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'cj-two-'));
  const started: EmbeddedDatabase[] = [];
  t.teardown(async () => {
    for (const db of started) await db.stop();
    for (const db of started) await removeStandIn(db, root);
    await rm(root, { recursive: true, force: true });
  });
  const [a, b] = await Promise.all(['a', 'b'].map((n) => startLocalDatabase(path.join(root, n))));
  started.push(a!, b!);
  t.not(a!.port, b!.port, `two ports: ${a!.port} and ${b!.port}`);
  t.equal(await answers(a!), a!.port, 'the first answers');
  t.equal(await answers(b!), b!.port, 'the second answers');
  const record = JSON.parse(await readFile(path.join(root, 'a', 'postgres.json'), 'utf8'));
  t.same(record, { port: a!.port, dataDir: a!.dataDir }, 'port and cluster remembered in DATA_DIR');

  const twice = await startLocalDatabase(path.join(root, 'a')).then((db) => { started.push(db); return 'started'; }, (e: Error) => e);
  t.type(twice, EmbeddedPostgresError, 'a second start on a running DATA_DIR fails');
  t.match((twice as Error).message, /ya está corriendo.*DATA_DIR/, (twice as Error).message);
  t.notMatch((twice as Error).message, /undefined/);
});

t.test('a remembered port taken by another program: the database moves to a free one and remembers it', async (t) => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'cj-moved-'));
  const dataDir = path.join(root, 'data');
  const first = await startLocalDatabase(dataDir);
  await first.stop();
  const squatter = net.createServer();
  await new Promise<void>((resolve) => squatter.listen(first.port, '127.0.0.1', resolve));
  let second: EmbeddedDatabase | undefined;
  t.teardown(async () => {
    await second?.stop();
    squatter.close();
    await removeStandIn(first, root);
    await rm(root, { recursive: true, force: true });
  });
  second = await startLocalDatabase(dataDir);
  t.not(second.port, first.port, 'another port');
  t.equal(second.dataDir, first.dataDir, 'the same cluster');
  t.equal(await answers(second), second.port);
  t.equal(JSON.parse(await readFile(path.join(dataDir, 'postgres.json'), 'utf8')).port, second.port, 'the new port is remembered');
});
