// Exclusions across a change of catalog source (issue 14 §1): by id, else by exact name (categories
// by path), products by id only; what cannot be carried is kept and reported, never dropped.
import t from 'tap';
import { carryExclusions } from '../../src/settings/exclusion-carry.js';
import type { CatalogReferences } from '../../src/catalog/model.js';

const refs = (brands: [string, string][], categories: [string, string, string | null][], genders: [string, string][]): CatalogReferences => ({
  brands: new Map(brands.map(([id, name]) => [id, { id, name }])),
  categories: new Map(categories.map(([id, name, parentId]) => [id, { id, name, parentId }])),
  genders: new Map(genders.map(([id, name]) => [id, { id, name }])),
});
const before = refs([['b1', 'Altiplano'], ['b2', 'Llaima'], ['b3', 'Quillay']], [['c1', 'Vestuario', null], ['c2', 'Poleras', 'c1'], ['c3', 'Mujer', 'c1'], ['c4', 'Poleras', 'c3']], [['g1', 'Mujer']]);
const after = refs([['B1', 'Altiplano'], ['b2', 'Llaima'], ['B9', 'altiplano']], [['C1', 'Vestuario', null], ['C3', 'Mujer', 'C1'], ['C4', 'Poleras', 'C3']], [['G1', 'Hombre']]);

t.test('carried by id, by exact name or path; the rest kept and reported', async (t) => {
  const r = carryExclusions(
    { brandIds: ['b1', 'b2', 'b3'], categoryIds: ['c2', 'c4'], genderIds: ['g1'], productIds: ['p1', 'p2'] },
    before, after, (id) => id === 'p1',
  );
  t.same(r.exclusions.brandIds, ['B1', 'b2', 'b3'], 'by exact name (not "altiplano"), by id, or kept');
  t.same(r.exclusions.categoryIds, ['c2', 'C4'], '"Vestuario › Poleras" is gone; "Vestuario › Mujer › Poleras" follows its path');
  t.same(r.exclusions.genderIds, ['g1']);
  t.same(r.exclusions.productIds, ['p1', 'p2'], 'products by id only');
  t.same(r.missing, { brandIds: ['b3'], categoryIds: ['c2'], genderIds: ['g1'], productIds: ['p2'] });
  t.equal(r.byName, 2);
  t.equal(r.changed, true);
});

t.test('nothing to carry: unchanged', async (t) => {
  const r = carryExclusions({ brandIds: ['b2'], categoryIds: [], genderIds: [], productIds: [] }, before, after, () => true);
  t.same(r, { exclusions: { brandIds: ['b2'], categoryIds: [], genderIds: [], productIds: [] }, byName: 0, missing: { brandIds: [], categoryIds: [], genderIds: [], productIds: [] }, changed: false });
});
