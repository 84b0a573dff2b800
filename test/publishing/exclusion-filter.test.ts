import t from 'tap';
import { catalogProductId, type CatalogCategory } from '../../src/catalog/model.js';
import {
  buildExclusionFilter, isExcluded, type ExcludableProduct, type ExclusionResult, type Exclusions,
} from '../../src/publishing/plan/exclusion-filter.js';

const tree = (rows: [string, string | null][]) =>
  new Map<string, CatalogCategory>(rows.map(([id, parentId]) => [id, { id, name: `cat ${id}`, parentId }]));

// ropa > hombre > poleras; ropa > mujer; calzado; a cycle c1 > c2 > c3 > c1; a self-loop; a dangling parent.
const categories = tree([
  ['ropa', null], ['hombre', 'ropa'], ['poleras', 'hombre'], ['mujer', 'ropa'], ['calzado', null],
  ['c1', 'c3'], ['c2', 'c1'], ['c3', 'c2'], ['self', 'self'], ['dangling', 'missing'],
]);

const product = (p: Partial<ExcludableProduct> = {}): ExcludableProduct => ({
  id: catalogProductId('p1'), active: true, categoryId: 'poleras', brandId: 'b1', genderId: 'g1', ...p,
});
const none: Exclusions = { categoryIds: [], brandIds: [], genderIds: [], productIds: [] };
const ex = (e: Partial<Exclusions>): Exclusions => ({ ...none, ...e });
const yes = (reason: string) => ({ excluded: true, reason });
const no = { excluded: false };

t.test('reasons', async (t) => {
  const cases: [string, Partial<ExcludableProduct>, Partial<Exclusions>, ExclusionResult | object][] = [
    ['nothing excluded', {}, {}, no],
    ['paused', { active: false }, {}, yes('PAUSED')],
    ['paused wins over every other reason', { active: false }, { productIds: ['p1'], categoryIds: ['poleras'], brandIds: ['b1'] }, yes('PAUSED')],
    ['the product itself', {}, { productIds: ['p1'] }, yes('PRODUCT')],
    ['another product', {}, { productIds: ['p2'] }, no],
    ['product wins over category', {}, { productIds: ['p1'], categoryIds: ['poleras'] }, yes('PRODUCT')],
    ['its own category', {}, { categoryIds: ['poleras'] }, yes('CATEGORY')],
    ['its parent category', {}, { categoryIds: ['hombre'] }, yes('CATEGORY')],
    ['its root category', {}, { categoryIds: ['ropa'] }, yes('CATEGORY')],
    ['a sibling category', {}, { categoryIds: ['mujer'] }, no],
    ['a child of its category does not exclude the parent', { categoryId: 'hombre' }, { categoryIds: ['poleras'] }, no],
    ['another tree', {}, { categoryIds: ['calzado'] }, no],
    ['no category', { categoryId: null }, { categoryIds: ['ropa'] }, no],
    ['unknown category id excluded by id', { categoryId: 'ghost' }, { categoryIds: ['ghost'] }, yes('CATEGORY')],
    ['unknown category id', { categoryId: 'ghost' }, { categoryIds: ['ropa'] }, no],
    ['dangling parent, excluded itself', { categoryId: 'dangling' }, { categoryIds: ['dangling'] }, yes('CATEGORY')],
    ['dangling parent, missing one excluded', { categoryId: 'dangling' }, { categoryIds: ['missing'] }, yes('CATEGORY')],
    ['dangling parent, other excluded', { categoryId: 'dangling' }, { categoryIds: ['ropa'] }, no],
    ['cycle, nothing excluded in it', { categoryId: 'c1' }, { categoryIds: ['ropa'] }, no],
    ['cycle, a member excluded', { categoryId: 'c1' }, { categoryIds: ['c2'] }, yes('CATEGORY')],
    ['cycle, reached the long way round', { categoryId: 'c2' }, { categoryIds: ['c3'] }, yes('CATEGORY')],
    ['self loop, not excluded', { categoryId: 'self' }, { categoryIds: ['ropa'] }, no],
    ['self loop, excluded', { categoryId: 'self' }, { categoryIds: ['self'] }, yes('CATEGORY')],
    ['brand', {}, { brandIds: ['b1'] }, yes('BRAND')],
    ['another brand', {}, { brandIds: ['b2'] }, no],
    ['no brand', { brandId: null }, { brandIds: ['b1'] }, no],
    ['category wins over brand', {}, { brandIds: ['b1'], categoryIds: ['ropa'] }, yes('CATEGORY')],
    ['gender', {}, { genderIds: ['g1'] }, yes('GENDER')],
    ['no gender', { genderId: null }, { genderIds: ['g1'] }, no],
    ['brand wins over gender', {}, { brandIds: ['b1'], genderIds: ['g1'] }, yes('BRAND')],
    ['ids are exact strings', { brandId: 'B1' }, { brandIds: ['b1'] }, no],
    ['sets work as well as arrays', {}, { brandIds: new Set(['b1']) }, yes('BRAND')],
  ];
  for (const [name, p, e, expected] of cases) {
    t.strictSame(isExcluded(product(p), ex(e), categories), expected, name);
    t.strictSame(buildExclusionFilter(ex(e), categories)(product(p)), expected, `${name} (built filter)`);
  }
});

t.test('a filter reused across products answers as fresh checks do, whatever the order', async (t) => {
  const ids = [...categories.keys(), 'ghost', 'missing'];
  for (const excluded of [['hombre'], ['c1'], ['ropa', 'c3'], ['missing'], ['self', 'poleras']]) {
    const e = ex({ categoryIds: excluded });
    for (const order of [ids, [...ids].reverse()]) {
      const filter = buildExclusionFilter(e, categories);
      for (const id of [...order, ...order]) {
        t.strictSame(filter(product({ categoryId: id })), isExcluded(product({ categoryId: id }), e, categories),
          `${id} with ${excluded.join(',')}`);
      }
    }
  }
});

t.test('100 000 products and a deep tree through one filter', async (t) => {
  const rows: [string, string | null][] = [['k0', null]];
  for (let i = 1; i < 5000; i++) rows.push([`k${i}`, `k${i - 1}`]);
  const deep = tree(rows);
  const filter = buildExclusionFilter(ex({ categoryIds: ['k10'], brandIds: ['b7'] }), deep);
  const counts: Record<string, number> = {};
  for (let i = 0; i < 100_000; i++) {
    const r = filter(product({ id: catalogProductId(`p${i}`), categoryId: `k${i % 5000}`, brandId: `b${i % 10}` }));
    const key = r.excluded ? r.reason : 'published';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  // k10..k4999 are under k10: 4990 of every 5000 products; of the other 10 per 5000, a tenth are brand b7.
  t.strictSame(counts, { CATEGORY: 99_800, BRAND: 20, published: 180 });
});
