// SPEC §10 "Destination": the Jumpseller → Centry mapping as tables — amounts exact (minor units until
// the body), taxes, addresses, unmatched lines → "Requiere atención" with the reason, and status
// updates that never carry items.
import t from 'tap';
import { parseJumpsellerOrder, type JumpsellerOrder } from '../../src/orders/jumpseller-order.js';
import { centryCreateBody, centryStatusBody, mapOrder, unitPriceWithTax, type LineMatch } from '../../src/orders/order-mapper.js';

const ORDER = {
  order: {
    id: 10001, created_at: '2025-03-10 12:00:00 -0300', completed_at: '2025-03-10 12:01:00 -0300', currency: 'CLP',
    subtotal: 18479.83, tax: '3511.17', shipping: 3990, total: 23990, discount: '0.0', shipping_discount: 0, gift_cards_discount: 0,
    status: 'Paid', status_enum: 'paid', shipment_status_enum: 'unfulfilled',
    customer: { id: 7, email: 'camila@example.cl', phone: '912345678', phone_prefix: '+56' },
    shipping_address: { name: 'Camila', surname: 'Rojas', address: 'Av. Providencia', street_number: 1234, complement: 'Depto 56', municipality: 'Providencia', city: 'Santiago', region: 'Región Metropolitana', postal: '7500000', country: 'Chile' },
    billing_address: { name: 'Camila', surname: 'Rojas', taxid: '12.345.678-5', address: 'Av. Providencia', street_number: '1234', municipality: 'Providencia', city: 'Santiago', region: 'RM', country: 'Chile' },
    products: [
      { id: 1001, variant_id: null, sku: 'TAZA-1', name: 'Taza', qty: 2, price: '5990.0', discount: 0, taxes: [{ rate: 19, fixed: false, tax_on_product_price: true }] },
      { id: 1002, variant_id: '5001', sku: 'POL-M', name: 'Polera', qty: 1, price: 8020, discount: '1000', taxes: [{ rate: 19, fixed: false, tax_on_product_price: false }] },
    ],
  },
};

const parsed = (body: unknown = ORDER): JumpsellerOrder => {
  const r = parseJumpsellerOrder(body);
  if (!r.ok) throw new Error(r.error);
  return r.order;
};
const MATCHED: LineMatch[] = [
  { ok: true, catalogProductId: 'p1', catalogVariantId: 'v1' },
  { ok: true, catalogProductId: 'p2', catalogVariantId: 'v2' },
];

t.test('parsing: lenient numbers, amounts in minor units, statuses', async (t) => {
  const o = parsed();
  t.match(o, { id: 10001, status: 'paid', shipmentStatus: 'unfulfilled', shipping: 3990, total: 23990, discount: 0 });
  t.match(o.lines[1], { variantId: 5001, price: 8020, discount: 1000 });
  t.equal(parsed({ order: { ...ORDER.order, currency: 'USD', total: 12.99 } }).total, 1299, 'USD cents');
  t.equal(parsed({ order: { ...ORDER.order, status_enum: undefined, status: 'Canceled' } }).status, 'canceled', 'the translated status when the enum is absent');
  t.notOk(parseJumpsellerOrder({ order: { id: 'x' } }).ok);
});

t.test('unit price is tax included', async (t) => {
  const cases: [number, { rate: number; fixed: boolean; onPrice: boolean }[], number][] = [
    [5990, [{ rate: 19, fixed: false, onPrice: true }], 5990],
    [8020, [{ rate: 19, fixed: false, onPrice: false }], 9544],
    [10000, [], 10000],
    [10000, [{ rate: 500, fixed: true, onPrice: false }], 10500],
  ];
  for (const [price, taxes, want] of cases) t.equal(unitPriceWithTax({ price, taxes }), want, JSON.stringify(taxes));
});

t.test('a matched order becomes one Centry body with exact amounts', async (t) => {
  const o = parsed();
  const r = mapOrder(o, MATCHED, 'pending');
  if (!r.ok) throw new Error(r.reasons.join());
  t.same(r.draft.items.map((i) => [i.idOrigin, i.variantId, i.quantity, i.unitPrice, i.discountAmount, i.paidPrice]), [
    ['10001-0', 'v1', 2, 5990, 0, 11980],
    ['10001-1', 'v2', 1, 9544, 1000, 8544],
  ]);
  const body = centryCreateBody(o, r.draft, 'tienda-uno');
  t.match(body, {
    origin: 'Jumpseller', id_origin: '10001', number_origin: '10001', url_origin: 'https://tienda-uno.jumpseller.com/admin/cl/orders/10001',
    _status: 'pending', status_origin: 'paid/unfulfilled',
    buyer_email: 'camila@example.cl', buyer_first_name: 'Camila', buyer_last_name: 'Rojas', buyer_dni: '12.345.678-5', buyer_phone: '+56 912345678',
    total_amount: 21524, shipping_amount: 3990, discount_amount: 0, paid_amount: 23990, created_at_origin: '2025-03-10 12:00:00 -0300',
    address_shipping: { line1: 'Av. Providencia 1234', line2: 'Depto 56', county: 'Providencia', city: 'Santiago', state: 'Región Metropolitana', zip_code: '7500000', country: 'Chile', first_name: 'Camila', email: 'camila@example.cl' },
    address_billing: { line1: 'Av. Providencia 1234', state: 'RM' },
  });
  t.notOk('line2' in (body.address_billing as object), 'no empty fields');
  t.equal(JSON.parse(body.original_data as string).id, 10001, 'original_data is the order JSON');
  t.ok(Number.isInteger(body.total_amount), 'CLP amounts are integers');
});

t.test('USD amounts become decimals only in the body', async (t) => {
  const o = parsed({ order: { ...ORDER.order, currency: 'USD', shipping: 4.5, total: 16.49, products: [{ id: 1, variant_id: null, sku: 'A', name: 'A', qty: 3, price: 3.33, discount: 0, taxes: [] }] } });
  const r = mapOrder(o, [MATCHED[0]!], 'pending', 100);
  if (!r.ok) throw new Error('unmatched');
  t.equal(r.draft.totalAmount, 999, 'cents, exact');
  t.match(centryCreateBody(o, r.draft, 'tienda-uno'), { total_amount: 9.99, shipping_amount: 4.5, paid_amount: 16.49, items: [{ unit_price: 3.33, paid_price: 9.99 }] });
});

t.test('unmatched lines put the order in "Requiere atención" with the reason; nothing is dropped', async (t) => {
  const r = mapOrder(parsed(), [MATCHED[0]!, { ok: false, reason: 'el SKU no está en el catálogo' }], 'pending');
  t.same(r, { ok: false, reasons: ['Línea 2 (POL-M): el SKU no está en el catálogo'] });
  const pendingPayment = parsed({ order: { ...ORDER.order, status_enum: 'pending_payment', completed_at: null } });
  const mapped = mapOrder(pendingPayment, MATCHED, 'pending');
  t.equal(mapped.ok && mapped.draft.paidAmount, null, 'paid_amount only once paid');
});

t.test('a status update carries the status and dates, never items', async (t) => {
  const shipped = parsed({ order: { ...ORDER.order, shipment_status_enum: 'in_transit' } });
  const body = centryStatusBody(shipped, 'shipped', new Date('2025-03-11T10:00:00Z'));
  t.same(body, { _status: 'shipped', status_origin: 'paid/in_transit', shipped_date: '2025-03-11T10:00:00.000Z', paid_amount: 23990 });
  t.notOk('items' in centryStatusBody(shipped, 'cancelled_after_shipping', new Date()));
});
