// SPEC §10 "Stock guard", end to end on loopback: a sale Centry has not accepted yet (it answers 503),
// Centry's stock for that variant rises for another reason, the catalog is pulled and the store
// synced — the push never raises the store above what is sellable (Centry's stock minus the units
// sold in Jumpseller). Then Centry accepts, the catalog catches up, and store and Centry agree.
import t from 'tap';
import { openOrdersHarness, sellable } from './orders-harness.js';
import { pollStoreOrders } from '../../src/orders/order-poller.js';

t.test('a catalog push never raises the store above what is sellable', async (t) => {
  const h = await openOrdersHarness(t, { size: 12 });
  await pollStoreOrders(h.orders, h.jobs, h.integration); // cut-off and hooks, as the scheduler does
  const sku = sellable(h, 3)[0]!;
  const centryBefore = h.centryStock(sku);
  t.equal(h.storeStock(sku), centryBefore, 'in sync to start with');

  await h.centry.app.inject({ method: 'POST', url: '/_sandbox/orders/faults', payload: { faults: [1, 2, 3].map(() => ({ kind: 'status', status: 503, method: 'POST' })) } });
  const id = await h.buy([{ sku, qty: 2 }], { silent: true });
  await h.jobs.send(h.integration.id, id);
  t.equal((await h.jobs.drain()).length, 1, 'Centry is down: the order is not accepted');
  t.equal(h.storeStock(sku), centryBefore - 2, 'Jumpseller took the units');

  // Centry receives 3 more units from elsewhere; the catalog pulls it; a run pushes stock.
  const product = [...h.centry.catalog.products.values()].find((p) => (p.variants as { sku: string }[]).some((v) => v.sku === sku))!;
  h.centry.catalog.saveProduct({ ...product, variants: (product.variants as { sku: string; quantity: number }[]).map((v) => (v.sku === sku ? { ...v, quantity: v.quantity + 3 } : v)) });
  await h.pullCatalog();
  await h.sync();
  const sellableNow = centryBefore + 3 - 2;
  t.equal(h.storeStock(sku), sellableNow, 'pushed Centry\'s stock minus the units Centry does not know were sold');

  // Centry comes back: the order is accepted (Centry lowers its stock), the catalog catches up.
  t.equal((await h.jobs.drain(undefined, 5)).length, 2, 'the two 503s left, then accepted');
  t.equal(h.jobs.pending.size, 0);
  t.equal(h.centryStock(sku), sellableNow, 'Centry now counts the sale');
  await h.sync();
  t.equal(h.storeStock(sku), sellableNow, 'before the catalog caught up, the hold still applies');
  await h.pullCatalog();
  await h.sync();
  t.equal(h.storeStock(sku), h.centryStock(sku), 'store and Centry agree: no mismatch after settling');
});
