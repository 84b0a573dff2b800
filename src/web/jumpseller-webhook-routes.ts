// Jumpseller's webhooks (SPEC §9; ../shared/jumpseller/API-NOTES.md "Webhooks"): POST
// /webhooks/jumpseller, authenticated by `Jumpseller-Hmac-Sha256` = base64(HMAC-SHA256(raw body,
// the store's hooks_token)), the store named by `Jumpseller-Store-Code`, the event by
// `Jumpseller-Event`. The HMAC covers the bytes as sent, so this encapsulated context keeps the raw
// body (no JSON parser here): re-serialized JSON would not verify. An unknown store and a missing
// signature are refused before the body is buffered (src/web/body-guard.ts), with the same 401 as a
// wrong signature: the answer never tells which stores use the app. Jumpseller waits 15 s and
// retries: the work is two queries (forget the mapping, request a run), done before answering 200.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseStoreCode, type Integration } from '../company/model.js';
import { JUMPSELLER_WEBHOOK_PATH } from '../company/store-hooks.js';
import { onStoreProductDeleted, productHookSchema } from '../jobs/store-webhooks.js';
import type { JumpsellerProductId } from '../jumpseller/ids.js';
import { verifyJumpsellerWebhook } from '../security/signing.js';
import type { PreBodyCheck } from './body-guard.js';
import type { WebContext } from './context.js';

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export interface JumpsellerSender { integration: Integration; hooksToken: string }

/**
 * Who the headers say sent a Jumpseller delivery (product or order hooks), checked before the body is
 * read; undefined refuses, with the same 401 for an unknown store as for a wrong signature.
 */
export function jumpsellerSender(ctx: WebContext): PreBodyCheck {
  return {
    async admit(req) {
      const store = parseStoreCode(header(req, 'jumpseller-store-code'));
      if (!store || !header(req, 'jumpseller-hmac-sha256')) return undefined;
      const integration = await ctx.companies.findIntegrationByStore(store);
      const hooksToken = integration ? await ctx.companies.readHooksToken(integration.id) : null;
      return integration && hooksToken ? ({ integration, hooksToken } satisfies JumpsellerSender) : undefined;
    },
    refuse: (reply: FastifyReply) => reply.code(401).send({ error: 'Unauthorized' }),
  };
}

/** Register with `app.register` (not fastify-plugin): the raw-body parser must stay in this context. */
export async function jumpsellerWebhookRoutes(app: FastifyInstance, opts: { ctx: WebContext }): Promise<void> {
  const { ctx } = opts;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  // The delivery is the whole product as the API renders it (descriptions included): more room than
  // the app's 1 MB default, so a large product's deletion is never refused with a 413 and retried.
  const sender = jumpsellerSender(ctx);
  app.post(JUMPSELLER_WEBHOOK_PATH, { config: { csrf: false, preBody: sender }, bodyLimit: 8 * 1024 * 1024 }, async (req, reply) => {
    const { integration, hooksToken } = req.admitted as JumpsellerSender;
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifyJumpsellerWebhook(raw, header(req, 'jumpseller-hmac-sha256'), hooksToken)) return sender.refuse(reply);
    const event = header(req, 'jumpseller-event');
    if (event !== 'product_deleted') return reply.send({ ok: true, ignored: event ?? null });
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      body = undefined;
    }
    const hook = productHookSchema.safeParse(body);
    if (!hook.success) return reply.code(422).send({ error: 'expected {"product": {"id": …}}' });
    const result = await onStoreProductDeleted(ctx, integration, hook.data.product.id as JumpsellerProductId);
    req.log.info({ integrationId: integration.id, jumpsellerProductId: hook.data.product.id, outcome: result.outcome }, 'Jumpseller product_deleted');
    return reply.send({ ok: true });
  });
}
