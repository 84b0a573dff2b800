// The worker role (SPEC §7.4): executes sync runs handed over by pg-boss, a few at a time (each to
// its own store), and sweeps for runs nobody is working on — a queued run whose job was lost, or a
// running run whose worker stopped beating (killed, crashed) — so they resume where they stopped.
// Stopping aborts the runs at a product boundary and releases them for another worker.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { integrationId } from '../company/model.js';
import { DEFAULT_STALE_MS, runSync, type RunSyncOptions } from './run-sync.js';
import { SYNC_QUEUE, type SyncJobData, type SyncJobs } from './queue.js';
import type { SyncServices } from './sync-services.js';

interface Log { info(obj: object, msg: string): void; warn?(obj: object, msg: string): void; error(obj: object, msg: string): void }

export interface SyncWorkerOptions {
  boss: PgBoss;
  jobs: SyncJobs;
  services: SyncServices;
  log: Log;
  /** Runs executed at once by this process (default 4). */
  concurrency?: number;
  staleMs?: number;
  /** How often to look for abandoned runs (default 15 s). */
  sweepMs?: number;
  tuning?: RunSyncOptions['tuning'];
}

export interface SyncWorker {
  readonly workerId: string;
  /** Resends jobs for abandoned runs; returns how many were found. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

export const newWorkerId = () => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

export async function startSyncWorker(opts: SyncWorkerOptions): Promise<SyncWorker> {
  const { boss, services, log } = opts;
  const workerId = newWorkerId();
  const staleMs = opts.staleMs ?? DEFAULT_STALE_MS;
  const shutdown = new AbortController();
  const workIds: string[] = [];

  const handle = async (jobs: PgBoss.Job<SyncJobData>[]) => {
    for (const job of jobs) {
      if (shutdown.signal.aborted) return;
      const run = await services.runs.active(integrationId(job.data.integrationId));
      if (!run) continue; // finished or cancelled meanwhile
      const end = await runSync(services, run.id, { workerId, staleMs, signal: shutdown.signal, tuning: opts.tuning, log });
      log.info({ runId: run.id, end }, 'sync run handled');
      // Changes that arrived while it executed: the run's end queued a follow-up (docs/adr/0012); go.
      const next = await services.runs.active(run.integrationId);
      if (next?.status === 'queued') await opts.jobs.send(next);
    }
  };
  for (let i = 0; i < (opts.concurrency ?? 4); i++) {
    workIds.push(await boss.work<SyncJobData>(SYNC_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, handle));
  }

  const sweep = async () => {
    // Changes whose run was never asked for (the asking process died in between): their run now.
    const orphans = [...await services.runs.queueStrandedPending(staleMs), ...await services.runs.orphaned(staleMs)];
    for (const run of orphans) await opts.jobs.send(run);
    if (orphans.length) log.info({ runs: orphans.map((r) => r.id) }, 'resuming abandoned sync runs');
    return orphans.length;
  };
  const timer = setInterval(() => void sweep().catch((err) => log.error({ err }, 'sync sweep failed')), opts.sweepMs ?? 15_000);
  void sweep().catch((err) => log.error({ err }, 'sync sweep failed'));

  return {
    workerId,
    sweep,
    async stop() {
      clearInterval(timer);
      shutdown.abort(); // running runs checkpoint and release at the next product
      for (const id of workIds) await boss.offWork({ id });
    },
  };
}
