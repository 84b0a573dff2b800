// A catalog file uploaded on Mi Empresa, as a use case (SPEC §3, issue 14): the route parses the
// multipart body into a temporary file and hands it here. What the merchant asked for is checked
// first (refused with a message, nothing recorded); then the file's first bytes (an image, a PDF, a
// spreadsheet, an empty file: recorded at once as why nothing was imported); otherwise the import is
// recorded "en curso" and `finish` — run after the response, it takes 15–20 s for 100 000 products —
// imports and records its report or its problem (catalog_sources.import_state). The temporary file
// is discarded whatever happens.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { importCatalogFileAs, type FileImportDeps, type FileImportResult, type ImportMode } from './catalog-file-import.js';
import type { CatalogSourceRepository } from '../store/catalog-source-repository.js';
import type { ImportReport } from './import.js';
import { checkUpload, describePosition, notJsonProblem, storeProblem, wrongShapeProblem } from './import-messages.js';

/** Largest catalog file accepted by upload (a 100 000-product catalog is ~260 MB of NDJSON). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const MAX_MB = MAX_UPLOAD_BYTES / 1024 / 1024;

export interface CatalogUpload {
  companyId: number;
  /** The uploaded file on disk, and how to remove it (with its folder). */
  file: string;
  discard(): Promise<void>;
  /** The upload went past MAX_UPLOAD_BYTES: the file holds its first part only. */
  truncated: boolean;
  mode: ImportMode;
  /** "Cambiar el origen a un archivo", and whether its confirmation was ticked. */
  switchFromCentry: boolean;
  confirmed: boolean;
}

export interface UploadImportDeps extends FileImportDeps {
  sources: Pick<CatalogSourceRepository, 'get' | 'switchToImport' | 'startImport' | 'finishImport'>;
}

export type UploadStart =
  /** Not what the merchant may do now: nothing recorded, the message says why. */
  | { outcome: 'refused'; message: string }
  /** Not a catalog file (from its first bytes): recorded as the import's problem. */
  | { outcome: 'not_a_catalog' }
  /** Recorded "en curso": `finish` imports (after the response) and records the outcome. */
  | { outcome: 'importing'; finish(): Promise<void> };

/** The first bytes of a file (to tell what it is) and its size. */
async function readHead(file: string): Promise<{ head: Buffer; size: number }> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(size, 4096));
    await fh.read(head, 0, head.length, 0);
    return { head, size };
  } finally {
    await fh.close();
  }
}

function refusal(source: Awaited<ReturnType<UploadImportDeps['sources']['get']>>, u: CatalogUpload): string | null {
  if (source?.kind === 'centry' && !u.switchFromCentry) {
    return 'El catálogo viene de Centry: no se importó el archivo. Para usar archivos, elige «Cambiar el origen a un archivo» y confirma.';
  }
  if (u.switchFromCentry && !u.confirmed) {
    return 'No se cambió el origen del catálogo: marca la confirmación para reemplazar el catálogo de Centry por el archivo.';
  }
  if (u.truncated && (u.mode === 'replace' || u.switchFromCentry)) {
    return `No se importó nada: el archivo supera ${MAX_MB} MB y un reemplazo del catálogo necesita el archivo completo.`;
  }
  return null;
}

export async function startCatalogUpload(deps: UploadImportDeps, upload: CatalogUpload): Promise<UploadStart> {
  const company = upload.companyId;
  const refused = refusal(await deps.sources.get(company), upload);
  if (refused) {
    await upload.discard();
    return { outcome: 'refused', message: refused };
  }
  const { head, size } = await readHead(upload.file);
  const problem = checkUpload(head, size);
  await deps.sources.startImport(company);
  if (problem) {
    await upload.discard();
    await deps.sources.finishImport(company, { ok: false, error: storeProblem(problem) });
    return { outcome: 'not_a_catalog' };
  }
  const finish = async () => {
    try {
      const result = await importCatalogFileAs(deps, createReadStream(upload.file, { encoding: 'utf8' }), {
        companyId: company, mode: upload.mode, switchFromCentry: upload.switchFromCentry,
      });
      await deps.sources.finishImport(company, importOutcome(result, head, upload.truncated));
    } catch (err) {
      await deps.sources.finishImport(company, { ok: false, error: 'La importación falló por un error interno. Vuelve a subir el archivo.' })
        .catch(() => undefined);
      throw err;
    } finally {
      await upload.discard();
    }
  };
  return { outcome: 'importing', finish };
}

const firstRejection = (r: ImportReport) => {
  const first = r.rejections[0];
  return first ? `${describePosition(first.at)}: ${first.reason}` : null;
};

/** What is recorded for the merchant: the report, or the one problem that says why nothing was imported. */
function importOutcome(result: FileImportResult, head: Buffer, truncated: boolean): { ok: true; report: ImportReport } | { ok: false; error: string } {
  if (!result.ok) {
    const problem = result.error === 'NO_PRODUCTS' ? { ...wrongShapeProblem(result.report.rejected), detail: firstRejection(result.report) }
      : result.error === 'INCOMPLETE'
        ? { message: `El archivo se interrumpió en ${describePosition(result.report.stoppedAt!.at)} y un reemplazo del catálogo solo se aplica con el archivo completo. Corrígelo y vuelve a subirlo.`, detail: result.report.stoppedAt!.reason }
        : result.error === 'NOT_JSON' ? notJsonProblem(head.toString('utf8'), result.message)
          : { message: result.message, detail: null };
    return { ok: false, error: storeProblem(problem) };
  }
  const r = result.report;
  if (r.created + r.updated + r.unchanged === 0 && r.rejected > 0) {
    return { ok: false, error: storeProblem({ ...wrongShapeProblem(r.rejected), detail: firstRejection(r) }) };
  }
  return { ok: true, report: truncated ? { ...r, stoppedAt: { at: {}, reason: `el archivo supera ${MAX_MB} MB` } } : r };
}
