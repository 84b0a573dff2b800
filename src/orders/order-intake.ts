// An order webhook, once authenticated (src/web/order-webhook-routes.ts): "this order changed". The
// body is only used for the order id — the job re-reads the order from the API (SPEC §10), so a late,
// duplicated or out-of-order delivery does the same as a fresh one. Two statements: note the order
// (its first_seen_at starts the webhook-to-Centry clock) and queue its job (duplicates collapse).
import { z } from 'zod';
import type { IntegrationId } from '../company/model.js';
import type { HookEvent } from '../jumpseller/requests.js';
import type { OrderJobs } from './order-queue.js';
import type { OrderRepository, OrderSync } from './order-repository.js';

export const ORDER_EVENTS: readonly HookEvent[] = ['order_paid', 'order_updated', 'order_shipped', 'order_canceled', 'order_pending_payment', 'order_abandoned'];

const orderHookSchema = z.object({
  order: z.looseObject({
    id: z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), z.number().int().positive()),
    status_enum: z.string().nullish(),
    shipment_status_enum: z.string().nullish(),
  }),
});

/**
 * A state of an order this app already handled to the end — the same status and shipment status it
 * last read from the API, and Centry has it or it is not to be sent — needs no job: it would only
 * cost a read of the store's rate limit. Any other state is re-read. (Webhooks and the poll.)
 */
export function handledAlready(known: Pick<OrderSync, 'state' | 'jumpsellerStatus' | 'shipmentStatus'> | undefined, status: string | null | undefined, shipment: string | null | undefined): boolean {
  return !!known && (known.state === 'sent' || known.state === 'skipped') && !!status && known.jumpsellerStatus === status && known.shipmentStatus === (shipment ?? null);
}

export type IntakeResult = { ok: true; orderId: number; queued: boolean } | { ok: false; error: string };

export async function receiveOrderWebhook(
  deps: { orders: Pick<OrderRepository, 'touch' | 'get'>; jobs: OrderJobs }, integration: IntegrationId, raw: Buffer,
): Promise<IntakeResult> {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return { ok: false, error: 'the body is not JSON' };
  }
  const hook = orderHookSchema.safeParse(body);
  if (!hook.success) return { ok: false, error: 'expected {"order": {"id": …}}' };
  const { id, status_enum: status, shipment_status_enum: shipment } = hook.data.order;
  const known = await deps.orders.get(integration, id);
  if (handledAlready(known, status, shipment)) return { ok: true, orderId: id, queued: false };
  if (!known) await deps.orders.touch(integration, id);
  await deps.jobs.send(integration, id);
  return { ok: true, orderId: id, queued: true };
}
