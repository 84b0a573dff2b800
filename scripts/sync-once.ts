// `npm run sync -- --integration <id>` runs one sync of a store here and now (SPEC §7), printing its
// progress, and exits 0 when it completed, 1 when it completed with errors, failed or was
// cancelled, 2 on bad usage, 3 when another live worker is already running it, 130 when
// interrupted (the run is released and resumes later, nothing is lost). The database is
// --database-url, else DATABASE_URL, else (local mode) the embedded PostgreSQL of `npm start`.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ConfigError, parseEnv, productionConfig, type Config } from '../src/config.js';
import { integrationId } from '../src/company/model.js';
import { createDb, migrateLatest, type Db } from '../src/db/knex.js';
import { runSync } from '../src/jobs/run-sync.js';
import { createSyncServices } from '../src/jobs/sync-services.js';
import { newWorkerId } from '../src/jobs/sync-worker.js';
import { resolveLocalConfig } from '../src/local/local-config.js';
import { startLocalDatabase } from '../src/local/local-stack.js';
import { RUN_STATUS_LABELS, type SyncRun } from '../src/publishing/run-model.js';

const USAGE = 'usage: npm run sync -- --integration <id> [--database-url URL]';
const LOCAL_URL = 'postgres://postgres:postgres@127.0.0.1:54329/centry_jumpseller';

const line = (r: SyncRun) =>
  `${RUN_STATUS_LABELS[r.status]}: ${r.processed}/${r.total} · creados ${r.created} · actualizados ${r.updated} · `
  + `despublicados ${r.unpublished} · sin cambios ${r.unchanged} · con error ${r.failed}`;

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

async function open(databaseUrl: string | undefined): Promise<{ config: Config; db: Db; close(): Promise<void> }> {
  const env = parseEnv(process.env);
  let url = databaseUrl ?? env.DATABASE_URL;
  let stopLocal = async () => {};
  if (!url && env.APP_MODE === 'local') {
    if (await answers(LOCAL_URL)) url = LOCAL_URL;
    else {
      const local = await startLocalDatabase(env.DATA_DIR);
      url = local.url;
      stopLocal = local.stop;
    }
  }
  const config = env.APP_MODE === 'local' ? await resolveLocalConfig(env, process.env, url!) : productionConfig(env);
  const db = createDb(url ?? config.databaseUrl!, 4);
  if (env.APP_MODE === 'local') await migrateLatest(db);
  return { config, db, close: async () => { await db.destroy(); await stopLocal(); } };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { integration: { type: 'string' }, 'database-url': { type: 'string' } } });
  const id = Number(values.integration);
  if (!Number.isSafeInteger(id) || id <= 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const { config, db, close } = await open(values['database-url']);
  const services = createSyncServices(config, db);
  const interrupted = new AbortController();
  const onSignal = () => interrupted.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const integration = await services.companies.getIntegration(integrationId(id));
    if (!integration) {
      process.stderr.write(`integration ${id} does not exist\n`);
      return 2;
    }
    const queued = await services.runs.enqueue(integration.id, 'manual');
    const run = queued.run; // the new run, or the one already active (resumed if abandoned)
    if (!run) throw new Error('no run to execute');
    process.stdout.write(`${queued.ok ? 'Sincronización' : 'Continuando la sincronización'} #${run.id} de «${integration.storeName}» (${integration.storeCode})\n`);
    const progress = setInterval(() => {
      void services.runs.get(run.id).then((r) => r && process.stdout.write(`  ${line(r)}\n`));
    }, 1000);
    const end = await runSync(services, run.id, { workerId: `cli:${newWorkerId()}`, signal: interrupted.signal }).finally(() => clearInterval(progress));
    const final = (await services.runs.get(run.id))!;
    if (end === 'skipped') {
      process.stdout.write(`Otro proceso ya está ejecutando la sincronización #${run.id}: ${line(final)}\n`);
      return 3;
    }
    process.stdout.write(`${line(final)}\n`);
    if (final.errorMessage) process.stdout.write(`${final.errorMessage}\n`);
    for (const e of await services.runs.errors(run.id, 20)) {
      process.stdout.write(`  ✗ ${e.sku ?? '—'} ${e.name ?? ''} — ${e.operation}: ${e.message}\n`);
    }
    if (end === 'released') {
      process.stdout.write('Interrumpida: la sincronización continuará donde quedó.\n');
      return 130;
    }
    return final.status === 'completed' ? 0 : 1;
  } finally {
    await close();
  }
}

main().then((code) => process.exit(code), (e) => {
  process.stderr.write(e instanceof ConfigError ? `${e.message}\n` : `sync failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
