// Jumpseller's order webhooks (SPEC §10 "Source", §9): POST /webhooks/jumpseller/orders, registered per
// store by the orders poller (src/orders/order-poller.ts). Authenticated exactly like the product
// webhook — `Jumpseller-Hmac-Sha256` = base64(HMAC-SHA256(raw body, the store's hooks_token)),
// verified by the same function over the raw bytes — and answered at once: the work is a row and a
// queued job (src/orders/order-intake.ts). An unknown store or a missing signature is refused before
// the body is buffered, with the same 401 as a wrong signature (src/web/body-guard.ts); nothing queued. Its own encapsulated context, so it keeps the raw body without touching the
// product webhook's route.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ORDER_EVENTS, receiveOrderWebhook } from '../orders/order-intake.js';
import type { OrderJobs } from '../orders/order-queue.js';
import { ORDER_WEBHOOK_PATH } from '../orders/order-services.js';
import { verifyJumpsellerWebhook } from '../security/signing.js';
import type { WebContext } from './context.js';
import { jumpsellerSender, type JumpsellerSender } from './jumpseller-webhook-routes.js';

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Register with `app.register` (not fastify-plugin): the raw-body parser must stay in this context. */
export async function orderWebhookRoutes(app: FastifyInstance, opts: { ctx: WebContext; jobs?: OrderJobs }): Promise<void> {
  const { ctx, jobs } = opts;
  const { orders } = ctx.orders;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  // The whole order as the API renders it: more room than the app's 1 MB default for large orders.
  const sender = jumpsellerSender(ctx);
  app.post(ORDER_WEBHOOK_PATH, { config: { csrf: false, preBody: sender }, bodyLimit: 8 * 1024 * 1024 }, async (req, reply) => {
    const { integration, hooksToken } = req.admitted as JumpsellerSender;
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifyJumpsellerWebhook(raw, header(req, 'jumpseller-hmac-sha256'), hooksToken)) return sender.refuse(reply);
    const event = header(req, 'jumpseller-event');
    if (!event || !(ORDER_EVENTS as readonly string[]).includes(event)) return reply.send({ ok: true, ignored: event ?? null });
    // Without a queue (a web-only test app), nothing could act on it: say so, Jumpseller retries.
    if (!jobs) return reply.code(503).send({ error: 'orders are not being processed' });
    const r = await receiveOrderWebhook({ orders, jobs }, integration.id, raw);
    if (!r.ok) return reply.code(422).send({ error: r.error });
    req.log.info({ integrationId: integration.id, orderId: r.orderId, event }, 'Jumpseller order webhook queued');
    return reply.send({ ok: true });
  });
}
