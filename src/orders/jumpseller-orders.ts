// The Jumpseller order reads this app makes (openapi.json "Orders"), through the store's paced and
// retried client (src/jumpseller/transport.ts): one order, the orders after an id, and the store's
// last order id (the cut-off). All need the `read_orders` scope; a grant without it answers 403.
import { JumpsellerApiError, NotFoundError } from '../jumpseller/errors.js';
import type { JumpsellerClient } from '../jumpseller/http-client.js';
import { parseJumpsellerOrder, type JumpsellerOrder } from './jumpseller-order.js';

export type OrdersApi = Pick<JumpsellerClient, 'transport'>;

/** The grant predates orders (no `read_orders`): "Reautorizar" fixes it. */
export class OrdersScopeError extends Error {
  constructor() {
    super('the store did not grant read_orders');
    this.name = 'OrdersScopeError';
  }
}

async function get(api: OrdersApi, path: string, query?: Record<string, string | number>): Promise<unknown> {
  try {
    return (await api.transport.send({ method: 'GET', path, query })).body;
  } catch (e) {
    if (e instanceof JumpsellerApiError && e.status === 403) throw new OrdersScopeError();
    throw e;
  }
}

function parse(body: unknown): JumpsellerOrder {
  const r = parseJumpsellerOrder(body);
  if (!r.ok) throw new Error(`unreadable Jumpseller order: ${r.error}`);
  return r.order;
}

/** null when the store has no such order (404). */
export async function readOrder(api: OrdersApi, id: number): Promise<JumpsellerOrder | null> {
  try {
    return parse(await get(api, `/orders/${id}.json`));
  } catch (e) {
    if (e instanceof NotFoundError || (e instanceof JumpsellerApiError && e.status === 404)) return null;
    throw e;
  }
}

/** The next orders by id after `id`, ascending (an array on live; the spec shows one object: both read). */
export async function ordersAfter(api: OrdersApi, id: number): Promise<JumpsellerOrder[]> {
  const body = await get(api, `/orders/after/${id}.json`);
  const list = Array.isArray(body) ? body : body ? [body] : [];
  return list.map(parse).sort((a, b) => a.id - b.id);
}

/**
 * The highest order id the store has (0 when none): the first and the last page of `orders.json`,
 * so it holds whichever way the list is sorted.
 */
export async function lastOrderId(api: OrdersApi): Promise<number> {
  const countBody = (await get(api, '/orders/count.json')) as { count?: unknown } | null;
  const count = Number(countBody?.count ?? 0);
  if (!count) return 0;
  const pages = [...new Set([1, Math.ceil(count / 100)])];
  let max = 0;
  for (const page of pages) {
    const list = await get(api, '/orders.json', { limit: 100, page });
    for (const item of Array.isArray(list) ? list : []) {
      const id = Number((item as { order?: { id?: unknown } }).order?.id);
      if (Number.isInteger(id) && id > max) max = id;
    }
  }
  return max;
}
