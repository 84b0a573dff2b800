// Creates whose answer is lost, for products the store cannot find by SKU (none in the catalog, or
// "SKU" off "Al crear"): the app records the attempt before the POST and, before any new attempt —
// in the same run, the next one, or after a crash — looks for what it may have made by the exact
// name and price it sent, created no earlier than the attempt. Never a duplicate (docs/adr/0007).
import t from 'tap';
import { request } from 'undici';
import { catalogProductId, type CatalogProduct } from '../../src/catalog/model.js';
import { CLOCK_SKEW_MS, unconfirmedCreateMatches } from '../../src/publishing/run/adoption.js';
import type { JumpsellerProduct } from '../../src/jumpseller/schemas.js';
import type { Fault } from '../../src/sandbox/jumpseller/api/faults.js';
import { expectedProjection, openSyncHarness, projectionDiff, type SyncHarness } from '../helpers/sync.js';

t.test('which store products an unconfirmed create may have made', async (t) => {
  const at = new Date('2026-01-01T12:00:00Z');
  const pending = { name: 'Bolso', price: 9990, attemptedAt: at };
  const p = (id: number, over: Partial<JumpsellerProduct> & { created_at?: string }) => ({ id, name: 'Bolso', sku: null, price: 9990, ...over }) as JumpsellerProduct;
  const found = [
    p(7, { created_at: '2026-01-01 12:00:03 UTC' }),
    p(3, { created_at: '2026-01-01T11:55:00.000Z' }), // within the clock skew
    p(9, {}), // no created_at: not excluded
    p(1, { created_at: new Date(at.getTime() - CLOCK_SKEW_MS - 1000).toISOString() }), // older: the merchant's
    p(2, { name: 'Bolso grande', created_at: '2026-01-01T12:00:01Z' }), // partial match of the search
    p(4, { sku: 'B-1', created_at: '2026-01-01T12:00:01Z' }), // carries a SKU: not ours
    p(5, { price: 9991, created_at: '2026-01-01T12:00:01Z' }), // another price
    p(6, { price: '9990.0' as unknown as number, created_at: '2026-01-01T12:00:01Z' }), // a string price the schema did not coerce
  ];
  t.same(unconfirmedCreateMatches(found, pending, 'CLP').map((x) => x.id), [3, 7, 9], 'same name, price, no SKU, not older than the attempt; oldest first');
});

async function fault(h: SyncHarness, faults: Fault[] | null) {
  const url = `${h.sandbox.url}/_sandbox/api/stores/tienda-uno/faults`;
  const r = faults === null
    ? await request(url, { method: 'DELETE' })
    : await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ faults }) });
  await r.body.dump();
}

async function addProduct(h: SyncHarness, id: string, over: Partial<CatalogProduct>): Promise<CatalogProduct> {
  const [template] = await h.services.catalog.getProducts(h.integration.companyId, [
    (await h.database.db('catalog_products').where({ company_id: h.integration.companyId, active: true }).orderBy('id').first()).id,
  ]);
  const product: CatalogProduct = {
    ...template!, id: catalogProductId(id), sku: null, barcode: null, variants: [], images: [], priceCompare: 15_000, price: null,
    active: true, updatedAt: new Date(), ...over,
  };
  await h.services.catalog.upsertProducts(h.integration.companyId, [product]);
  return product;
}

const named = (h: SyncHarness, name: string) => h.store.catalog.list().filter((p) => p.fields.name === name);
const pendingRows = (h: SyncHarness) => h.database.db('sync_pending_creates').where({ integration_id: h.integration.id });

t.test('a product without SKU created but answered 500 is found by name and adopted, never created twice', async (t) => {
  const h = await openSyncHarness(t, { size: 10 });
  await h.sync();
  const product = await addProduct(h, 'sin-sku-1', { name: 'Bolso artesanal (sin SKU)' });
  await fault(h, [{ kind: 'created-then-500', method: 'POST', path: '/products.json', times: 1 }]);
  const { run } = await h.sync();
  t.match(run, { status: 'completed', failed: 0 }, 'no failure');
  t.equal(named(h, product.name).length, 1, 'one store product');
  const mapping = await h.database.db('sync_product_mappings').where({ catalog_product_id: product.id }).first();
  t.equal(Number(mapping.jumpseller_product_id), named(h, product.name)[0]!.id, 'mapped to the one the lost answer created');
  t.same(await pendingRows(h), [], 'the attempt record is gone with the mapping');
  t.same(projectionDiff(h.store, await expectedProjection(h)), []);
  t.equal((await h.sync()).writes, 0);
});

t.test('when the look-up itself fails, the run reports it and the next run adopts instead of creating again', async (t) => {
  const h = await openSyncHarness(t, { size: 10 });
  await h.sync();
  const product = await addProduct(h, 'sin-sku-2', { name: 'Cojín bordado' });
  await fault(h, [
    { kind: 'created-then-500', method: 'POST', path: '/products.json', times: 1 },
    { kind: 'status', status: 503, method: 'GET', path: '/products/search.json', times: 50 },
  ]);
  const failed = await h.sync();
  t.match(failed.run, { status: 'completed_with_errors', failed: 1 });
  const [line] = await h.services.runs.errors(failed.run.id, 10);
  t.match(line, { catalogProductId: product.id, operation: 'buscar por nombre' }, 'reported: the look-up failed');
  t.equal(named(h, product.name).length, 1, 'the lost create did happen');
  t.equal((await pendingRows(h)).length, 1, 'and the attempt is on record');

  await fault(h, null);
  const next = await h.sync();
  t.match(next.run, { status: 'completed', failed: 0, created: 0 });
  t.equal(named(h, product.name).length, 1, 'adopted, not created again');
  t.same(projectionDiff(h.store, await expectedProjection(h)), []);
});

t.test('a lost answer to a create that did not happen: looked for, not found, created once', async (t) => {
  const h = await openSyncHarness(t, { size: 10 });
  await h.sync();
  const product = await addProduct(h, 'sin-sku-3', { name: 'Manta de lana' });
  await fault(h, [{ kind: 'status', status: 500, method: 'POST', path: '/products.json', times: 1 }]);
  const { run } = await h.sync();
  t.match(run, { status: 'completed', failed: 0, created: 1 });
  t.equal(named(h, product.name).length, 1);
  t.ok(h.store.log.some((l) => l.path === '/products/search.json'), 'it looked before the second attempt');
});

t.test('the merchant’s own older product with the same name is never taken; "SKU" off on create is covered too', async (t) => {
  const h = await openSyncHarness(t, { size: 10 });
  await h.sync();
  await h.saveSettings((s) => { s.fields = { ...s.fields, sku: { onCreate: false, onUpdate: true } }; });
  const product = await addProduct(h, 'con-sku-apagado', { name: 'Taza esmaltada', sku: 'TAZA-1' });
  // The merchant made one by hand long ago: same name and price, no SKU.
  const mine = h.store.catalog.create({ name: 'Taza esmaltada', price: 15_000, stock: 3 });
  if (!mine.ok) throw new Error('seed');
  mine.value.created_at = '2020-01-01T00:00:00.000Z';
  await fault(h, [{ kind: 'created-then-500', method: 'POST', path: '/products.json', times: 1 }]);
  const { run } = await h.sync();
  t.match(run, { status: 'completed', failed: 0 });
  const both = named(h, product.name);
  t.equal(both.length, 2, "the merchant's and ours, no third");
  const mapping = await h.database.db('sync_product_mappings').where({ catalog_product_id: product.id }).first();
  t.not(Number(mapping.jumpseller_product_id), mine.value.id, 'ours is the one adopted');
  t.match(h.store.catalog.products.get(mine.value.id)!.fields, { sku: null, stock: 3 }, "the merchant's is untouched");
  t.equal(h.store.catalog.products.get(Number(mapping.jumpseller_product_id))!.fields.sku, 'TAZA-1', 'ours gets its SKU on update');
});
