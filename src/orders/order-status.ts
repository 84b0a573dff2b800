// SPEC §10 "Status": which Centry `_status` a Jumpseller order stands for, and the rule that it never
// goes backwards — a late or out-of-order webhook, or a re-read of an older state, changes nothing
// once a later status was sent. Pure.
import type { JumpsellerOrder } from './jumpseller-order.js';

export const CENTRY_STATUSES = ['pending', 'shipped', 'received', 'cancelled_before_shipping', 'cancelled_after_shipping'] as const;
export type CentryStatus = (typeof CENTRY_STATUSES)[number];

const RANK: Record<CentryStatus, number> = { pending: 1, shipped: 2, received: 3, cancelled_before_shipping: 4, cancelled_after_shipping: 4 };
const SHIPPED = new Set(['in_transit', 'pickup_available', 'delivered']);

export const isCancelled = (s: CentryStatus | null): boolean => s === 'cancelled_before_shipping' || s === 'cancelled_after_shipping';
export const parseCentryStatus = (s: unknown): CentryStatus | null => (CENTRY_STATUSES as readonly unknown[]).includes(s) ? (s as CentryStatus) : null;

/**
 * `paid` → pending; shipment `in_transit`/`pickup_available` → shipped; `delivered` → received;
 * `canceled` → cancelled_before_shipping, or _after_ once shipped. null: not for Centry
 * (`pending_payment`, `abandoned`, or a status this app does not know).
 */
export function mappedStatus(order: Pick<JumpsellerOrder, 'status' | 'shipmentStatus'>): CentryStatus | null {
  const shipped = order.shipmentStatus !== null && SHIPPED.has(order.shipmentStatus);
  if (order.status === 'canceled') return shipped ? 'cancelled_after_shipping' : 'cancelled_before_shipping';
  if (order.status !== 'paid') return null;
  if (order.shipmentStatus === 'delivered') return 'received';
  return shipped ? 'shipped' : 'pending';
}

/**
 * The status to send now, given the last one Centry accepted (null = none yet): the mapped status
 * when it moves forward, else null (nothing to send). A cancellation after a shipment Centry knows
 * of is "after shipping" even if Jumpseller no longer says so.
 */
export function nextStatus(order: Pick<JumpsellerOrder, 'status' | 'shipmentStatus'>, lastSent: CentryStatus | null): CentryStatus | null {
  let target = mappedStatus(order);
  if (target === null) return null;
  if (lastSent === null) return target;
  if (isCancelled(target) && (lastSent === 'shipped' || lastSent === 'received')) target = 'cancelled_after_shipping';
  return RANK[target] > RANK[lastSent] ? target : null;
}
