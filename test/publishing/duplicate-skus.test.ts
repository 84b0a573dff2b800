// Which product keeps a SKU two catalog products share (docs/adr/0012), as a table: the one this app
// published, then one it maps, then the lower catalog id; products that would not be published claim
// nothing; SKUs compare exactly and case-sensitively.
import t from 'tap';
import { catalogVariantId, type CatalogProduct, type CatalogReferences } from '../../src/catalog/model.js';
import { duplicateSkuMessage, findDuplicateSkus } from '../../src/publishing/plan/duplicate-skus.js';
import { buildExclusionFilter } from '../../src/publishing/plan/exclusion-filter.js';
import { defaultSettings } from '../../src/settings/settings.schema.js';
import { product } from '../settings/catalog-fixture.js';

const references: CatalogReferences = { brands: new Map([['b1', { id: 'b1', name: 'Andes' }]]), categories: new Map(), genders: new Map() };
const settings = defaultSettings();
settings.exclusions.brandIds = ['b1'];
const ctx = {
  toggles: settings.fields, rules: settings.prices, currency: 'CLP', now: new Date('2025-06-01T12:00:00Z'), references,
  isExcluded: buildExclusionFilter(settings.exclusions, references.categories),
};
/** A product whose own SKU and single variant (size M: a real Jumpseller variant) SKU are given. */
const p = (id: string, sku: string | null, variantSku = sku ?? `${id}-v`, over: Partial<CatalogProduct> = {}) => {
  const base = product(id, over);
  return { ...base, sku, variants: [{ ...base.variants[0]!, id: catalogVariantId(`${id}-v`), sku: variantSku, sizeName: 'M' }], ...over };
};
const published = { published: true };
const unpublished = { published: false };

const cases: { name: string; products: CatalogProduct[]; mapped?: Record<string, { published: boolean }>; withheld: Record<string, string> }[] = [
  { name: 'a variant without options is not sent: its SKU is not the store\'s', products: [p('a', 'A-1', 'V-9'), { ...p('b', 'B-1'), variants: [{ ...p('b', 'B-1').variants[0]!, sku: 'V-9', sizeName: null }] }], withheld: {} },
  { name: 'distinct SKUs', products: [p('a', 'A-1'), p('b', 'B-1')], withheld: {} },
  { name: 'a product whose variant carries its own SKU is not its own duplicate', products: [p('a', 'A-1', 'A-1')], withheld: {} },
  { name: 'same SKU, neither in the store: the higher id is withheld', products: [p('b', 'BOT-5'), p('a', 'BOT-5')], withheld: { b: 'BOT-5 a' } },
  { name: 'SKUs are case-sensitive', products: [p('a', 'AB-1'), p('b', 'ab-1')], withheld: {} },
  { name: 'exact: no trimming, no prefix', products: [p('a', 'AB-1'), p('b', 'AB-1 '), p('c', 'AB-10')], withheld: {} },
  { name: 'sharing only a variant SKU', products: [p('a', 'A-1', 'V-9'), p('b', 'B-1', 'V-9')], withheld: { b: 'V-9 a' } },
  { name: 'a product SKU equal to another one\'s variant SKU', products: [p('a', null, 'X-1'), p('b', 'X-1', 'B-v')], withheld: { b: 'X-1 a' } },
  { name: 'the published one keeps it, whatever its id', products: [p('a', 'BOT-5'), p('b', 'BOT-5')], mapped: { b: published }, withheld: { a: 'BOT-5 b' } },
  { name: 'both published (a merged catalog): the lower id stays', products: [p('a', 'BOT-5'), p('b', 'BOT-5')], mapped: { a: published, b: published }, withheld: { b: 'BOT-5 a' } },
  { name: 'published beats mapped but unpublished', products: [p('a', 'BOT-5'), p('b', 'BOT-5')], mapped: { a: unpublished, b: published }, withheld: { a: 'BOT-5 b' } },
  { name: 'mapped beats not in the store', products: [p('a', 'BOT-5'), p('b', 'BOT-5')], mapped: { b: unpublished }, withheld: { a: 'BOT-5 b' } },
  { name: 'an excluded product claims nothing', products: [p('a', 'BOT-5', 'BOT-5', { brandId: 'b1' }), p('b', 'BOT-5')], mapped: { a: published }, withheld: {} },
  { name: 'a paused product claims nothing', products: [p('a', 'BOT-5', 'BOT-5', { active: false }), p('b', 'BOT-5')], withheld: {} },
  { name: 'a product without a normal price claims nothing', products: [p('a', 'BOT-5', 'BOT-5', { priceCompare: null }), p('b', 'BOT-5')], withheld: {} },
  { name: 'all or nothing: a withheld product frees its other SKUs', products: [p('a', 'X', 'A-v'), p('b', 'X', 'Y'), p('c', 'Y', 'C-v')], withheld: { b: 'X a' } },
  { name: 'three with one SKU: one keeps it', products: [p('c', 'S'), p('a', 'S'), p('b', 'S')], withheld: { b: 'S a', c: 'S a' } },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const found = findDuplicateSkus(c.products, new Map(Object.entries(c.mapped ?? {})), ctx);
    t.same(Object.fromEntries([...found].map(([id, d]) => [id, `${d.sku} ${d.keptBy.id}`])), c.withheld);
  });
}

t.test('the reported line', async (t) => {
  const d = findDuplicateSkus([p('a', 'BOT-5', 'BOT-5', { name: 'Botella 5' }), p('b', 'BOT-5')], new Map(), ctx).get('b');
  t.equal(d && duplicateSkuMessage(d), 'SKU duplicado en el catálogo: BOT-5 (también en «Botella 5», que es el que se publica); este producto no se publica.');
});
