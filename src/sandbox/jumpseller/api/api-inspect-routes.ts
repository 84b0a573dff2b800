// Inspection API of the API v1 stand-in, for tests, benchmarks and demos (never part of live
// Jumpseller, no token needed, loopback only like the rest of the sandbox):
//   GET    /_sandbox/api/stores/:code            state dump (products as the API renders them, …)
//   GET    /_sandbox/api/stores/:code/requests   request log (method, path, status, fault)
//   POST   /_sandbox/api/stores/:code/reset      forget the store's catalog, hooks, faults, limits
//   PUT    /_sandbox/api/stores/:code/settings   rate limits and latency of one store
//   PUT    /_sandbox/api/settings                the same for every store, current and future
//   POST   /_sandbox/api/stores/:code/faults     queue faults ({faults:[{kind,…}]}, see faults.ts)
//   DELETE /_sandbox/api/stores/:code/faults     clear queued faults
//   POST   /_sandbox/api/stores/:code/products   seed a product without a token or rate limit
//   DELETE /_sandbox/api/stores/:code/products/:id                    the merchant deletes it in the admin
//   DELETE /_sandbox/api/stores/:code/products/:id/variants/:vid      the merchant deletes a variant (no API for it)
//   GET    /_sandbox/api/stores/:code/webhooks   webhook deliveries (each attempt: event, url, status)
//   GET    /_sandbox/api/schemas                 where the request schemas come from (the official file or the built-in copy)
// Changes made here fire the store's webhooks like changes through the API.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SandboxAuthState } from '../auth-state.js';
import { apiStateFor, type StoreApiState } from './api-state.js';
import { faultSchema } from './faults.js';
import { categoryFields, productFields, wrapProduct } from './render.js';
import { productCreateBody, requestSchemaSource } from './request-schemas.js';
import { answer, bodyOf, idParam, notFound } from './respond.js';

const settingsSchema = z.object({
  perSecond: z.number().int().min(1).max(100_000).optional(),
  perMinute: z.number().int().min(1).max(6_000_000).optional(),
  window: z.enum(['fixed', 'sliding']).optional(),
  banAfter: z.number().int().min(1).optional(),
  banSeconds: z.number().int().min(1).optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
}).strict();
type Settings = z.infer<typeof settingsSchema>;

function apply(store: StoreApiState, s: Settings): void {
  const { latencyMs, ...limits } = s;
  Object.assign(store.limiter.settings, limits);
  if (latencyMs !== undefined) store.latencyMs = latencyMs;
}

function dump(store: StoreApiState, now: number) {
  return {
    code: store.code,
    products: store.catalog.list().map((p) => productFields(p, store.categories)),
    categories: [...store.categories.values()].map(categoryFields),
    hooks: [...store.hooks.values()],
    rateLimit: { ...store.limiter.settings, ...store.limiter.stats, bannedUntil: store.limiter.bannedUntil > now ? new Date(store.limiter.bannedUntil).toISOString() : null },
    latencyMs: store.latencyMs,
    faults: { pending: store.faults.pending(), served: store.faults.served },
    requests: store.log.length,
    webhookDeliveries: store.webhooks.deliveries.length,
  };
}

export function apiInspectRoutes(app: FastifyInstance, auth: SandboxAuthState): void {
  const state = apiStateFor(auth);
  const storeFor = (params: unknown) => state.store((params as { code: string }).code);

  app.get('/_sandbox/api/stores/:code', async (req) => dump(storeFor(req.params), auth.now()));

  app.get('/_sandbox/api/stores/:code/requests', async (req) => {
    const since = Number((req.query as { since?: string }).since ?? 0);
    return { requests: storeFor(req.params).log.filter((r) => r.at >= since) };
  });

  app.post('/_sandbox/api/stores/:code/reset', async (req, reply) => {
    storeFor(req.params).reset();
    return reply.code(204).send();
  });

  app.put('/_sandbox/api/stores/:code/settings', async (req, reply) => {
    const s = settingsSchema.safeParse(req.body ?? {});
    if (!s.success) return reply.code(422).send({ message: 'Invalid settings', errors: s.error.issues });
    const store = storeFor(req.params);
    apply(store, s.data);
    return { rateLimit: store.limiter.settings, latencyMs: store.latencyMs };
  });

  app.put('/_sandbox/api/settings', async (req, reply) => {
    const s = settingsSchema.safeParse(req.body ?? {});
    if (!s.success) return reply.code(422).send({ message: 'Invalid settings', errors: s.error.issues });
    const { latencyMs: _l, ...limits } = s.data;
    Object.assign(state.defaults, limits);
    for (const store of state.all()) apply(store, s.data);
    return { defaults: state.defaults };
  });

  app.post('/_sandbox/api/stores/:code/faults', async (req, reply) => {
    const f = z.object({ faults: z.array(faultSchema).min(1) }).safeParse(req.body ?? {});
    if (!f.success) return reply.code(422).send({ message: 'Invalid faults', errors: f.error.issues });
    const store = storeFor(req.params);
    store.faults.add(f.data.faults);
    return reply.code(201).send({ pending: store.faults.pending() });
  });

  app.delete('/_sandbox/api/stores/:code/faults', async (req, reply) => {
    storeFor(req.params).faults.clear();
    return reply.code(204).send();
  });

  app.post('/_sandbox/api/stores/:code/products', async (req, reply) => {
    const body = bodyOf<{ product: Record<string, unknown> }>(req, reply, productCreateBody);
    if (!body) return reply;
    const store = storeFor(req.params);
    return answer(reply, store.catalog.create(body.product), (p) => wrapProduct(p, store.categories), 201);
  });

  app.delete('/_sandbox/api/stores/:code/products/:id', async (req, reply) => {
    const id = idParam(req);
    if (id === null || !storeFor(req.params).catalog.delete(id)) return notFound(reply, 'Product not found.');
    return reply.code(204).send();
  });

  app.delete('/_sandbox/api/stores/:code/products/:id/variants/:variant_id', async (req, reply) => {
    const id = idParam(req);
    const vid = idParam(req, 'variant_id');
    if (id === null || vid === null) return notFound(reply, 'Product not found.');
    const r = storeFor(req.params).catalog.deleteVariant(id, vid);
    if (!r.ok) return notFound(reply, 'notFound' in r ? r.notFound : 'Variant not found.');
    return reply.code(204).send();
  });

  app.get('/_sandbox/api/schemas', async () => requestSchemaSource);

  app.get('/_sandbox/api/stores/:code/webhooks', async (req) => ({ deliveries: storeFor(req.params).webhooks.deliveries }));
}
