// The store's units against the catalog's, end to end against the sandbox (ADR 0009): a store in
// pounds gets Centry's kg converted, and a resync writes nothing; a store in another currency than
// the catalog gets nothing at all, and the run says why.
import t from 'tap';
import { weightForStore } from '../../src/publishing/plan/store-units.js';
import { expectedProjection, openSyncHarness, projectionDiff } from '../helpers/sync.js';

t.test('a store in lb: install keeps the unit, weights are sent in lb, a resync makes zero writes', async (t) => {
  const h = await openSyncHarness(t, { size: 40, storeInfo: { weight_unit: 'lb' } });
  t.equal(h.integration.weightUnit, 'lb', 'store info weight_unit is kept on the integration at install');
  const first = await h.sync();
  t.match(first.run, { status: 'completed', failed: 0 });
  t.same(projectionDiff(h.store, await expectedProjection(h)), [], 'the store equals the projection, weight included');
  const catalog = await h.services.catalog.getProducts(h.integration.companyId,
    (await h.database.db('sync_product_mappings').pluck('catalog_product_id')).sort());
  const weighed = catalog.find((p) => p.packageWeight !== null && p.packageWeight > 0);
  if (!weighed) throw t.fail('the demo catalog has weights');
  const inStore = h.store.catalog.list().find((p) => p.fields.name === weighed.name);
  t.equal(inStore?.fields.weight, weightForStore(weighed.packageWeight, 'lb'), `${weighed.packageWeight} kg arrives in lb`);
  t.not(inStore?.fields.weight, weighed.packageWeight, 'and is not the kg number');
  const second = await h.sync();
  t.equal(second.writes, 0, 'a resync with nothing changed makes zero writes');
});

t.test('a store switching from kg to lb gets its weights updated, once', async (t) => {
  const h = await openSyncHarness(t, { size: 30 });
  t.equal(h.integration.weightUnit, 'kg');
  await h.sync();
  await h.database.db('integrations').where({ id: h.integration.id }).update({ weight_unit: 'lb' });
  const switched = await h.sync();
  t.match(switched.run, { status: 'completed', failed: 0, created: 0 });
  t.ok(switched.run.updated > 0 && switched.writes === switched.run.updated, `one PUT per product with a weight (${switched.writes})`);
  const again = await h.sync();
  t.equal(again.writes, 0, 'then zero writes');
});

t.test('a store in USD with a CLP catalog: the run fails before any write, saying why', async (t) => {
  const h = await openSyncHarness(t, { size: 10, storeInfo: { currency: 'USD' } });
  t.equal(h.integration.currency, 'USD');
  const r = await h.sync();
  t.equal(r.run.status, 'failed');
  t.match(r.run.errorMessage, /La moneda de la tienda \(USD\) no coincide con la del catálogo \(CLP\), así que esta tienda no se sincroniza/);
  t.equal(r.writes, 0, 'nothing was published');
  t.equal(r.calls, 0, 'not a call to the store (no webhook registration either)');
  t.equal(h.store.catalog.list().length, 0, 'the store is untouched');
});
