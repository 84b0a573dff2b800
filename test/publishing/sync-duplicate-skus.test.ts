// Two catalog products with one SKU never both reach the store (issue 14 §3, docs/adr/0012): against
// the sandbox, the later one is withheld and reported; a product already in the store keeps its SKU
// whatever its id; of two already published (a merged catalog), one is taken down.
import t from 'tap';
import { catalogProductId, type CatalogProduct } from '../../src/catalog/model.js';
import { runSync } from '../../src/jobs/run-sync.js';
import { openSyncHarness } from '../helpers/sync.js';

t.test('duplicate SKUs in the catalog', async (t) => {
  const h = await openSyncHarness(t, { size: 6 });
  const company = h.integration.companyId;
  const ids: string[] = (await h.database.db('catalog_products').pluck('id')).sort();
  const [first, other] = await h.services.catalog.getProducts(company, [ids[0]!, ids[3]!] as never);
  const sku = first!.sku ?? first!.variants[0]!.sku;
  const copy = (id: string, of: CatalogProduct, name: string): CatalogProduct => ({ ...of, id: catalogProductId(id), name, updatedAt: new Date() });
  const available = () => h.store.catalog.list().filter((p) => p.fields.status === 'available'
    && (p.fields.sku === sku || p.variants.some((v) => v.fields.sku === sku)));
  const errors = async (runId: number) => (await h.services.runs.errors(runId as never, 50)).map((e) => `${e.name}: ${e.message}`).sort();

  await t.test('never published: the higher id is withheld and reported', async (t) => {
    t.same(await h.services.catalog.productsSharingSkus(company), [], 'the demo catalog has no shared SKU');
    await h.services.catalog.upsertProducts(company, [copy('ff0000000000000000000001', first!, 'Copia posterior')]);
    t.same((await h.services.catalog.productsSharingSkus(company)).map((p) => p.id), [first!.id, 'ff0000000000000000000001']);
    const { run } = await h.sync();
    t.match(run, { status: 'completed_with_errors', failed: 1, created: 6 });
    t.same(available().map((p) => p.fields.name), [first!.name], 'one store product carries the SKU: the older one');
    t.same(await errors(run.id), [`Copia posterior: SKU duplicado en el catálogo: ${sku} (también en «${first!.name}», que es el que se publica); este producto no se publica.`]);
  });

  await t.test('a new product with a lower id does not take the SKU from the published one', async (t) => {
    await h.services.catalog.upsertProducts(company, [copy('000000000000000000000001', first!, 'Copia anterior')]);
    const { run, writes } = await h.sync();
    t.match(run, { status: 'completed_with_errors', failed: 2, unchanged: 6 });
    t.equal(writes, 0, 'the published product is left alone');
    t.same(available().map((p) => p.fields.name), [first!.name]);
    t.match((await errors(run.id)).join('\n'), /Copia anterior: SKU duplicado en el catálogo/);
  });

  await t.test('two published products come to share a SKU: the lower id stays, the other is taken down', async (t) => {
    const before = h.store.catalog.list().find((p) => p.fields.name === other!.name)!;
    t.equal(before.fields.status, 'available');
    await h.services.catalog.upsertProducts(company, [{ ...first!, id: other!.id, name: other!.name, updatedAt: new Date() }]);
    const { run } = await h.sync();
    t.match(run, { status: 'completed_with_errors', failed: 3 });
    t.same(available().map((p) => p.fields.name), [first!.name], 'still one store product with the SKU');
    t.equal(h.store.catalog.list().find((p) => p.id === before.id)?.fields.status, 'disabled', 'the duplicate was unpublished');
    t.match((await errors(run.id)).join('\n'), new RegExp(`${other!.name}: SKU duplicado en el catálogo: ${sku}`));
  });

  await t.test('a targeted run (a webhook) withholds the same products', async (t) => {
    const around = await h.services.catalog.productsSharingSkus(company, { around: ['ff0000000000000000000001'] });
    t.same(around.map((p) => p.id).sort(), ['000000000000000000000001', first!.id, other!.id, 'ff0000000000000000000001'].sort(),
      'the product and everything sharing its SKU');
    const queued = await h.services.runs.enqueue(h.integration.id, 'webhook', ['ff0000000000000000000001', other!.id]);
    if (!queued.ok) throw new Error('enqueue');
    await runSync(h.services, queued.run.id, { workerId: 'w' });
    t.match(await h.services.runs.get(queued.run.id), { status: 'completed_with_errors', failed: 2, processed: 2 });
    t.same(available().map((p) => p.fields.name), [first!.name]);
  });

  await t.test('SKUs are case-sensitive: "AB-1" and "ab-1" both publish', async (t) => {
    const lower = { ...first!, id: catalogProductId('ff0000000000000000000009'), name: 'Minúsculas', sku: first!.sku?.toLowerCase() ?? null,
      variants: first!.variants.map((v) => ({ ...v, sku: v.sku.toLowerCase() })), updatedAt: new Date() };
    t.not(lower.variants[0]!.sku, first!.variants[0]!.sku);
    await h.services.catalog.upsertProducts(company, [lower]);
    const { run } = await h.sync();
    t.match(run, { created: 1, failed: 3 });
    t.ok(h.store.catalog.list().some((p) => p.fields.name === 'Minúsculas' && p.fields.status === 'available'));
  });
});
