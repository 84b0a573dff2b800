// /conexion/v1 of the local Centry stand-in: products (list with updated_at_* and after= keyset
// paging, one, count), brands, categories and webhooks, behind Bearer tokens that expire.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CentryOAuthState } from './centry-oauth-state.js';
import type { CentryCatalogState, ListQuery } from './centry-catalog-state.js';

export const CENTRY_MAX_LIMIT = 100;
const DEFAULT_LIMIT = 20;

export interface ApiRequestLog { method: string; url: string; status: number }

/** Bearer check; products need `read_products`, lists need `public` (API-NOTES "Scopes"). */
export function centryGuard(oauth: CentryOAuthState) {
  return (scope: string) => async (req: FastifyRequest, reply: FastifyReply) => {
    const auth = oauth.authenticate(req.headers.authorization);
    if (!auth.ok) {
      return reply.code(401).header('www-authenticate', `Bearer error="invalid_token", error_description="${auth.reason}"`)
        .send({ error: 'invalid_token', error_description: `The access token is ${auth.reason}` });
    }
    if (!auth.scope.split(/\s+/).includes(scope)) return reply.code(403).send({ error: 'insufficient_scope', scope });
  };
}

export function centryApiRoutes(app: FastifyInstance, oauth: CentryOAuthState, catalog: CentryCatalogState, log: ApiRequestLog[]): void {
  app.addHook('onResponse', async (req, reply) => {
    if (req.url.startsWith('/conexion/')) log.push({ method: req.method, url: req.url, status: reply.statusCode });
  });

  const guard = centryGuard(oauth);

  function listQuery(req: FastifyRequest, reply: FastifyReply): ListQuery | null {
    const q = req.query as Record<string, string | undefined>;
    const dates: Partial<ListQuery> = {};
    for (const [param, key] of [['updated_at_gte', 'updatedAtGte'], ['updated_at_gt', 'updatedAtGt'], ['updated_at_lte', 'updatedAtLte'], ['updated_at_lt', 'updatedAtLt']] as const) {
      if (q[param] === undefined) continue;
      const d = new Date(q[param]!);
      if (Number.isNaN(d.getTime())) {
        void reply.code(422).send({ error: `${param} is not a date` });
        return null;
      }
      dates[key] = d;
    }
    const limit = q.limit === undefined ? DEFAULT_LIMIT : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1) {
      void reply.code(422).send({ error: 'limit must be a positive integer' });
      return null;
    }
    return { ...dates, after: q.after || undefined, limit: Math.min(limit, CENTRY_MAX_LIMIT) };
  }

  app.get('/conexion/v1/products.json', { preHandler: guard('read_products') }, async (req, reply) => {
    const q = listQuery(req, reply);
    return q ? catalog.list(q) : reply;
  });
  app.get('/conexion/v1/products/count.json', { preHandler: guard('read_products') }, async (req, reply) => {
    const q = listQuery(req, reply);
    return q ? { count: catalog.count(q) } : reply;
  });
  // `<id>.json`: a parameter ending in a static suffix, read by hand (count.json is a static route and wins).
  const idOf = (req: FastifyRequest) => /^(.+)\.json$/.exec((req.params as { file: string }).file)?.[1];
  app.get('/conexion/v1/products/:file', { preHandler: guard('read_products') }, async (req, reply) => {
    const id = idOf(req);
    const product = id ? catalog.products.get(id) : undefined;
    return product ?? reply.code(404).send({ error: 'Not found' });
  });
  app.get('/conexion/v1/brands.json', { preHandler: guard('public') }, async () => catalog.brands);
  app.get('/conexion/v1/categories.json', { preHandler: guard('public') }, async () => catalog.categories);

  app.get('/conexion/v1/webhooks.json', { preHandler: guard('read_webhook') }, async () => catalog.webhooks);
  app.post('/conexion/v1/webhooks.json', { preHandler: guard('write_webhook') }, async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    if (typeof b.callback_url !== 'string' || !/^https?:\/\//.test(b.callback_url)) return reply.code(422).send({ error: 'callback_url must be an http(s) URL' });
    return reply.code(201).send(catalog.addWebhook({
      callback_url: b.callback_url, on_product_save: b.on_product_save === true, on_product_delete: b.on_product_delete === true,
    }));
  });
  app.delete('/conexion/v1/webhooks/:file', { preHandler: guard('write_webhook') }, async (req, reply) => {
    const i = catalog.webhooks.findIndex((w) => w._id === idOf(req));
    if (i < 0) return reply.code(404).send({ error: 'Not found' });
    catalog.webhooks.splice(i, 1);
    return reply.code(204).send();
  });
}
