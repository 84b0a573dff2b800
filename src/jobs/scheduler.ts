// The scheduler role (SPEC §7.5): node-cron ticks every minute and enqueues the integrations whose
// slot is due. Every scheduler process may tick at the same time: the (integration, slot) row is
// inserted by exactly one of them, and only that one enqueues (docs/adr/0006-job-queue.md).
import cron from 'node-cron';
import { integrationId, type IntegrationId } from '../company/model.js';
import { parseStoredSettings } from '../settings/settings.schema.js';
import { dueSlot } from './schedule-slot.js';
import { spreadOffsetMs } from './schedule-spread.js';
import { currencyMismatch } from '../publishing/plan/store-units.js';
import type { SyncJobs } from './queue.js';
import type { SyncServices } from './sync-services.js';
import { requestSync } from './sync-requests.js';

interface Log { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void }

export interface ScheduleDeps {
  services: Pick<SyncServices, 'runs' | 'schedule'>;
  jobs: SyncJobs;
  now(): Date;
  log?: Pick<Log, 'error'>;
}

/** One tick: enqueues every due integration once per slot. Returns the integrations enqueued. */
export async function enqueueDueRuns(deps: ScheduleDeps): Promise<IntegrationId[]> {
  const now = deps.now();
  const { schedule } = deps.services;
  const rows = await schedule.connectedStores();
  const enqueued: IntegrationId[] = [];
  // Slots older than a day can no longer be due: keep the dedupe table small.
  await schedule.forgetSlotsBefore(new Date(now.getTime() - 86_400_000));
  for (const row of rows) {
    // A store whose currency is not the catalog's is refused by every run (ADR 0009): scheduling it
    // would only add a failed run to its history every slot. "Sincronizar" still explains why.
    if (currencyMismatch(row.currency)) continue;
    let slot: Date | null;
    try {
      const settings = parseStoredSettings(row.settings);
      // Each store at its own minute of the period: no herd of every store at :00 (schedule-spread.ts).
      slot = dueSlot(settings.schedule, now, row.timezone, spreadOffsetMs(row.id, settings.schedule));
    } catch {
      continue; // unreadable settings: the page shows them with defaults; never block other stores
    }
    if (!slot) continue;
    const id = integrationId(row.id);
    if (!(await schedule.claimSlot(id, slot))) continue; // another scheduler took this slot
    // A run already queued or running covers this slot: nothing to add.
    const requested = await requestSync({ runs: deps.services.runs, jobs: deps.jobs, log: deps.log }, id, 'schedule');
    if (requested.outcome === 'started') enqueued.push(id);
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
