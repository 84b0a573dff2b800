// The database and config a command-line tool works with: --database-url, else DATABASE_URL, else
// (local mode) the embedded PostgreSQL of `npm start` — the running one when it answers, otherwise
// started here for the duration of the command. Local databases are migrated first.
import pg from 'pg';
import { parseEnv, productionConfig, type Config } from '../config.js';
import { embeddedUrl } from '../db/embedded-postgres.js';
import { createDb, migrateLatest, type Db } from '../db/knex.js';
import { resolveLocalConfig } from './local-config.js';
import { readLocalDatabaseRecord, startLocalDatabase } from './local-database.js';

async function answers(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export interface CliDatabase { config: Config; db: Db; close(): Promise<void> }

export async function openCliDatabase(opts: { databaseUrl?: string; migrate?: boolean } = {}): Promise<CliDatabase> {
  const env = parseEnv(process.env);
  let url = opts.databaseUrl ?? env.DATABASE_URL;
  let stopLocal = async () => {};
  if (!url && env.APP_MODE === 'local') {
    const record = await readLocalDatabaseRecord(env.DATA_DIR);
    const running = record && embeddedUrl(record.port);
    if (running && await answers(running)) url = running;
    else {
      const local = await startLocalDatabase(env.DATA_DIR);
      url = local.url;
      stopLocal = local.stop;
    }
  }
  const config = env.APP_MODE === 'local' ? await resolveLocalConfig(env, process.env, url!) : productionConfig(env);
  const db = createDb(url ?? config.databaseUrl!, 4);
  if (opts.migrate ?? env.APP_MODE === 'local') await migrateLatest(db);
  return { config, db, close: async () => { await db.destroy(); await stopLocal(); } };
}
