// Orders of the API stand-in, read-only as the app uses them (openapi.json "Orders"): list with the
// spec's filters (`status_filters[]`, `fulfillment_filters`, `dateFilter`…, `limit` ≤ 100, `page`),
// count, one order, `orders/status/{status}.json` and `orders/after/{id}.json`. Every call needs the
// `read_orders` (or `write_orders`) scope: a store authorized before orders existed answers 403.
// Deviation written down (docs/adr/0016-orders-to-centry.md): `after/{id}` answers an ARRAY of the
// next orders by id (the spec shows one object, as it does for categories.json).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireScope } from './api-auth.js';
import type { OrderRecord } from './store-orders.js';
import { wrapOrder } from './store-orders.js';
import { idParam, notFound, storeOf, unprocessable } from './respond.js';
import { addError, listParams, pageOf, type FieldErrors } from './validate.js';

type Query = Record<string, string | string[] | undefined>;

const STATUS_FILTERS = ['paid', 'created', 'pending_payment', 'canceled', 'abandoned'];
const FULFILLMENT_FILTERS = ['unfulfilled', 'fulfilled'];
const DATE_FILTERS = ['today', 'yesterday', 'last30days', 'last7days', 'last90days', 'customDate'];
const PATH_STATUSES = ['abandoned', 'canceled', 'pending_payment', 'paid'];
/** How many orders `after/{id}` answers at most (live's page size is undocumented). */
export const ORDERS_AFTER_LIMIT = 50;

const single = (q: Query, key: string): string | undefined => {
  const v = q[key];
  return Array.isArray(v) ? v[0] : v;
};
const many = (q: Query, key: string): string[] => {
  const v = q[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

/** Orders matching the spec's list filters, or the 422 errors. */
export function filterOrders(orders: OrderRecord[], q: Query, now: Date): { ok: true; orders: OrderRecord[] } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const statuses = many(q, 'status_filters[]');
  for (const s of statuses) if (!STATUS_FILTERS.includes(s)) addError(errors, 'status_filters', `${s} is not included in the list`);
  const fulfillment = single(q, 'fulfillment_filters');
  if (fulfillment !== undefined && !FULFILLMENT_FILTERS.includes(fulfillment)) addError(errors, 'fulfillment_filters', 'is not included in the list');
  const dateFilter = single(q, 'dateFilter');
  if (dateFilter !== undefined && !DATE_FILTERS.includes(dateFilter)) addError(errors, 'dateFilter', 'is not included in the list');
  const day = (name: string) => {
    const raw = single(q, name);
    if (raw === undefined) return undefined;
    const d = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? new Date(`${raw}T00:00:00Z`) : new Date(NaN);
    if (Number.isNaN(d.getTime())) addError(errors, name, 'must be a date (YYYY-MM-DD)');
    return d;
  };
  const initial = day('initialDate');
  const final = day('finalDate');
  if (dateFilter === 'customDate' && (!initial || !final)) addError(errors, 'dateFilter', 'customDate needs initialDate and finalDate');
  if (Object.keys(errors).length) return { ok: false, errors };
  const dayMs = 86_400_000;
  const today = Math.floor(now.getTime() / dayMs) * dayMs;
  const range: [number, number] | null = dateFilter === undefined ? null : {
    today: [today, today + dayMs], yesterday: [today - dayMs, today], last7days: [today - 6 * dayMs, today + dayMs],
    last30days: [today - 29 * dayMs, today + dayMs], last90days: [today - 89 * dayMs, today + dayMs],
    customDate: [initial?.getTime() ?? 0, (final?.getTime() ?? 0) + dayMs],
  }[dateFilter] as [number, number];
  const found = orders.filter((o) => {
    // "created" = placed, whatever happened next (the admin's "Creado").
    if (statuses.length && !statuses.some((s) => s === 'created' || s === o.status)) return false;
    if (fulfillment === 'fulfilled' && o.shipment !== 'delivered') return false;
    if (fulfillment === 'unfulfilled' && o.shipment === 'delivered') return false;
    const t = new Date(o.created_at).getTime();
    return !range || (t >= range[0] && t < range[1]);
  });
  return { ok: true, orders: found };
}

export function orderRoutes(api: FastifyInstance): void {
  const scoped = (req: FastifyRequest, reply: FastifyReply) => requireScope(req, reply, ['read_orders', 'write_orders']);

  api.get('/orders.json', async (req, reply) => {
    if (!scoped(req, reply)) return reply;
    const lp = listParams(req.query as Record<string, string | undefined>);
    if (!lp.ok) return unprocessable(reply, lp.errors);
    const r = filterOrders(storeOf(req).orders.list(), req.query as Query, new Date());
    if (!r.ok) return unprocessable(reply, r.errors);
    return pageOf(r.orders, lp.params).map(wrapOrder);
  });

  api.get('/orders/count.json', async (req, reply) => {
    if (!scoped(req, reply)) return reply;
    return { count: storeOf(req).orders.orders.size };
  });

  api.get('/orders/status/:status', async (req, reply) => {
    if (!scoped(req, reply)) return reply;
    const status = /^(.+)\.json$/.exec((req.params as { status: string }).status)?.[1];
    if (!status || !PATH_STATUSES.includes(status)) return notFound(reply, 'Status Invalid.');
    return storeOf(req).orders.list().filter((o) => o.status === status).map(wrapOrder);
  });

  api.get('/orders/after/:id.json', async (req, reply) => {
    if (!scoped(req, reply)) return reply;
    const id = idParam(req);
    if (id === null) return notFound(reply, 'Order not found.');
    return storeOf(req).orders.list().filter((o) => o.id > id).sort((a, b) => a.id - b.id).slice(0, ORDERS_AFTER_LIMIT).map(wrapOrder);
  });

  api.get('/orders/:id.json', async (req, reply) => {
    if (!scoped(req, reply)) return reply;
    const id = idParam(req);
    const o = id === null ? undefined : storeOf(req).orders.orders.get(id);
    return o ? wrapOrder(o) : notFound(reply, 'Order not found.');
  });
}
