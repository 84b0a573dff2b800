// A Jumpseller order as this app reads it (openapi.json OrderFields; API-NOTES "Orders and their
// webhooks"): parsed leniently (numbers may come as strings, nulls where the spec has none), amounts
// turned into integer minor units of the order's currency at once (src/pricing/money.ts), so the
// mapping works on exact integers and only the Centry body holds decimals again.
import { z } from 'zod';
import { fromApiDecimal } from '../pricing/money.js';

const num = z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v ?? 0), z.number());
const int = z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), z.number().int());
const text = z.preprocess((v) => (v === null || v === undefined ? undefined : typeof v === 'number' ? String(v) : v), z.string().optional());

const addressSchema = z.looseObject({
  name: text, surname: text, taxid: text, address: text, street_number: text, complement: text,
  municipality: text, city: text, region: text, postal: text, country: text,
}).nullish();

const lineSchema = z.looseObject({
  id: int, variant_id: z.preprocess((v) => (v === '' ? null : v), int.nullish()), sku: text, name: text, qty: int, price: num, discount: num.optional(),
  taxes: z.array(z.looseObject({ rate: num.optional(), fixed: z.boolean().nullish(), tax_on_product_price: z.boolean().nullish() })).nullish(),
});

export const jumpsellerOrderSchema = z.looseObject({
  id: int, created_at: text, completed_at: text, currency: z.string().default('CLP'),
  shipping: num.optional(), discount: num.optional(), shipping_discount: num.optional(), gift_cards_discount: num.optional(), total: num.optional(),
  status_enum: z.string().optional(), status: text, shipment_status_enum: z.string().nullish(),
  customer: z.looseObject({ email: text, phone: text, phone_prefix: text, fullname: text }).nullish(),
  shipping_address: addressSchema, billing_address: addressSchema,
  products: z.array(lineSchema).default([]),
});

export interface OrderAddress {
  name?: string; surname?: string; taxid?: string; address?: string; streetNumber?: string; complement?: string;
  municipality?: string; city?: string; region?: string; postal?: string; country?: string;
}

export interface OrderTax { rate: number; fixed: boolean; onPrice: boolean }
export interface OrderLine {
  productId: number;
  variantId: number | null;
  sku: string | null;
  name: string;
  qty: number;
  /** Minor units. */
  price: number;
  discount: number;
  taxes: OrderTax[];
}

export type JumpsellerOrderStatus = 'abandoned' | 'canceled' | 'pending_payment' | 'paid';

export interface JumpsellerOrder {
  id: number;
  createdAt: string | null;
  completedAt: string | null;
  currency: string;
  status: JumpsellerOrderStatus | 'unknown';
  shipmentStatus: string | null;
  /** Minor units. */
  shipping: number;
  discount: number;
  total: number;
  customer: { email?: string; phone?: string; phonePrefix?: string; fullname?: string };
  shippingAddress: OrderAddress | null;
  billingAddress: OrderAddress | null;
  lines: OrderLine[];
  /** The order JSON as Jumpseller sent it (Centry keeps it as `original_data`). */
  raw: unknown;
}

const STATUSES: readonly string[] = ['abandoned', 'canceled', 'pending_payment', 'paid'];
const TRANSLATED: Record<string, JumpsellerOrderStatus> = { Abandoned: 'abandoned', Canceled: 'canceled', 'Pending Payment': 'pending_payment', Paid: 'paid' };

const address = (a: z.output<typeof addressSchema>): OrderAddress | null => a ? {
  name: a.name, surname: a.surname, taxid: a.taxid, address: a.address, streetNumber: a.street_number, complement: a.complement,
  municipality: a.municipality, city: a.city, region: a.region, postal: a.postal, country: a.country,
} : null;

/** `{"order":{…}}` or the bare order → the order in minor units, or the reason it cannot be read. */
export function parseJumpsellerOrder(body: unknown): { ok: true; order: JumpsellerOrder } | { ok: false; error: string } {
  const inner = body && typeof body === 'object' && 'order' in body ? (body as { order: unknown }).order : body;
  const r = jumpsellerOrderSchema.safeParse(inner);
  if (!r.success) return { ok: false, error: r.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const o = r.data;
  const currency = o.currency.toUpperCase();
  const minor = (v: number | undefined) => fromApiDecimal(v ?? 0, currency);
  const status = o.status_enum && STATUSES.includes(o.status_enum) ? (o.status_enum as JumpsellerOrderStatus) : (o.status && TRANSLATED[o.status]) || 'unknown';
  return {
    ok: true,
    order: {
      id: o.id, createdAt: o.created_at ?? null, completedAt: o.completed_at ?? null, currency, status,
      shipmentStatus: o.shipment_status_enum ?? null,
      shipping: minor(o.shipping), discount: minor(o.discount) + minor(o.shipping_discount) + minor(o.gift_cards_discount), total: minor(o.total),
      customer: { email: o.customer?.email, phone: o.customer?.phone, phonePrefix: o.customer?.phone_prefix, fullname: o.customer?.fullname },
      shippingAddress: address(o.shipping_address), billingAddress: address(o.billing_address),
      lines: o.products.map((l) => ({
        productId: l.id, variantId: l.variant_id ?? null, sku: l.sku?.trim() || null, name: l.name ?? '', qty: l.qty, price: minor(l.price), discount: minor(l.discount),
        taxes: (l.taxes ?? []).map((t) => ({ rate: t.rate ?? 0, fixed: t.fixed === true, onPrice: t.tax_on_product_price === true })),
      })),
      raw: inner,
    },
  };
}
