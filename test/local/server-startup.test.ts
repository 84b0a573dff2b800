// `npm start` whose port is taken stops with one line naming the variable to change, and leaves
// no database behind (SPEC §8: never `Fatal: undefined`).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import t from 'tap';
import { freePort } from '../helpers/database.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

t.test('PORT in use: the message names PORT and the fix; the embedded database is stopped', async (t) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cj-start-'));
  const taken = net.createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as net.AddressInfo).port;
  let cluster: string | undefined;
  t.teardown(async () => {
    taken.close();
    if (cluster && !cluster.startsWith(dataDir)) await rm(path.dirname(cluster), { recursive: true, force: true }); // its stand-in, as root
    await rm(dataDir, { recursive: true, force: true });
  });
  const env: Record<string, string | undefined> = {
    ...process.env, APP_MODE: 'local', HOST: '127.0.0.1', PORT: String(port), SANDBOX_PORT: String(await freePort()),
    CENTRY_SANDBOX_PORT: String(await freePort()), DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO_CATALOG_SIZE: '5',
    DATABASE_URL: undefined, JUMPSELLER_CLIENT_ID: undefined, NODE_OPTIONS: undefined,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  child.stdout.resume();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  t.equal(code, 1, 'exits 1');
  t.match(stderr, new RegExp(`puerto ${port} ya está en uso \\(PORT\\).*PORT=${port + 1} npm start`), stderr.trim());
  t.notMatch(stderr, /undefined|Fatal/);
  const record = JSON.parse(await readFile(path.join(dataDir, 'postgres.json'), 'utf8')) as { port: number; dataDir: string };
  cluster = record.dataDir;
  const c = new pg.Client({ host: '127.0.0.1', port: record.port, user: 'postgres', password: 'postgres', database: 'postgres', connectionTimeoutMillis: 2000 });
  await t.rejects(c.connect(), 'its database was stopped on the way out');
});
