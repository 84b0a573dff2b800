// The Fastify app as a plugin (STYLE §1): no listen() here. server.ts and tests build it the same way.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import path from 'node:path';
import type { Config } from './config.js';
import { createDb, type Db } from './db/knex.js';
import { composeServices, syncRequests, type AppServices } from './composition.js';
import { fetchStoreInfo } from './company/fetch-store-info.js';
import { bodyGuardPlugin } from './web/body-guard.js';
import { inputGuardPlugin } from './web/input-guard.js';
import { sessionPlugin } from './web/plugins/session.js';
import { securityPlugin } from './web/plugins/security.js';
import { viewsPlugin, VIEWS_DIR } from './web/plugins/views.js';
import { merchantName } from './web/merchant-name.js';
import { jumpsellerOAuthPlugin } from './web/jumpseller-oauth.js';
import { frameworkError, installErrorHandling } from './web/error-handler.js';
import { SERVER_TIMEOUTS, type ServerTimeouts } from './web/server-timeouts.js';
import { healthRoutes } from './web/health-routes.js';
import { installRoutes } from './web/install-routes.js';
import { companyRoutes } from './web/company-routes.js';
import { integrationRoutes } from './web/integration-routes.js';
import { syncRoutes } from './web/sync-routes.js';
import { catalogRoutes } from './web/catalog-routes.js';
import { jumpsellerWebhookRoutes } from './web/jumpseller-webhook-routes.js';
import type { SyncJobs } from './jobs/queue.js';
import type { WorkerStatus } from './jobs/sync-worker.js';
import { opsRoutes } from './web/ops-routes.js';
import type { OrderJobs } from './orders/order-queue.js';
import { orderWebhookRoutes } from './web/order-webhook-routes.js';
import { ordersWeb } from './web/order-routes.js';
import type { WebContext } from './web/context.js';
import type { CompanyId, StoreCode } from './company/model.js';
import { QuietPollsLogController } from './web/request-logging.js';

export interface AppDeps {
  config: Config;
  /**
   * The database: passed in, it stays the caller's (the caller closes it, after app.close()); left
   * out, the app opens a pool from config.databaseUrl and app.close() ends it.
   */
  db?: Db;
  /** Built by the caller's composition root (the process shell shares it with the worker roles); default: built here. */
  services?: AppServices;
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
  /** Hands sync runs to the workers (pg-boss); without it a worker's sweeper picks them up. */
  jobs?: SyncJobs;
  /** This process's worker and fleet figures (/readyz, /ops/fleet.json with config.opsToken). */
  ops?: { worker?: () => WorkerStatus; snapshot(): Promise<object> };
  /** How long the server waits for clients; default SERVER_TIMEOUTS. */
  timeouts?: ServerTimeouts;
  /** Bytes of request bodies buffered at once (src/web/body-guard.ts). */
  maxInFlightBodyBytes?: number;
  /** Queues order jobs (SPEC §10); without it the order webhook answers 503 and the poller catches up. */
  orderJobs?: OrderJobs;
  /** Local mode: gives a company created by its first install the demo catalog. */
  onCompanyCreated?: (company: CompanyId) => Promise<void>;
}

/** Log redaction: tokens, cookies and secrets never reach the logs (SPEC §9). */
export const REDACT = [
  'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]',
  '*.access_token', '*.refresh_token', '*.accessToken', '*.refreshToken', '*.client_secret', '*.code', '*.password',
];

/**
 * Structured (pino) request logs without query strings: OAuth codes and states, webhook secrets in
 * capability URLs and search terms stay out of the logs.
 */
export function loggerOptions(level: string, stream?: { write(line: string): void }) {
  return {
    level,
    redact: REDACT,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0]!.replace(/\/webhooks\/centry\/[^/]+/, '/webhooks/centry/[secret]') }),
    },
  };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const now = deps.services?.now ?? deps.now ?? (() => new Date());
  const secure = config.appUrl.startsWith('https://');
  // Exactly the configured proxies (TRUST_PROXY): req.ip, which the rate limits key on, is the address
  // the last trusted proxy saw, never an X-Forwarded-For entry the client wrote itself.
  const hops = config.trustProxy;
  const trustProxy = typeof hops === 'number' ? (_addr: string, i: number) => i < hops : hops;
  const timeouts = deps.timeouts ?? SERVER_TIMEOUTS;
  const app = Fastify({
    logger: deps.logger ?? false, trustProxy,
    connectionTimeout: timeouts.connectionTimeout, requestTimeout: timeouts.requestTimeout, keepAliveTimeout: timeouts.keepAliveTimeout,
    frameworkErrors: frameworkError as FastifyServerOptions['frameworkErrors'], bodyLimit: 1024 * 1024,
    logController: new QuietPollsLogController() });

  app.server.headersTimeout = Math.min(timeouts.headersTimeout, timeouts.requestTimeout);

  // Whoever opens the pool closes it: the app only ends a pool it opened itself.
  let db = deps.db;
  if (!db) {
    if (!config.databaseUrl) throw new Error('buildApp needs a database: pass db or set config.databaseUrl');
    const opened = createDb(config.databaseUrl, config.databasePoolMax);
    app.addHook('onClose', async () => { await opened.destroy(); });
    db = opened;
  }
  const services = deps.services ?? composeServices(config, db, { now });
  const ctx: WebContext = {
    ...services, ...syncRequests(services, deps.jobs, app.log), secure,
    fetchStoreInfo: (token) => fetchStoreInfo(config.jumpseller.apiUrl, token),
    storeAdminUrl: (store) => config.jumpseller.storeAdminUrl.replaceAll('{store}', store).replaceAll('{handle}', config.jumpseller.appHandle),
    companySections: [],
    onCompanyCreated: deps.onCompanyCreated,
  };

  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody);
  await app.register(bodyGuardPlugin, { maxInFlightBytes: deps.maxInFlightBodyBytes });
  await app.register(inputGuardPlugin);
  await app.register(sessionPlugin, { secure, sessions: ctx.sessions });
  await app.register(securityPlugin, {
    secure,
    frameAncestors: config.jumpseller.adminOrigins,
    adminOriginOf: (store) => new URL(ctx.storeAdminUrl(store as StoreCode)).origin,
    localAdminOrigins: config.mode === 'local' && config.local ? config.jumpseller.adminOrigins : undefined,
    formActions: [new URL(config.jumpseller.accountsUrl).origin],
  });
  await app.register(viewsPlugin, { secure, production: config.mode === 'production', merchantName: (c) => merchantName(ctx.companies, c) });
  await app.register(fastifyStatic, { root: path.join(VIEWS_DIR, 'static'), prefix: '/static/', maxAge: config.mode === 'production' ? 3_600_000 : 0 });
  await app.register(jumpsellerOAuthPlugin, {
    clientId: config.jumpseller.clientId, clientSecret: config.jumpseller.clientSecret, accountsUrl: config.jumpseller.accountsUrl,
    callbackUrl: `${config.appUrl}/auth/callback`, secure, stateSecret: config.sessionSecret, states: ctx.states, now,
  });
  installErrorHandling(app);

  healthRoutes(app, db, deps.ops?.worker);
  if (deps.ops) opsRoutes(app, { token: config.opsToken, snapshot: deps.ops.snapshot });
  installRoutes(app, ctx);
  companyRoutes(app, ctx);
  integrationRoutes(app, ctx);
  await app.register(catalogRoutes, { ctx }); // catalog block, upload, Centry link and webhook
  await app.register(jumpsellerWebhookRoutes, { ctx }); // encapsulated: keeps the raw body for the HMAC
  await app.register(orderWebhookRoutes, { ctx, jobs: deps.orderJobs }); // orders (SPEC §10): the same verifier, its own context
  ordersWeb(app, ctx, deps.orderJobs); // the cut-off at link time; the "Pedidos" block and "Reintentar"
  syncRoutes(app, ctx); // last: the "Sincronizar" block closes Mi Empresa (SPEC §2.3)
  return app;
}
