// The polling fallback (SPEC §10: webhooks can be lost): every scheduler tick, for each connected
// store whose orders go to Centry, the orders after the last one seen (`orders/after/{id}.json`) and
// the open ones not read for a while are queued like webhooks would queue them. Also keeps the order
// hooks registered (at their own URL, beside `product_deleted`). Idempotent: queued jobs collapse by
// store + order (order-queue.ts), so a poll that overlaps a webhook costs nothing extra.
import type { Integration } from '../company/model.js';
import { ensureStoreHooks, grants } from '../company/store-hooks.js';
import type { HookEvent } from '../jumpseller/requests.js';
import { OrdersScopeError, ordersAfter } from './jumpseller-orders.js';
import { ensureCursor } from './order-cursor.js';
import { handledAlready } from './order-intake.js';
import type { OrderJobs } from './order-queue.js';
import type { OrderServices } from './order-services.js';

export const ORDER_HOOK_EVENTS: readonly HookEvent[] = ['order_paid', 'order_updated', 'order_shipped', 'order_canceled'];
/** An open order is read again after this long without news. */
export const OPEN_RECHECK_MS = 10 * 60_000;
const MAX_PAGES = 10;
const MAX_OPEN_PER_TICK = 20;

export type PollResult = { outcome: 'polled'; queuedNew: number; queuedOpen: number } | { outcome: 'off'; reason: string } | { outcome: 'no_scope' };

export async function pollStoreOrders(services: OrderServices, jobs: OrderJobs, integration: Integration): Promise<PollResult> {
  if (!grants(integration.scope, 'read_orders')) return { outcome: 'no_scope' };
  const gate = await services.gate(integration);
  if (!gate.ok) return { outcome: 'off', reason: gate.reason };
  const api = services.jumpseller(integration);
  let cursor;
  try {
    cursor = await ensureCursor(services, integration);
  } catch (e) {
    if (e instanceof OrdersScopeError) return { outcome: 'no_scope' };
    throw e;
  }
  if (services.webhookUrl) {
    await ensureStoreHooks({ api: services.access.clientFor(integration), hooks: services.hooks, companies: services.companies, now: services.now }, integration, services.webhookUrl, ORDER_HOOK_EVENTS);
  }
  let last = cursor.lastSeenOrderId;
  let queuedNew = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const batch = await ordersAfter(api, last);
    for (const o of batch) {
      if (o.id <= last) continue;
      // Not again what a webhook already brought to its end (the cursor only moves on polls).
      if (o.id > cursor.cutoffOrderId && !handledAlready(await services.orders.get(integration.id, o.id), o.status, o.shipmentStatus)) {
        await services.orders.touch(integration.id, o.id);
        await jobs.send(integration.id, o.id);
        queuedNew += 1;
      }
      last = o.id;
    }
    if (batch.length === 0) break;
  }
  await services.orders.advanceCursor(integration.id, last, services.now());
  const open = await services.orders.open(integration.id, new Date(services.now().getTime() - OPEN_RECHECK_MS), MAX_OPEN_PER_TICK);
  for (const id of open) await jobs.send(integration.id, id);
  return { outcome: 'polled', queuedNew, queuedOpen: open.length };
}

/**
 * After a link or reauthorization (WebContext.onStoreLinked): the cut-off — orders up to the store's
 * last one are never sent — and the order hooks, at once rather than at the next scheduler tick.
 */
export async function onStoreLinked(services: OrderServices, integration: Integration): Promise<void> {
  if (!grants(integration.scope, 'read_orders')) return;
  await ensureCursor(services, integration);
  if (services.webhookUrl) {
    await ensureStoreHooks({ api: services.access.clientFor(integration), hooks: services.hooks, companies: services.companies, now: services.now }, integration, services.webhookUrl, ORDER_HOOK_EVENTS);
  }
}

interface Log { info(obj: object, msg: string): void; warn(obj: object, msg: string): void }

/** One tick over every connected store; one store's failure never stops the others. */
export async function pollAllStores(services: OrderServices, jobs: OrderJobs, integrations: Integration[], log?: Log): Promise<void> {
  for (const integration of integrations) {
    if (integration.status !== 'connected') continue;
    try {
      const r = await pollStoreOrders(services, jobs, integration);
      if (r.outcome === 'polled' && r.queuedNew + r.queuedOpen > 0) log?.info({ integrationId: integration.id, ...r }, 'orders polled');
    } catch (err) {
      log?.warn({ err, integrationId: integration.id }, 'orders poll failed; retried next tick');
    }
  }
}
