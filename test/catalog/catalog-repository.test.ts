import t from 'tap';
import { openTestDatabase } from '../helpers/database.js';
import { createCatalogRepository } from '../../src/catalog/store/catalog-repository.js';
import { parseCentryProduct } from '../../src/catalog/centry/centry-product.schema.js';
import { catalogProductId, type CatalogProduct } from '../../src/catalog/model.js';
import { centryProduct, createCompany } from './fixtures.js';

const now = new Date('2025-01-01T00:00:00Z');
function product(n: number, over: Record<string, unknown> = {}): CatalogProduct {
  const r = parseCentryProduct(centryProduct(n, over), { now });
  if (!r.ok) throw new Error(r.reason);
  return r.value.product;
}

t.test('catalog repository against PostgreSQL', async (t) => {
  const { db } = await openTestDatabase(t);
  const repo = createCatalogRepository(db);
  const company = await createCompany(db);
  const other = await createCompany(db, 'Otra');

  t.test('upsert reports created / updated / unchanged by content hash', async (t) => {
    const first = await repo.upsertProducts(company, [product(1), product(2)]);
    t.same(first, { created: 2, updated: 0, unchanged: 0, outcomes: ['created', 'created'] });
    const again = await repo.upsertProducts(company, [product(1), product(2, { updated_at: '2025-02-01T00:00:00Z' })]);
    t.same(again.outcomes, ['unchanged', 'unchanged'], 'a newer updated_at alone is no change');
    const changed = await repo.upsertProducts(company, [product(1, { name: 'Polera Nueva' }), product(3)]);
    t.same(changed.outcomes, ['updated', 'created']);
    await t.rejects(repo.upsertProducts(company, [product(4), product(4)]), RangeError);
  });

  t.test('get assembles variants and images in position order; round-trips the model', async (t) => {
    const p = product(5, { variants: [
      { _id: 'v-b', sku: 'B', position: 2, quantity: 1 },
      { _id: 'v-a', sku: 'A', position: 1, quantity: 2, price: 990 },
    ] });
    await repo.upsertProducts(company, [p]);
    const got = await repo.getProduct(company, p.id);
    t.same(got, { ...p, variants: [p.variants[1], p.variants[0]] });
    t.equal(await repo.getProduct(other, p.id), null, 'another company sees nothing');
    t.same((await repo.getProducts(company, [p.id, catalogProductId('nope'), product(1).id])).map((x) => x.id), [product(1).id, p.id]);
  });

  t.test('variants and images are replaced on update, and go with their product', async (t) => {
    await repo.upsertProducts(company, [product(6), product(7)]);
    const edited = product(7, { variants: [{ _id: 'v7-new', sku: 'POL-7-XL', position: 1 }], assets: [] });
    t.same((await repo.upsertProducts(company, [edited])).outcomes, ['updated']);
    const got = (await repo.getProduct(company, product(7).id))!;
    t.same(got.variants.map((v) => v.sku), ['POL-7-XL']);
    t.same(got.images, []);
    const c = await createCompany(db, 'Cascade');
    await repo.upsertProducts(c, [product(1), product(2)]);
    await repo.deleteProduct(c, product(1).id);
    const count = async (table: string) => Number((await db(table).where({ company_id: c }).count({ n: '*' }))[0]!.n);
    t.same([await count('catalog_variants'), await count('catalog_images')], [2, 1], 'deleting a product deletes its variants and images');
    await db('companies').where({ id: c }).delete();
    t.same([await count('catalog_products'), await count('catalog_variants'), await count('catalog_images')], [0, 0, 0], 'and so does deleting the company');
  });

  t.test('references: replace renames, keep only adds', async (t) => {
    t.same(await repo.upsertBrands(company, [{ id: 'b1', name: 'Andes' }, { id: 'b2', name: 'Llaima' }]), { created: 2, updated: 0, unchanged: 0 });
    t.same(await repo.upsertBrands(company, [{ id: 'b1', name: 'Andes Trail' }, { id: 'b2', name: 'Llaima' }]), { created: 0, updated: 1, unchanged: 1 });
    t.same(await repo.upsertBrands(company, [{ id: 'b1', name: 'Otro' }, { id: 'b3', name: 'Nueva' }], { mode: 'keep' }), { created: 1, updated: 0, unchanged: 1 });
    await repo.upsertCategories(company, [{ id: 'c1', name: 'Vestuario', parentId: null }, { id: 'c2', name: 'Poleras', parentId: 'c1' }]);
    await repo.upsertGenders(company, [{ id: 'g1', name: 'Hombre' }]);
    const refs = await repo.references(company);
    t.same([...refs.brands.values()].map((b) => b.name), ['Andes Trail', 'Llaima', 'Nueva']);
    t.same(refs.categories.get('c2'), { id: 'c2', name: 'Poleras', parentId: 'c1' });
    t.equal(refs.genders.get('g1')?.name, 'Hombre');
    t.equal((await repo.references(other)).brands.size, 0);
  });

  t.test('delete leaves a tombstone; changesSince lists changes and deletions in order', async (t) => {
    const start = (await repo.changesSince(company, 0, 10_000)).lastSeq;
    await repo.upsertProducts(company, [product(8, { name: 'Cambiado' })]);
    t.equal(await repo.deleteProduct(company, product(2).id), true);
    t.equal(await repo.deleteProduct(company, product(2).id), false);
    t.equal(await repo.getProduct(company, product(2).id), null);
    const changes = await repo.changesSince(company, start);
    t.same(changes.changed, [product(8).id]);
    t.same(changes.deleted, [product(2).id]);
    t.same(await repo.changesSince(company, changes.lastSeq), { changed: [], deleted: [], lastSeq: changes.lastSeq });
    await repo.upsertProducts(company, [product(2)]);
    t.same((await repo.changesSince(company, changes.lastSeq)).changed, [product(2).id], 'recreated: no longer deleted');
    t.same((await repo.changesSince(company, changes.lastSeq)).deleted, []);
  });

  t.test('streamProducts pages by id with bounded pages', async (t) => {
    const c = await createCompany(db, 'Stream');
    await repo.upsertProducts(c, Array.from({ length: 25 }, (_, i) => product(100 + i)));
    const pages: number[] = [];
    const ids: string[] = [];
    for await (const page of repo.streamProducts(c, { pageSize: 10 })) {
      pages.push(page.length);
      ids.push(...page.map((p) => p.id));
      t.ok(page.every((p) => p.variants.length === 2 && p.images.length === 1));
    }
    t.same(pages, [10, 10, 5]);
    t.same(ids, [...ids].sort());
    t.equal(new Set(ids).size, 25);
    const empty = await createCompany(db, 'Empty');
    for await (const _ of repo.streamProducts(empty)) t.fail('no pages for an empty catalog');
  });

  t.test('summary counts and last update', async (t) => {
    const c = await createCompany(db, 'Summary');
    t.same(await repo.summary(c), { products: 0, activeProducts: 0, variants: 0, brands: 0, categories: 0, genders: 0, lastUpdate: null });
    await repo.upsertProducts(c, [product(1), product(2, { status: false })]);
    await repo.upsertBrands(c, [{ id: 'b1', name: 'B' }]);
    const s = await repo.summary(c);
    t.match(s, { products: 2, activeProducts: 1, variants: 4, brands: 1, categories: 0, genders: 0 });
    t.ok(s.lastUpdate instanceof Date);
  });

  t.test('search: SKU exact, then SKU prefix (product and variant), then name; case rules; paging', async (t) => {
    const c = await createCompany(db, 'Search');
    await repo.upsertProducts(c, [
      product(1, { sku: 'AB-1', name: 'Zapatilla Running' }),
      product(2, { sku: 'AB-10', name: 'Polera Básica' }),
      product(3, { sku: 'ab-1', name: 'Parka AB-1 edición' }),
      product(4, { sku: 'X-9', name: 'Mochila', variants: [{ _id: 'v4', sku: 'AB-1-XL' }] }),
      product(5, { sku: 'Q-5', name: 'Polera 100% algodón_pima' }),
    ]);
    const skus = async (query: string, extra = {}) => (await repo.search(c, { query, ...extra })).items.map((h) => [h.sku, h.match]);
    t.same(await skus('AB-1'), [['AB-1', 'sku'], ['AB-10', 'sku'], ['X-9', 'variant_sku'], ['ab-1', 'name']]);
    t.same(await skus('ab-1'), [['ab-1', 'sku']], 'SKUs are case-sensitive');
    t.same(await skus('POLERA'), [['Q-5', 'name'], ['AB-10', 'name']], 'names are case-insensitive, newest first');
    t.same(await skus('100%'), [['Q-5', 'name']], '% is literal');
    t.same(await skus('n_p'), [['Q-5', 'name']], '_ is literal');
    t.same(await skus('a_p'), [], '_ is not a wildcard');
    const variantHit = (await repo.search(c, { query: 'AB-1-X' })).items[0];
    t.match(variantHit, { sku: 'X-9', match: 'variant_sku', variantSku: 'AB-1-XL' });
    const p1 = await repo.search(c, { query: 'AB', limit: 2 });
    const p2 = await repo.search(c, { query: 'AB', limit: 2, offset: 2 });
    t.equal(p1.hasMore, true);
    t.equal(p2.hasMore, false);
    t.same([...p1.items, ...p2.items].map((h) => h.sku), ['AB-1', 'AB-10', 'X-9'], 'under 3 characters names are not searched');
    t.same(await skus('ab'), [['ab-1', 'sku']]);
    const all = await repo.search(c, { query: '  ', limit: 3 });
    t.same(all.items.map((h) => h.name), ['Polera 100% algodón_pima', 'Mochila', 'Parka AB-1 edición'], 'blank lists newest first');
    t.equal(all.hasMore, true);
    t.same((await repo.search(company, { query: 'Mochila' })).items, [], 'other companies are not searched');
  });
});
