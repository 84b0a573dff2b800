import t from 'tap';
import { readJsonRecords, type ReadItem } from '../../src/catalog/import/json-record-reader.js';
import { chunked } from './fixtures.js';

async function read(text: string, size = 5): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of readJsonRecords(chunked(text, size))) out.push(item);
  return out;
}

t.test('NDJSON: one record per line, blank lines skipped, bad lines reported with their line', async (t) => {
  const items = await read('{"a":1}\n\n{"b":2}\r\n{oops}\n{"c":"x\\ny"}');
  t.same(items, [
    { kind: 'format', format: 'ndjson' },
    { kind: 'record', value: { a: 1 }, at: { line: 1 } },
    { kind: 'record', value: { b: 2 }, at: { line: 3 } },
    { kind: 'invalid', reason: items[3]!.kind === 'invalid' ? items[3]!.reason : '', at: { line: 4 } },
    { kind: 'record', value: { c: 'x\ny' }, at: { line: 5 } },
  ]);
  t.match(items[3], { kind: 'invalid', reason: /no es JSON válido/ });
});

t.test('array: elements with index and line, strings with brackets and escapes', async (t) => {
  const text = '[\n {"s":"a]}\\"{["},\n {"n":[1,{"x":2}]} ,\n 3, "str", null\n]\n';
  for (const size of [1, 3, 64]) {
    const items = await read(text, size);
    t.same(items, [
      { kind: 'format', format: 'array' },
      { kind: 'record', value: { s: 'a]}"{[' }, at: { line: 2, index: 0 } },
      { kind: 'record', value: { n: [1, { x: 2 }] }, at: { line: 3, index: 1 } },
      { kind: 'record', value: 3, at: { line: 4, index: 2 } },
      { kind: 'record', value: 'str', at: { line: 4, index: 3 } },
      { kind: 'record', value: null, at: { line: 4, index: 4 } },
    ], `chunk size ${size}`);
  }
});

t.test('array: a malformed element inside balanced brackets costs only itself', async (t) => {
  const items = await read('[{"a":1},{"b":,},{"c":3}]');
  t.match(items.slice(1), [
    { kind: 'record', value: { a: 1 }, at: { index: 0 } },
    { kind: 'invalid', at: { index: 1, line: 1 }, reason: /no es JSON válido/ },
    { kind: 'record', value: { c: 3 }, at: { index: 2 } },
  ]);
});

t.test('array: a structural break stops reading with its line; a truncated file too', async (t) => {
  const broken = await read('[{"a":1}\n{"b":2}]');
  t.match(broken.at(-1), { kind: 'fatal', reason: /line 2.*expected "," or "]" after element 0/, at: { line: 2 } });
  t.match(broken[1], { kind: 'record', value: { a: 1 } });
  const truncated = await read('[{"a":1},\n{"b":2},\n{"c":');
  t.match(truncated.slice(1), [
    { kind: 'record', value: { a: 1 } },
    { kind: 'record', value: { b: 2 } },
    { kind: 'fatal', reason: /end of file.*line 3/ },
  ]);
  const trailing = await read('[{"a":1}] x');
  t.match(trailing.at(-1), { kind: 'fatal', reason: /after the end/ });
});

t.test('envelope: sections streamed, unknown members skipped', async (t) => {
  const text = JSON.stringify({ version: { big: [1, 2, { x: '}' }] }, brands: [{ _id: 'b', name: 'B' }], genders: null, products: [{ _id: 'p' }, { _id: 'q' }] }, null, 2);
  const items = await read(text, 4);
  t.same(items.map((i) => (i.kind === 'record' ? [i.section, i.at.index, i.value] : i.kind)), [
    'format', ['brands', 0, { _id: 'b', name: 'B' }], ['products', 0, { _id: 'p' }], ['products', 1, { _id: 'q' }],
  ]);
  t.match(items[0], { format: 'envelope' });
  const none = await read('{\n"foo": 1\n}');
  t.match(none.at(-1), { kind: 'fatal', reason: /no "products"/ });
  const notArray = await read('{\n"products": {"a":1}\n}');
  t.match(notArray.at(-1), { kind: 'fatal', reason: /"products" must be an array/ });
});

t.test('not JSON, empty, BOM', async (t) => {
  t.match(await read('id;name\n1;x\n'), [{ kind: 'fatal', reason: /not JSON/, at: { line: 1 } }]);
  t.match(await read('   \n  '), [{ kind: 'fatal', reason: /empty/ }]);
  t.match(await read('\ufeff[{"a":1}]'), [{ kind: 'format', format: 'array' }, { kind: 'record', value: { a: 1 } }]);
  t.match(await read('\n\n  hello'), [{ kind: 'fatal', reason: /line 3/ }]);
});
