// A whole sync against the Jumpseller sandbox under non-default settings, judged by the independent
// projection of SPEC §4–§6 (test/helpers/independent-projection.ts): price rules and a stock buffer,
// exclusions by category (with its descendants) and gender, then the clock moving past offer
// windows (§5 "a sync after an offer starts or ends changes the published price"), new rules and the
// exclusions lifted (§6 "published again when it stops being excluded"). Each time the available
// store equals the projection, and a rerun writes nothing.
import t from 'tap';
import { mulberry32 } from '../../src/catalog/demo/demo-catalog.js';
import { basisPoints } from '../../src/pricing/percent.js';
import { mutateCatalog } from '../helpers/catalog-mutations.js';
import { expectedProjection, NOW, openSyncHarness, projectionDiff } from '../helpers/sync.js';

const DAY = 86_400_000;

t.test('settings, the clock and exclusions, end to end, against the independent projection', async (t) => {
  let at = NOW;
  const h = await openSyncHarness(t, { size: 50, now: () => at });
  const references = await h.services.catalog.references(h.integration.companyId);
  const root = [...references.categories.values()].find((c) => c.parentId === null)!;
  const gender = [...references.genders.keys()][0]!;
  await h.saveSettings((s) => {
    s.prices = { ...s.prices, percent: basisPoints(1900), rounding: 'ending_990', roundingDirection: 'up', stockBuffer: 2, minimum: 5_000 };
    s.exclusions = { ...s.exclusions, categoryIds: [root.id], genderIds: [gender] };
  });
  const first = await h.sync();
  t.match(first.run, { status: 'completed', failed: 0 });
  const excluded = await expectedProjection(h);
  t.ok(excluded.size > 0 && excluded.size < 50, `some products are excluded (${50 - excluded.size} of 50)`);
  t.same(projectionDiff(h.store, excluded), [], '+19 %, terminación 990 hacia arriba, descuento de stock 2, exclusions');
  t.equal((await h.sync()).writes, 0, 'a rerun writes nothing');

  at = new Date(NOW.getTime() + 25 * DAY);
  const later = await h.sync();
  t.match(later.run, { status: 'completed', failed: 0 });
  t.same(projectionDiff(h.store, await expectedProjection(h)), [], '25 days later: offers that ended or began are priced anew');

  await h.saveSettings((s) => {
    s.prices = { ...s.prices, percent: basisPoints(-1000), fixed: -500, rounding: 'multiple_100', roundingDirection: 'down', stockBuffer: 0, minimum: null };
    s.exclusions = { ...s.exclusions, categoryIds: [], genderIds: [] };
  });
  const lifted = await h.sync();
  t.match(lifted.run, { status: 'completed', failed: 0 });
  const all = await expectedProjection(h);
  t.ok(all.size > excluded.size, 'more products are published once the exclusions are lifted');
  t.same(projectionDiff(h.store, all), [], '-10 %, fijo -500, múltiplo de 100 hacia abajo, nothing excluded');
  t.equal((await h.sync()).writes, 0, 'and a rerun writes nothing');
});

t.test('variants removed, added and renamed in Centry: the store follows, a removed one at stock 0', async (t) => {
  const h = await openSyncHarness(t, { size: 40 });
  await h.sync();
  const company = h.integration.companyId;
  const ids = (await h.database.db('sync_product_mappings').pluck('catalog_product_id')).sort();
  const withVariants = (await h.services.catalog.getProducts(company, ids)).filter((p) => p.variants.length > 2 && p.variants.every((v) => v.sizeName || v.colorName)).slice(0, 4);
  t.ok(withVariants.length > 0, `the demo catalog has products with sizes or colors (${withVariants.length})`);
  const changed = withVariants.map((p) => {
    const [gone, ...kept] = [...p.variants].sort((a, b) => a.position - b.position);
    const last = kept[kept.length - 1]!;
    const renamed = { ...kept[0]!, colorName: 'Turquesa' };
    const added = { ...last, id: `${last.id}-nueva` as typeof last.id, sku: `${last.sku}-NUEVA`, sizeName: 'XXXL', position: last.position + 1, stock: 7 };
    t.ok(gone, 'one variant goes');
    return { ...p, variants: [renamed, ...kept.slice(1), added], updatedAt: new Date(NOW.getTime() + 1000) };
  });
  await h.services.catalog.upsertProducts(company, changed);
  const r = await h.sync();
  t.match(r.run, { status: 'completed', failed: 0, updated: changed.length });
  t.same(projectionDiff(h.store, await expectedProjection(h)), [], 'the store equals the projection; removed variants hold stock 0');
  t.equal((await h.sync()).writes, 0, 'and a rerun writes nothing');
});

t.test('a catalog with the edges of a real one (no product SKU, blank sizes, own variant prices, text features, offers at the window edge, weight 0, a URL twice) publishes as the spec says', async (t) => {
  const h = await openSyncHarness(t, { size: 40 });
  const company = h.integration.companyId;
  const all = await h.services.catalog.getProducts(company, (await h.database.db('catalog_products').where({ company_id: company }).pluck('id')).sort());
  await h.services.catalog.upsertProducts(company, mutateCatalog(all, mulberry32(99), NOW).map((p) => ({ ...p, updatedAt: new Date(NOW.getTime() + 1000) })));
  const first = await h.sync();
  t.match(first.run, { processed: 40 });
  const expected = await expectedProjection(h);
  t.ok([...expected.values()].some((e) => e.product.sku === null), 'some products are known by their first variant\'s SKU');
  t.equal(first.run.created, expected.size, 'exactly the products the spec publishes are created');
  t.equal(first.run.failed + first.run.skipped, 40 - expected.size, 'the rest are reported (no normal price) or skipped (paused)');
  t.same(projectionDiff(h.store, expected), [], 'the store equals the projection');
  t.equal((await h.sync()).writes, 0, 'and a rerun writes nothing');
});
