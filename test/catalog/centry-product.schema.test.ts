import t from 'tap';
import { majorToMinor, parseCentryCategory, parseCentryProduct } from '../../src/catalog/centry/centry-product.schema.js';
import { centryProduct } from './fixtures.js';

const now = new Date('2025-01-01T00:00:00Z');

t.test('maps Centry product JSON into the catalog model, leniently', async (t) => {
  const r = parseCentryProduct({ ...centryProduct(1), unknown_key: { x: 1 }, status: 'false' }, { now });
  if (!r.ok) return t.fail(r.reason);
  const p = r.value.product;
  t.equal(p.id, '000000000000000000000001');
  t.equal(p.price, 9990, 'numeric string price');
  t.equal(p.priceCompare, 14990);
  t.equal(p.active, false, '"false" is Pausado');
  t.equal(p.packageWeight, 0.25);
  t.equal(p.seoTitle, null);
  t.equal(p.seoDescription, null, 'blank text is null');
  t.same(p.saleStart, new Date('2024-01-01T00:00:00.000Z'));
  t.equal(p.saleEnd, null);
  t.same(p.variants.map((v) => [v.sku, v.stock, v.priceCompare, v.position]), [['POL-1-M', 5, null, 1], ['POL-1-L', 7, 16990, 2]]);
  t.same(p.images, [{ id: '000000000000000000000001-a', url: 'https://img.example.cl/1.jpg', position: 1, fingerprint: 'abc' }]);
  t.same(r.value.brand, { id: 'b1', name: 'Andes Trail' });
  t.same(r.value.gender, { id: 'g1', name: 'Hombre' });
  t.equal(r.value.category, null, 'no category_name: nothing to create');
  t.notOk('unknown_key' in p);
});

t.test('missing updated_at takes `now`; missing variant ids derive from the SKU', async (t) => {
  const r = parseCentryProduct(centryProduct(2, { updated_at: undefined, variants: [{ sku: 'X-1' }], assets: undefined }), { now });
  t.ok(r.ok);
  if (!r.ok) return;
  t.same(r.value.product.updatedAt, now);
  t.equal(r.value.product.variants[0]!.id, '000000000000000000000002:X-1');
  t.equal(r.value.product.variants[0]!.stock, 0);
  t.same(r.value.product.images, []);
});

t.test('bad records say what is wrong, with the path', async (t) => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ name: '' }, /^name: es obligatorio/],
    [{ _id: undefined }, /_id: es obligatorio/],
    [{ price_compare: 'caro' }, /price_compare: se esperaba un número/],
    [{ salestartdate: 'mañana' }, /salestartdate: se esperaba una fecha ISO/],
    [{ variants: [{ sku: 'A' }, { quantity: 2.5 }] }, /variants\.1\.sku: es obligatorio; variants\.1\.quantity: se esperaba un número entero/],
    [{ assets: [{ url: 'ftp://x' }] }, /assets\.0\.url: se esperaba una URL http\(s\)/],
    [{ status: 'quizás' }, /status/],
    [{ variants: [{ _id: 'v', sku: 'A' }, { _id: 'v', sku: 'B' }] }, /duplicate variant or image id v/],
    [{ price_compare: 1e20 }, /price: amount out of range/],
  ];
  for (const [over, reason] of cases) {
    const r = parseCentryProduct(centryProduct(3, over), { now });
    t.match(r, { ok: false, reason }, JSON.stringify(over));
  }
});

t.test('prices in major units become minor units of the catalog currency', async (t) => {
  t.equal(majorToMinor(14990, 'CLP'), 14990);
  t.equal(majorToMinor(12.99, 'USD'), 1299);
  t.equal(majorToMinor(1.005, 'USD'), 101, 'half up on the decimal as written');
  t.equal(majorToMinor(null, 'CLP'), null);
  const r = parseCentryProduct(centryProduct(4, { price_compare: '19.99', price: null }), { now, currency: 'USD' });
  t.match(r, { ok: true, value: { product: { priceCompare: 1999, price: null } } });
});

t.test('sale dates read the same on every server; a bare end date covers its whole day (§5 inclusive)', async (t) => {
  const cases: [string, string, string, string][] = [
    ['ISO with Z', '2024-06-01T03:00:00.000Z', '2024-06-30T03:59:59.000Z', '2024-06-30T03:59:59.000Z'],
    ['ISO with offset', '2024-06-01T00:00:00-04:00', '2024-06-30T23:59:59-04:00', '2024-07-01T03:59:59.000Z'],
    ['bare dates', '2024-06-01', '2024-06-30', '2024-06-30T23:59:59.999Z'],
    ['no offset: UTC, not the server zone', '2024-06-01T10:00:00', '2024-06-30 18:30', '2024-06-30T18:30:00.000Z'],
  ];
  for (const [name, start, end, expectedEnd] of cases) {
    const r = parseCentryProduct(centryProduct(5, { salestartdate: start, saleenddate: end }), { now });
    if (!r.ok) { t.fail(r.reason); continue; }
    t.equal(r.value.product.saleEnd?.toISOString(), expectedEnd, `${name}: end`);
  }
  const bare = parseCentryProduct(centryProduct(5, { salestartdate: '2024-06-01', updated_at: '2024-06-02' }), { now });
  t.match(bare, { ok: true, value: { product: { saleStart: new Date('2024-06-01T00:00:00.000Z'), updatedAt: new Date('2024-06-02T00:00:00.000Z') } } },
    'a bare start date (or any other date) is the first millisecond of the day');
  t.match(parseCentryProduct(centryProduct(5, { saleenddate: '2024-02-30' }), { now }), { ok: false, reason: /saleenddate: se esperaba una fecha ISO/ });
});

t.test('categories carry their parent', async (t) => {
  t.same(parseCentryCategory({ _id: 'c2', name: 'Poleras', parent_id: 'c1' }), { ok: true, value: { id: 'c2', name: 'Poleras', parentId: 'c1' } });
  t.match(parseCentryCategory({ name: 'x' }), { ok: false });
});
