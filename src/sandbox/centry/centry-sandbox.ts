// The local Centry stand-in as one HTTP server on loopback: OAuth (authorize page + token),
// /conexion/v1 (products, brands, categories, webhooks) and an inspection API under /_sandbox for
// tests and demos. Started by `npm start` in local mode and by tests; never part of production.
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { esc, page } from '../html.js';
import { answerTokenFault } from '../token-faults.js';
import { CentryOAuthState, type CentrySandboxApp } from './centry-oauth-state.js';
import { CentryCatalogState, type Json } from './centry-catalog-state.js';
import { centryApiRoutes, centryGuard, type ApiRequestLog } from './centry-api-routes.js';
import { centryOrderRoutes, CentryOrdersState } from './centry-orders.js';
import type { DemoCatalogOptions } from '../../catalog/demo/demo-catalog.js';

export interface CentrySandboxOptions {
  apps?: Omit<CentrySandboxApp, 'companyId'>[];
  /** Products to start with: the demo catalog and/or explicit Centry product JSON. */
  demo?: DemoCatalogOptions;
  products?: Json[];
  now?: () => number;
  logger?: boolean;
}

export interface CentrySandbox {
  app: FastifyInstance;
  oauth: CentryOAuthState;
  catalog: CentryCatalogState;
  /** Orders (centry-orders.ts): they move the catalog's stock. */
  orders: CentryOrdersState;
  requests: ApiRequestLog[];
  /** Base URL once listening, e.g. http://localhost:3200 (CENTRY_URL). */
  url: string;
  close(): Promise<void>;
}

/** The one Centry company this stand-in holds. */
export const SANDBOX_CENTRY_COMPANY = 'centry-sandbox-company';

export async function buildCentrySandbox(opts: CentrySandboxOptions = {}): Promise<Omit<CentrySandbox, 'url' | 'close'>> {
  const now = opts.now ?? Date.now;
  const oauth = new CentryOAuthState(now);
  const catalog = new CentryCatalogState(now);
  const requests: ApiRequestLog[] = [];
  for (const a of opts.apps ?? []) oauth.registerApp({ ...a, companyId: SANDBOX_CENTRY_COMPANY });
  if (opts.demo) catalog.seedDemo(opts.demo);
  for (const p of opts.products ?? []) catalog.products.set(p._id as string, p);

  const app = Fastify({ logger: opts.logger ?? false });
  await app.register(formbody);

  app.get('/oauth/authorize', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const client = q.client_id ? oauth.apps.get(q.client_id) : undefined;
    if (!client || !q.redirect_uri || !client.redirectUris.includes(q.redirect_uri) || q.response_type !== 'code') {
      return reply.code(400).type('text/html').send(page('Centry', '<main><h1>Solicitud inválida</h1><p>client_id, redirect_uri o response_type no válidos.</p></main>'));
    }
    const hidden = ['client_id', 'redirect_uri', 'scope', 'state'].map((k) => `<input type="hidden" name="${k}" value="${esc(q[k])}">`).join('');
    return reply.type('text/html').send(page('Centry — Autorizar', `<header>Centry</header><main>
<h1>Autorizar aplicación</h1><p>La aplicación solicita acceso a tu empresa en Centry: <code>${esc(q.scope ?? '')}</code></p>
<form method="post" action="/oauth/authorize">${hidden}
<button name="decision" value="allow">Autorizar</button> <button class="secondary" name="decision" value="deny">Cancelar</button></form></main>`));
  });
  app.post('/oauth/authorize', async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, string | undefined>;
    const client = b.client_id ? oauth.apps.get(b.client_id) : undefined;
    if (!client || !b.redirect_uri || !client.redirectUris.includes(b.redirect_uri)) return reply.code(400).send({ error: 'invalid_request' });
    const target = new URL(b.redirect_uri);
    if (b.decision !== 'allow') target.searchParams.set('error', 'access_denied');
    else target.searchParams.set('code', oauth.issueCode(client.clientId, b.redirect_uri, b.scope ?? 'public')!);
    if (b.state) target.searchParams.set('state', b.state);
    return reply.redirect(target.toString(), 302);
  });
  // Centry takes a JSON body (API-NOTES); form bodies work too.
  app.post('/oauth/token', async (req, reply) => {
    if (answerTokenFault(oauth.tokenFaults, reply)) return reply;
    const r = oauth.exchange((req.body ?? {}) as Record<string, string | undefined>);
    return r.ok ? r.body : reply.code(r.status).send({ error: r.error, error_description: r.description });
  });

  centryApiRoutes(app, oauth, catalog, requests);
  const orders = new CentryOrdersState(catalog, now);
  centryOrderRoutes(app, centryGuard(oauth), orders);

  // Inspection API: change the catalog as a Centry user would, force token expiry, read logs.
  app.get('/_sandbox/products', async () => [...catalog.products.values()]);
  app.post('/_sandbox/products', async (req, reply) => reply.code(201).send(catalog.saveProduct((req.body ?? {}) as Json)));
  app.delete('/_sandbox/products/:id', async (req, reply) =>
    reply.code(catalog.deleteProduct((req.params as { id: string }).id) ? 204 : 404).send());
  app.post('/_sandbox/expire-tokens', async (_req, reply) => { oauth.expireAccessTokens(); return reply.code(204).send(); });
  app.post('/_sandbox/revoke', async (_req, reply) => { oauth.revokeAll(); return reply.code(204).send(); });
  app.get('/_sandbox/requests', async () => requests);
  app.get('/_sandbox/webhook-deliveries', async () => { await catalog.idle(); return catalog.deliveries; });

  return { app, oauth, catalog, orders, requests };
}

export async function startCentrySandbox(opts: CentrySandboxOptions & { port?: number; host?: string; publicHost?: string } = {}): Promise<CentrySandbox> {
  const built = await buildCentrySandbox(opts);
  await built.app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
  const port = (built.app.server.address() as { port: number }).port;
  return { ...built, url: `http://${opts.publicHost ?? 'localhost'}:${port}`, close: () => built.app.close() };
}
