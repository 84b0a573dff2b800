// The catalog block of Mi Empresa (SPEC §2.3): where the catalog comes from, its counts and last
// update, the last import's result, and what can be done (upload a file, link Centry, pull now).
import type { CatalogRepository } from '../catalog/store/catalog-repository.js';
import type { CatalogSourceRepository } from '../catalog/store/catalog-source-repository.js';
import type { ImportReport } from '../catalog/import/import.js';
import type { ReplacementReport } from '../catalog/store/catalog-replacement.js';
import { describePosition, readProblem, type ImportProblem } from '../catalog/import/import-messages.js';
import { formatWhen } from './format.js';

const KIND_LABELS = { import: 'Archivo importado', centry: 'Centry (API)', demo: 'Catálogo de demostración' } as const;
const SHOWN_REJECTIONS = 20;
/** A background import "running" for longer than this died with its process (imports take seconds to minutes). */
const IMPORT_STALE_MS = 2 * 60 * 60 * 1000;

export interface CatalogSectionView {
  sourceLabel: string;
  linkedToCentry: boolean;
  needsCentryReauthorization: boolean;
  centryAvailable: boolean;
  /** Local mode, no catalog yet: offer the demo catalog. */
  demoAvailable: boolean;
  counts: { products: number; activeProducts: number; brands: number; categories: number; genders: number };
  lastUpdate: string | null;
  lastPull: string | null;
  /** An uploaded file is being imported in the background. */
  importInProgress: boolean;
  /** Why the last uploaded file imported nothing (or was interrupted): Spanish, and the technical detail. */
  importError: ImportProblem | null;
  /** Linked to Centry, first download not finished: the old source's report is not shown as Centry's. */
  centryDownloading: boolean;
  /** The last replacement of the catalog: what left, and per store the exclusions carried by name. */
  replacement: null | {
    by: string;
    when: string | null;
    removed: { products: number; brands: number; categories: number; genders: number };
    stores: { storeName: string; byName: number }[];
  };
  /** Stores with exclusions that point at nothing in the catalog now ("ya no está en el catálogo"). */
  missingExclusions: { integrationId: number; storeName: string; missing: number }[];
  lastImport: null | {
    when: string | null;
    created: number; updated: number; unchanged: number; rejected: number;
    rejections: { where: string; reason: string }[];
    moreRejections: number;
    /** Where the file broke (its records before that were kept) and the parser's reason (technical). */
    stoppedAt: { where: string; detail: string } | null;
  };
}


export async function catalogSectionView(
  deps: {
    catalog: Pick<CatalogRepository, 'summary'>; sources: Pick<CatalogSourceRepository, 'get'>; centryAvailable: boolean; demoAvailable: boolean; now?: () => Date;
    missingExclusions?: (companyId: number) => Promise<CatalogSectionView['missingExclusions']>;
  },
  companyId: number,
): Promise<CatalogSectionView> {
  const [summary, source, missing] = await Promise.all([
    deps.catalog.summary(companyId), deps.sources.get(companyId), deps.missingExclusions?.(companyId) ?? [],
  ]);
  const now = (deps.now ?? (() => new Date()))();
  const running = source?.importState === 'running';
  const stale = running && (!source.importStartedAt || now.getTime() - source.importStartedAt.getTime() > IMPORT_STALE_MS);
  // An upload that never imported anything leaves a row without a catalog: still "no catalog yet".
  const noCatalogYet = !source || (source.kind === 'import' && !source.lastImportAt);
  // Just linked to Centry: until its first download ends, the stored report is the old file's.
  const centryDownloading = source?.kind === 'centry' && !source.lastPullAt && source.status === 'ok';
  const report = (centryDownloading ? null : source?.lastImportReport ?? null) as Partial<ImportReport> | null;
  const rejections = report?.rejections ?? [];
  return {
    sourceLabel: source && !noCatalogYet ? KIND_LABELS[source.kind] : 'Sin catálogo todavía',
    linkedToCentry: source?.kind === 'centry',
    needsCentryReauthorization: source?.kind === 'centry' && source.status === 'reauth_required',
    centryAvailable: deps.centryAvailable,
    demoAvailable: deps.demoAvailable && noCatalogYet && !running && summary.products === 0,
    counts: summary,
    lastUpdate: formatWhen(summary.lastUpdate),
    lastPull: formatWhen(source?.lastPullAt ?? null),
    importInProgress: running && !stale,
    centryDownloading,
    importError: stale ? { message: 'La importación se interrumpió. Vuelve a subir el archivo.', detail: null }
      : source?.importState === 'failed' && source.kind !== 'centry' ? readProblem(source.importError ?? 'La importación falló. Vuelve a subir el archivo.') : null,
    missingExclusions: missing,
    replacement: replacementView(source?.lastReplaceReport as ReplacementReport | null | undefined, source?.lastReplaceAt ?? null),
    lastImport: report && typeof report.created === 'number' ? {
      when: formatWhen(source?.kind === 'centry' ? source.lastPullAt : source?.lastImportAt ?? null),
      created: report.created, updated: report.updated ?? 0, unchanged: report.unchanged ?? 0, rejected: report.rejected ?? 0,
      rejections: rejections.slice(0, SHOWN_REJECTIONS).map((r) => ({ where: describePosition(r.at), reason: r.reason })),
      moreRejections: Math.max(0, (report.rejected ?? 0) - SHOWN_REJECTIONS),
      stoppedAt: report.stoppedAt ? { where: describePosition(report.stoppedAt.at) || 'el final', detail: report.stoppedAt.reason } : null,
    } : null,
  };
}

const REPLACED_BY = { centry: 'el de Centry', import: 'el del archivo', demo: 'el de demostración' } as const;

function replacementView(r: ReplacementReport | null | undefined, at: Date | null): CatalogSectionView['replacement'] {
  if (!r || !r.removed) return null;
  return {
    by: REPLACED_BY[r.by] ?? r.by, when: formatWhen(at), removed: r.removed,
    stores: (r.stores ?? []).filter((s) => s.byName > 0).map((s) => ({ storeName: s.storeName, byName: s.byName })),
  };
}
