// `npm start` whose port is taken stops with one line naming the variable to change, and leaves
// no database behind (SPEC §8: never `Fatal: undefined`).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import t from 'tap';
import { request } from 'undici';
import { freePort, openTestDatabase } from '../helpers/database.js';
import { waitFor } from '../helpers/wait-for.js';

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

// ADR 0020: a web process's health check must not queue behind webhook bursts in the main port's
// accept queue, so with HEALTH_PORT set a web process answers /healthz and /readyz on a listener of
// its own too (before, only a process without the web role did).
t.test('HEALTH_PORT: a web process answers /healthz and /readyz on a listener of its own', async (t) => {
  const database = await openTestDatabase(t);
  const [port, healthPort] = [await freePort(), await freePort()];
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH, APP_MODE: 'production', ROLES: 'web', HOST: '127.0.0.1', PORT: String(port), HEALTH_PORT: String(healthPort),
    LOG_LEVEL: 'warn', DATABASE_URL: database.url, APP_URL: `http://127.0.0.1:${port}`,
    JUMPSELLER_CLIENT_ID: 'health-test', JUMPSELLER_CLIENT_SECRET: 'health-test-secret',
    ENCRYPTION_KEY: `k1:${Buffer.alloc(32, 7).toString('base64')}`, SESSION_SECRET: 's'.repeat(40),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  t.teardown(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
  const get = async (p: number, path: string) => {
    const r = await request(`http://127.0.0.1:${p}${path}`);
    return { status: r.statusCode, body: await r.body.text() };
  };
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`the process exited:\n${output}`);
    return (await get(port, '/healthz').catch(() => null))?.status === 200;
  }, { what: 'the web process to listen', timeoutMs: 60_000 });
  t.match(await get(healthPort, '/healthz'), { status: 200 }, '/healthz on HEALTH_PORT');
  t.match(await get(healthPort, '/readyz'), { status: 200, body: /"status":"ready"/ }, '/readyz on HEALTH_PORT');
  t.match(await get(port, '/healthz'), { status: 200 }, 'and still on the main port');
  t.match(output, new RegExp(`health: http://127\\.0\\.0\\.1:${healthPort}/readyz`), 'the banner names it');
  child.kill('SIGTERM');
  t.equal(await exited, 0, 'SIGTERM stops both listeners cleanly');
});
