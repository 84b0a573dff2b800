// "Vista previa" over catalog pages and an in-memory "last pushed state": the counts of §2.4 come
// from the sync planner's own plans (create, update, republish, unpublish/delete, unchanged,
// removed from the catalog) and the sample of price changes says where "before" comes from.
import t from 'tap';
import { previewSync, NOTHING_PUSHED_YET, type LastPushedState } from '../../src/settings/settings-preview.js';
import { defaultSettings, type IntegrationSettings } from '../../src/settings/settings.schema.js';
import { buildDesiredProduct } from '../../src/publishing/plan/payload-builder.js';
import { desiredState, fullyPushed } from '../../src/publishing/plan/pushed-state.js';
import type { MappingState } from '../../src/publishing/plan/plan-types.js';
import type { JumpsellerProductId } from '../../src/jumpseller/ids.js';
import type { CatalogProduct, CatalogReferences } from '../../src/catalog/model.js';
import { basisPoints } from '../../src/pricing/percent.js';
import type { PriceRules } from '../../src/pricing/price-rules.js';
import { product } from './catalog-fixture.js';

const now = new Date('2025-06-01T12:00:00Z');
const references: CatalogReferences = {
  brands: new Map([['b1', { id: 'b1', name: 'Andes' }]]),
  categories: new Map([['c1', { id: 'c1', name: 'Vestuario', parentId: null }], ['c2', { id: 'c2', name: 'Poleras', parentId: 'c1' }]]),
  genders: new Map(),
};

async function* pages(...ps: CatalogProduct[][]) { for (const p of ps) yield p; }

let nextId = 1;
/** The mapping a full sync with `rules` would have left for `p`. */
function pushedAs(p: CatalogProduct, rules: PriceRules, published = true): MappingState {
  const built = buildDesiredProduct(p, { references, rules, currency: 'CLP', now });
  if (!built.ok) throw new Error('fixture must be publishable');
  return { jumpsellerProductId: nextId++ as JumpsellerProductId, published, pushed: fullyPushed(desiredState(built.desired)), variants: new Map(), images: [] };
}

function memory(state: Record<string, MappingState>, removed: [string, MappingState][] = []): LastPushedState & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    mappings: async (ids) => { asked.push([...ids]); return new Map(ids.filter((id) => state[id]).map((id) => [id, state[id]!])); },
    async *removed() { if (removed.length) yield removed; },
  };
}

const run = (settings: IntegrationSettings, pushed: LastPushedState, ...ps: CatalogProduct[][]) =>
  previewSync({ pages: pages(...ps), references, settings, savedRules: defaultSettings().prices, currency: 'CLP', now, pushed });

t.test('nothing pushed yet: every publishable, included product is a create', async (t) => {
  const settings = defaultSettings();
  settings.exclusions.categoryIds = ['c1'];
  const r = await run(settings, NOTHING_PUSHED_YET,
    [product('a'), product('b', { categoryId: 'c2' })], [product('c', { active: false }), product('d', { priceCompare: 0 })]);
  t.match(r, { total: 4, create: 1, update: 0, unpublish: 0, unchanged: 0, excluded: 2, notPublishable: 1, priceChanges: [] });
});

t.test('with a last pushed state: update, unchanged, republish, unpublish, removed', async (t) => {
  const rules = defaultSettings().prices;
  const same = product('same');
  const renamed = product('renamed');
  const back = product('back');
  const nowExcluded = product('gone', { brandId: 'b1' });
  const hidden = product('hidden', { brandId: 'b1' });
  const neverPublished = product('never', { brandId: 'b1' });
  const state = {
    same: pushedAs(same, rules), renamed: pushedAs({ ...renamed, name: 'Nombre anterior' }, rules),
    back: pushedAs(back, rules, false), gone: pushedAs(nowExcluded, rules), hidden: pushedAs(hidden, rules, false),
  };
  const removed: [string, MappingState][] = [['deleted-1', pushedAs(product('x'), rules)], ['deleted-2', pushedAs(product('y'), rules, false)]];
  const settings = defaultSettings();
  settings.exclusions.brandIds = ['b1'];
  const pushed = memory(state, removed);
  const r = await run(settings, pushed, [same, renamed], [back, nowExcluded, hidden, neverPublished]);
  t.match(r, { total: 6, create: 0, update: 2, unchanged: 1, unpublish: 1 + 1, excluded: 2 },
    'renamed and republished update; the excluded published one and one deleted from Centry are unpublished');
  t.same(pushed.asked, [['same', 'renamed'], ['back', 'gone', 'hidden', 'never']], 'asked once per page');

  const deleting = { ...settings, onDelete: 'delete' as const };
  const d = await run(deleting, memory(state, removed), [nowExcluded, hidden]);
  t.match(d, { unpublish: 2 + 2 }, '"Eliminar" also deletes what was already unpublished');

  const nameOff = { ...settings, fields: { ...settings.fields, name: { onCreate: true, onUpdate: false } } };
  t.match(await run(nameOff, memory(state), [same, renamed]), { update: 0, unchanged: 2 }, 'a change in a field not sent on update is no update');
});

t.test('price changes: before is the saved rules\' price in the store, else the catalog price', async (t) => {
  const saved = defaultSettings().prices;
  const settings = defaultSettings();
  settings.prices = { ...settings.prices, percent: basisPoints(1900), rounding: 'ending_990', roundingDirection: 'up' };
  const a = product('a', { priceCompare: 10_000 });
  const b = product('b', { priceCompare: 20_000 });
  const c = product('c', { priceCompare: 11_990 });
  const pushed = memory({ b: pushedAs(b, saved), c: pushedAs(c, settings.prices) });
  const r = await run(settings, pushed, [a, b, c]);
  t.same(r.priceChanges.map((x) => [x.id, x.before, x.after, x.beforeIs]), [
    ['a', 10_000, 11_990, 'catalog'], ['b', 20_000, 23_990, 'store'],
  ], 'c is already published with these rules: unchanged, not sampled');
  t.match(r, { create: 1, update: 1, unchanged: 1 });

  const priceOff = { ...settings, fields: { ...settings.fields, price: { onCreate: true, onUpdate: false } } };
  const off = await run(priceOff, memory({ b: pushedAs(b, saved) }), [b]);
  t.same(off.priceChanges, [], 'a price not sent on update is not a price change');

  const few = await previewSync({ pages: pages([a, b, c]), references, settings, savedRules: saved, currency: 'CLP', now, pushed: NOTHING_PUSHED_YET, sampleSize: 1 });
  t.equal(few.priceChanges.length, 1);
  t.equal(few.create, 3, 'the sample size never limits the counts');
});

t.test('the preview converts weights like the sync: a store in lb updates what was pushed in kg', async (t) => {
  const rules = defaultSettings().prices;
  const weighed = product('w', { packageWeight: 0.5 });
  const pushed = memory({ [weighed.id]: pushedAs(weighed, rules) });
  const preview = (weightUnit?: string) => previewSync({
    pages: pages([weighed]), references, settings: defaultSettings(), savedRules: rules, currency: 'CLP', weightUnit, now, pushed,
  });
  t.match(await preview(), { update: 0, unchanged: 1 }, 'no unit: kg, as pushed');
  t.match(await preview('kg'), { update: 0, unchanged: 1 }, 'kg: as pushed');
  t.match(await preview('lb'), { update: 1, unchanged: 0 }, 'lb: the weight changes');
});

t.test('a SKU two products share: the one in the store keeps it, the other is counted and listed apart', async (t) => {
  const settings = defaultSettings();
  const older = product('a', { name: 'Original', sku: 'BOT-5' });
  const published = product('b', { name: 'Publicada', sku: 'BOT-5' });
  const r = await previewSync({
    pages: pages([older, published, product('c')]), references, settings, savedRules: settings.prices, currency: 'CLP', now,
    pushed: memory({ b: pushedAs(published, settings.prices) }), sharingSkus: [older, published],
  });
  t.match(r, { total: 3, create: 1, unchanged: 1, duplicateSku: 1, notPublishable: 0 });
  t.same(r.duplicates.map((d) => [d.id, d.sku, d.message]),
    [['a', 'BOT-5', 'SKU duplicado en el catálogo: BOT-5 (también en «Publicada», que es el que se publica); este producto no se publica.']]);
});
