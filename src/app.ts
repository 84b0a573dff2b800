// The Fastify app as a plugin (STYLE §1): no listen() here. server.ts and tests build it the same way.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import path from 'node:path';
import type { Config } from './config.js';
import type { Db } from './db/knex.js';
import { createCompanyRepository } from './company/company-repository.js';
import { createOAuthStateRepository } from './company/oauth-state-repository.js';
import { fetchStoreInfo } from './company/fetch-store-info.js';
import { createTokenCipher } from './security/token-crypto.js';
import { sessionPlugin } from './web/plugins/session.js';
import { securityPlugin } from './web/plugins/security.js';
import { viewsPlugin, VIEWS_DIR } from './web/plugins/views.js';
import { jumpsellerOAuthPlugin } from './web/jumpseller-oauth.js';
import { installErrorHandling } from './web/error-handler.js';
import { healthRoutes } from './web/health-routes.js';
import { installRoutes } from './web/install-routes.js';
import { companyRoutes } from './web/company-routes.js';
import { integrationRoutes } from './web/integration-routes.js';
import { syncRoutes } from './web/sync-routes.js';
import { catalogRoutes } from './web/catalog-routes.js';
import { jumpsellerWebhookRoutes } from './web/jumpseller-webhook-routes.js';
import type { SyncJobs } from './jobs/queue.js';
import type { OrderJobs } from './orders/order-queue.js';
import { orderWebhookRoutes } from './web/order-webhook-routes.js';
import { ordersWeb } from './web/order-routes.js';
import { requestCompanySync } from './jobs/sync-requests.js';
import { createRunRepository } from './publishing/run-repository.js';
import type { WebContext } from './web/context.js';
import type { CompanyId } from './company/model.js';

export interface AppDeps {
  config: Config;
  db: Db;
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
  /** Hands sync runs to the workers (pg-boss); without it a worker's sweeper picks them up. */
  jobs?: SyncJobs;
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
  const { config, db } = deps;
  const now = deps.now ?? (() => new Date());
  const secure = config.appUrl.startsWith('https://');
  const app = Fastify({ logger: deps.logger ?? false, trustProxy: config.mode === 'production', bodyLimit: 1024 * 1024 });

  const ctx: WebContext = {
    config, db, now, secure,
    companies: createCompanyRepository(db, createTokenCipher(config.encryptionKeys)),
    states: createOAuthStateRepository(db),
    fetchStoreInfo: (token) => fetchStoreInfo(config.jumpseller.apiUrl, token),
    storeAdminUrl: (store) => config.jumpseller.storeAdminUrl.replaceAll('{store}', store).replaceAll('{handle}', config.jumpseller.appHandle),
    companySections: [],
    onCompanyCreated: deps.onCompanyCreated,
    onCatalogChanged: async (company, productIds) => {
      await requestCompanySync({ runs: createRunRepository(db), jobs: deps.jobs, companies: ctx.companies }, company, productIds);
    },
  };

  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody);
  await app.register(sessionPlugin, { secure });
  await app.register(securityPlugin, {
    secure,
    frameAncestors: config.jumpseller.adminOrigins,
    formActions: [new URL(config.jumpseller.accountsUrl).origin],
  });
  await app.register(viewsPlugin, { secure, production: config.mode === 'production' });
  await app.register(fastifyStatic, { root: path.join(VIEWS_DIR, 'static'), prefix: '/static/', maxAge: config.mode === 'production' ? 3_600_000 : 0 });
  await app.register(jumpsellerOAuthPlugin, {
    clientId: config.jumpseller.clientId, clientSecret: config.jumpseller.clientSecret, accountsUrl: config.jumpseller.accountsUrl,
    callbackUrl: `${config.appUrl}/auth/callback`, secure, stateSecret: config.sessionSecret, states: ctx.states, now,
  });
  installErrorHandling(app);

  healthRoutes(app, db);
  installRoutes(app, ctx);
  companyRoutes(app, ctx);
  integrationRoutes(app, ctx);
  await app.register(catalogRoutes, { ctx }); // catalog block, upload, Centry link and webhook
  await app.register(jumpsellerWebhookRoutes, { ctx, jobs: deps.jobs }); // encapsulated: keeps the raw body for the HMAC
  await app.register(orderWebhookRoutes, { ctx, jobs: deps.orderJobs }); // orders (SPEC §10): the same verifier, its own context
  ordersWeb(app, ctx, deps.orderJobs); // the cut-off at link time; the "Pedidos" block and "Reintentar"
  syncRoutes(app, ctx, deps.jobs); // last: the "Sincronizar" block closes Mi Empresa (SPEC §2.3)
  return app;
}
