// The operator's view of the fleet (docs/adr/0017-fleet.md): what this process carries (its worker's
// runs, memory, event-loop lag, CPU) and what the whole fleet waits for (runs queued and running in
// the database, jobs waiting in pg-boss, the oldest waiting run). Served at /ops/fleet.json and
// logged every minute by worker processes as "fleet figures".
import type PgBoss from 'pg-boss';
import type { Db } from '../db/knex.js';
import type { ProcessMonitor, ProcessFigures } from './process-figures.js';
import { SYNC_QUEUE } from './queue.js';
import type { SyncWorker, WorkerStatus } from './sync-worker.js';

export interface FleetFigures {
  /** Runs of every store, from the run table (the source of truth). */
  queued: number;
  running: number;
  oldestQueuedAt: string | null;
  oldestQueuedWaitS: number | null;
  /** Jobs waiting in pg-boss for a free worker slot (created or waiting for a retry). */
  jobsWaiting: number | null;
}

export interface OpsSnapshot { at: string; process: ProcessFigures; worker: WorkerStatus | null; fleet: FleetFigures }

export async function readFleetFigures(db: Db, boss: PgBoss | null, now: Date): Promise<FleetFigures> {
  // The partial unique index on active runs (migration 0300) keeps this to the active rows.
  const r = await db.raw(
    `select count(*) filter (where status = 'queued') as queued, count(*) filter (where status = 'running') as running,
            min(created_at) filter (where status = 'queued') as oldest
       from sync_runs where status in ('queued', 'running')`,
  );
  const row = r.rows[0] as { queued: string; running: string; oldest: Date | null };
  const oldest = row.oldest ? new Date(row.oldest) : null;
  return {
    queued: Number(row.queued), running: Number(row.running),
    oldestQueuedAt: oldest?.toISOString() ?? null,
    oldestQueuedWaitS: oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : null,
    jobsWaiting: boss ? await boss.getQueueSize(SYNC_QUEUE) : null,
  };
}

export function opsSnapshot(deps: { db: Db; boss: PgBoss | null; monitor: ProcessMonitor; worker?: SyncWorker; now(): Date }) {
  return async (): Promise<OpsSnapshot> => {
    const now = deps.now();
    return { at: now.toISOString(), process: deps.monitor.figures(), worker: deps.worker?.status() ?? null, fleet: await readFleetFigures(deps.db, deps.boss, now) };
  };
}
