// Issue 10, items 7 and 8: a record PostgreSQL cannot store (a NUL in a text) is rejected alone, the
// good ones around it imported (ADR 0004); ids are normalized once, at import, so an id written with
// surrounding spaces is the id every exclusion and mapping compares against.
import t from 'tap';
import { openTestDatabase } from '../helpers/database.js';
import { createCatalogRepository } from '../../src/catalog/store/catalog-repository.js';
import { importCatalogText } from '../../src/catalog/import/import.js';
import { catalogProductId } from '../../src/catalog/model.js';
import { centryProduct, createCompany } from './fixtures.js';

const ndjson = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
async function* chunks(text: string) { yield text; }

t.test('one record with a NUL among good ones: the good ones are imported, that one is rejected', async (t) => {
  const { db } = await openTestDatabase(t);
  const catalog = createCatalogRepository(db);
  const companyId = await createCompany(db);
  const records = [centryProduct(1), centryProduct(2, { name: 'Polera\u0000rota' }), centryProduct(3), centryProduct(4, { variants: [{ sku: 'V\u0000', _id: 'v1' }] })];
  const result = await importCatalogText({ catalog, now: () => new Date('2025-01-01T00:00:00Z') }, chunks(ndjson(records)), { companyId });
  t.ok(result.ok, 'the file is imported, not refused with an internal error');
  if (!result.ok) return;
  t.equal(result.report.created, 2);
  t.equal(result.report.rejected, 2);
  t.match(result.report.rejections, [{ id: centryProduct(2)._id, reason: /NUL/, at: { line: 2 } }, { reason: /NUL/, at: { line: 4 } }]);
});

t.test('ids with surrounding spaces are stored trimmed', async (t) => {
  const { db } = await openTestDatabase(t);
  const catalog = createCatalogRepository(db);
  const companyId = await createCompany(db);
  const spaced = centryProduct(7, { _id: '  p-7 ', brand_id: ' b1\t', category_id: ' c1 ' });
  const result = await importCatalogText({ catalog }, chunks(ndjson([spaced])), { companyId });
  t.ok(result.ok && result.report.created === 1);
  const product = await catalog.getProduct(companyId, catalogProductId('p-7'));
  t.ok(product, 'found by the trimmed id (what the exclusion form sends)');
  t.match(product, { brandId: 'b1', categoryId: 'c1' });
});
