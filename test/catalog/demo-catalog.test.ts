import t from 'tap';
import { createHash } from 'node:crypto';
import { openTestDatabase } from '../helpers/database.js';
import { createCatalogRepository } from '../../src/catalog/store/catalog-repository.js';
import { demoCatalogRecords, ean13, loadDemoCatalog, mulberry32, seedDemoCatalog } from '../../src/catalog/demo/demo-catalog.js';
import { createCatalogSourceRepository } from '../../src/catalog/store/catalog-source-repository.js';
import { parseCentryProduct } from '../../src/catalog/centry/centry-product.schema.js';
import type { CatalogProduct } from '../../src/catalog/model.js';
import { createCompany } from './fixtures.js';

const now = new Date('2025-06-15T12:00:00Z');
const opts = { imageBaseUrl: 'http://127.0.0.1:3100/_sandbox/images', now };
const digest = (o: Parameters<typeof demoCatalogRecords>[0]) => {
  const h = createHash('sha256');
  for (const r of demoCatalogRecords(o)) h.update(JSON.stringify(r));
  return h.digest('hex');
};

t.test('deterministic: same seed and size give the same records; another seed differs', async (t) => {
  t.equal(digest({ ...opts, size: 300, seed: 7 }), digest({ ...opts, size: 300, seed: 7 }));
  t.not(digest({ ...opts, size: 300, seed: 7 }), digest({ ...opts, size: 300, seed: 8 }));
  const a = mulberry32(42);
  const b = mulberry32(42);
  t.same([a(), a(), a()], [b(), b(), b()]);
  t.equal(ean13('400638133393'), '4006381333931', 'a known EAN-13');
});

t.test('realistic and valid: every product passes the import schema, with the intended mix', async (t) => {
  const size = 2000;
  const records = [...demoCatalogRecords({ ...opts, size })];
  const products: CatalogProduct[] = [];
  for (const r of records) {
    if ('brand' in r || 'category' in r || 'gender' in r) continue;
    const parsed = parseCentryProduct(r, { now });
    if (!parsed.ok) return t.fail(parsed.reason);
    products.push(parsed.value.product);
  }
  t.equal(products.length, size);
  t.same(records.filter((r) => 'gender' in r).map((r) => (r.gender as { name: string }).name), ['Hombre', 'Mujer', 'Unisex', 'Niños']);
  const categories = records.filter((r) => 'category' in r).map((r) => r.category as { _id: string; name: string; parent_id: string | null });
  const byId = new Map(categories.map((c) => [c._id, c]));
  t.ok(categories.some((c) => c.name === 'Poleras' && byId.get(c.parent_id!)?.name === 'Hombre'), 'Vestuario > Hombre > Poleras');
  t.ok(categories.every((c) => c.parent_id === null || byId.has(c.parent_id)), 'parents are listed first');

  const skus = products.flatMap((p) => [p.sku!, ...p.variants.map((v) => v.sku)]);
  t.equal(new Set(skus).size, skus.length, 'product and variant SKUs are unique');
  t.equal(new Set(products.map((p) => p.id)).size, size, 'ids are unique');
  t.ok(products.every((p) => p.priceCompare! > 0 && p.priceCompare! % 10 === 0), 'normal prices > 0, CLP-rounded');
  t.ok(products.every((p) => String(p.priceCompare).endsWith('990')), 'prices end in 990');
  const offers = products.filter((p) => p.price !== null);
  t.ok(offers.every((p) => p.price! > 0 && p.price! < p.priceCompare!), 'offers are below the normal price');
  t.ok(offers.length > size * 0.15 && offers.length < size * 0.25, `~20 % with offers (${offers.length})`);
  const at = now.getTime();
  const windows = {
    past: offers.filter((p) => p.saleEnd && p.saleEnd.getTime() < at).length,
    current: offers.filter((p) => p.saleStart && p.saleStart.getTime() <= at && (!p.saleEnd || p.saleEnd.getTime() >= at)).length,
    future: offers.filter((p) => p.saleStart && p.saleStart.getTime() > at).length,
    open: offers.filter((p) => !p.saleStart && !p.saleEnd).length,
  };
  t.ok(Object.values(windows).every((n) => n > 0), `offer windows of every kind ${JSON.stringify(windows)}`);
  const paused = products.filter((p) => !p.active).length;
  t.ok(paused > size * 0.03 && paused < size * 0.07, `~5 % paused (${paused})`);
  const simple = products.filter((p) => p.variants.every((v) => !v.sizeName && !v.colorName));
  t.ok(simple.length > 0 && simple.every((p) => p.variants.length === 1), 'simple products have one variant without size/color');
  t.ok(products.some((p) => p.variants.some((v) => v.sizeName === 'M')) && products.some((p) => p.variants.some((v) => v.sizeName === '42')));
  t.ok(products.some((p) => p.variants.some((v) => v.priceCompare !== null)), 'some variants have their own price');
  t.ok(products.every((p) => p.images.length > 0 && p.images.every((i) => i.url.startsWith(`${opts.imageBaseUrl}/`) && i.url.endsWith('.jpg'))));
});

t.test('loadDemoCatalog goes through the importer; loading twice changes nothing', async (t) => {
  const { db } = await openTestDatabase(t);
  const catalog = createCatalogRepository(db);
  const company = await createCompany(db);
  const first = await loadDemoCatalog({ catalog }, { ...opts, size: 120, companyId: company });
  t.match(first, { created: 120, rejected: 0, references: { brands: { created: 20 }, genders: { created: 4 } } });
  const second = await loadDemoCatalog({ catalog }, { ...opts, size: 120, companyId: company });
  t.match(second, { created: 0, updated: 0, unchanged: 120, rejected: 0 });
  t.match(await catalog.summary(company), { products: 120, brands: 20, genders: 4 });
  const sources = createCatalogSourceRepository(db);
  const other = await createCompany(db, 'Demo');
  t.match(await seedDemoCatalog({ catalog, sources }, { ...opts, size: 10, companyId: other }), { created: 10 });
  t.match(await sources.get(other), { kind: 'demo', lastImportReport: { created: 10 } });
});
