// Tables for how a cleared value travels (to-api.ts, docs/adr/0011) and for what the store already
// holds after an adoption (store-diff.ts). Pure.
import t from 'tap';
import type { JumpsellerProductId, JumpsellerVariantId } from '../../src/jumpseller/ids.js';
import type { JumpsellerProduct } from '../../src/jumpseller/schemas.js';
import type { ProductPlan } from '../../src/publishing/plan/plan-types.js';
import { UNKNOWN_STATE } from '../../src/publishing/plan/pushed-state.js';
import { pushedUnknown, storeHolds, storeMinor, trimToStore } from '../../src/publishing/plan/store-diff.js';
import { productBody, variantBody, wireValue } from '../../src/publishing/plan/to-api.js';

t.test('a missing value is never null on the wire', async (t) => {
  const cases: [string, unknown, 'create' | 'update', unknown][] = [
    ['description', null, 'update', ''], ['description', null, 'create', undefined],
    ['page_title', null, 'update', ''], ['sku', null, 'update', ''], ['barcode', null, 'update', ''], ['brand', null, 'update', ''],
    ['compare_at_price', null, 'update', 0], ['compare_at_price', null, 'create', undefined],
    ['weight', null, 'update', 0], ['weight', null, 'create', 0], ['height', null, 'create', 0],
    ['weight', 0.35, 'update', 0.35], ['description', '', 'update', ''], ['name', 'Polera', 'create', 'Polera'],
    ['weight', undefined, 'update', undefined],
  ];
  for (const [key, value, mode, sent] of cases) t.equal(wireValue(key, value, mode, 'CLP'), sent, `${mode} ${key}=${JSON.stringify(value)} → ${JSON.stringify(sent)}`);
  t.strictSame(productBody({ price: 100, compare_at_price: null, weight: null, page_title: null }, [], 'update', 'CLP'),
    { price: 100, compare_at_price: 0, weight: 0, page_title: '', categories: [] });
  t.strictSame(productBody({ name: 'x', price: 100, compare_at_price: null, weight: null, sku: null }, null, 'create', 'CLP'), { name: 'x', price: 100, weight: 0 });
  t.strictSame(variantBody({ barcode: null, compare_at_price: null, options: [{ name: 'Talla', value: 'M' }] }, 'update', 'CLP'),
    { barcode: '', compare_at_price: 0, options: [{ name: 'Talla', value: 'M' }] });
});

t.test('amounts travel in minor units until the body, where they become the API decimal', async (t) => {
  const cases: [string, number | null, string, 'create' | 'update', unknown][] = [
    ['price', 19990, 'CLP', 'create', 19990], ['price', 1299, 'USD', 'update', 12.99], ['price', 1, 'USD', 'create', 0.01],
    ['price', 10, 'USD', 'update', 0.1], ['compare_at_price', 1500, 'USD', 'update', 15], ['compare_at_price', 0, 'USD', 'update', 0],
    ['price', 999_999_999_999_999, 'USD', 'update', 9_999_999_999_999.99], ['compare_at_price', null, 'USD', 'update', 0],
    ['price', 5, 'EUR', 'update', 0.05], ['price', 12345, 'COP', 'update', 12345],
    ['weight', 1299, 'USD', 'update', 1299], ['stock', 7, 'USD', 'update', 7],
  ];
  for (const [key, value, currency, mode, sent] of cases) t.equal(wireValue(key, value, mode, currency), sent, `${key}=${String(value)} ${currency} → ${String(sent)}`);
  t.strictSame(productBody({ price: 1299, compare_at_price: 1500 }, null, 'update', 'USD'), { price: 12.99, compare_at_price: 15 });
  t.strictSame(variantBody({ price: 1999, stock: 3 }, 'create', 'USD'), { price: 19.99, stock: 3 });
  t.throws(() => wireValue('price', 12.99, 'update', 'USD'), RangeError, 'a decimal where minor units belong is a programming error');
});

t.test('store amounts are read into minor units once, then compared exactly', async (t) => {
  const cases: [unknown, string, number | null][] = [
    [12.99, 'USD', 1299], ['12.99', 'USD', 1299], [12.990000000000002, 'USD', 1299], ['12.9', 'USD', 1290], [0.1 + 0.2, 'USD', 30],
    [9990, 'CLP', 9990], ['9990.0', 'CLP', 9990], [0, 'USD', 0], [1.005, 'USD', 101],
    [null, 'USD', null], ['', 'USD', null], ['otro', 'USD', null], [undefined, 'CLP', null], [1e20, 'CLP', null],
  ];
  for (const [have, currency, minor] of cases) t.equal(storeMinor(have, currency), minor, `${JSON.stringify(have)} ${currency} → ${String(minor)}`);
  t.ok(storeHolds('price', 1299, 12.99, 'USD'));
  t.ok(storeHolds('price', 1299, '12.990000000000002', 'USD'), 'the shortest decimal is what was meant');
  t.notOk(storeHolds('price', 1299, 12.98, 'USD'), 'one cent apart is a difference');
  t.notOk(storeHolds('price', 1299, 1299, 'USD'), 'minor units are never compared with the major-unit answer');
  t.ok(storeHolds('compare_at_price', 1500, '15.0', 'USD'));
});

t.test('what the store holds', async (t) => {
  const cases: [string, unknown, unknown, boolean][] = [
    ['price', 9990, 9990, true], ['price', 9990, '9990.0', true], ['price', 9990, 9991, false], ['price', 9990, null, false],
    ['compare_at_price', null, null, true], ['compare_at_price', null, 0, true], ['compare_at_price', null, '0.0', true], ['compare_at_price', null, 100, false],
    ['weight', null, 0, true], ['weight', null, 1, false], ['weight', 0.5, '0.5', true],
    ['description', null, '', true], ['description', null, null, true], ['description', null, 'x', false], ['description', 'a', 'a', true], ['description', 'a', 'A', false],
    ['sku', 'AB-1', 'ab-1', false], ['status', 'available', 'disabled', false],
    ['options', [{ name: 'Talla', value: 'M' }], [{ name: 'Talla', value: 'M', option_type: 'option' }], true],
    ['options', [{ name: 'Talla', value: 'M' }, { name: 'Color', value: 'Rojo' }], [{ name: 'Color', value: 'Rojo' }, { name: 'Talla', value: 'M' }], false],
  ];
  for (const [key, want, have, held] of cases) t.equal(storeHolds(key, want, have, 'CLP'), held, `${key}: want ${JSON.stringify(want)}, store ${JSON.stringify(have)}`);
  t.equal(storeHolds('meta_description', 'x', undefined, 'CLP', false), false, 'a key the store does not show is unknown: sent');
  t.ok(pushedUnknown(UNKNOWN_STATE));
  t.notOk(pushedUnknown({ ...UNKNOWN_STATE, fields: { name: 'f' } }));
});

t.test('an adopted product is trimmed to what differs', async (t) => {
  const plan = {
    action: 'update', catalogProductId: 'p1', sku: 'AB-1', name: 'Polera', writes: 5, jumpsellerProductId: 1001 as JumpsellerProductId, republish: false,
    next: UNKNOWN_STATE,
    ops: {
      product: { name: 'Polera', price: 9990, compare_at_price: null, weight: null, meta_description: 'm' }, categoryPath: ['Ropa'],
      variantUpdates: [
        { catalogVariantId: 'v1', jumpsellerVariantId: 7001 as JumpsellerVariantId, patch: { sku: 'AB-1-S', stock: 4, barcode: null } },
        { catalogVariantId: 'v2', jumpsellerVariantId: 7002 as JumpsellerVariantId, patch: { sku: 'AB-1-M', stock: 2 } },
        { catalogVariantId: 'v3', jumpsellerVariantId: 7003 as JumpsellerVariantId, patch: { stock: 1 } },
      ],
      variantCreates: [], variantRemovals: [{ catalogVariantId: 'v9', jumpsellerVariantId: 7009 as JumpsellerVariantId }], imageRemovals: [], imageAdds: [],
    },
  } as unknown as Extract<ProductPlan, { action: 'update' }>;
  const store = {
    id: 1001, name: 'Polera', price: '9990.0', compare_at_price: null, weight: 1, categories: [{ id: 5, name: 'Ropa' }],
    variants: [{ id: 7001, sku: 'AB-1-S', stock: 4, barcode: '' }, { id: 7002, sku: 'AB-1-M', stock: 7 }, { id: 7009, stock: 0 }],
  } as unknown as JumpsellerProduct;
  const trimmed = trimToStore(plan, store, [5 as never], 'CLP');
  t.strictSame(trimmed.ops.product, { weight: null, meta_description: 'm' }, 'the weight differs (1 ≠ none), meta_description cannot be read');
  t.equal(trimmed.ops.categoryPath, null, 'the store has the category');
  t.strictSame(trimmed.ops.variantUpdates.map((u) => [u.jumpsellerVariantId, u.patch]), [[7002, { stock: 2 }], [7003, { stock: 1 }]],
    'a held variant is skipped, a drifted one gets only what differs, one missing from the answer is kept');
  t.same(trimmed.ops.variantRemovals, [], 'already at stock 0');
  t.equal(trimmed.writes, 3);
  t.equal(trimToStore(plan, store, [6 as never], 'CLP').ops.categoryPath?.[0], 'Ropa', 'another category: sent');
});
