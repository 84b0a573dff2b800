// The worker and scheduler roles of one process (SPEC §8: web, worker, scheduler, all three by
// default), around one pg-boss instance that the web role also uses to hand runs over. Closing
// stops the scheduler, lets running runs checkpoint and release, then stops the queue.
import type { Config } from '../config.js';
import type { Db } from '../db/knex.js';
import { startJobQueue, type SyncJobs } from './queue.js';
import { startScheduler } from './scheduler.js';
import { startCentryPulls } from './centry-pulls.js';
import { createCentrySourceDeps } from '../catalog/centry-wiring.js';
import { createSyncServices } from './sync-services.js';
import { requestCompanySync } from './sync-requests.js';
import { createRunRepository } from '../publishing/run-repository.js';
import { createCompanyRepository } from '../company/company-repository.js';
import { createTokenCipher } from '../security/token-crypto.js';
import { companyId } from '../company/model.js';
import { startSyncWorker, type SyncWorker } from './sync-worker.js';
import { startProcessMonitor } from './process-figures.js';
import { opsSnapshot, type OpsSnapshot } from './fleet-figures.js';
import { startOrderRoles } from '../orders/order-roles.js';
import type { OrderJobs } from '../orders/order-queue.js';

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

export async function startSyncRoles(opts: { config: Config; db: Db; log: Log }): Promise<SyncRoles> {
  const { config, db, log } = opts;
  const queue = await startJobQueue({ databaseUrl: config.databaseUrl!, log });
  const services = createSyncServices(config, db);
  const monitor = startProcessMonitor();
  const closers: (() => Promise<void>)[] = [() => queue.stop(), async () => monitor.stop()];
  let worker: SyncWorker | undefined;
  const orders = await startOrderRoles({ boss: queue.boss, config, db, log });
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
    const scheduler = startScheduler({ db, services, jobs: queue.jobs, now: () => new Date(), log });
    closers.unshift(() => scheduler.stop());
    const centry = createCentrySourceDeps(config, db);
    if (centry) {
      // Products the daily reconciliation deleted reach the stores in a targeted run (SPEC §7.5).
      const syncDeps = { runs: createRunRepository(db), jobs: queue.jobs, companies: createCompanyRepository(db, createTokenCipher(config.encryptionKeys)) };
      const pulls = startCentryPulls(db, centry, log, {
        onCatalogChanged: async (company, productIds) => { await requestCompanySync(syncDeps, companyId(company), productIds); },
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
