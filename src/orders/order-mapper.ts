// SPEC §10 "Destination": a Jumpseller order → the body of one Centry order. Pure: the lines are
// matched to Centry variants beforehand (order-lines.ts reads our mapping tables) and handed in.
// Amounts stay integer minor units until `centryCreateBody`, the one place that writes decimals.
// Decisions (docs/adr/0016-orders-to-centry.md): `unit_price` is tax included (Jumpseller's price
// when `tax_on_product_price`, else price plus its taxes); `paid_price` is what the line paid in
// total (unit × quantity − line discount); `total_amount` is the products, shipping a field of its own.
import { toApiDecimal } from '../pricing/money.js';
import type { JumpsellerOrder, OrderAddress, OrderLine } from './jumpseller-order.js';
import type { CentryStatus } from './order-status.js';

export const CENTRY_ORIGIN = 'Jumpseller';

/**
 * `url_origin` of a store's order: Jumpseller numbers orders per store, so `origin` + `id_origin`
 * alone can name the orders of two stores of one company; this URL says which store (docs/adr/0023).
 */
export function storeOrderUrl(storeCode: string, orderId: number): string {
  return `https://${storeCode}.jumpseller.com/admin/cl/orders/${orderId}`;
}

export type LineMatch =
  | { ok: true; catalogProductId: string; catalogVariantId: string }
  | { ok: false; reason: string };

export interface CentryItemDraft {
  idOrigin: string;
  variantId: string;
  sku: string | null;
  name: string;
  quantity: number;
  /** Minor units, tax included. */
  unitPrice: number;
  paidPrice: number;
  discountAmount: number;
}

export interface CentryOrderDraft {
  idOrigin: string;
  status: CentryStatus;
  statusOrigin: string;
  items: CentryItemDraft[];
  /** Minor units. */
  totalAmount: number;
  shippingAmount: number;
  discountAmount: number;
  paidAmount: number | null;
}

export type MapResult =
  | { ok: true; draft: CentryOrderDraft }
  /** "Requiere atención": one reason per line that cannot be matched; nothing is sent. */
  | { ok: false; reasons: string[] };

/** Tax-included unit price in minor units. */
export function unitPriceWithTax(line: Pick<OrderLine, 'price' | 'taxes'>, currencyMinorPerMajor = 1): number {
  let price = line.price;
  for (const t of line.taxes) {
    if (t.onPrice) continue;
    price += t.fixed ? Math.round(t.rate * currencyMinorPerMajor) : Math.round((line.price * t.rate) / 100);
  }
  return price;
}

export const statusOrigin = (o: Pick<JumpsellerOrder, 'status' | 'shipmentStatus'>) => (o.shipmentStatus ? `${o.status}/${o.shipmentStatus}` : o.status);
const paid = (o: JumpsellerOrder) => o.status === 'paid' || (o.status === 'canceled' && o.completedAt !== null);

export function mapOrder(order: JumpsellerOrder, matches: readonly LineMatch[], status: CentryStatus, minorPerMajor = 1): MapResult {
  const reasons = order.lines.flatMap((l, i) => {
    const m = matches[i];
    return m?.ok ? [] : [`Línea ${i + 1} (${l.sku ?? l.name}): ${m ? m.reason : 'sin revisar'}`];
  });
  if (order.lines.length === 0) reasons.push('El pedido no tiene productos');
  if (reasons.length) return { ok: false, reasons };
  const items = order.lines.map((l, i): CentryItemDraft => {
    const unit = unitPriceWithTax(l, minorPerMajor);
    const m = matches[i] as Extract<LineMatch, { ok: true }>;
    return { idOrigin: `${order.id}-${i}`, variantId: m.catalogVariantId, sku: l.sku, name: l.name, quantity: l.qty, unitPrice: unit, discountAmount: l.discount, paidPrice: unit * l.qty - l.discount };
  });
  return {
    ok: true,
    draft: {
      idOrigin: String(order.id), status, statusOrigin: statusOrigin(order), items,
      totalAmount: items.reduce((s, it) => s + it.unitPrice * it.quantity, 0),
      shippingAmount: order.shipping, discountAmount: order.discount, paidAmount: paid(order) ? order.total : null,
    },
  };
}

type Json = Record<string, unknown>;

function centryAddress(a: OrderAddress | null, order: JumpsellerOrder): Json | undefined {
  if (!a) return undefined;
  return compact({
    email: order.customer.email, first_name: a.name, last_name: a.surname, phone1: phone(order),
    line1: [a.address, a.streetNumber].filter(Boolean).join(' ') || undefined, line2: a.complement,
    county: a.municipality, city: a.city, state: a.region, zip_code: a.postal, country: a.country,
  });
}

const phone = (o: JumpsellerOrder) => [o.customer.phonePrefix, o.customer.phone].filter(Boolean).join(' ') || undefined;
const compact = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));

/** The POST body (Centry's order JSON, unwrapped as documented): decimals written here and only here. */
export function centryCreateBody(order: JumpsellerOrder, draft: CentryOrderDraft, storeCode: string): Json {
  const money = (minor: number) => toApiDecimal(minor, order.currency);
  const buyer = order.billingAddress ?? order.shippingAddress;
  return compact({
    origin: CENTRY_ORIGIN, id_origin: draft.idOrigin, number_origin: draft.idOrigin, url_origin: storeOrderUrl(storeCode, order.id),
    _status: draft.status, status_origin: draft.statusOrigin,
    buyer_email: order.customer.email, buyer_first_name: buyer?.name, buyer_last_name: buyer?.surname,
    buyer_phone: phone(order), buyer_dni: order.billingAddress?.taxid,
    address_shipping: centryAddress(order.shippingAddress, order), address_billing: centryAddress(order.billingAddress, order),
    total_amount: money(draft.totalAmount), shipping_amount: money(draft.shippingAmount), discount_amount: money(draft.discountAmount),
    paid_amount: draft.paidAmount === null ? undefined : money(draft.paidAmount),
    created_at_origin: order.createdAt ?? undefined,
    original_data: JSON.stringify(order.raw),
    items: draft.items.map((it) => compact({
      id_origin: it.idOrigin, variant_id: it.variantId, sku: it.sku, name: it.name, quantity: it.quantity,
      unit_price: money(it.unitPrice), paid_price: money(it.paidPrice), discount_amount: money(it.discountAmount), currency: order.currency,
    })),
  });
}

/** A status change: never the items (Centry appends items sent again, API-NOTES "Orders"). */
export function centryStatusBody(order: JumpsellerOrder, status: CentryStatus, now: Date): Json {
  const at = now.toISOString();
  return compact({
    _status: status, status_origin: statusOrigin(order),
    shipped_date: status === 'shipped' ? at : undefined, received_date: status === 'received' ? at : undefined,
    cancelled_date: status.startsWith('cancelled') ? at : undefined,
    paid_amount: paid(order) ? toApiDecimal(order.total, order.currency) : undefined,
  });
}
