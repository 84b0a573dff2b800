// The whole sync against the Jumpseller sandbox (issue 6 "Done when"): the demo catalog publishes
// completely and the store equals the expected projection; a second run makes zero writes; five
// changed products cost exactly their updates; excluding a brand disables its products and
// un-excluding brings them back; a product deleted in Jumpseller is recreated.
import t from 'tap';
import { expectedProjection, openSyncHarness, projectionDiff } from '../helpers/sync.js';

t.test('publish the demo catalog, then only the differences', async (t) => {
  const size = Number(process.env.SYNC_TEST_SIZE ?? 500);
  const h = await openSyncHarness(t, { size });
  const first = await h.sync();
  t.match(first.run, { status: 'completed', total: size, processed: size, failed: 0 }, 'the first run completes without errors');
  const expected = await expectedProjection(h);
  t.same(projectionDiff(h.store, expected), [], 'the store equals the projection of the catalog');
  t.equal(first.run.created, expected.size, 'every publishable product was created');
  t.equal(first.run.skipped, size - expected.size, 'paused products are left alone, counted as "omitidos"');
  t.equal(first.run.unchanged, 0, 'nothing is "sin cambios" in a first run');

  const second = await h.sync();
  t.match(second.run, { status: 'completed', created: 0, updated: 0, unpublished: 0, unchanged: expected.size, skipped: size - expected.size });
  t.equal(second.writes, 0, 'a re-run with nothing changed makes zero writes');
  t.ok(second.calls <= 1, `and next to no reads (${second.calls})`);
});

t.test('changes, exclusions and a product deleted in Jumpseller', async (t) => {
  const h = await openSyncHarness(t, { size: 80 });
  const company = h.integration.companyId;
  await h.sync();
  const published = (await h.services.catalog.getProducts(company, (await h.database.db('sync_product_mappings').pluck('catalog_product_id')).sort()));

  // Five products change in the catalog: exactly five updates.
  const changed = published.slice(0, 5).map((p, i) => ({ ...p, name: `${p.name} (nuevo ${i})`, updatedAt: new Date() }));
  await h.services.catalog.upsertProducts(company, changed);
  const five = await h.sync();
  t.match(five.run, { status: 'completed', updated: 5, created: 0, unpublished: 0 });
  t.equal(five.writes, 5, 'one PUT per changed product, nothing else');
  t.same(projectionDiff(h.store, await expectedProjection(h)), []);

  // Excluding a brand disables its products; un-excluding brings them back.
  const brand = published[0]!.brandId!;
  const ofBrand = published.filter((p) => p.brandId === brand).length;
  await h.saveSettings((s) => { s.exclusions.brandIds = [brand]; });
  const excluded = await h.sync();
  t.match(excluded.run, { status: 'completed', unpublished: ofBrand, created: 0, updated: 0 });
  const disabled = h.store.catalog.list().filter((p) => p.fields.status === 'disabled').length;
  t.equal(disabled, ofBrand, `the brand's ${ofBrand} products are disabled in the store`);
  t.same(projectionDiff(h.store, await expectedProjection(h)), [], 'the rest is untouched');
  await h.saveSettings((s) => { s.exclusions.brandIds = []; });
  const back = await h.sync();
  t.match(back.run, { status: 'completed', updated: ofBrand, created: 0 });
  t.equal(h.store.catalog.list().filter((p) => p.fields.status === 'disabled').length, 0);
  t.same(projectionDiff(h.store, await expectedProjection(h)), []);

  // A product deleted in Jumpseller is recreated when the sync next touches it (its update answers 404).
  const victim = published[10]!;
  const mapping = await h.database.db('sync_product_mappings').where({ catalog_product_id: victim.id }).first();
  h.store.catalog.products.delete(Number(mapping.jumpseller_product_id));
  await h.services.catalog.upsertProducts(company, [{ ...victim, priceCompare: (victim.priceCompare ?? 1000) + 1000, updatedAt: new Date() }]);
  const recreated = await h.sync();
  t.match(recreated.run, { status: 'completed', created: 1, failed: 0 });
  t.same(projectionDiff(h.store, await expectedProjection(h)), [], 'recreated with its variants and images, no duplicate');
  const again = await h.sync();
  t.equal(again.writes, 0);
});

t.test('a published product that loses its normal price is unpublished and reported, then comes back (§5)', async (t) => {
  const h = await openSyncHarness(t, { size: 20 });
  const company = h.integration.companyId;
  await h.sync();
  const [id] = (await h.database.db('sync_product_mappings').pluck('catalog_product_id')).sort();
  const [victim] = await h.services.catalog.getProducts(company, [id]);
  const mapping = await h.database.db('sync_product_mappings').where({ catalog_product_id: id }).first();
  const inStore = () => h.store.catalog.products.get(Number(mapping.jumpseller_product_id))!;

  await h.services.catalog.upsertProducts(company, [{ ...victim!, priceCompare: 0, variants: victim!.variants.map((v) => ({ ...v, priceCompare: null })), updatedAt: new Date() }]);
  const lost = await h.sync();
  t.match(lost.run, { status: 'completed_with_errors', failed: 1, updated: 0, created: 0 });
  t.equal(lost.writes, 1, 'one PUT: status disabled');
  t.equal(inStore().fields.status, 'disabled');
  const errors = await h.services.runs.errors(lost.run.id, 10);
  t.match(errors, [{ catalogProductId: id, operation: 'validar', message: /precio normal/ }], 'and the run reports it');
  const still = await h.sync();
  t.match(still.run, { failed: 1 }, 'reported on every run while it has no price');
  t.equal(still.writes, 0, 'taken down once');

  await h.services.catalog.upsertProducts(company, [{ ...victim!, updatedAt: new Date() }]);
  const back = await h.sync();
  t.match(back.run, { status: 'completed', failed: 0, updated: 1 });
  t.equal(inStore().fields.status, 'available');
  t.same(projectionDiff(h.store, await expectedProjection(h)), []);
});
