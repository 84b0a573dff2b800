// pg-boss 10 wiring (docs/adr/0006-job-queue.md): its own schema in the app's database, one queue
// of sync runs. The queue uses the `short` policy keyed by integration, so at most one job per
// integration waits (TOOLING.md: a singletonKey alone does not dedupe on a standard queue); the
// run row and its partial unique index are what guarantee one active run, the job only says "go".
import PgBoss from 'pg-boss';
import type { RunTrigger, SyncRun } from '../publishing/run-model.js';

export const SYNC_QUEUE = 'sync-run';
export const BOSS_SCHEMA = 'pgboss';

/**
 * "Work on this integration's active run". Keyed by integration rather than by run, so a job
 * deduplicated by the queue can never leave a newer run of the same integration without a job.
 */
export interface SyncJobData { integrationId: number; runId: number }

/**
 * Which waiting job a free worker takes first (pg-boss fetches by priority, then age): a merchant
 * waiting on "Sincronizar", then scheduled runs, then Centry-webhook runs, so a burst of webhooks for
 * many companies cannot push the schedule back (docs/adr/0017-fleet.md). A store's webhook changes
 * are not lost meanwhile: they join its queued run, or its next full run covers them.
 */
export const JOB_PRIORITY: Readonly<Record<RunTrigger, number>> = { manual: 2, schedule: 1, webhook: 0 };

/** How the web, the scheduler and the sweeper hand a run to a worker. */
export interface SyncJobs {
  send(run: Pick<SyncRun, 'id' | 'integrationId'> & { trigger?: RunTrigger }): Promise<void>;
}

export interface JobQueue {
  boss: PgBoss;
  jobs: SyncJobs;
  stop(): Promise<void>;
}

interface Log { error(obj: object, msg: string): void }

export async function startJobQueue(opts: { databaseUrl: string; log: Log; max?: number }): Promise<JobQueue> {
  const boss = new PgBoss({
    connectionString: opts.databaseUrl, schema: BOSS_SCHEMA, max: opts.max ?? 4, application_name: 'centry-jumpseller-jobs',
    // The scheduler is node-cron (SPEC §7.5); pg-boss's own cron would be a second clock.
    schedule: false,
  });
  boss.on('error', (err) => opts.log.error({ err }, 'pg-boss error'));
  await boss.start();
  await boss.createQueue(SYNC_QUEUE, {
    name: SYNC_QUEUE, policy: 'short',
    // A run can last hours at 800 calls/min; expiry only matters for a job whose worker died, and
    // the sweeper (sync-worker.ts) resumes those runs long before.
    expireInSeconds: 12 * 3600, retryLimit: 2, retryDelay: 10, retentionMinutes: 7 * 24 * 60,
  });
  return {
    boss,
    jobs: {
      async send(run) {
        // null when a job for this integration is already waiting: that one will find the run.
        await boss.send(SYNC_QUEUE, { integrationId: run.integrationId, runId: run.id } satisfies SyncJobData, {
          singletonKey: `integration:${run.integrationId}`, priority: JOB_PRIORITY[run.trigger ?? 'manual'],
        });
      },
    },
    stop: () => boss.stop({ graceful: true, timeout: 15_000, wait: true }),
  };
}
