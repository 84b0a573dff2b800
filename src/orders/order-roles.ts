// Orders in the worker and scheduler roles (SPEC §10), on the pg-boss instance of the sync roles:
// the worker executes order jobs; the scheduler polls every minute (one scheduler at a time, by a
// Postgres advisory lock) as the fallback for lost webhooks.
import cron from 'node-cron';
import type PgBoss from 'pg-boss';
import type { Config } from '../config.js';
import type { Db } from '../db/knex.js';
import { integrationId } from '../company/model.js';
import { pollAllStores } from './order-poller.js';
import { createOrderQueue, startOrderWorker, type OrderJobs } from './order-queue.js';
import type { OrderServices } from './order-services.js';

interface Log { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void }

/** Arbitrary, fixed: the advisory lock that makes one scheduler poll orders at a time. */
const POLL_LOCK = 7_410_016;

export interface OrderRoles { jobs: OrderJobs; close(): Promise<void> }

export async function startOrderRoles(opts: { boss: PgBoss; config: Config; db: Db; log: Log; services: OrderServices }): Promise<OrderRoles> {
  const { boss, config, db, log, services } = opts;
  const jobs = await createOrderQueue(boss);
  const closers: (() => Promise<void>)[] = [];
  if (config.roles.includes('worker')) {
    const worker = await startOrderWorker(boss, services, log);
    closers.push(() => worker.stop());
  }
  if (config.roles.includes('scheduler')) {
    const task = cron.schedule('* * * * *', async () => {
      await db.transaction(async (tx) => {
        const { rows } = await tx.raw('select pg_try_advisory_xact_lock(?) as locked', [POLL_LOCK]);
        if (!rows[0]?.locked) return;
        const ids: number[] = (await db('integrations').where({ status: 'connected' }).select('id')).map((r) => r.id);
        const integrations = (await Promise.all(ids.map((id) => services.companies.getIntegration(integrationId(id))))).flatMap((i) => (i ? [i] : []));
        await pollAllStores(services, jobs, integrations, log);
      });
    }, {
      name: 'orders-poller', noOverlap: true,
      logger: { info: () => {}, debug: () => {}, warn: (m) => log.warn({}, String(m)), error: (m, err) => log.error({ err: err ?? m }, 'orders poll tick failed') },
    });
    closers.push(async () => { await task.stop(); await task.destroy(); });
  }
  return { jobs, close: async () => { for (const c of closers) await c(); } };
}
