// The scheduler role (SPEC §7.5): node-cron ticks every minute and enqueues the integrations whose
// slot is due. Every scheduler process may tick at the same time: the (integration, slot) row is
// inserted by exactly one of them, and only that one enqueues (docs/adr/0006-job-queue.md).
import cron from 'node-cron';
import type { Db } from '../db/knex.js';
import { integrationId, type IntegrationId } from '../company/model.js';
import { parseStoredSettings } from '../settings/settings.schema.js';
import { dueSlot } from './schedule-slot.js';
import { spreadOffsetMs } from './schedule-spread.js';
import { currencyMismatch } from '../publishing/store-units.js';
import type { SyncJobs } from './queue.js';
import type { SyncServices } from './sync-services.js';

interface Log { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void }

export interface ScheduleDeps {
  db: Db;
  services: Pick<SyncServices, 'runs'>;
  jobs: SyncJobs;
  now(): Date;
}

/** One tick: enqueues every due integration once per slot. Returns the integrations enqueued. */
export async function enqueueDueRuns(deps: ScheduleDeps): Promise<IntegrationId[]> {
  const now = deps.now();
  const rows: { id: number; timezone: string | null; currency: string; settings: unknown }[] = await deps.db('integrations')
    .leftJoin('integration_settings', 'integration_settings.integration_id', 'integrations.id')
    .where('integrations.status', 'connected')
    .select('integrations.id', 'integrations.timezone', 'integrations.currency', 'integration_settings.settings');
  const enqueued: IntegrationId[] = [];
  // Slots older than a day can no longer be due: keep the dedupe table small.
  await deps.db('sync_schedule_slots').where('slot', '<', new Date(now.getTime() - 86_400_000)).delete();
  for (const row of rows) {
    // A store whose currency is not the catalog's is refused by every run (ADR 0009): scheduling it
    // would only add a failed run to its history every slot. "Sincronizar" still explains why.
    if (currencyMismatch(row.currency)) continue;
    let slot: Date | null;
    try {
      const { schedule } = parseStoredSettings(row.settings);
      // Each store at its own minute of the period: no herd of every store at :00 (schedule-spread.ts).
      slot = dueSlot(schedule, now, row.timezone, spreadOffsetMs(row.id, schedule));
    } catch {
      continue; // unreadable settings: the page shows them with defaults; never block other stores
    }
    if (!slot) continue;
    const claimed = await deps.db('sync_schedule_slots').insert({ integration_id: row.id, slot }).onConflict(['integration_id', 'slot']).ignore().returning('slot');
    if (claimed.length === 0) continue; // another scheduler took this slot
    const queued = await deps.services.runs.enqueue(integrationId(row.id), 'schedule');
    // A run already queued or running covers this slot: nothing to add.
    if (!queued.ok) continue;
    await deps.jobs.send(queued.run);
    enqueued.push(integrationId(row.id));
  }
  return enqueued;
}

export interface Scheduler { stop(): Promise<void> }

export function startScheduler(deps: ScheduleDeps & { log: Log }): Scheduler {
  const { log } = deps;
  const task = cron.schedule('* * * * *', async () => {
    const enqueued = await enqueueDueRuns(deps);
    if (enqueued.length) log.info({ integrations: enqueued }, 'scheduled sync runs enqueued');
  }, {
    name: 'sync-scheduler', noOverlap: true,
    logger: {
      info: () => {}, debug: () => {},
      warn: (m) => log.warn({}, String(m)),
      error: (m, err) => log.error({ err: err ?? m }, 'scheduler tick failed'),
    },
  });
  return { stop: async () => { await task.stop(); await task.destroy(); } };
}
