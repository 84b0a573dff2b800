// Order jobs on pg-boss (SPEC §10 "queue one job per order"): queue `order-sync` with the `stately`
// policy keyed by store + order, so repeated webhooks for an order collapse into one waiting job and
// at most one job per order runs at a time (a change arriving mid-run still gets its own pass).
// A failed job (Centry 5xx, network) is retried with backoff; an expired one (its worker was killed)
// too — each attempt re-reads the order and looks it up in Centry before any create (order-sender.ts).
import type PgBoss from 'pg-boss';
import { integrationId } from '../company/model.js';
import { ensureCursor } from './order-cursor.js';
import { syncOrder, type SyncOutcome } from './order-sender.js';
import type { OrderServices } from './order-services.js';

export const ORDER_QUEUE = 'order-sync';
/** How long a queued order job waits, so simultaneous webhooks of one change collapse. */
export const DEBOUNCE_MS = 500;

export interface OrderJobData { integrationId: number; orderId: number }

export interface OrderJobs {
  send(integrationId: number, orderId: number): Promise<void>;
}

interface Log { info(obj: object, msg: string): void; error(obj: object, msg: string): void }

/** A job whose worker died is retried once pg-boss's maintenance finds it expired (after expireInSeconds). */
export const ORDER_QUEUE_OPTIONS = {
  name: ORDER_QUEUE, policy: 'stately',
  retryLimit: 10, retryDelay: 2, retryBackoff: true, expireInSeconds: 120, retentionMinutes: 24 * 60,
} as const satisfies PgBoss.Queue;

export async function createOrderQueue(boss: PgBoss): Promise<OrderJobs> {
  await boss.createQueue(ORDER_QUEUE, ORDER_QUEUE_OPTIONS);
  return {
    async send(integration, orderId) {
      // Jumpseller fires two or more hooks per change at once (e.g. order_paid + order_updated): a
      // short wait lets them collapse into this one waiting job instead of costing a read each.
      await boss.send(ORDER_QUEUE, { integrationId: integration, orderId } satisfies OrderJobData, {
        singletonKey: `${integration}:${orderId}`, startAfter: new Date(Date.now() + DEBOUNCE_MS),
      });
    },
  };
}

/** One job: the store's cursor (cut-off) and the order's sync. Exported for the CLI and tests. */
export async function handleOrderJob(services: OrderServices, data: OrderJobData): Promise<SyncOutcome | 'no_store'> {
  const integration = await services.companies.getIntegration(integrationId(data.integrationId));
  if (!integration || integration.status !== 'connected') return 'no_store';
  const cursor = await ensureCursor(services, integration);
  return syncOrder(services, integration, data.orderId, cursor.cutoffOrderId);
}

/** `concurrency` jobs at once in this process (each job waits on two APIs, not on the CPU). */
export async function startOrderWorker(boss: PgBoss, services: OrderServices, log: Log, concurrency = 8): Promise<{ stop(): Promise<void> }> {
  const ids: string[] = [];
  for (let i = 0; i < concurrency; i++) {
    ids.push(await boss.work<OrderJobData>(ORDER_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (!job) return;
      const outcome = await handleOrderJob(services, job.data);
      log.info({ integrationId: job.data.integrationId, orderId: job.data.orderId, outcome }, 'order synced');
    }));
  }
  return { stop: async () => { for (const id of ids) await boss.offWork({ id }); } };
}
