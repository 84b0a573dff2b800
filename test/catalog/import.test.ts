import t from 'tap';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openTestDatabase } from '../helpers/database.js';
import { createCatalogRepository } from '../../src/catalog/store/catalog-repository.js';
import { importCatalogFile, importCatalogText, type ImportResult } from '../../src/catalog/import/import.js';
import { catalogProductId } from '../../src/catalog/model.js';
import { centryProduct, chunked, createCompany } from './fixtures.js';

const ndjson = (records: unknown[]) => records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

t.test('catalog import', async (t) => {
  const { db } = await openTestDatabase(t);
  const catalog = createCatalogRepository(db);
  const deps = { catalog, now: () => new Date('2025-01-01T00:00:00Z') };
  const dir = await mkdtemp(path.join(tmpdir(), 'catalog-import-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = async (name: string, text: string) => {
    const f = path.join(dir, name);
    await writeFile(f, text);
    return f;
  };
  const ok = (r: ImportResult) => {
    if (!r.ok) throw new Error(`import refused: ${r.message}`);
    return r.report;
  };

  t.test('good NDJSON file: products and references; re-import is unchanged', async (t) => {
    const company = await createCompany(db);
    const text = ndjson([
      { brand: { _id: 'b1', name: 'Andes Trail' } },
      { category: { _id: 'c0', name: 'Vestuario' } },
      { category: { _id: 'c1', name: 'Poleras', parent_id: 'c0' } },
      ...Array.from({ length: 12 }, (_, i) => centryProduct(i + 1)),
    ]);
    const f = await file('good.ndjson', text);
    const report = ok(await importCatalogFile(deps, f, { companyId: company, batchSize: 5 }));
    t.match(report, { format: 'ndjson', created: 12, updated: 0, unchanged: 0, rejected: 0, rejections: [], stoppedAt: null });
    t.match(report.references, { brands: { created: 1 }, categories: { created: 2 }, genders: { created: 1 } }, 'gender from gender_name');
    const refs = await catalog.references(company);
    t.equal(refs.brands.get('b1')?.name, 'Andes Trail', 'the listed name wins over brand_name');
    t.same(refs.categories.get('c1'), { id: 'c1', name: 'Poleras', parentId: 'c0' });
    t.equal(refs.genders.get('g1')?.name, 'Hombre');
    const again = ok(await importCatalogFile(deps, f, { companyId: company, batchSize: 5 }));
    t.match(again, { created: 0, updated: 0, unchanged: 12, rejected: 0 });
    t.same(again.references, { brands: { created: 0, updated: 0 }, categories: { created: 0, updated: 0 }, genders: { created: 0, updated: 0 } });
    t.equal((await catalog.summary(company)).products, 12);
  });

  t.test('mixed file: bad records reported with their line and reason, good ones kept', async (t) => {
    const company = await createCompany(db);
    const text = ndjson([
      centryProduct(1),
      centryProduct(2, { name: '' }), // line 2
      '{"_id": "x", "name": }', // line 3: not JSON
      centryProduct(3),
      '', // line 5: blank, ignored
      centryProduct(4, { price_compare: 'gratis' }), // line 6
      '[1, 2]', // line 7
      centryProduct(5),
    ]);
    const report = ok(await importCatalogText(deps, chunked(text, 11), { companyId: company, batchSize: 2 }));
    t.match(report, { created: 3, rejected: 4, stoppedAt: null });
    t.match(report.rejections, [
      { at: { line: 2 }, id: '000000000000000000000002', reason: /^name: es obligatorio/ },
      { at: { line: 3 }, id: null, reason: /no es JSON válido/ },
      { at: { line: 6 }, id: '000000000000000000000004', reason: /price_compare: se esperaba un número/ },
      { at: { line: 7 }, reason: 'no es un objeto JSON (cada registro es un producto entre { })' },
    ]);
    const kept = await catalog.getProducts(company, [1, 3, 5].map((n) => catalogProductId(n.toString(16).padStart(24, '0'))));
    t.equal(kept.length, 3, 'nothing lost');
    t.match(ok(await importCatalogText(deps, chunked(text), { companyId: company })), { created: 0, unchanged: 3, rejected: 4 });
  });

  t.test('JSON array and envelope files', async (t) => {
    const company = await createCompany(db);
    const array = JSON.stringify([centryProduct(1), { name: 'sin id' }, centryProduct(2)], null, 2);
    const report = ok(await importCatalogText(deps, chunked(array, 13), { companyId: company }));
    const line = array.split('\n').findIndex((l) => l.includes('sin id')); // the element's "{" is the line before (1-based: same number)
    t.match(report, { format: 'array', created: 2, rejected: 1, rejections: [{ at: { index: 1, line }, reason: /_id: es obligatorio/ }] });
    const envelope = JSON.stringify({
      brands: [{ _id: 'b1', name: 'Andes' }],
      categories: [{ _id: 'c1', name: 'Poleras' }, { name: 'sin id' }],
      genders: [{ _id: 'g1', name: 'Hombre' }],
      products: [centryProduct(2, { name: 'Polera Editada' }), centryProduct(3)],
    }, null, 1);
    const env = ok(await importCatalogText(deps, chunked(envelope, 17), { companyId: company }));
    t.match(env, { format: 'envelope', created: 1, updated: 1, unchanged: 0, rejected: 1 });
    t.match(env.rejections[0], { at: { section: 'categories', index: 1 }, reason: /categoría: _id: es obligatorio/ });
    t.equal((await catalog.references(company)).brands.get('b1')?.name, 'Andes');
  });

  t.test('an array that breaks midway keeps the records before the break and says where', async (t) => {
    const company = await createCompany(db);
    const text = `[${JSON.stringify(centryProduct(1))},\n${JSON.stringify(centryProduct(2))}\n${JSON.stringify(centryProduct(3))}]`;
    const report = ok(await importCatalogText(deps, chunked(text, 100), { companyId: company }));
    t.match(report, { created: 2, stoppedAt: { at: { line: 3 }, reason: /expected "," or "]" after element 1/ } });
  });

  t.test('a file that is not JSON is refused whole and changes nothing', async (t) => {
    const company = await createCompany(db);
    const csv = await file('catalog.csv', 'sku;name;price\nPOL-1;Polera;9990\n');
    t.match(await importCatalogFile(deps, csv, { companyId: company }), { ok: false, error: 'NOT_JSON', message: /not JSON/ });
    const garbage = ndjson(['{oops', '{still not json}', '{"nope": ]}']);
    t.match(await importCatalogText(deps, chunked(garbage), { companyId: company }), { ok: false, error: 'NOT_JSON', message: /line|JSON/ });
    const broken = '{"_id": 1,\n"name": ';
    t.match(await importCatalogText(deps, chunked(broken), { companyId: company }), { ok: false, error: 'NOT_JSON' });
    t.match(await importCatalogText(deps, chunked(''), { companyId: company }), { ok: false, message: /empty/ });
    t.match(await catalog.summary(company), { products: 0, brands: 0, categories: 0, genders: 0 });
  });

  t.test('the same product twice in one file: both applied in order', async (t) => {
    const company = await createCompany(db);
    const text = ndjson([centryProduct(1), centryProduct(1, { name: 'Segunda versión' })]);
    const report = ok(await importCatalogText(deps, chunked(text), { companyId: company }));
    t.match(report, { created: 1, updated: 1 });
    t.equal((await catalog.getProduct(company, catalogProductId('000000000000000000000001')))?.name, 'Segunda versión');
  });

  t.test('the rejection list is capped, the count is not', async (t) => {
    const company = await createCompany(db);
    const text = ndjson([centryProduct(1), ...Array.from({ length: 30 }, () => ({ name: 'sin id' }))]);
    const report = ok(await importCatalogText(deps, chunked(text, 64), { companyId: company, maxListedRejections: 10 }));
    t.match(report, { created: 1, rejected: 30, rejectionsNotListed: 20 });
    t.equal(report.rejections.length, 10);
  });
});
