// SPEC §10 "Exactly once": what one job does for one order ("this order changed"). It re-reads the
// order from Jumpseller (a webhook body may be late, duplicated or out of order), then — with the
// local row as memory — looks the order up in Centry by origin + id_origin before ANY create, creates
// it at most once (an ambiguous failure is retried by the queue, and the retry looks up first), and
// afterwards only moves its status forward with a PUT that never carries items. The queue runs at
// most one job per order at a time (order-queue.ts), so the look-up and the create do not race.
import type { CentryClient } from '../catalog/centry/centry-client.js';
import { CentryAuthError, CentryHttpError } from '../catalog/centry/centry-client.js';
import type { CompanyId, Integration } from '../company/model.js';
import { minorPerMajor } from '../pricing/money.js';
import { OrdersScopeError, readOrder, type OrdersApi } from './jumpseller-orders.js';
import { CENTRY_ORIGIN, centryCreateBody, centryStatusBody, mapOrder, storeOrderUrl } from './order-mapper.js';
import type { OrderLineMatcher } from './order-lines.js';
import type { HeldLine, OrderPatch, OrderRepository } from './order-repository.js';
import { mappedStatus, nextStatus, parseCentryStatus } from './order-status.js';

export type CentryOrders = Pick<CentryClient, 'findOrders' | 'createOrder' | 'updateOrder'>;

/** Whether orders of this store go to Centry now, and if not, why (shown on Mi Empresa). */
export type SendingGate = { ok: true; centry: CentryOrders } | { ok: false; reason: string };

export interface OrderSyncDeps {
  orders: OrderRepository;
  lines: OrderLineMatcher;
  jumpseller(integration: Pick<Integration, 'id' | 'storeCode'>): OrdersApi;
  gate(integration: Pick<Integration, 'id' | 'companyId'>): Promise<SendingGate>;
  now(): Date;
}

export type SyncOutcome = 'created' | 'adopted' | 'updated' | 'unchanged' | 'waiting' | 'attention' | 'skipped' | 'error';

export const REASONS = {
  beforeLink: 'Anterior a la vinculación de la tienda: no se envía',
  missing: 'El pedido ya no existe en Jumpseller',
  pendingPayment: 'Pendiente de pago: se enviará cuando se pague',
  abandoned: 'Abandonado: no se envía',
  cancelledUnsent: 'Cancelado antes de enviarse a Centry: no se envía',
  goneInCentry: 'El pedido ya no existe en Centry',
  retrying: 'Centry no respondió; se reintentará',
  jumpsellerScope: 'La tienda debe "Reautorizar" para leer pedidos',
  centryAuth: 'Centry rechazó la autorización: vuelve a vincular Centry',
};

const idOf = (o: unknown): string | null => {
  const id = (o as { _id?: unknown } | null)?._id;
  return typeof id === 'string' && id ? id : null;
};

const createdAt = (o: unknown): Date | null => {
  const d = new Date(String((o as { created_at?: unknown }).created_at ?? ''));
  return Number.isNaN(d.getTime()) ? null : d;
};

/** A Centry answer that says the request itself is wrong (4xx but 429): retrying cannot help. */
const refused = (e: unknown) => e instanceof CentryHttpError && e.status >= 400 && e.status < 500 && e.status !== 429;

export async function syncOrder(
  deps: OrderSyncDeps, integration: Pick<Integration, 'id' | 'storeCode' | 'companyId'>, orderId: number, cutoffOrderId: number,
): Promise<SyncOutcome> {
  const { orders } = deps;
  const save = (patch: OrderPatch) => orders.update(integration.id, orderId, patch);
  await orders.touch(integration.id, orderId);
  if (orderId <= cutoffOrderId) {
    await save({ state: 'skipped', reason: REASONS.beforeLink });
    return 'skipped';
  }
  let order;
  try {
    order = await readOrder(deps.jumpseller(integration), orderId);
  } catch (e) {
    if (!(e instanceof OrdersScopeError)) throw e;
    await save({ state: 'waiting', reason: REASONS.jumpsellerScope });
    return 'waiting';
  }
  if (!order) {
    await save({ state: 'error', reason: REASONS.missing, checkedAt: deps.now() });
    return 'error';
  }
  const matches = await deps.lines.match(integration.id, integration.companyId as CompanyId, order.lines);
  const held: HeldLine[] = order.lines.flatMap((l, i) => {
    const m = matches[i];
    return m?.ok ? [{ catalogProductId: m.catalogProductId, catalogVariantId: m.catalogVariantId, qty: l.qty }] : [];
  });
  await save({
    placedAtOrigin: order.createdAt, totalMinor: order.total, currency: order.currency, jumpsellerStatus: order.status,
    shipmentStatus: order.shipmentStatus, lines: held, checkedAt: deps.now(),
  });

  const gate = await deps.gate(integration);
  if (!gate.ok) {
    await save({ state: 'waiting', reason: gate.reason });
    return 'waiting';
  }
  try {
    return await sendToCentry(deps, gate.centry, integration, order, matches);
  } catch (e) {
    if (e instanceof CentryAuthError) {
      await save({ state: 'error', reason: REASONS.centryAuth });
      return 'error';
    }
    if (refused(e)) {
      await save({ state: 'error', reason: `Centry rechazó el pedido: ${(e as CentryHttpError).body.slice(0, 300)}` });
      return 'error';
    }
    await save({ state: 'error', reason: REASONS.retrying });
    throw e; // the queue retries; the retry looks the order up before any create
  }
}

async function sendToCentry(
  deps: OrderSyncDeps, centry: CentryOrders, integration: Pick<Integration, 'id' | 'storeCode'>, order: NonNullable<Awaited<ReturnType<typeof readOrder>>>,
  matches: Parameters<typeof mapOrder>[1],
): Promise<SyncOutcome> {
  const save = (patch: OrderPatch) => deps.orders.update(integration.id, order.id, patch);
  const row = (await deps.orders.get(integration.id, order.id))!;
  let centryId = row.centryOrderId;
  let sent = row.centryStatus;
  let outcome: SyncOutcome = 'unchanged';

  if (centryId === null) {
    const target = mappedStatus(order);
    if (target === null) {
      await save({ state: 'waiting', reason: order.status === 'pending_payment' ? REASONS.pendingPayment : REASONS.abandoned });
      return 'waiting';
    }
    // Before any create: is it already there (an earlier attempt that failed ambiguously, a lost row)?
    // Only this store's: another store of the company may have an order with the same id (ADR 0023).
    const url = storeOrderUrl(integration.storeCode, order.id);
    const existing = (await centry.findOrders({ origin: CENTRY_ORIGIN, idOrigin: String(order.id) }))
      .find((o) => (o as { url_origin?: unknown } | null)?.url_origin === url);
    if (existing && idOf(existing)) {
      centryId = idOf(existing)!;
      sent = parseCentryStatus((existing as { _status?: unknown })._status) ?? 'pending';
      await save({ centryOrderId: centryId, centryStatus: sent, acceptedAt: row.acceptedAt ?? createdAt(existing) ?? row.createAttemptedAt ?? deps.now(), state: 'sent', reason: null });
      outcome = 'adopted';
    } else if (target === 'cancelled_before_shipping' || target === 'cancelled_after_shipping') {
      await save({ state: 'skipped', reason: REASONS.cancelledUnsent });
      return 'skipped';
    } else {
      const mapped = mapOrder(order, matches, target, Number(minorPerMajor(order.currency)));
      if (!mapped.ok) {
        await save({ state: 'attention', reason: mapped.reasons.join(' · ') });
        return 'attention';
      }
      // Accepted no earlier than the request left: what Centry changed while creating it (its products'
      // updated_at) is not older than this, which ends the stock guard's hold (stock-guard.ts).
      const sentAt = deps.now();
      await save({ createAttemptedAt: row.createAttemptedAt ?? sentAt, attempts: row.attempts + 1 });
      const created = await centry.createOrder(centryCreateBody(order, mapped.draft, integration.storeCode));
      centryId = idOf(created);
      if (centryId === null) {
        // 2xx without an id: resolve like any ambiguous create, by the look-up on the next attempt.
        throw new Error('Centry answered the create without an _id');
      }
      sent = target;
      await save({ centryOrderId: centryId, centryStatus: sent, acceptedAt: sentAt, state: 'sent', reason: null });
      return 'created';
    }
  }

  const next = nextStatus(order, sent);
  if (next === null) {
    if (row.state !== 'sent' || row.reason !== null) await save({ state: 'sent', reason: null });
    return outcome;
  }
  const updated = await centry.updateOrder(centryId, centryStatusBody(order, next, deps.now()));
  if (updated === null) {
    await save({ state: 'error', reason: REASONS.goneInCentry });
    return 'error';
  }
  await save({ centryStatus: next, state: 'sent', reason: null });
  return outcome === 'adopted' ? 'adopted' : 'updated';
}
