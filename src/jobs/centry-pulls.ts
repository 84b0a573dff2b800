// The scheduler role also keeps Centry-linked catalogs current between webhooks: every 15 minutes a
// delta pull (updated_at_gte + after= paging) for every linked company. Webhooks bring single products
// within seconds; this catches the ones Centry failed to deliver. One scheduler pulls at a time
// (a transaction-scoped advisory lock); another that ticks meanwhile skips.
import cron from 'node-cron';
import type { Db } from '../db/knex.js';
import { pullAllCentrySources, type CentrySourceDeps } from '../catalog/centry-source.js';

interface Log { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void }

const LOCK_KEY = 0x63656e74; // "cent"

/** One round; false when another process holds the round. */
export async function pullCentryCatalogs(db: Db, deps: CentrySourceDeps, log: Log): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.raw('select pg_try_advisory_xact_lock(?) as got', [LOCK_KEY]);
    if (!rows[0]?.got) return false;
    const results = await pullAllCentrySources(deps, (companyId, err) => log.error({ companyId, err }, 'Centry pull failed'));
    for (const [companyId, r] of results) {
      if (r.ok) log.info({ companyId, created: r.report.created, updated: r.report.updated, rejected: r.report.rejected }, 'Centry pull');
      else log.warn({ companyId, error: r.error }, 'Centry pull skipped');
    }
    return true;
  });
}

export function startCentryPulls(db: Db, deps: CentrySourceDeps, log: Log): { stop(): Promise<void> } {
  const task = cron.schedule('*/15 * * * *', () => pullCentryCatalogs(db, deps, log).then(() => undefined), {
    name: 'centry-pulls', noOverlap: true,
    logger: { info: () => {}, debug: () => {}, warn: (m) => log.warn({}, String(m)), error: (m, err) => log.error({ err: err ?? m }, 'Centry pull tick failed') },
  });
  return { stop: async () => { await task.stop(); await task.destroy(); } };
}
