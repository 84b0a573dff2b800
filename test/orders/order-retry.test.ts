// "Reintentar" as a use case (src/orders/order-retry.ts): its three outcomes. The route, with CSRF and
// tenant scope, is covered in test/web/order-routes.test.ts.
import t from 'tap';
import { retryOrder } from '../../src/orders/order-retry.js';
import { integrationId } from '../../src/company/model.js';

const STORE = integrationId(3);

function harness(known: boolean, queue: boolean) {
  const updates: unknown[] = [];
  const sent: unknown[] = [];
  const deps = {
    orders: {
      get: async (_i: unknown, id: number) => (known ? { jumpsellerOrderId: id } : undefined),
      update: async (...args: unknown[]) => { updates.push(args); },
    } as never,
    jobs: queue ? { send: async (...args: unknown[]) => { sent.push(args); } } : undefined,
  };
  return { deps, updates, sent };
}

const CASES = [
  { name: 'an order of another store (or none): not found, nothing changes', known: false, queue: true, want: { outcome: 'not_found' }, changed: false },
  { name: 'no queue in this process: said, nothing changes', known: true, queue: false, want: { outcome: 'queue_unavailable' }, changed: false },
  { name: 'queued again: the row back to queued, its job sent', known: true, queue: true, want: { outcome: 'queued', orderId: 1001 }, changed: true },
];

for (const c of CASES) {
  t.test(c.name, async (t) => {
    const h = harness(c.known, c.queue);
    t.same(await retryOrder(h.deps, STORE, 1001), c.want);
    t.same(h.updates, c.changed ? [[STORE, 1001, { state: 'queued', reason: null }]] : []);
    t.same(h.sent, c.changed ? [[STORE, 1001]] : []);
  });
}
