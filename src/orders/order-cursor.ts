// The per-store cut-off and polling position (SPEC §10 "Orders placed before the store was linked are
// not sent"): set once — when the store is linked or reauthorized with `read_orders`
// (onStoreLinked), or else the first time its orders are looked at — to the store's last order id.
import type { Integration } from '../company/model.js';
import { lastOrderId, type OrdersApi } from './jumpseller-orders.js';
import type { OrderCursor, OrderRepository } from './order-repository.js';

export interface CursorDeps {
  orders: Pick<OrderRepository, 'cursor' | 'initCursor'>;
  jumpseller(integration: Pick<Integration, 'id' | 'storeCode'>): OrdersApi;
}

export async function ensureCursor(deps: CursorDeps, integration: Pick<Integration, 'id' | 'storeCode'>): Promise<OrderCursor> {
  const known = await deps.orders.cursor(integration.id);
  if (known) return known;
  return deps.orders.initCursor(integration.id, await lastOrderId(deps.jumpseller(integration)));
}
