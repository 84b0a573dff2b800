import t from 'tap';
import { openTestDatabase } from '../helpers/database.js';
import { createCatalogSourceRepository } from '../../src/catalog/store/catalog-source-repository.js';
import { createCompany } from './fixtures.js';

t.test('catalog source: imports are recorded; a Centry source stays Centry', async (t) => {
  const { db } = await openTestDatabase(t);
  const sources = createCatalogSourceRepository(db);
  const company = await createCompany(db);
  t.equal(await sources.get(company), null);
  await sources.recordImport(company, 'demo', { created: 3 });
  t.match(await sources.get(company), { companyId: company, kind: 'demo', lastImportReport: { created: 3 }, status: 'ok' });
  await sources.recordImport(company, 'import', { created: 0, unchanged: 3 });
  const s = await sources.get(company);
  t.match(s, { kind: 'import', lastImportReport: { unchanged: 3 } });
  t.ok(s!.lastImportAt instanceof Date);
  await db('catalog_sources').where({ company_id: company }).update({ kind: 'centry' });
  await sources.recordImport(company, 'import', {});
  t.equal((await sources.get(company))!.kind, 'centry');
});
