// `npm run sync -- --integration <id>` runs one sync of a store here and now (SPEC §7), printing its
// progress, and exits 0 when it completed, 1 when it completed with errors, failed or was
// cancelled, 2 on bad usage, 3 when another live worker is already running it, 130 when
// interrupted (the run is released and resumes later, nothing is lost). The database is
// --database-url, else DATABASE_URL, else (local mode) the embedded PostgreSQL of `npm start`.
import { parseArgs } from 'node:util';
import { ConfigError } from '../src/config.js';
import { integrationId } from '../src/company/model.js';
import { runSync } from '../src/jobs/run-sync.js';
import { composeServices } from '../src/composition.js';
import { newWorkerId } from '../src/jobs/sync-worker.js';
import { openCliDatabase } from '../src/local/cli-database.js';
import { RUN_STATUS_LABELS, type SyncRun } from '../src/publishing/run-model.js';

const USAGE = 'usage: npm run sync -- --integration <id> [--database-url URL]';

const line = (r: SyncRun) =>
  `${RUN_STATUS_LABELS[r.status]}: ${r.processed}/${r.total} · creados ${r.created} · actualizados ${r.updated} · `
  + `despublicados ${r.unpublished} · sin cambios ${r.unchanged} · con error ${r.failed}`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { integration: { type: 'string' }, 'database-url': { type: 'string' } } });
  const id = Number(values.integration);
  if (!Number.isSafeInteger(id) || id <= 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const { config, db, close } = await openCliDatabase({ databaseUrl: values['database-url'] });
  const services = composeServices(config, db).sync;
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
