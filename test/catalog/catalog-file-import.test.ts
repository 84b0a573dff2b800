// Issue 14 §1: a file import declares whether it replaces the catalog or adds to it; a replacement
// needs the whole file; while Centry is the source a file is refused unless the merchant switches.
import t from 'tap';
import { openTestDatabase } from '../helpers/database.js';
import { createCatalogRepository } from '../../src/catalog/store/catalog-repository.js';
import { createCatalogReplacer } from '../../src/catalog/store/catalog-replacement.js';
import { createCatalogSourceRepository } from '../../src/catalog/store/catalog-source-repository.js';
import { importCatalogFileAs } from '../../src/catalog/import/catalog-file-import.js';
import { seedDemoCatalog } from '../../src/catalog/demo/demo-catalog.js';
import { centryProduct, chunked, createCompany } from './fixtures.js';

const NOW = new Date('2025-03-01T00:00:00Z');
const file = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => JSON.stringify(centryProduct(from + i))).join('\n');

t.test('replace vs add', async (t) => {
  const { db } = await openTestDatabase(t);
  const catalog = createCatalogRepository(db);
  const sources = createCatalogSourceRepository(db);
  const deps = { catalog, sources, replacer: createCatalogReplacer(db), now: () => NOW };
  const company = await createCompany(db);
  await seedDemoCatalog({ catalog, sources, now: () => NOW }, { companyId: company, size: 40, imageBaseUrl: 'http://img.test', now: NOW });
  const demo = await catalog.productIds(company);

  t.test('add: the file is added, nothing leaves', async (t) => {
    const r = await importCatalogFileAs(deps, chunked(file(1, 5)), { companyId: company, mode: 'add' });
    t.match(r, { ok: true, report: { created: 5 }, replacement: null });
    t.equal((await catalog.summary(company)).products, 45);
    t.same((await catalog.changesSince(company, 0, 100_000)).deleted, []);
  });

  t.test('replace with a file that breaks midway: nothing changes', async (t) => {
    const before = await catalog.productIds(company);
    const broken = `[${file(3, 8).split('\n').join(',')}, {"_id": "x", "name": `;
    const r = await importCatalogFileAs(deps, chunked(broken), { companyId: company, mode: 'replace' });
    t.match(r, { ok: false, error: 'INCOMPLETE', report: { stoppedAt: {} } });
    t.same(await catalog.productIds(company), before, 'not even the records before the break were written');
    t.equal((await catalog.getProduct(company, centryProduct(7)._id as never)), null);
  });

  t.test('replace with a file none of whose records is a product: nothing changes (it would empty the catalog)', async (t) => {
    const before = await catalog.productIds(company);
    const r = await importCatalogFileAs(deps, chunked('{"hello":"world"}\n{"foo":1}\n'), { companyId: company, mode: 'replace' });
    t.match(r, { ok: false, error: 'NO_PRODUCTS', report: { rejected: 2, created: 0 } });
    t.same(await catalog.productIds(company), before);
    t.same((await catalog.changesSince(company, 0, 100_000)).deleted, []);
  });

  t.test('replace: exactly the file\'s products; the rest leave with tombstones; unused references too', async (t) => {
    // Product 9's record is invalid: listed in the file, so it is not taken away either.
    const text = `${file(3, 8)}\n${JSON.stringify({ ...centryProduct(1), name: '' })}`;
    const r = await importCatalogFileAs(deps, chunked(text), { companyId: company, mode: 'replace' });
    if (!r.ok) return t.fail(r.error);
    t.match(r.replacement, { by: 'import', removed: { products: 40 + 1 } });
    const ids = (await catalog.productIds(company)).map(String);
    t.same(ids, [1, 3, 4, 5, 6, 7, 8].map((n) => centryProduct(n)._id as string).sort(), 'the file\'s products (a rejected one kept as it was)');
    t.same((await catalog.changesSince(company, 0, 100_000)).deleted.sort(), [...demo, centryProduct(2)._id].sort());
    const refs = await catalog.references(company);
    t.same([...refs.brands.values()].map((b) => b.name), ['Andes Trail'], 'the demo brands left');
    t.same([...refs.genders.values()].map((g) => g.name), ['Hombre']);
  });

  t.test('while Centry is the source a file is refused; switching replaces and makes files the source', async (t) => {
    await sources.linkCentry(company, { accessTokenEnc: 'a', refreshTokenEnc: 'r', expiresAt: NOW, scope: null }, 'sha');
    const before = await catalog.productIds(company);
    for (const mode of ['add', 'replace'] as const) {
      t.match(await importCatalogFileAs(deps, chunked(file(20, 22)), { companyId: company, mode }), { ok: false, error: 'CENTRY_SOURCE' });
    }
    t.same(await catalog.productIds(company), before);
    const r = await importCatalogFileAs(deps, chunked(file(20, 22)), { companyId: company, mode: 'add', switchFromCentry: true });
    t.match(r, { ok: true, replacement: { removed: { products: 7 } } }, 'a switch always replaces');
    t.equal((await catalog.summary(company)).products, 3);
    t.match(await sources.get(company), { kind: 'import', centryAccessTokenEnc: null, replacePending: false });
    t.same(await sources.centryCompanies(), [], 'no pull or reconciliation touches it any more');
  });
});
