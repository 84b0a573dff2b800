// One store's orders in the API stand-in (../shared/jumpseller/API-NOTES.md "Orders and their
// webhooks", openapi.json OrderFields): a purchase lowers the store's stock like live (stock is
// lowered when an order becomes pending/paid, restored when it is canceled or abandoned); every state
// change is announced to `emit` (order_paid / order_shipped / order_canceled / … and, on every
// change, order_updated). Prices are tax included (`tax_on_product_price: true`), CLP integers.
import type { StoreCatalog } from './store-catalog.js';

export type OrderStatus = 'abandoned' | 'canceled' | 'pending_payment' | 'paid';
export type ShipmentStatus = 'unfulfilled' | 'requested' | 'in_transit' | 'pickup_available' | 'delivered' | 'failed';
export type OrderEvent = 'order_pending_payment' | 'order_paid' | 'order_shipped' | 'order_canceled' | 'order_abandoned' | 'order_updated';

export interface OrderLineRecord {
  productId: number;
  variantId: number | null;
  sku: string | null;
  name: string;
  qty: number;
  /** Unit price, tax included, in the store's currency (major units). */
  price: number;
  discount: number;
}

export interface OrderRecord {
  id: number;
  created_at: string;
  completed_at: string | null;
  currency: string;
  status: OrderStatus;
  shipment: ShipmentStatus;
  shipping: number;
  discount: number;
  lines: OrderLineRecord[];
  customer: { id: number; email: string; phone: string; phone_prefix: string; fullname: string };
  address: { name: string; surname: string; taxid: string; address: string; street_number: number; complement: string; municipality: string; city: string; region: string; postal: string; country: string; country_code: string };
  stockHeld: boolean;
}

export interface PurchaseLine { productId: number; variantId?: number | null; qty: number }
export type PurchaseOutcome = { ok: true; order: OrderRecord } | { ok: false; error: string };

const IVA = 19;

export class StoreOrders {
  readonly orders = new Map<number, OrderRecord>();
  private nextId = 10_001;

  constructor(
    private readonly catalog: StoreCatalog,
    private readonly now: () => number,
    private readonly currency: () => string,
    private readonly emit: (event: OrderEvent, order: OrderRecord) => void = () => {},
  ) {}

  /** Newest first, like the admin and (as far as known) live's `orders.json`. */
  list(): OrderRecord[] {
    return [...this.orders.values()].sort((a, b) => b.id - a.id);
  }

  /** A checkout: `paid` (stock lowered, order_paid) or `pending_payment` (stock lowered too, like live). */
  purchase(lines: PurchaseLine[], opts: { status?: 'paid' | 'pending_payment'; shipping?: number; email?: string; silent?: boolean } = {}): PurchaseOutcome {
    if (lines.length === 0) return { ok: false, error: 'no products' };
    const resolved: OrderLineRecord[] = [];
    for (const l of lines) {
      const p = this.catalog.products.get(l.productId);
      if (!p) return { ok: false, error: `product ${l.productId} not found` };
      if (!Number.isInteger(l.qty) || l.qty < 1) return { ok: false, error: 'qty must be a positive integer' };
      const v = l.variantId ? p.variants.find((x) => x.id === l.variantId) : undefined;
      if (l.variantId && !v) return { ok: false, error: `variant ${l.variantId} not found` };
      if (!v && p.variants.length > 0) return { ok: false, error: `product ${p.id} has variants: choose one` };
      const holder = (v ?? p).fields;
      if (holder.stock_unlimited !== true && Number(holder.stock ?? 0) < l.qty) return { ok: false, error: `not enough stock of ${String(holder.sku ?? p.fields.name)}` };
      resolved.push({
        productId: p.id, variantId: v?.id ?? null, sku: (v?.fields.sku ?? p.fields.sku ?? null) as string | null,
        name: String(p.fields.name), qty: l.qty, price: Number(v?.fields.price ?? p.fields.price ?? 0), discount: 0,
      });
    }
    const at = new Date(this.now()).toISOString();
    const id = this.nextId++;
    const status = opts.status ?? 'paid';
    const order: OrderRecord = {
      id, created_at: at, completed_at: status === 'paid' ? at : null, currency: this.currency(), status, shipment: 'unfulfilled',
      shipping: opts.shipping ?? 3990, discount: 0, lines: resolved, stockHeld: false,
      customer: { id: 500 + (id % 1000), email: opts.email ?? `cliente${id}@example.cl`, phone: '912345678', phone_prefix: '+56', fullname: 'Camila Rojas' },
      address: {
        name: 'Camila', surname: 'Rojas', taxid: '12.345.678-5', address: 'Av. Providencia', street_number: 1234, complement: 'Depto 56',
        municipality: 'Providencia', city: 'Santiago', region: 'Región Metropolitana', postal: '7500000', country: 'Chile', country_code: 'CL',
      },
    };
    this.adjustStock(order, -1);
    this.orders.set(id, order);
    if (!opts.silent) this.announce(status === 'paid' ? 'order_paid' : 'order_pending_payment', order);
    return { ok: true, order };
  }

  pay(id: number, silent = false): PurchaseOutcome {
    return this.change(id, (o) => o.status === 'pending_payment', (o) => { o.status = 'paid'; o.completed_at = new Date(this.now()).toISOString(); }, 'order_paid', silent);
  }

  ship(id: number, silent = false): PurchaseOutcome {
    return this.change(id, (o) => o.status === 'paid' && (o.shipment === 'unfulfilled' || o.shipment === 'requested'), (o) => { o.shipment = 'in_transit'; }, 'order_shipped', silent);
  }

  deliver(id: number, silent = false): PurchaseOutcome {
    return this.change(id, (o) => o.status === 'paid' && o.shipment !== 'delivered', (o) => { o.shipment = 'delivered'; }, null, silent);
  }

  cancel(id: number, silent = false): PurchaseOutcome {
    return this.change(id, (o) => o.status === 'paid' || o.status === 'pending_payment', (o) => { o.status = 'canceled'; this.adjustStock(o, +1); }, 'order_canceled', silent);
  }

  /** Sends the order's webhooks again (a duplicated delivery, as live retries do). */
  redeliver(id: number, event: OrderEvent): boolean {
    const o = this.orders.get(id);
    if (!o) return false;
    this.emit(event, o);
    return true;
  }

  clear(): void {
    this.orders.clear();
  }

  private change(id: number, allowed: (o: OrderRecord) => boolean, apply: (o: OrderRecord) => void, event: OrderEvent | null, silent: boolean): PurchaseOutcome {
    const o = this.orders.get(id);
    if (!o) return { ok: false, error: 'Order not found.' };
    if (!allowed(o)) return { ok: false, error: `not possible for an order ${o.status}/${o.shipment}` };
    apply(o);
    if (!silent) this.announce(event, o);
    return { ok: true, order: o };
  }

  private announce(event: OrderEvent | null, o: OrderRecord): void {
    if (event) this.emit(event, o);
    this.emit('order_updated', o);
  }

  /** -1 takes the units (checkout), +1 gives them back (cancellation); nothing twice. */
  private adjustStock(o: OrderRecord, sign: 1 | -1): void {
    if ((sign === -1) === o.stockHeld) return;
    for (const l of o.lines) {
      const p = this.catalog.products.get(l.productId);
      const holder = l.variantId ? p?.variants.find((v) => v.id === l.variantId)?.fields : p?.fields;
      if (!holder || holder.stock_unlimited === true) continue;
      holder.stock = Math.max(0, Number(holder.stock ?? 0) + sign * l.qty);
    }
    o.stockHeld = sign === -1;
  }
}

/** The order as the API renders it (OrderFields), amounts as numbers. */
export function orderFields(o: OrderRecord) {
  const total = o.lines.reduce((s, l) => s + l.price * l.qty - l.discount, 0);
  const net = (gross: number) => Math.round((gross / (1 + IVA / 100)) * 100) / 100;
  const statusName = { abandoned: 'Abandoned', canceled: 'Canceled', pending_payment: 'Pending Payment', paid: 'Paid' }[o.status];
  const shipmentName = { unfulfilled: 'Unfulfilled', requested: 'Requested', in_transit: 'In Transit', pickup_available: 'Pickup Available', delivered: 'Delivered', failed: 'Failed' }[o.shipment];
  return {
    id: o.id, created_at: o.created_at, completed_at: o.completed_at, currency: o.currency,
    subtotal: net(total), tax: Math.round((total - net(total)) * 100) / 100, shipping_tax: 0, shipping: o.shipping, shipping_required: true,
    total: total + o.shipping - o.discount, discount: o.discount, shipping_discount: 0, gift_cards_discount: 0,
    fulfillment_status: shipmentName, shipping_method_name: 'Despacho a domicilio', payment_method_name: 'Webpay', payment_method_type: 'webpay',
    coupons: '', promotions: [],
    customer: o.customer,
    shipping_address: { ...o.address, taxid: undefined },
    billing_address: o.address,
    products: o.lines.map((l, i) => ({
      id: l.productId, variant_id: l.variantId, sku: l.sku, name: l.name, qty: l.qty, price: l.price, discount: l.discount, weight: 1,
      taxes: [{ id: 900 + i, name: 'IVA', rate: IVA, fixed: false, tax_on_product_price: true }],
    })),
    status: statusName, status_name: statusName, status_enum: o.status,
    shipment_status: shipmentName, shipment_status_enum: o.shipment, shipping_option: 'delivery', same_day_delivery: false,
    source: { created_from: 'checkout' },
  };
}

export const wrapOrder = (o: OrderRecord) => ({ order: orderFields(o) });
