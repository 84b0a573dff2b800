// "Vista previa" (SPEC §2.4: "what a sync would do — counts of create / update / unpublish / unchanged,
// and a sample of price changes") for a store that has nothing yet, judged by the independent
// projection of §4–§6: it creates exactly the products the spec publishes, and every sampled price
// is the §5 price.
import t from 'tap';
import { basisPoints } from '../../src/pricing/percent.js';
import { DEFAULT_PRICE_RULES } from '../../src/pricing/price-rules.js';
import { NOTHING_PUSHED_YET, previewSync } from '../../src/settings/settings-preview.js';
import { defaultSettings } from '../../src/settings/settings.schema.js';
import { demoProducts } from '../helpers/demo-products.js';
import { mutateCatalog } from '../helpers/catalog-mutations.js';
import { mulberry32 } from '../../src/catalog/demo/demo-catalog.js';
import { projectProduct } from '../helpers/independent-projection.js';

const NOW = new Date('2025-03-10T15:00:00.000Z');

t.test('the preview of a first sync creates what the spec publishes, at the spec\'s prices', async (t) => {
  const d = demoProducts({ seed: 5, size: 80, now: NOW });
  const products = mutateCatalog(d.products, mulberry32(5), NOW);
  const settings = defaultSettings();
  settings.prices = { ...settings.prices, percent: basisPoints(1900), rounding: 'ending_990', roundingDirection: 'nearest', stockBuffer: 1 };
  const brands = [...d.references.brands.keys()];
  settings.exclusions = { ...settings.exclusions, brandIds: brands.slice(0, 2), productIds: [products[3]!.id] };
  const preview = await previewSync({
    pages: (async function* () { yield products; })(), references: d.references, settings, savedRules: settings.prices,
    currency: 'CLP', now: NOW, pushed: NOTHING_PUSHED_YET, sampleSize: 10_000,
  });
  const ctx = { references: d.references, rules: settings.prices, exclusions: settings.exclusions, currency: 'CLP', now: NOW };
  const projections = new Map(products.map((p) => [p.id, projectProduct(p, ctx)]));
  const published = [...projections.values()].filter((r) => r.published).length;
  const unpriced = [...projections.values()].filter((r) => !r.published && r.why === 'no_normal_price').length;
  t.match(preview, { total: products.length, create: published, update: 0, unpublish: 0, unchanged: 0, notPublishable: unpriced, excluded: products.length - published - unpriced });
  t.ok(preview.priceChanges.length > 0, `prices change under +19 % (${preview.priceChanges.length} sampled)`);
  const asCatalog = { ...ctx, rules: { ...DEFAULT_PRICE_RULES, publishOffer: settings.prices.publishOffer } };
  const wrong = preview.priceChanges.flatMap((c) => {
    const p = products.find((x) => x.id === c.id)!;
    const after = projections.get(c.id)!;
    const before = projectProduct(p, asCatalog);
    const want = [before.published ? before.expected.product.price : null, after.published ? after.expected.product.price : null];
    return JSON.stringify([c.before, c.after]) === JSON.stringify(want) ? [] : [`${c.sku}: ${c.before} → ${c.after}, spec says ${want.join(' → ')}`];
  });
  t.same(wrong, [], 'every sampled "before → after" is the §5 price');
});
