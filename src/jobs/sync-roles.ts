// The worker and scheduler roles of one process (SPEC §8: web, worker, scheduler, all three by
// default), around one pg-boss instance that the web role also uses to hand runs over. Closing
// stops the scheduler, lets running runs checkpoint and release, then stops the queue.
import type { Config } from '../config.js';
import type { Db } from '../db/knex.js';
import { startJobQueue, type SyncJobs } from './queue.js';
import { startScheduler } from './scheduler.js';
import { startCentryPulls } from './centry-pulls.js';
import { companyId } from '../company/model.js';
import { startSyncWorker, type SyncWorker } from './sync-worker.js';
import { startProcessMonitor } from './process-figures.js';
import { opsSnapshot, type OpsSnapshot } from './fleet-figures.js';
import { startOrderRoles } from '../orders/order-roles.js';
import type { OrderJobs } from '../orders/order-queue.js';
import { syncRequests, type AppServices } from '../composition.js';

interface Log { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void }

export interface SyncRoles {
  jobs: SyncJobs;
  /** This process's worker, when it has the role: /readyz says whether it takes work. */
  worker?: SyncWorker;
  /** The figures of /ops/fleet.json (fleet-figures.ts). */
  snapshot(): Promise<OpsSnapshot>;
  /** Order jobs (SPEC §10, src/orders/): the web's order webhook queues them. */
  orderJobs: OrderJobs;
  close(): Promise<void>;
}

/** How often a worker process logs its "fleet figures" line. */
const FIGURES_LOG_MS = 60_000;

/** `composed`: the process's composition root (src/composition.ts), shared with the web role. */
export async function startSyncRoles(opts: { config: Config; db: Db; log: Log; composed: AppServices }): Promise<SyncRoles> {
  const { config, db, log, composed } = opts;
  const queue = await startJobQueue({ databaseUrl: config.databaseUrl!, log });
  const services = composed.sync;
  const monitor = startProcessMonitor();
  const closers: (() => Promise<void>)[] = [() => queue.stop(), async () => monitor.stop()];
  let worker: SyncWorker | undefined;
  const orders = await startOrderRoles({ boss: queue.boss, config, db, log, services: composed.orders });
  closers.unshift(() => orders.close());
  if (config.roles.includes('worker')) {
    // Backpressure: no new run while the event loop lags (its p99 over the last few seconds).
    worker = await startSyncWorker({ boss: queue.boss, jobs: queue.jobs, services, log, concurrency: config.workerConcurrency, lag: () => monitor.figures().lagP99Ms });
    closers.unshift(() => worker!.stop());
  }
  const snapshot = opsSnapshot({ db, boss: queue.boss, monitor, worker, now: () => new Date() });
  if (worker) {
    const w = worker;
    const timer = setInterval(() => void snapshot().then((s) => {
      const { runs: _runs, ...status } = s.worker ?? w.status();
      log.info({ worker: status, process: s.process, fleet: s.fleet }, 'fleet figures');
    }).catch((err) => log.error({ err }, 'fleet figures failed')), FIGURES_LOG_MS);
    timer.unref();
    closers.unshift(async () => clearInterval(timer));
  }
  if (config.roles.includes('scheduler')) {
    const scheduler = startScheduler({ services, jobs: queue.jobs, now: composed.now, log });
    closers.unshift(() => scheduler.stop());
    if (composed.centry) {
      // Products the daily reconciliation deleted reach the stores in a targeted run (SPEC §7.5).
      const requests = syncRequests(composed, queue.jobs, log);
      const pulls = startCentryPulls(db, composed.centry, log, {
        onCatalogChanged: async (company, productIds) => { await requests.requestCompanySync(companyId(company), productIds); },
      });
      closers.unshift(() => pulls.stop());
    }
  }
  return {
    jobs: queue.jobs,
    worker,
    snapshot,
    orderJobs: orders.jobs,
    async close() {
      for (const close of closers) await close();
    },
  };
}
