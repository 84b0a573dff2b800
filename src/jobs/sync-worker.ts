// The worker role (SPEC §7.4): executes sync runs handed over by pg-boss, many at a time (each to its
// own store, each paced by that store's rate governor: a run spends its life waiting for its budget,
// docs/adr/0017-fleet.md), and sweeps for runs nobody is working on — a queued run whose job was lost,
// or a running run whose worker stopped beating (killed, crashed) — so they resume where they stopped.
// One loop fetches as many jobs as there are free slots (pg-boss `fetch`: FOR UPDATE SKIP LOCKED,
// priority first), so any number of worker processes share the one queue. Stopping aborts the runs
// at a product boundary and releases them for another worker.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type PgBoss from 'pg-boss';
import { DEFAULT_WORKER_CONCURRENCY } from '../config.js';
import { integrationId } from '../company/model.js';
import { DEFAULT_STALE_MS, runSync, type RunSyncOptions } from './run-sync.js';
import { startRunBeats } from '../publishing/run/run-beats.js';
import { SYNC_QUEUE, type SyncJobData, type SyncJobs } from './queue.js';
import type { SyncServices } from './sync-services.js';

interface Log { info(obj: object, msg: string): void; warn?(obj: object, msg: string): void; error(obj: object, msg: string): void }

export interface SyncWorkerOptions {
  boss: PgBoss;
  jobs: SyncJobs;
  services: SyncServices;
  log: Log;
  /** Runs executed at once by this process (WORKER_CONCURRENCY). */
  concurrency?: number;
  /** How often an idle worker asks the queue for work (default 1 s); a finished run asks at once. */
  pollMs?: number;
  /** Event-loop lag (p99 of the last window, ms) above which no new run is taken; `lag` reads it. */
  maxLagMs?: number;
  lag?: () => number;
  staleMs?: number;
  /** How often to look for abandoned runs (default 15 s). */
  sweepMs?: number;
  tuning?: RunSyncOptions['tuning'];
}

export interface ActiveRun { integrationId: number; runId: number | null; since: Date }

/** What `/readyz` and `/ops/fleet.json` say about this worker. */
export interface WorkerStatus {
  workerId: string;
  /** Whether the next poll would take a run; `reason` says why not. */
  taking: boolean;
  reason: 'stopping' | 'full' | 'lagging' | null;
  active: number;
  capacity: number;
  peakActive: number;
  /** Jobs handled since start (executed, skipped or failed). */
  handled: number;
  runs: ActiveRun[];
}

export interface SyncWorker {
  readonly workerId: string;
  /** Resends jobs for abandoned runs; returns how many were found. */
  sweep(): Promise<number>;
  status(): WorkerStatus;
  stop(): Promise<void>;
}

export const newWorkerId = () => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

export async function startSyncWorker(opts: SyncWorkerOptions): Promise<SyncWorker> {
  const { boss, services, log } = opts;
  const workerId = newWorkerId();
  const staleMs = opts.staleMs ?? DEFAULT_STALE_MS;
  const capacity = opts.concurrency ?? DEFAULT_WORKER_CONCURRENCY;
  const maxLagMs = opts.maxLagMs ?? 250;
  const shutdown = new AbortController();
  // Every active run listens to the one shutdown signal (and a few of its calls with it).
  setMaxListeners(0, shutdown.signal);
  const active = new Map<string, { entry: ActiveRun; done: Promise<void> }>();
  // One heartbeat statement per tick for every run of this process, not one per run.
  const beats = startRunBeats(services.runs, workerId, opts.tuning?.tickMs);
  let peakActive = 0;
  let handled = 0;
  let wake: (() => void) | null = null;

  const lagging = () => !!opts.lag && opts.lag() > maxLagMs;
  const reason = (): WorkerStatus['reason'] => {
    if (shutdown.signal.aborted) return 'stopping';
    if (active.size >= capacity) return 'full';
    // A process with no run cannot be overloaded by runs: it always takes one (else a slow machine could starve the queue).
    if (active.size > 0 && lagging()) return 'lagging';
    return null;
  };

  const execute = async (job: PgBoss.Job<SyncJobData>, entry: ActiveRun) => {
    try {
      const run = shutdown.signal.aborted ? undefined : await services.runs.active(integrationId(job.data.integrationId));
      if (run) { // else finished or cancelled meanwhile
        entry.runId = run.id;
        const started = Date.now();
        const end = await runSync(services, run.id, { workerId, staleMs, signal: shutdown.signal, tuning: opts.tuning, beats, log });
        // One line per run: the operator's per-run figure, and what bench:fleet checks "never twice at once" with.
        if (end !== 'skipped') log.info({ runId: run.id, integrationId: run.integrationId, workerId, end, startedAt: started, ms: Date.now() - started }, 'sync run handled');
        // Changes that arrived while it executed: the run's end queued a follow-up (docs/adr/0012); go.
        const next = await services.runs.active(run.integrationId);
        if (next?.status === 'queued') await opts.jobs.send(next);
      }
      await boss.complete(SYNC_QUEUE, job.id);
    } catch (err) {
      log.error({ err, jobId: job.id }, 'sync job failed');
      await boss.fail(SYNC_QUEUE, job.id, { message: err instanceof Error ? err.message : String(err) }).catch(() => {});
    }
  };

  const take = (job: PgBoss.Job<SyncJobData>) => {
    const entry: ActiveRun = { integrationId: job.data.integrationId, runId: null, since: new Date() };
    const done = execute(job, entry).finally(() => {
      active.delete(job.id);
      handled++;
      wake?.();
    });
    active.set(job.id, { entry, done });
    peakActive = Math.max(peakActive, active.size);
  };

  const nap = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() { clearTimeout(timer); wake = null; resolve(); }
    wake = done;
  });

  const loop = async () => {
    while (!shutdown.signal.aborted) {
      let got = 0;
      if (reason() === null) {
        try {
          // Lagging with no run: one run, not a batch of them.
          const jobs = await boss.fetch<SyncJobData>(SYNC_QUEUE, { batchSize: lagging() ? 1 : capacity - active.size });
          for (const job of jobs) take(job);
          got = jobs.length;
        } catch (err) {
          log.error({ err }, 'sync queue fetch failed');
        }
      }
      if (got === 0 && !shutdown.signal.aborted) await nap(opts.pollMs ?? 1000);
    }
  };
  const looping = loop();

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
    status() {
      const why = reason();
      return {
        workerId, taking: why === null, reason: why, active: active.size, capacity, peakActive, handled,
        runs: [...active.values()].map((a) => ({ ...a.entry })),
      };
    },
    async stop() {
      clearInterval(timer);
      shutdown.abort(); // running runs checkpoint and release at the next product
      wake?.();
      await looping;
      await Promise.all([...active.values()].map((a) => a.done));
      beats.stop();
    },
  };
}
