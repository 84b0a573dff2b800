// The order rows (migration 0400): one per Jumpseller order of a store — SPEC §10 "Exactly once" —
// and the per-store polling cursor with its cut-off.
import type { Db, Tx } from '../db/knex.js';
import type { IntegrationId } from '../company/model.js';
import { parseCentryStatus, type CentryStatus } from './order-status.js';

export type OrderState = 'queued' | 'waiting' | 'sent' | 'attention' | 'error' | 'skipped';

export interface HeldLine { catalogProductId: string; catalogVariantId: string; qty: number }

export interface OrderSync {
  integrationId: IntegrationId;
  jumpsellerOrderId: number;
  state: OrderState;
  reason: string | null;
  placedAtOrigin: string | null;
  totalMinor: number | null;
  currency: string | null;
  jumpsellerStatus: string | null;
  shipmentStatus: string | null;
  centryOrderId: string | null;
  centryStatus: CentryStatus | null;
  lines: HeldLine[];
  createAttemptedAt: Date | null;
  acceptedAt: Date | null;
  firstSeenAt: Date;
  checkedAt: Date | null;
  attempts: number;
  updatedAt: Date;
}

export type OrderPatch = Partial<Pick<OrderSync, 'state' | 'reason' | 'placedAtOrigin' | 'totalMinor' | 'currency' | 'jumpsellerStatus'
  | 'shipmentStatus' | 'centryOrderId' | 'centryStatus' | 'lines' | 'createAttemptedAt' | 'acceptedAt' | 'checkedAt' | 'attempts'>>;

export interface OrderCursor { cutoffOrderId: number; lastSeenOrderId: number; polledAt: Date | null }

export interface OrderRepository {
  /** Notes an order heard of (webhook or poll); an existing row is left as it is. */
  touch(integration: IntegrationId, orderId: number, tx?: Tx): Promise<void>;
  get(integration: IntegrationId, orderId: number, tx?: Tx): Promise<OrderSync | undefined>;
  update(integration: IntegrationId, orderId: number, patch: OrderPatch, tx?: Tx): Promise<void>;
  latest(integration: IntegrationId, limit: number, tx?: Tx): Promise<OrderSync[]>;
  /** Orders Centry may still hear more of (not received/cancelled, not skipped) not read since `checkedBefore`, and paid orders held back (waiting), least recently read first. */
  open(integration: IntegrationId, checkedBefore: Date, limit: number, tx?: Tx): Promise<number[]>;
  /** Rows whose units the stock guard may hold: not accepted yet, or accepted since `acceptedSince`. */
  holdCandidates(integration: IntegrationId, acceptedSince: Date, tx?: Tx): Promise<OrderSync[]>;
  cursor(integration: IntegrationId, tx?: Tx): Promise<OrderCursor | undefined>;
  /** Creates the cursor once (the first caller's cut-off wins); returns the one in force. */
  initCursor(integration: IntegrationId, cutoffOrderId: number, tx?: Tx): Promise<OrderCursor>;
  advanceCursor(integration: IntegrationId, lastSeenOrderId: number, polledAt: Date, tx?: Tx): Promise<void>;
}

type Row = Record<string, any>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function fromRow(r: Row): OrderSync {
  return {
    integrationId: r.integration_id, jumpsellerOrderId: Number(r.jumpseller_order_id), state: r.state, reason: r.reason,
    placedAtOrigin: r.placed_at_origin, totalMinor: num(r.total_minor), currency: r.currency, jumpsellerStatus: r.jumpseller_status,
    shipmentStatus: r.shipment_status, centryOrderId: r.centry_order_id, centryStatus: parseCentryStatus(r.centry_status),
    lines: Array.isArray(r.lines) ? r.lines : [], createAttemptedAt: r.create_attempted_at, acceptedAt: r.accepted_at,
    firstSeenAt: r.first_seen_at, checkedAt: r.checked_at, attempts: r.attempts, updatedAt: r.updated_at,
  };
}

const COLUMNS: Record<keyof OrderPatch, string> = {
  state: 'state', reason: 'reason', placedAtOrigin: 'placed_at_origin', totalMinor: 'total_minor', currency: 'currency',
  jumpsellerStatus: 'jumpseller_status', shipmentStatus: 'shipment_status', centryOrderId: 'centry_order_id', centryStatus: 'centry_status',
  lines: 'lines', createAttemptedAt: 'create_attempted_at', acceptedAt: 'accepted_at', checkedAt: 'checked_at', attempts: 'attempts',
};

const cursorFrom = (r: Row): OrderCursor => ({ cutoffOrderId: Number(r.cutoff_order_id), lastSeenOrderId: Number(r.last_seen_order_id), polledAt: r.polled_at });

export function createOrderRepository(db: Db): OrderRepository {
  const q = (tx?: Tx) => tx ?? db;
  return {
    async touch(integration, orderId, tx) {
      await q(tx)('order_syncs').insert({ integration_id: integration, jumpseller_order_id: orderId }).onConflict(['integration_id', 'jumpseller_order_id']).ignore();
    },
    async get(integration, orderId, tx) {
      const r = await q(tx)('order_syncs').where({ integration_id: integration, jumpseller_order_id: orderId }).first();
      return r ? fromRow(r) : undefined;
    },
    async update(integration, orderId, patch, tx) {
      const row: Row = { updated_at: db.fn.now() };
      for (const [k, v] of Object.entries(patch)) row[COLUMNS[k as keyof OrderPatch]] = k === 'lines' ? JSON.stringify(v) : v;
      await q(tx)('order_syncs').where({ integration_id: integration, jumpseller_order_id: orderId }).update(row);
    },
    async latest(integration, limit, tx) {
      return (await q(tx)('order_syncs').where({ integration_id: integration }).whereNot('state', 'skipped').orderBy('jumpseller_order_id', 'desc').limit(limit)).map(fromRow);
    },
    async open(integration, checkedBefore, limit, tx) {
      const rows = await q(tx)('order_syncs').where({ integration_id: integration }).whereNot('state', 'skipped')
        .where((w) => w.whereNull('centry_status').orWhereNotIn('centry_status', ['received', 'cancelled_before_shipping', 'cancelled_after_shipping']))
        .whereNot((w) => w.where('state', 'waiting').whereIn('jumpseller_status', ['abandoned', 'canceled']))
        // Paid orders held back while the store's orders were off (or Centry unlinked) go at once: the
        // poll only asks when they go to Centry again.
        .where((w) => w.whereNull('checked_at').orWhere('checked_at', '<', checkedBefore)
          .orWhere((h) => h.where('state', 'waiting').whereNotIn('jumpseller_status', ['pending_payment', 'abandoned', 'canceled'])))
        .orderByRaw('checked_at nulls first').limit(limit).select('jumpseller_order_id');
      return rows.map((r) => Number(r.jumpseller_order_id));
    },
    async holdCandidates(integration, acceptedSince, tx) {
      const rows = await q(tx)('order_syncs').where({ integration_id: integration }).whereRaw("jsonb_array_length(lines) > 0")
        .where((w) => w.whereNull('accepted_at').orWhere('accepted_at', '>=', acceptedSince));
      return rows.map(fromRow);
    },
    async cursor(integration, tx) {
      const r = await q(tx)('order_cursors').where({ integration_id: integration }).first();
      return r ? cursorFrom(r) : undefined;
    },
    async initCursor(integration, cutoff, tx) {
      await q(tx)('order_cursors').insert({ integration_id: integration, cutoff_order_id: cutoff, last_seen_order_id: cutoff }).onConflict('integration_id').ignore();
      return cursorFrom(await q(tx)('order_cursors').where({ integration_id: integration }).first());
    },
    async advanceCursor(integration, lastSeen, polledAt, tx) {
      await q(tx)('order_cursors').where({ integration_id: integration })
        .update({ last_seen_order_id: db.raw('greatest(last_seen_order_id, ?)', [lastSeen]), polled_at: polledAt });
    },
  };
}
