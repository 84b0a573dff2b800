// "Reintentar" on the Pedidos block (SPEC §10): an order that needs attention is queued again — after
// the merchant fixed the catalog, it goes through. Without a queue in this process nothing could act
// on it: said, and nothing changes.
import type { IntegrationId } from '../company/model.js';
import type { OrderJobs } from './order-queue.js';
import type { OrderRepository } from './order-repository.js';

export type OrderRetryResult =
  | { outcome: 'not_found' }
  | { outcome: 'queue_unavailable' }
  | { outcome: 'queued'; orderId: number };

export async function retryOrder(
  deps: { orders: Pick<OrderRepository, 'get' | 'update'>; jobs?: Pick<OrderJobs, 'send'> }, integration: IntegrationId, orderId: number,
): Promise<OrderRetryResult> {
  const row = await deps.orders.get(integration, orderId);
  if (!row) return { outcome: 'not_found' };
  if (!deps.jobs) return { outcome: 'queue_unavailable' };
  await deps.orders.update(integration, row.jumpsellerOrderId, { state: 'queued', reason: null });
  await deps.jobs.send(integration, row.jumpsellerOrderId);
  return { outcome: 'queued', orderId: row.jumpsellerOrderId };
}
