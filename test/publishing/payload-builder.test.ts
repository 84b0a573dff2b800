import t from 'tap';
import {
  catalogProductId, catalogVariantId, type CatalogCategory, type CatalogProduct, type CatalogReferences, type CatalogVariant,
} from '../../src/catalog/model.js';
import type { BasisPoints } from '../../src/pricing/percent.js';
import { DEFAULT_PRICE_RULES, type PriceRules } from '../../src/pricing/price-rules.js';
import { buildDesiredProduct, type BuildContext } from '../../src/publishing/plan/payload-builder.js';
import { ALWAYS_ON_CREATE, enabledFields, FIELD_LABELS, selectFields, SYNC_FIELDS, type FieldToggles, type SyncField } from '../../src/publishing/plan/sync-fields.js';
import { buildDescription, categoryPath } from '../../src/publishing/plan/payload-parts.js';
import { canonicalJson, fingerprint } from '../../src/publishing/plan/payload-fingerprint.js';
import { fieldFingerprints } from '../../src/publishing/plan/desired-fingerprints.js';
import { type DesiredProduct } from '../../src/publishing/plan/desired-product.js';

const now = new Date('2024-06-15T12:00:00.000Z');
const categories = new Map<string, CatalogCategory>([
  ['ropa', { id: 'ropa', name: 'Ropa', parentId: null }],
  ['hombre', { id: 'hombre', name: 'Hombre', parentId: 'ropa' }],
  ['poleras', { id: 'poleras', name: 'Poleras', parentId: 'hombre' }],
  ['x', { id: 'x', name: 'X', parentId: 'y' }],
  ['y', { id: 'y', name: 'Y', parentId: 'x' }],
  ['blank', { id: 'blank', name: '  ', parentId: 'ropa' }],
]);
const references: CatalogReferences = {
  brands: new Map([['b1', { id: 'b1', name: 'Marca Uno' }]]),
  categories,
  genders: new Map([['g1', { id: 'g1', name: 'Hombre' }]]),
};
const ctx = (rules: Partial<PriceRules> = {}, currency = 'CLP', at = now): BuildContext =>
  ({ references, rules: { ...DEFAULT_PRICE_RULES, ...rules }, currency, now: at });

const product = (p: Partial<CatalogProduct> = {}): CatalogProduct => ({
  id: catalogProductId('p1'), name: 'Polera Básica', sku: 'AB-1', barcode: '7800000000001',
  description: '<p>Polera de algodón.</p>', shortDescription: null, condition: 'new', warranty: null,
  brandId: 'b1', categoryId: 'poleras', genderId: 'g1', active: true, priceCompare: 10000, price: null,
  saleStart: null, saleEnd: null, packageHeight: 2, packageLength: 30, packageWidth: 20, packageWeight: 0.25,
  seoTitle: 'Polera | Tienda', seoDescription: 'La mejor polera', variants: [], images: [], updatedAt: now, ...p,
});
const variant = (id: string, v: Partial<CatalogVariant> = {}): CatalogVariant => ({
  id: catalogVariantId(id), sku: `SKU-${id}`, barcode: null, sizeId: null, sizeName: null, colorId: null, colorName: null,
  stock: 5, priceCompare: null, price: null, position: 0, ...v,
});
const build = (p: Partial<CatalogProduct>, c: BuildContext = ctx()): DesiredProduct => {
  const r = buildDesiredProduct(product(p), c);
  if (!r.ok) throw new Error(`expected a desired product, got ${r.reason}`);
  return r.desired;
};

t.test('simple products: SKU, price and stock on the product', async (t) => {
  const cases: [string, Partial<CatalogProduct>, Partial<PriceRules>, { sku: string | null; stock: number; price: number }][] = [
    ['no variants: stock 0, never the default 100', {}, {}, { sku: 'AB-1', stock: 0, price: 10000 }],
    ['one option-less variant', { variants: [variant('v1', { stock: 7 })] }, {}, { sku: 'AB-1', stock: 7, price: 10000 }],
    ['the variant SKU when the product has none', { sku: null, variants: [variant('v1')] }, {}, { sku: 'SKU-v1', stock: 5, price: 10000 }],
    ['a blank product SKU counts as none', { sku: '  ', variants: [variant('v1')] }, {}, { sku: 'SKU-v1', stock: 5, price: 10000 }],
    ['no SKU anywhere', { sku: null }, {}, { sku: null, stock: 0, price: 10000 }],
    ['SKU case kept', { sku: 'ab-1' }, {}, { sku: 'ab-1', stock: 0, price: 10000 }],
    ['sum of several option-less variants', { variants: [variant('v1', { stock: 3 }), variant('v2', { stock: 4, position: 1 })] }, {},
      { sku: 'AB-1', stock: 7, price: 10000 }],
    ['sum of buffered stock', { variants: [variant('v1', { stock: 3 }), variant('v2', { stock: 10, position: 1 })] }, { stockBuffer: 4 },
      { sku: 'AB-1', stock: 6, price: 10000 }],
    ['buffer larger than all stock', { variants: [variant('v1', { stock: 3 })] }, { stockBuffer: 10 }, { sku: 'AB-1', stock: 0, price: 10000 }],
    ['negative stock counts as 0', { variants: [variant('v1', { stock: -3 }), variant('v2', { stock: 2, position: 1 })] }, {},
      { sku: 'AB-1', stock: 2, price: 10000 }],
    ['first variant by position gives SKU and own price', {
      sku: null,
      variants: [variant('v2', { position: 2, priceCompare: 5000 }), variant('v1', { position: 1, priceCompare: 7000 })],
    }, {}, { sku: 'SKU-v1', stock: 10, price: 7000 }],
    ['rules apply', {}, { percent: 1900 as BasisPoints, rounding: 'ending_990', roundingDirection: 'up' }, { sku: 'AB-1', stock: 0, price: 11990 }],
  ];
  for (const [name, p, rules, expected] of cases) {
    const d = build(p, ctx(rules));
    t.strictSame({ sku: d.product.sku, stock: d.product.stock, price: d.product.price }, expected, name);
    t.strictSame(d.variants, [], `${name}: no Jumpseller variants`);
  }
  t.equal(build({ barcode: null, variants: [variant('v1', { barcode: '123' })] }).product.barcode, '123', 'barcode from the variant');
});

t.test('variants with size or color become Jumpseller variants', async (t) => {
  const d = build({
    variants: [
      variant('v3', { position: 3, sizeName: 'L', colorName: '  ', stock: 1 }),
      variant('v1', { position: 1, sizeName: 'S', colorName: 'Rojo', stock: 2, sku: 'ab-1-s' }),
      variant('v2', { position: 2, colorName: 'Azul', stock: 3, barcode: '789' }),
      variant('v0', { position: 0, stock: 50 }),
    ],
  }, ctx({ stockBuffer: 1 }));
  t.strictSame(d.variants.map((v) => [v.catalogVariantId, v.sku, v.barcode, v.stock, v.options]), [
    ['v1', 'ab-1-s', null, 1, [{ name: 'Talla', value: 'S' }, { name: 'Color', value: 'Rojo' }]],
    ['v2', 'SKU-v2', '789', 2, [{ name: 'Color', value: 'Azul' }]],
    ['v3', 'SKU-v3', null, 0, [{ name: 'Talla', value: 'L' }]],
  ], 'ordered by position, only non-empty options, option-less variant left out');
  t.equal(d.product.stock, 3, 'product stock is the sum of its published variants');
  t.equal(d.product.sku, 'AB-1');
});

t.test('prices: minor units, offers, variant overrides', async (t) => {
  const usd = build({ priceCompare: 1999, price: 1499 }, ctx({}, 'USD'));
  t.strictSame([usd.product.price, usd.product.compare_at_price], [1499, 1999], 'USD offer in minor units (ADR 0002): decimals only in the body');
  const clp = build({ priceCompare: 10000, price: 8000, saleEnd: new Date(now.getTime() - 1) });
  t.strictSame([clp.product.price, clp.product.compare_at_price], [10000, null], 'expired offer');
  const later = build({ priceCompare: 10000, price: 8000, saleStart: new Date(now.getTime() + 1) }, ctx({}, 'CLP', new Date(now.getTime() + 1)));
  t.strictSame([later.product.price, later.product.compare_at_price], [8000, 10000], 'the clock alone opens the offer');

  const d = build({
    priceCompare: 10000, price: 8000,
    variants: [
      variant('v1', { sizeName: 'S', position: 1 }),
      variant('v2', { sizeName: 'M', position: 2, priceCompare: 12000 }),
      variant('v3', { sizeName: 'L', position: 3, price: 0 }),
    ],
  });
  t.strictSame(d.variants.map((v) => [v.price, v.compare_at_price]), [[8000, 10000], [8000, 12000], [8000, 10000]],
    'each variant (an own offer of 0 is no own offer: the product offer applies)');
  t.strictSame([d.product.price, d.product.compare_at_price], [8000, 10000], 'product keeps its own');

  const cheapest = build({ priceCompare: null, variants: [variant('v1', { sizeName: 'S', priceCompare: 9000 }), variant('v2', { sizeName: 'M', priceCompare: 7000, position: 1 })] });
  t.equal(cheapest.product.price, 7000, 'no product normal price: the cheapest variant');
});

t.test('not publishable: no normal price', async (t) => {
  const cases: [string, Partial<CatalogProduct>, object][] = [
    ['no variants', { priceCompare: null }, { ok: false, reason: 'NO_NORMAL_PRICE', catalogVariantId: null }],
    ['normal 0', { priceCompare: 0 }, { ok: false, reason: 'NO_NORMAL_PRICE', catalogVariantId: null }],
    ['simple, the variant has none either', { priceCompare: null, variants: [variant('v1')] }, { ok: false, reason: 'NO_NORMAL_PRICE', catalogVariantId: 'v1' }],
    ['a variant without one', { priceCompare: null, variants: [variant('v1', { sizeName: 'S', priceCompare: 5000 }), variant('v2', { sizeName: 'M', position: 1 })] },
      { ok: false, reason: 'NO_NORMAL_PRICE', catalogVariantId: 'v2' }],
    ['out of range', { priceCompare: 2 ** 53 }, { ok: false, reason: 'PRICE_OUT_OF_RANGE', catalogVariantId: null }],
  ];
  for (const [name, p, expected] of cases) t.strictSame(buildDesiredProduct(product(p), ctx()), expected, name);
});

t.test('product fields', async (t) => {
  const d = build({});
  t.strictSame(d.product, {
    name: 'Polera Básica', description: '<p>Polera de algodón.</p>', price: 10000, compare_at_price: null, stock: 0,
    sku: 'AB-1', barcode: '7800000000001', brand: 'Marca Uno', weight: 0.25, length: 30, width: 20, height: 2,
    status: 'available', page_title: 'Polera | Tienda', meta_description: 'La mejor polera',
  });
  t.strictSame(d.categoryPath, ['Ropa', 'Hombre', 'Poleras']);
  t.equal(build({ active: false }).product.status, 'disabled', 'paused → disabled');
  t.equal(build({ brandId: 'unknown' }).product.brand, null, 'unknown brand');
  t.equal(build({ brandId: null }).product.brand, null, 'no brand');
  t.strictSame([build({ seoTitle: '', seoDescription: null }).product.page_title, build({ seoDescription: null }).product.meta_description], [null, null]);
  const paths: [string | null, string[]][] = [
    ['poleras', ['Ropa', 'Hombre', 'Poleras']], ['ropa', ['Ropa']], [null, []], ['ghost', []], ['x', ['Y', 'X']], ['blank', ['Ropa']],
  ];
  for (const [id, path] of paths) t.strictSame(categoryPath(id, categories), path, `category ${id}`);
});

t.test('description with "Características"', async (t) => {
  const cases: [string, string | null, string | null, string][] = [
    ['no features', '<p>Hola</p>', null, '<p>Hola</p>'],
    ['blank features', '<p>Hola</p>', '  ', '<p>Hola</p>'],
    ['nothing at all', null, null, ''],
    ['an HTML list keeps its items', '<p>Hola</p>', '<ul><li>Algodón</li><li class="x"> <b>Lavable</b> </li><li></li></ul>',
      '<p>Hola</p>\n<h3>Características</h3>\n<ul>\n<li>Algodón</li>\n<li><b>Lavable</b></li>\n</ul>'],
    ['plain lines become items', '<p>Hola</p>', 'Algodón\n\n- Lavable\r\n• 3 < 5 & más',
      '<p>Hola</p>\n<h3>Características</h3>\n<ul>\n<li>Algodón</li>\n<li>Lavable</li>\n<li>3 &lt; 5 &amp; más</li>\n</ul>'],
    ['HTML lines split at <br> and paragraphs', null, '<p>Algodón</p><p>Lavable<br/>Liviana</p>',
      '<h3>Características</h3>\n<ul>\n<li>Algodón</li>\n<li>Lavable</li>\n<li>Liviana</li>\n</ul>'],
    ['only features', '', 'Algodón', '<h3>Características</h3>\n<ul>\n<li>Algodón</li>\n</ul>'],
  ];
  for (const [name, description, short, expected] of cases) t.equal(buildDescription(description, short), expected, name);
  t.equal(build({ shortDescription: 'Algodón' }).product.description, '<p>Polera de algodón.</p>\n<h3>Características</h3>\n<ul>\n<li>Algodón</li>\n</ul>');
});

t.test('images in order, one per URL', async (t) => {
  const img = (id: string, url: string, position: number, fp: string | null = `fp-${id}`) => ({ id, url, position, fingerprint: fp });
  const d = build({ images: [img('i3', 'https://x/3.jpg', 5), img('i1', 'https://x/1.jpg', 1), img('i2', 'https://x/1.jpg', 2), img('i4', 'https://x/4.jpg', 9, null), img('i5', ' ', 3)] });
  t.strictSame(d.images, [
    { url: 'https://x/1.jpg', position: 1, fingerprint: 'fp-i1' },
    { url: 'https://x/3.jpg', position: 2, fingerprint: 'fp-i3' },
    { url: 'https://x/4.jpg', position: 3, fingerprint: fingerprint('https://x/4.jpg') },
  ]);
});

const toggles = (on: Partial<Record<SyncField, [boolean, boolean]>> = {}): FieldToggles =>
  Object.fromEntries(SYNC_FIELDS.map((f) => [f, { onCreate: on[f]?.[0] ?? false, onUpdate: on[f]?.[1] ?? false }])) as FieldToggles;

t.test('selectFields: create always sends name and price; update only toggled fields', async (t) => {
  const simple = build({ price: 8000, images: [{ id: 'i1', url: 'https://x/1.jpg', position: 1, fingerprint: 'f' }] });
  const withVariants = build({ variants: [variant('v1', { sizeName: 'S', stock: 2 })] });
  const cases: [string, DesiredProduct, FieldToggles, 'create' | 'update', object][] = [
    ['create, nothing toggled', simple, toggles(), 'create', { product: { name: 'Polera Básica', price: 8000, compare_at_price: 10000 } }],
    ['update, nothing toggled', simple, toggles(), 'update', { product: {} }],
    ['update, only on-create toggles', simple, toggles({ description: [true, false] }), 'update', { product: {} }],
    ['create, description on create', simple, toggles({ description: [true, false] }), 'create',
      { product: { name: 'Polera Básica', description: '<p>Polera de algodón.</p>', price: 8000, compare_at_price: 10000 } }],
    ['update, stock and seo', simple, toggles({ stock: [false, true], seo: [false, true] }), 'update',
      { product: { stock: 0, page_title: 'Polera | Tienda', meta_description: 'La mejor polera' } }],
    ['update, dimensions and status', simple, toggles({ dimensions: [false, true], status: [false, true] }), 'update',
      { product: { weight: 0.25, length: 30, width: 20, height: 2, status: 'available' } }],
    ['update, categories and images', simple, toggles({ categories: [false, true], images: [false, true] }), 'update',
      { product: {}, categoryPath: ['Ropa', 'Hombre', 'Poleras'], images: [{ url: 'https://x/1.jpg', position: 1, fingerprint: 'f' }] }],
    ['create with variants: variant prices too', withVariants, toggles(), 'create', {
      product: { name: 'Polera Básica', price: 10000, compare_at_price: null },
      variants: [{ catalogVariantId: 'v1', price: 10000, compare_at_price: null }],
    }],
    ['update variant stock only', withVariants, toggles({ stock: [true, true] }), 'update',
      { product: { stock: 2 }, variants: [{ catalogVariantId: 'v1', stock: 2 }] }],
    ['variants toggle adds options', withVariants, toggles({ variants: [true, true], sku: [true, true] }), 'update', {
      product: { sku: 'AB-1' },
      variants: [{ catalogVariantId: 'v1', sku: 'SKU-v1', options: [{ name: 'Talla', value: 'S' }] }],
    }],
    ['variant fields on a simple product', simple, toggles({ stock: [true, true], variants: [true, true] }), 'update', { product: { stock: 0 } }],
  ];
  for (const [name, desired, tg, mode, expected] of cases) t.strictSame(selectFields(desired, tg, mode), expected, name);
  t.strictSame(ALWAYS_ON_CREATE, ['name', 'price']);
  t.strictSame(enabledFields(toggles(), 'create'), ['name', 'price']);
  t.strictSame(enabledFields(toggles({ brand: [false, true] }), 'update'), ['brand']);
});

t.test('field labels (SPEC §4, verbatim)', async (t) => {
  t.strictSame(SYNC_FIELDS, ['name', 'description', 'price', 'stock', 'sku', 'barcode', 'images', 'categories', 'brand', 'dimensions', 'status', 'seo', 'variants']);
  t.strictSame(Object.values(FIELD_LABELS), ['Nombre', 'Descripción', 'Precio', 'Stock', 'SKU', 'Código de barras', 'Imágenes', 'Categoría', 'Marca', 'Peso y dimensiones', 'Estado', 'Campos SEO', 'Variantes (talla / color)']);
});

t.test('fingerprints are stable and change with what they cover', async (t) => {
  const cases: [string, unknown, unknown, boolean][] = [
    ['key order is irrelevant', { a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, true],
    ['undefined members are dropped', { a: 1, b: undefined }, { a: 1 }, true],
    ['null is a value', { a: null }, {}, false],
    ['array order matters', [1, 2], [2, 1], false],
    ['nested key order', { x: { b: 1, a: 2 } }, { x: { a: 2, b: 1 } }, true],
    ['number vs string', { a: 1 }, { a: '1' }, false],
    ['case matters', 'AB-1', 'ab-1', false],
    ['dates by instant', new Date(0), new Date(0), true],
  ];
  for (const [name, a, b, same] of cases) t.equal(fingerprint(a) === fingerprint(b), same, name);
  t.equal(canonicalJson({ b: 1, a: [true, null, 'x'] }), '{"a":[true,null,"x"],"b":1}');
  t.match(fingerprint('x'), /^[0-9a-f]{64}$/);

  const base = { variants: [variant('v1', { sizeName: 'S', stock: 5 }), variant('v2', { sizeName: 'M', stock: 5, position: 1 })] };
  const a = fieldFingerprints(build(base));
  t.strictSame(fieldFingerprints(build(base)), a, 'same product, same fingerprints');
  const b = fieldFingerprints(build({ variants: [base.variants[0]!, { ...base.variants[1]!, stock: 6 }] }));
  const changed = SYNC_FIELDS.filter((f) => a.fields[f] !== b.fields[f]);
  t.strictSame(changed, ['stock'], 'a variant stock change touches only the stock field');
  t.not(a.variants, b.variants, 'and the variants group');
  t.equal(a.variant.v1, b.variant.v1, 'but not the other variant');
  t.not(a.variant.v2, b.variant.v2);
  t.equal(a.images, b.images);
  const offer = fieldFingerprints(build({ ...base, price: 8000, saleStart: new Date(now.getTime() + 1) }, ctx({}, 'CLP', new Date(now.getTime() + 1))));
  t.strictSame(SYNC_FIELDS.filter((f) => a.fields[f] !== offer.fields[f]), ['price'], 'an offer starting changes only the price');
});

t.test('weight goes in the store unit (ADR 0009); dimensions stay in cm; the fingerprint follows the unit', async (t) => {
  const table: [string | undefined, number][] = [[undefined, 0.25], ['kg', 0.25], ['g', 250], ['lb', 0.551], ['oz', 8.818], ['stone', 0.25]];
  for (const [unit, weight] of table) {
    const d = build({}, { ...ctx(), weightUnit: unit });
    t.same([d.product.weight, d.product.length, d.product.width, d.product.height], [weight, 30, 20, 2], `${unit ?? 'no unit'}: weight ${weight}, cm unchanged`);
  }
  const fp = (unit?: string) => fieldFingerprints(build({}, { ...ctx(), weightUnit: unit })).fields;
  t.equal(fp('kg').dimensions, fp().dimensions, 'kg is what was sent before the unit was known');
  t.not(fp('lb').dimensions, fp('kg').dimensions, 'another unit changes "Peso y dimensiones"');
  t.same(SYNC_FIELDS.filter((f) => f !== 'dimensions' && fp('lb')[f] !== fp('kg')[f]), [], 'and nothing else');
});
