// Catalog import (SPEC §3, ADR 0004): records are validated one by one — a bad one is reported
// with its position and skipped, good ones are kept — and upserted in batches, so a 100 000-product
// file streams through in bounded memory. Re-importing the same file changes nothing.
import { createReadStream } from 'node:fs';
import type { CatalogRepository, UpsertCounts } from '../store/catalog-repository.js';
import { readJsonRecords, type FileFormat, type RecordPosition, type Section } from './json-record-reader.js';
import { RecordBatcher } from './import-batcher.js';
import type { ListedIds } from '../store/catalog-replacement.js';

export interface ImportDeps {
  catalog: CatalogRepository;
  /** The clock, for products without `updated_at`. */
  now?: () => Date;
}

export interface ImportOptions {
  companyId: number;
  /** ISO code of the catalog currency (prices in the file are in its major units). Default CLP. */
  currency?: string;
  /** Products per transaction. Default 500. */
  batchSize?: number;
  /** Rejections listed in the report (all are counted). Default 1 000. */
  maxListedRejections?: number;
  /**
   * Collects the id of every record read, valid or rejected (a replacement keeps what its source
   * listed, catalog-replacement.ts).
   */
  listed?: ListedIds;
  /** Called after each written batch, e.g. to show progress. */
  onProgress?: (report: ImportReport) => void;
}

export interface Rejection {
  at: RecordPosition;
  /** The record's Centry id, when it has one. */
  id: string | null;
  reason: string;
}

export interface ImportReport {
  format: FileFormat | 'records';
  /** Products. */
  created: number;
  updated: number;
  unchanged: number;
  /** Records of any kind that were skipped. */
  rejected: number;
  references: { brands: Omit<UpsertCounts, 'unchanged'>; categories: Omit<UpsertCounts, 'unchanged'>; genders: Omit<UpsertCounts, 'unchanged'> };
  rejections: Rejection[];
  /** Rejections counted but not listed, beyond `maxListedRejections`. */
  rejectionsNotListed: number;
  /** The file broke before its end: records before the break are kept (ADR 0004). */
  stoppedAt: { at: RecordPosition; reason: string } | null;
}

export type ImportResult =
  | { ok: true; report: ImportReport }
  /** Nothing was written: the file is not JSON (or holds no JSON record at all). */
  | { ok: false; error: 'NOT_JSON'; message: string; at: RecordPosition };

/** One record ready for validation: from a file, or straight from the demo generator. */
export interface SourceRecord { value: unknown; at: RecordPosition; section?: Section }

export async function importCatalogFile(deps: ImportDeps, file: string, opts: ImportOptions): Promise<ImportResult> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  try {
    return await importCatalogText(deps, stream as AsyncIterable<string>, opts);
  } finally {
    stream.destroy();
  }
}

/** Imports a file given as text chunks (a file stream, an upload). */
export async function importCatalogText(deps: ImportDeps, chunks: AsyncIterable<string>, opts: ImportOptions): Promise<ImportResult> {
  const batcher = new RecordBatcher(deps, opts);
  // Records are written a batch at a time, and only JSON values are ever written: as long as no
  // record has parsed as JSON, nothing has changed, and a file that yields none is refused whole.
  const notJson = (message: string, at: RecordPosition): ImportResult => ({ ok: false, error: 'NOT_JSON', message, at });
  try {
    for await (const item of readJsonRecords(chunks)) {
      if (item.kind === 'format') batcher.report.format = item.format;
      else if (item.kind === 'record') await batcher.add(item);
      else if (item.kind === 'invalid') batcher.reject(item.at, null, item.reason);
      else if (batcher.jsonRecords === 0) return notJson(item.reason, item.at);
      else {
        batcher.stop(item.at, item.reason);
        break;
      }
      if (batcher.jsonRecords === 0 && batcher.report.rejected >= batcher.batchSize) {
        return notJson(`no JSON record among the first ${batcher.batchSize}: ${batcher.report.rejections[0]!.reason}`, batcher.report.rejections[0]!.at);
      }
    }
  } catch (e) {
    await batcher.settle();
    throw e;
  }
  if (batcher.jsonRecords === 0 && batcher.report.rejected > 0) {
    const first = batcher.report.rejections[0]!;
    return notJson(first.reason, first.at);
  }
  return { ok: true, report: await batcher.finish() };
}

/** Imports records that are already values (the demo catalog): same validation and writes. */
export async function importCatalogRecords(
  deps: ImportDeps, records: AsyncIterable<SourceRecord> | Iterable<SourceRecord>, opts: ImportOptions,
): Promise<ImportReport> {
  const batcher = new RecordBatcher(deps, opts);
  try {
    for await (const r of records) await batcher.add(r);
  } catch (e) {
    await batcher.settle(); // no write left running on a transaction that is about to roll back
    throw e;
  }
  return batcher.finish();
}

