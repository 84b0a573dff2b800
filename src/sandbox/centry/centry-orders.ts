// Orders of the local Centry stand-in (../shared/centry/API-NOTES.md "Orders"): `GET/POST
// /conexion/v1/orders.json` (filters `origin`, `id_origin`, `number_origin`, `_status`; `limit` +
// `after` keyset paging), `GET/PUT/DELETE /conexion/v1/orders/<id>.json`; scopes read_orders /
// write_orders. Behaviour live does not document, made explicit here (and switchable by the
// inspection API): a new order that is not cancelled lowers its variants' `quantity`; moving it to a
// cancelled status restores them (`quantity_restocked`); items sent again on a PUT are APPENDED, as
// Centry does; every stock change saves the product, which fires `on_product_save`.
// Faults for tests: a queued 5xx answers before anything happens; `created-then-500` does the work
// and then answers 500 (the ambiguous create); `created-then-hang` does the work and answers 2xx only
// after `ms` (or never, when the caller goes away first: a worker killed mid-send).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CentryCatalogState, Json } from './centry-catalog-state.js';

export const CENTRY_ORDER_STATUSES = ['pending', 'shipped', 'received', 'cancelled', 'cancelled_before_shipping', 'cancelled_after_shipping'];
const cancelled = (s: unknown) => typeof s === 'string' && s.startsWith('cancelled');

export const CENTRY_ORDER_FAULTS = ['status', 'created-then-500', 'created-then-hang'] as const;
export interface CentryOrderFault { kind: (typeof CENTRY_ORDER_FAULTS)[number]; status?: number; method?: 'POST' | 'PUT'; ms?: number }

export class CentryOrdersState {
  readonly orders = new Map<string, Json>();
  readonly faults: CentryOrderFault[] = [];
  /** Whether orders move stock (unverified on live: see API-NOTES). */
  stockOnOrders = true;
  latencyMs = 0;
  private serial = 0;

  constructor(private readonly catalog: CentryCatalogState, private readonly now: () => number) {}

  takeFault(method: string): CentryOrderFault | undefined {
    const i = this.faults.findIndex((f) => !f.method || f.method === method);
    return i < 0 ? undefined : this.faults.splice(i, 1)[0];
  }

  list(q: Record<string, string | undefined>): Json[] {
    const limit = Math.min(Number(q.limit ?? 20) || 20, 100);
    return [...this.orders.values()]
      .filter((o) => (q.origin === undefined || o.origin === q.origin) && (q.id_origin === undefined || String(o.id_origin) === q.id_origin)
        && (q.number_origin === undefined || String(o.number_origin) === q.number_origin)
        && (q._status === undefined || o._status === q._status) && (q.after === undefined || (o._id as string) > q.after))
      .sort((a, b) => ((a._id as string) < (b._id as string) ? -1 : 1))
      .slice(0, limit);
  }

  /** 422 messages, or null. */
  errors(body: Json, creating: boolean): string[] | null {
    const errors: string[] = [];
    if (body._status !== undefined && !CENTRY_ORDER_STATUSES.includes(body._status as string)) errors.push('_status is not valid');
    if (body.items !== undefined && !Array.isArray(body.items)) errors.push('items must be an array');
    for (const [i, item] of (Array.isArray(body.items) ? body.items : []).entries()) {
      const it = item as Json;
      if (!Number.isInteger(it.quantity) || (it.quantity as number) < 1) errors.push(`items[${i}].quantity must be a positive integer`);
      if (it.variant_id !== undefined && it.variant_id !== null && !this.variant(it.variant_id as string)) errors.push(`items[${i}].variant_id not found`);
      for (const k of ['unit_price', 'paid_price', 'discount_amount']) if (it[k] !== undefined && typeof it[k] !== 'number') errors.push(`items[${i}].${k} must be a number`);
    }
    for (const k of ['total_amount', 'shipping_amount', 'discount_amount', 'paid_amount']) if (body[k] !== undefined && body[k] !== null && typeof body[k] !== 'number') errors.push(`${k} must be a number`);
    if (creating && (!Array.isArray(body.items) || body.items.length === 0)) errors.push('items can\'t be blank');
    return errors.length ? errors : null;
  }

  create(body: Json): Json {
    const at = new Date(this.now()).toISOString();
    const items = ((body.items as Json[] | undefined) ?? []).map((it) => ({ _id: this.nextId(), quantity_restocked: 0, ...it }));
    const order: Json = { ...body, _id: this.nextId(), _status: body._status ?? 'pending', items, created_at: at, updated_at: at, stock_applied: false };
    this.orders.set(order._id as string, order);
    if (this.stockOnOrders && !cancelled(order._status)) {
      this.move(items, -1);
      order.stock_applied = true;
    }
    return order;
  }

  update(id: string, body: Json): Json | undefined {
    const order = this.orders.get(id);
    if (!order) return undefined;
    const { items, _id: _ignored, ...rest } = body;
    const wasCancelled = cancelled(order._status);
    Object.assign(order, rest, { updated_at: new Date(this.now()).toISOString() });
    if (Array.isArray(items) && items.length) {
      const added = (items as Json[]).map((it) => ({ _id: this.nextId(), quantity_restocked: 0, ...it }));
      (order.items as Json[]).push(...added); // Centry appends re-sent items (API-NOTES)
      if (order.stock_applied && !wasCancelled) this.move(added, -1);
    }
    if (!wasCancelled && cancelled(order._status) && order.stock_applied) {
      this.move(order.items as Json[], +1);
      for (const it of order.items as Json[]) it.quantity_restocked = it.quantity;
    }
    return order;
  }

  private variant(id: string): { product: Json; variant: Json } | undefined {
    for (const product of this.catalog.products.values()) {
      const variant = (product.variants as Json[] | undefined)?.find((v) => v._id === id);
      if (variant) return { product, variant };
    }
    return undefined;
  }

  private move(items: Json[], sign: 1 | -1): void {
    const changed = new Map<string, Json>();
    for (const it of items) {
      const found = typeof it.variant_id === 'string' ? this.variant(it.variant_id) : undefined;
      if (!found) continue;
      const product = changed.get(found.product._id as string) ?? { ...found.product, variants: (found.product.variants as Json[]).map((v) => ({ ...v })) };
      const v = (product.variants as Json[]).find((x) => x._id === it.variant_id)!;
      v.quantity = Math.max(0, Number(v.quantity ?? 0) + sign * Number(it.quantity));
      changed.set(product._id as string, product);
    }
    for (const p of changed.values()) this.catalog.saveProduct(p); // updated_at moves, on_product_save goes out
  }

  private nextId(): string {
    this.serial += 1;
    return `0e${Math.floor(this.now() / 1000).toString(16).padStart(8, '0')}${this.serial.toString(16).padStart(14, '0')}`;
  }
}

type Guard = (scope: string) => (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export function centryOrderRoutes(app: FastifyInstance, guard: Guard, orders: CentryOrdersState): void {
  const idOf = (req: FastifyRequest) => /^(.+)\.json$/.exec((req.params as { file: string }).file)?.[1];
  const delay = async () => { if (orders.latencyMs > 0) await new Promise((r) => setTimeout(r, orders.latencyMs)); };
  // The work is done; the answer waits `ms`, or ends with the caller's connection.
  const hang = (req: FastifyRequest, ms: number) => new Promise<void>((resolve) => {
    const done = () => { clearTimeout(timer); req.socket.off('close', done); resolve(); };
    const timer = setTimeout(done, ms);
    req.socket.once('close', done);
  });
  const answer = async (req: FastifyRequest, reply: FastifyReply, fault: CentryOrderFault | undefined, code: number, body: Json) => {
    if (fault?.kind === 'created-then-hang') await hang(req, fault.ms ?? 60_000);
    return fault?.kind === 'created-then-500' ? reply.code(500).send({ error: 'Internal Server Error' }) : reply.code(code).send(body);
  };
  // Unwrapped bodies are documented; one SDK wraps them in {"order":…}: both are read.
  const bodyOf = (req: FastifyRequest): Json => {
    const b = (req.body ?? {}) as Json;
    return b.order && typeof b.order === 'object' && !Array.isArray(b.order) ? (b.order as Json) : b;
  };

  app.get('/conexion/v1/orders.json', { preHandler: guard('read_orders') }, async (req) => {
    await delay();
    return orders.list(req.query as Record<string, string | undefined>);
  });
  app.get('/conexion/v1/orders/:file', { preHandler: guard('read_orders') }, async (req, reply) => {
    await delay();
    const o = orders.orders.get(idOf(req) ?? '');
    return o ?? reply.code(404).send({ error: 'Not found' });
  });
  app.post('/conexion/v1/orders.json', { preHandler: guard('write_orders') }, async (req, reply) => {
    await delay();
    const fault = orders.takeFault('POST');
    if (fault?.kind === 'status') return reply.code(fault.status ?? 500).send({ error: 'Internal Server Error' });
    const body = bodyOf(req);
    const errors = orders.errors(body, true);
    if (errors) return reply.code(422).send({ errors });
    return answer(req, reply, fault, 201, orders.create(body));
  });
  app.put('/conexion/v1/orders/:file', { preHandler: guard('write_orders') }, async (req, reply) => {
    await delay();
    const fault = orders.takeFault('PUT');
    if (fault?.kind === 'status') return reply.code(fault.status ?? 500).send({ error: 'Internal Server Error' });
    const body = bodyOf(req);
    const errors = orders.errors(body, false);
    if (errors) return reply.code(422).send({ errors });
    const updated = orders.update(idOf(req) ?? '', body);
    if (!updated) return reply.code(404).send({ error: 'Not found' });
    return answer(req, reply, fault, 200, updated);
  });
  app.delete('/conexion/v1/orders/:file', { preHandler: guard('write_orders') }, async (req, reply) =>
    reply.code(orders.orders.delete(idOf(req) ?? '') ? 204 : 404).send());

  // Inspection API (tests, demos).
  app.get('/_sandbox/orders', async () => [...orders.orders.values()]);
  app.post('/_sandbox/orders/faults', async (req, reply) => {
    const list = ((req.body ?? {}) as { faults?: CentryOrderFault[] }).faults ?? [];
    if (!Array.isArray(list) || list.some((f) => !CENTRY_ORDER_FAULTS.includes(f.kind))) return reply.code(422).send({ error: `faults: [{kind: ${CENTRY_ORDER_FAULTS.join('|')}, status?, method?, ms?}]` });
    orders.faults.push(...list);
    return reply.code(201).send({ pending: orders.faults.length });
  });
  app.put('/_sandbox/orders/settings', async (req) => {
    const b = (req.body ?? {}) as { stockOnOrders?: unknown; latencyMs?: unknown };
    if (typeof b.stockOnOrders === 'boolean') orders.stockOnOrders = b.stockOnOrders;
    if (typeof b.latencyMs === 'number' && b.latencyMs >= 0) orders.latencyMs = b.latencyMs;
    return { stockOnOrders: orders.stockOnOrders, latencyMs: orders.latencyMs };
  });
}
