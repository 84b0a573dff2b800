// The scheduler role also keeps Centry-linked catalogs current between webhooks: every 15 minutes a
// delta pull (updated_at_gte + after= paging) for every linked company. Webhooks bring single products
// within seconds; this catches the ones Centry failed to deliver. One scheduler pulls at a time
// (a transaction-scoped advisory lock); another that ticks meanwhile skips.
// In the same round, once a day per company (when its last complete reconciliation is older than
// 24 h), the catalog is reconciled with Centry's full id listing to remove products whose deletion
// webhook was lost (centry-reconcile.ts); deleted products are handed to `onCatalogChanged`, which
// asks for a targeted sync run of those ids, as a Centry deletion webhook does (ADR 0004).
import cron from 'node-cron';
import type { Db } from '../db/knex.js';
import { pullAllCentrySources, type CentrySourceDeps } from '../catalog/centry/centry-source.js';
import { reconcileCentryCatalog } from '../catalog/centry/centry-reconcile.js';

interface Log { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void }

const LOCK_KEY = 0x63656e74; // "cent"
export const RECONCILE_EVERY_MS = 24 * 60 * 60 * 1000;

export interface CentryPullOptions {
  /** Products the reconciliation deleted: a targeted sync run for the company (requestCompanySync). */
  onCatalogChanged?: (companyId: number, productIds: readonly string[]) => Promise<void>;
  now?: () => Date;
}

/** One round; false when another process holds the round. */
export async function pullCentryCatalogs(db: Db, deps: CentrySourceDeps, log: Log, opts: CentryPullOptions = {}): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.raw('select pg_try_advisory_xact_lock(?) as got', [LOCK_KEY]);
    if (!rows[0]?.got) return false;
    const results = await pullAllCentrySources(deps, (companyId, err) => log.error({ companyId, err }, 'Centry pull failed'));
    for (const [companyId, r] of results) {
      if (r.ok) log.info({ companyId, created: r.report.created, updated: r.report.updated, rejected: r.report.rejected }, 'Centry pull');
      else log.warn({ companyId, error: r.error }, 'Centry pull skipped');
    }
    const now = opts.now ?? deps.now ?? (() => new Date());
    for (const companyId of await deps.sources.reconcileDue(new Date(now().getTime() - RECONCILE_EVERY_MS))) {
      if (!results.get(companyId)?.ok) continue; // its pull failed this round: not the time to delete
      try {
        const r = await reconcileCentryCatalog(deps, companyId);
        if (!r.ok) {
          log.warn({ companyId, error: r.error, message: r.message }, 'Centry reconciliation deleted nothing');
          continue;
        }
        log.info({ companyId, listed: r.listed, known: r.known, deleted: r.deleted.length }, 'Centry reconciliation');
        if (r.deleted.length > 0) await opts.onCatalogChanged?.(companyId, r.deleted);
      } catch (err) {
        log.error({ companyId, err }, 'Centry reconciliation failed');
      }
    }
    return true;
  });
}

export function startCentryPulls(db: Db, deps: CentrySourceDeps, log: Log, opts: CentryPullOptions = {}): { stop(): Promise<void> } {
  const task = cron.schedule('*/15 * * * *', () => pullCentryCatalogs(db, deps, log, opts).then(() => undefined), {
    name: 'centry-pulls', noOverlap: true,
    logger: { info: () => {}, debug: () => {}, warn: (m) => log.warn({}, String(m)), error: (m, err) => log.error({ err: err ?? m }, 'Centry pull tick failed') },
  });
  return { stop: async () => { await task.stop(); await task.destroy(); } };
}
