// Where a company's catalog comes from (SPEC §3): a file import, the demo catalog, or its Centry
// account — with the Centry tokens (ciphertexts only) and the delta-pull cursor.
import type { Db, Tx } from '../db/knex.js';

export type CatalogSourceKind = 'import' | 'centry' | 'demo';

export interface CatalogSource {
  companyId: number;
  kind: CatalogSourceKind;
  /** Ciphertexts from src/security/token-crypto.ts. */
  centryAccessTokenEnc: string | null;
  centryRefreshTokenEnc: string | null;
  centryTokenExpiresAt: Date | null;
  centryScope: string | null;
  /** Delta pull resume point: the `updated_at_gte` of the pass in progress and the last `_id` reached. */
  pullUpdatedSince: Date | null;
  pullAfterId: string | null;
  lastPullAt: Date | null;
  lastImportAt: Date | null;
  lastImportReport: unknown;
  status: 'ok' | 'reauth_required';
  lastError: string | null;
  updatedAt: Date;
}

export interface CatalogSourceRepository {
  get(companyId: number, tx?: Tx): Promise<CatalogSource | null>;
  /** A file or demo import happened. A company linked to Centry stays a Centry source. */
  recordImport(companyId: number, kind: 'import' | 'demo', report: unknown, tx?: Tx): Promise<void>;
}

type Row = Record<string, any>;
export function sourceFromRow(r: Row): CatalogSource {
  return {
    companyId: r.company_id, kind: r.kind, centryAccessTokenEnc: r.centry_access_token_enc,
    centryRefreshTokenEnc: r.centry_refresh_token_enc, centryTokenExpiresAt: r.centry_token_expires_at,
    centryScope: r.centry_scope, pullUpdatedSince: r.pull_updated_since, pullAfterId: r.pull_after_id,
    lastPullAt: r.last_pull_at, lastImportAt: r.last_import_at, lastImportReport: r.last_import_report,
    status: r.status, lastError: r.last_error, updatedAt: r.updated_at,
  };
}

export function createCatalogSourceRepository(db: Db): CatalogSourceRepository {
  return {
    async get(companyId, tx) {
      const row = await (tx ?? db)('catalog_sources').where({ company_id: companyId }).first();
      return row ? sourceFromRow(row) : null;
    },
    async recordImport(companyId, kind, report, tx) {
      await (tx ?? db).raw(
        `insert into catalog_sources (company_id, kind, last_import_at, last_import_report)
         values (?, ?, now(), ?::jsonb)
         on conflict (company_id) do update set
           kind = case when catalog_sources.kind = 'centry' then catalog_sources.kind else excluded.kind end,
           last_import_at = excluded.last_import_at, last_import_report = excluded.last_import_report, updated_at = now()`,
        [companyId, kind, JSON.stringify(report)],
      );
    },
  };
}
