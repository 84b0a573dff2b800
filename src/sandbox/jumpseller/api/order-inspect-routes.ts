// Inspection API of the sandbox's orders (tests, benchmarks, demos; never part of live Jumpseller):
//   GET  /_sandbox/api/stores/:code/orders                 the orders as the API renders them
//   POST /_sandbox/api/stores/:code/orders                 a purchase {products:[{id, variant_id?, qty}], status?, silent?}
//   POST /_sandbox/api/stores/:code/orders/:id/:action     pay | ship | deliver | cancel  ({silent?})
//   POST /_sandbox/api/stores/:code/orders/:id/redeliver   {event}: the same webhook once more (a duplicate)
// `silent: true` changes the order without any webhook: a lost delivery.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SandboxAuthState } from '../auth-state.js';
import { apiStateFor } from './api-state.js';
import { idParam, notFound } from './respond.js';
import { orderFields, wrapOrder, type OrderEvent } from './store-orders.js';

const purchaseSchema = z.object({
  products: z.array(z.object({ id: z.number().int(), variant_id: z.number().int().nullable().optional(), qty: z.number().int().min(1) })).min(1),
  status: z.enum(['paid', 'pending_payment']).optional(),
  silent: z.boolean().optional(),
  email: z.string().optional(),
}).strict();

const EVENTS: OrderEvent[] = ['order_pending_payment', 'order_paid', 'order_shipped', 'order_canceled', 'order_abandoned', 'order_updated'];

export function orderInspectRoutes(app: FastifyInstance, auth: SandboxAuthState): void {
  const state = apiStateFor(auth);
  const storeFor = (params: unknown) => state.store((params as { code: string }).code);

  app.get('/_sandbox/api/stores/:code/orders', async (req) => ({ orders: storeFor(req.params).orders.list().map(orderFields) }));

  app.post('/_sandbox/api/stores/:code/orders', async (req, reply) => {
    const b = purchaseSchema.safeParse(req.body ?? {});
    if (!b.success) return reply.code(422).send({ message: 'Invalid purchase', errors: b.error.issues });
    const r = storeFor(req.params).orders.purchase(b.data.products.map((p) => ({ productId: p.id, variantId: p.variant_id ?? null, qty: p.qty })), b.data);
    return r.ok ? reply.code(201).send(wrapOrder(r.order)) : reply.code(422).send({ message: r.error });
  });

  app.post('/_sandbox/api/stores/:code/orders/:id/:action', async (req, reply) => {
    const id = idParam(req);
    const { action } = req.params as { action: string };
    const orders = storeFor(req.params).orders;
    const silent = (req.body as { silent?: unknown } | undefined)?.silent === true;
    if (id === null || !orders.orders.has(id)) return notFound(reply, 'Order not found.');
    if (action === 'redeliver') {
      const event = (req.body as { event?: string } | undefined)?.event as OrderEvent;
      if (!EVENTS.includes(event)) return reply.code(422).send({ message: `event must be one of ${EVENTS.join(', ')}` });
      orders.redeliver(id, event);
      return reply.code(202).send({ ok: true });
    }
    const act = { pay: orders.pay, ship: orders.ship, deliver: orders.deliver, cancel: orders.cancel }[action];
    if (!act) return notFound(reply, 'Unknown action.');
    const r = act.call(orders, id, silent);
    return r.ok ? wrapOrder(r.order) : reply.code(422).send({ message: r.error });
  });
}
