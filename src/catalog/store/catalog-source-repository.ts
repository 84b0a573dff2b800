// Where a company's catalog comes from (SPEC §3): a file import, the demo catalog, or its Centry
// account — with the Centry tokens (ciphertexts only) and the delta-pull cursor.
import type { Db, Tx } from '../../db/knex.js';

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
  /** The last complete reconciliation with Centry's id listing (centry-reconcile.ts) and its report. */
  lastReconcileAt: Date | null;
  lastReconcileReport: unknown;
  /** A file upload imported in the background: running, then done (report in lastImportReport) or failed. */
  importState: 'running' | 'done' | 'failed' | null;
  importStartedAt: Date | null;
  importError: string | null;
  /** Centry was linked and its first complete pull has not replaced the catalog yet (catalog-replacement.ts). */
  replacePending: boolean;
  /** The last replacement of the catalog (a Centry pull or a file declared a replacement) and its report. */
  lastReplaceAt: Date | null;
  lastReplaceReport: unknown;
  updatedAt: Date;
}

/** Token ciphertexts as stored (src/security/token-crypto.ts). */
export interface EncryptedCentryTokens { accessTokenEnc: string; refreshTokenEnc: string; expiresAt: Date; scope: string | null }

export interface CatalogSourceRepository {
  get(companyId: number, tx?: Tx): Promise<CatalogSource | null>;
  /** A file or demo import happened. A company linked to Centry stays a Centry source. */
  recordImport(companyId: number, kind: 'import' | 'demo', report: unknown, tx?: Tx): Promise<void>;
  /**
   * The company linked its Centry account: the catalog now comes from there, pulled from scratch,
   * and the first complete pull replaces whatever was there (`replacePending`).
   */
  linkCentry(companyId: number, tokens: EncryptedCentryTokens, webhookSecretSha256: string, tx?: Tx): Promise<void>;
  saveCentryTokens(companyId: number, tokens: EncryptedCentryTokens, tx?: Tx): Promise<void>;
  /** Whether a Centry replacement is still pending, locking the row until `tx` ends (one replacement wins). */
  claimReplacement(companyId: number, tx: Tx): Promise<boolean>;
  /**
   * The merchant chose files over Centry (explicitly, with a confirmation): the Centry grant, the
   * webhook secret and the pull cursor are forgotten, so no pull, webhook or reconciliation touches
   * the catalog again until Centry is linked anew.
   */
  switchToImport(companyId: number, tx?: Tx): Promise<void>;
  /** A delta pull finished: the next one asks for products updated since `updatedSince`. */
  recordPull(companyId: number, updatedSince: Date | null, report: unknown, tx?: Tx): Promise<void>;
  markReauthRequired(companyId: number, reason: string, tx?: Tx): Promise<void>;
  /** A reconciliation with Centry's complete listing finished (whatever it deleted). */
  recordReconcile(companyId: number, report: unknown, tx?: Tx): Promise<void>;
  /** Centry companies whose last reconciliation is older than `before` (or never happened). */
  reconcileDue(before: Date, tx?: Tx): Promise<number[]>;
  /** An uploaded file is being imported in the background (Mi Empresa shows "en curso"). */
  startImport(companyId: number, tx?: Tx): Promise<void>;
  /** The background import ended: its report (as recordImport) or why nothing was imported. */
  finishImport(companyId: number, outcome: { ok: true; report: unknown } | { ok: false; error: string }, tx?: Tx): Promise<void>;
  /** The company whose Centry webhook URL carries this secret (by its SHA-256), if any. */
  companyByWebhookSecret(sha256: string, tx?: Tx): Promise<number | null>;
  /** Companies whose catalog is pulled from Centry and whose grant still works. */
  centryCompanies(tx?: Tx): Promise<number[]>;
}

type Row = Record<string, any>;
export function sourceFromRow(r: Row): CatalogSource {
  return {
    companyId: r.company_id, kind: r.kind, centryAccessTokenEnc: r.centry_access_token_enc,
    centryRefreshTokenEnc: r.centry_refresh_token_enc, centryTokenExpiresAt: r.centry_token_expires_at,
    centryScope: r.centry_scope, pullUpdatedSince: r.pull_updated_since, pullAfterId: r.pull_after_id,
    lastPullAt: r.last_pull_at, lastImportAt: r.last_import_at, lastImportReport: r.last_import_report,
    status: r.status, lastError: r.last_error, lastReconcileAt: r.last_reconcile_at ?? null,
    lastReconcileReport: r.last_reconcile_report ?? null, importState: r.import_state ?? null,
    importStartedAt: r.import_started_at ?? null, importError: r.import_error ?? null,
    replacePending: r.replace_pending ?? false, lastReplaceAt: r.last_replace_at ?? null, lastReplaceReport: r.last_replace_report ?? null,
    updatedAt: r.updated_at,
  };
}

export function createCatalogSourceRepository(db: Db): CatalogSourceRepository {
  const repo: CatalogSourceRepository = {
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
    async linkCentry(companyId, t, webhookSecretSha256, tx) {
      const row = {
        kind: 'centry', centry_access_token_enc: t.accessTokenEnc, centry_refresh_token_enc: t.refreshTokenEnc,
        centry_token_expires_at: t.expiresAt, centry_scope: t.scope, webhook_secret_sha256: webhookSecretSha256,
        pull_updated_since: null, pull_after_id: null, status: 'ok', last_error: null, replace_pending: true, updated_at: (tx ?? db).fn.now(),
      };
      await (tx ?? db)('catalog_sources').insert({ company_id: companyId, ...row }).onConflict('company_id').merge(row);
    },
    async saveCentryTokens(companyId, t, tx) {
      await (tx ?? db)('catalog_sources').where({ company_id: companyId }).update({
        centry_access_token_enc: t.accessTokenEnc, centry_refresh_token_enc: t.refreshTokenEnc,
        centry_token_expires_at: t.expiresAt, centry_scope: t.scope, updated_at: (tx ?? db).fn.now(),
      });
    },
    async claimReplacement(companyId, tx) {
      const row = await tx('catalog_sources').where({ company_id: companyId }).forUpdate().first('replace_pending', 'kind');
      return row?.kind === 'centry' && row.replace_pending === true;
    },
    async switchToImport(companyId, tx) {
      await (tx ?? db)('catalog_sources').where({ company_id: companyId }).update({
        kind: 'import', centry_access_token_enc: null, centry_refresh_token_enc: null, centry_token_expires_at: null, centry_scope: null,
        webhook_secret_sha256: null, pull_updated_since: null, pull_after_id: null, replace_pending: false, status: 'ok', last_error: null,
        updated_at: (tx ?? db).fn.now(),
      });
    },
    async recordPull(companyId, updatedSince, report, tx) {
      await (tx ?? db)('catalog_sources').where({ company_id: companyId }).update({
        pull_updated_since: updatedSince, pull_after_id: null, last_pull_at: (tx ?? db).fn.now(),
        last_import_report: JSON.stringify(report), status: 'ok', last_error: null, updated_at: (tx ?? db).fn.now(),
      });
    },
    async markReauthRequired(companyId, reason, tx) {
      await (tx ?? db)('catalog_sources').where({ company_id: companyId })
        .update({ status: 'reauth_required', last_error: reason.slice(0, 500), updated_at: (tx ?? db).fn.now() });
    },
    async recordReconcile(companyId, report, tx) {
      await (tx ?? db)('catalog_sources').where({ company_id: companyId })
        .update({ last_reconcile_at: (tx ?? db).fn.now(), last_reconcile_report: JSON.stringify(report) });
    },
    async reconcileDue(before, tx) {
      const rows = await (tx ?? db)('catalog_sources').where({ kind: 'centry', status: 'ok' })
        .andWhere((q) => q.whereNull('last_reconcile_at').orWhere('last_reconcile_at', '<', before))
        .orderBy('company_id').select('company_id');
      return rows.map((r) => r.company_id as number);
    },
    async startImport(companyId, tx) {
      await (tx ?? db).raw(
        `insert into catalog_sources (company_id, kind, import_state, import_started_at) values (?, 'import', 'running', now())
         on conflict (company_id) do update set import_state = 'running', import_started_at = now(), import_error = null, updated_at = now()`,
        [companyId],
      );
    },
    async finishImport(companyId, outcome, tx) {
      if (outcome.ok) {
        await repo.recordImport(companyId, 'import', outcome.report, tx);
        await (tx ?? db)('catalog_sources').where({ company_id: companyId }).update({ import_state: 'done', import_error: null });
      } else {
        await (tx ?? db)('catalog_sources').where({ company_id: companyId })
          .update({ import_state: 'failed', import_error: outcome.error.slice(0, 1000), updated_at: (tx ?? db).fn.now() });
      }
    },
    async companyByWebhookSecret(sha256, tx) {
      const row = await (tx ?? db)('catalog_sources').where({ webhook_secret_sha256: sha256, kind: 'centry' }).first('company_id');
      return row ? (row.company_id as number) : null;
    },
    async centryCompanies(tx) {
      const rows = await (tx ?? db)('catalog_sources').where({ kind: 'centry', status: 'ok' }).orderBy('company_id').select('company_id');
      return rows.map((r) => r.company_id as number);
    },
  };
  return repo;
}
