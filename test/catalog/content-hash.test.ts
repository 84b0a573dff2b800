// The content hash of a catalog product (catalog/content-hash.ts): what a sync could publish, and
// nothing else. It is stored with every product (catalog_products.content_hash) and is part of the
// planner's no-change key, so its value for the same content must never change: a changed hash would
// make every re-import rewrite every product and every store re-plan it.
import t from 'tap';
import { productContentHash } from '../../src/catalog/content-hash.js';
import { catalogProductId, catalogVariantId, type CatalogProduct } from '../../src/catalog/model.js';
import { prepareProduct } from '../../src/catalog/store/catalog-rows.js';

const product = (over: Partial<CatalogProduct> = {}): CatalogProduct => ({
  id: catalogProductId('5f0000070000000000000005'), name: 'Bototo Cuero', sku: 'BOT-5', barcode: null,
  description: '<p>Cuero</p>', shortDescription: 'Marca: Pehuén', condition: 'new', warranty: null,
  brandId: 'b-1', categoryId: 'c-2', genderId: null, active: true, priceCompare: 99990, price: 89990,
  saleStart: new Date('2026-11-01T00:00:00Z'), saleEnd: null,
  packageHeight: 14, packageLength: 35, packageWidth: 25, packageWeight: 1.47, seoTitle: null, seoDescription: 'Compra',
  variants: [
    { id: catalogVariantId('7a01'), sku: 'BOT-5-39', barcode: '780', sizeId: 's39', sizeName: '39', colorId: null, colorName: null, stock: 18, priceCompare: null, price: null, position: 1 },
    { id: catalogVariantId('7a02'), sku: 'BOT-5-40', barcode: null, sizeId: 's40', sizeName: '40', colorId: 'c', colorName: 'Café', stock: 0, priceCompare: null, price: 79990, position: 2 },
  ],
  images: [{ id: 'i1', url: 'https://img.example.cl/1.jpg', position: 1, fingerprint: 'f1' }],
  updatedAt: new Date('2026-12-01T10:00:00Z'),
  ...over,
} as CatalogProduct);

t.test('the same content keeps the hash it had (stored hashes stay valid)', async (t) => {
  t.equal(productContentHash(product()), "4HnbJDfuykPzOkskgRQP1y3uAka4IRCF3MoQwo2A6S4", 'the value computed before the hash moved out of the row module');
  t.equal(prepareProduct(product()).row.content_hash, "4HnbJDfuykPzOkskgRQP1y3uAka4IRCF3MoQwo2A6S4", 'the product row written carries that value');
});

t.test('what a sync could publish changes it; Centry\'s updated_at does not', async (t) => {
  const base = productContentHash(product());
  t.equal(productContentHash(product({ updatedAt: new Date('2027-01-01T00:00:00Z') })), base, 'touched in Centry, unchanged');
  const changes: [string, Partial<CatalogProduct>][] = [
    ['price', { price: 89991 }], ['name', { name: 'Bototo' }], ['a sale date', { saleEnd: new Date('2026-12-31T00:00:00Z') }],
    ['a variant\'s stock', { variants: [{ ...product().variants[0]!, stock: 17 }, product().variants[1]!] }],
    ['an image', { images: [] }], ['active', { active: false }],
  ];
  for (const [what, over] of changes) t.not(productContentHash(product(over)), base, what);
});
