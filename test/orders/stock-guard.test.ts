// SPEC §10 "Stock guard" as tables: which orders hold units, for how long, and what the planner sees.
import t from 'tap';
import { catalogProductId, catalogVariantId, type CatalogProduct } from '../../src/catalog/model.js';
import { HOLD_AFTER_ACCEPT_MS, heldFor, stockHolds, withHeldStock } from '../../src/orders/stock-guard.js';
import type { OrderState } from '../../src/orders/order-repository.js';

const NOW = new Date('2025-03-10T15:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const row = (jumpsellerStatus: string, state: OrderState, acceptedAt: Date | null, qty = 2) => ({
  jumpsellerStatus, state, acceptedAt, lines: [{ catalogProductId: 'p1', catalogVariantId: 'v1', qty }],
});

t.test('which orders hold their units', async (t) => {
  const cases: [ReturnType<typeof row>, number, string][] = [
    [row('paid', 'queued', null), 2, 'paid, not sent yet'],
    [row('paid', 'error', null), 2, 'Centry failing'],
    [row('paid', 'attention', null), 2, 'Requiere atención'],
    [row('pending_payment', 'waiting', null), 2, 'Jumpseller takes the units when the order is pending too'],
    [row('canceled', 'skipped', null), 0, 'cancelled: Jumpseller gave the units back'],
    [row('abandoned', 'waiting', null), 0, 'abandoned: given back'],
    [row('paid', 'skipped', null), 0, 'before the cut-off: not ours to hold'],
    [row('paid', 'sent', ago(60_000)), 2, 'accepted a minute ago, catalog not refreshed yet'],
    [row('paid', 'sent', ago(HOLD_AFTER_ACCEPT_MS)), 0, 'accepted long ago: the catalog is the truth'],
  ];
  for (const [r, want, why] of cases) t.equal(heldFor(stockHolds([r], NOW).get('v1'), ago(3_600_000)), want, why);
});

t.test('an accepted order stops holding once the catalog was refreshed after the acceptance', async (t) => {
  const holds = stockHolds([row('paid', 'sent', ago(60_000)), row('paid', 'queued', null, 3)], NOW).get('v1');
  t.equal(heldFor(holds, ago(120_000)), 5, 'catalog older than the acceptance: both');
  t.equal(heldFor(holds, ago(30_000)), 3, 'catalog refreshed since: only the unaccepted one');
});

t.test('the product the planner sees: variant stock minus held units, never below zero', async (t) => {
  const product = {
    id: catalogProductId('p1'), updatedAt: ago(3_600_000),
    variants: [{ id: catalogVariantId('v1'), stock: 5 }, { id: catalogVariantId('v2'), stock: 1 }],
  } as unknown as CatalogProduct;
  const holds = stockHolds([row('paid', 'queued', null, 2), { ...row('paid', 'queued', null, 4), lines: [{ catalogProductId: 'p1', catalogVariantId: 'v2', qty: 4 }] }], NOW);
  t.same(withHeldStock(product, holds).variants.map((v) => v.stock), [3, 0]);
  t.equal(withHeldStock(product, new Map()), product, 'nothing held: the same product');
  t.equal(product.variants[0]!.stock, 5, 'the catalog row is not changed');
});
