// Things the merchant deletes in the Jumpseller admin behind the app's back (SPEC §7.2): a variant
// whose update then answers 404 is created again with its options and the mapping follows it — no
// failure, no duplicate; a variant also gone from the catalog is simply left gone.
import t from 'tap';
import type { CatalogProduct } from '../../src/catalog/model.js';
import { expectedProjection, openSyncHarness, projectionDiff } from '../helpers/sync.js';

t.test('a variant deleted in Jumpseller is recreated on its next update, once', async (t) => {
  const h = await openSyncHarness(t, { size: 40 });
  const company = h.integration.companyId;
  await h.sync();
  const ids = (await h.database.db('sync_product_mappings').pluck('catalog_product_id')).sort();
  const products = await h.services.catalog.getProducts(company, ids);
  const withVariants = products.filter((p) => p.variants.filter((v) => v.sizeName || v.colorName).length >= 3);
  t.ok(withVariants.length >= 2, 'the demo catalog has products with several variants');
  const [product, other] = withVariants as [CatalogProduct, CatalogProduct];
  const variantRow = async (p: CatalogProduct, cv: string) =>
    h.database.db('sync_variant_mappings').where({ catalog_product_id: p.id, catalog_variant_id: cv }).first();
  const storeId = async (p: CatalogProduct) => Number((await h.database.db('sync_product_mappings').where({ catalog_product_id: p.id }).first()).jumpseller_product_id);

  // The merchant deletes the last variant of one product in the admin (the API has no variant DELETE).
  const last = [...product.variants].sort((a, b) => a.position - b.position).at(-1)!;
  const gone = Number((await variantRow(product, last.id)).jumpseller_variant_id);
  const pid = await storeId(product);
  await fetch(`${h.sandbox.url}/_sandbox/api/stores/tienda-uno/products/${pid}/variants/${gone}`, { method: 'DELETE' });
  // …and of another product a variant that the catalog then drops as well.
  const dropped = [...other.variants].sort((a, b) => a.position - b.position).at(-1)!;
  const otherPid = await storeId(other);
  await fetch(`${h.sandbox.url}/_sandbox/api/stores/tienda-uno/products/${otherPid}/variants/${(await variantRow(other, dropped.id)).jumpseller_variant_id}`, { method: 'DELETE' });

  // The catalog changes every variant's stock of the first product, and drops the variant of the second.
  await h.services.catalog.upsertProducts(company, [
    { ...product, variants: product.variants.map((v) => ({ ...v, stock: v.stock + 3 })), updatedAt: new Date() },
    { ...other, variants: other.variants.filter((v) => v.id !== dropped.id), updatedAt: new Date() },
  ]);
  const { run } = await h.sync();
  t.match(run, { status: 'completed', failed: 0, updated: 2, created: 0 }, 'no failure');

  const inStore = h.store.catalog.products.get(pid)!;
  t.equal(inStore.variants.filter((v) => v.fields.sku === last.sku).length, 1, 'the variant is back, once');
  const back = inStore.variants.find((v) => v.fields.sku === last.sku)!;
  t.not(back.id, gone, 'as a new Jumpseller variant');
  t.same(back.options.map((o) => [o.name, o.value]), [
    ...(last.sizeName ? [['Talla', last.sizeName]] : []), ...(last.colorName ? [['Color', last.colorName]] : []),
  ], 'with its options');
  t.equal(Number((await variantRow(product, last.id)).jumpseller_variant_id), back.id, 'the mapping follows it');
  t.equal(h.store.catalog.products.get(otherPid)!.variants.some((v) => v.fields.sku === dropped.sku), false, 'a variant gone from both stays gone');
  t.same(projectionDiff(h.store, await expectedProjection(h)), [], 'the store equals the projection');
  t.equal((await h.sync()).writes, 0, 'and the next run has nothing to do');
});
