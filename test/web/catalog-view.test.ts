// The catalog block's data: right after linking Centry the old file's report is not shown as
// Centry's ("Origen: Centry" over a file import), and record numbers count from 1.
import t from 'tap';
import type { CatalogSource } from '../../src/catalog/store/catalog-source-repository.js';
import { catalogSectionView } from '../../src/web/catalog-view.js';
import { describePosition } from '../../src/catalog/import/import-messages.js';

const summary = { products: 2, activeProducts: 2, variants: 2, brands: 1, categories: 1, genders: 0, lastUpdate: new Date('2025-03-10T15:00:00Z') };
const fileReport = { format: 'ndjson', created: 2, updated: 0, unchanged: 0, rejected: 1, rejections: [{ at: { line: 2 }, id: null, reason: 'name: requerido' }], stoppedAt: null };
const view = (source: Partial<CatalogSource>) => catalogSectionView({
  catalog: { summary: async () => summary },
  sources: { get: async () => ({ companyId: 1, status: 'ok', importState: 'done', lastImportAt: new Date('2025-03-09T12:00:00Z'), lastPullAt: null, lastImportReport: fileReport, ...source } as CatalogSource) },
  centryAvailable: true, demoAvailable: false, now: () => new Date('2025-03-10T15:00:00Z'),
}, 1);

t.test('just linked to Centry: downloading, and no file report shown as Centry\'s', async (t) => {
  const linked = await view({ kind: 'centry' });
  t.equal(linked.sourceLabel, 'Centry (API)');
  t.equal(linked.centryDownloading, true);
  t.equal(linked.lastImport, null, 'the file import\'s report is not Centry\'s');
  const pulled = await view({ kind: 'centry', lastPullAt: new Date('2025-03-10T14:00:00Z'), lastImportReport: { ...fileReport, created: 30, rejected: 0, rejections: [] } });
  t.equal(pulled.centryDownloading, false);
  t.match(pulled.lastImport, { created: 30 }, 'after the first pull, its report');
  const file = await view({ kind: 'import' });
  t.equal(file.centryDownloading, false);
  t.match(file.lastImport, { created: 2, rejections: [{ where: 'línea 2', reason: 'name: requerido' }] });
});

t.test('positions count from 1', async (t) => {
  t.equal(describePosition({ line: 1, index: 0 }), 'línea 1, registro 1');
  t.equal(describePosition({ section: 'brands', index: 4 }), 'brands, registro 5');
  t.equal(describePosition({ line: 7 }), 'línea 7');
});
