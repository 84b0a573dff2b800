// A catalog file imported as the merchant declared it (SPEC §3, issue 14): it REPLACES the catalog
// (the default for a full catalog: what the file does not have leaves, as after linking Centry) or
// it is ADDED to it (products updated or added, nothing leaves). While Centry is the source a file
// is refused — the daily reconciliation would otherwise delete it behind the merchant's back —
// unless the merchant explicitly switches the source to files, which is always a replacement.
import type { CatalogRepository } from '../store/catalog-repository.js';
import type { CatalogReplacer, ReplacementReport } from '../store/catalog-replacement.js';
import type { CatalogSourceRepository } from '../store/catalog-source-repository.js';
import { importCatalogText, type ImportOptions, type ImportReport } from './import.js';

export const IMPORT_MODES = ['replace', 'add'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export interface FileImportDeps {
  catalog: CatalogRepository;
  replacer: CatalogReplacer;
  sources: Pick<CatalogSourceRepository, 'get' | 'switchToImport'>;
  now?: () => Date;
}

export interface FileImportOptions extends Omit<ImportOptions, 'listed'> {
  mode: ImportMode;
  /** The merchant confirmed that files replace Centry as the source (a replacement, never an add-on). */
  switchFromCentry?: boolean;
}

export type FileImportResult =
  | { ok: true; report: ImportReport; replacement: ReplacementReport | null }
  /** Nothing changed: the file is not JSON. */
  | { ok: false; error: 'NOT_JSON'; message: string }
  /** Nothing changed: a replacement needs the whole file, and this one broke before its end (`report.stoppedAt`). */
  | { ok: false; error: 'INCOMPLETE'; report: ImportReport }
  /** Nothing changed: no record of the file is a product (each one rejected, `report.rejections`). */
  | { ok: false; error: 'NO_PRODUCTS'; report: ImportReport }
  /** Nothing read: Centry is the source and the merchant did not switch to files. */
  | { ok: false; error: 'CENTRY_SOURCE'; message: string };

const accepted = (r: ImportReport) => r.created + r.updated + r.unchanged > 0;

export async function importCatalogFileAs(deps: FileImportDeps, chunks: AsyncIterable<string>, opts: FileImportOptions): Promise<FileImportResult> {
  const { mode, switchFromCentry = false, ...importOpts } = opts;
  const source = await deps.sources.get(opts.companyId);
  if (source?.kind === 'centry' && !switchFromCentry) {
    return { ok: false, error: 'CENTRY_SOURCE', message: 'el catálogo viene de Centry: para importar un archivo, primero cambia el origen a archivos' };
  }
  if (mode === 'add' && !switchFromCentry) {
    const r = await importCatalogText({ catalog: deps.catalog, now: deps.now }, chunks, importOpts);
    return r.ok ? { ok: true, report: r.report, replacement: null } : { ok: false, error: 'NOT_JSON', message: r.message };
  }
  const r = await deps.replacer.replace(opts.companyId, async (scope) => {
    const imported = await importCatalogText({ catalog: scope.catalog, now: deps.now }, chunks, { ...importOpts, listed: scope.listed });
    // A file none of whose records is a product would replace the catalog with nothing: never.
    return { complete: imported.ok && imported.report.stoppedAt === null && accepted(imported.report), value: imported };
  }, {
    by: 'import',
    beforeRemoving: async (tx) => {
      if (switchFromCentry) await deps.sources.switchToImport(opts.companyId, tx);
      return true;
    },
  });
  const imported = r.value;
  if (!imported.ok) return { ok: false, error: 'NOT_JSON', message: imported.message };
  if (!r.replaced) return { ok: false, error: accepted(imported.report) || imported.report.stoppedAt ? 'INCOMPLETE' : 'NO_PRODUCTS', report: imported.report };
  return { ok: true, report: imported.report, replacement: r.report };
}
