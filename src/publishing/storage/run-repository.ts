// Sync runs in PostgreSQL (SPEC §7.4): enqueue (the partial unique index refuses a second active run
// of an integration, whichever process tries), claim with a heartbeat so a dead worker's run can be
// taken over, live counters, cancellation, and the per-product error lines. A run also drains the
// store's pending set (pending-products.ts, docs/adr/0012): it takes the waiting changes when it
// starts, and when it completes a follow-up run is queued in the same transaction if more arrived.
import type { Db, Tx } from '../../db/knex.js';
import { addPendingProducts, settlePendingProducts, strandedPending, takePendingProducts } from './pending-products.js';
import { integrationId, type CompanyId, type IntegrationId } from '../../company/model.js';
import {
  runId, type Checkpoint, type RunCounters, type RunError, type RunId, type RunStatus, type RunTrigger, type SyncRun,
} from '../run-model.js';

export type EnqueueResult = { ok: true; run: SyncRun } | { ok: false; reason: 'ALREADY_ACTIVE'; run: SyncRun | undefined };
export type NewRunError = Omit<RunError, 'id'>;

export interface RunRepository {
  /** A new queued run, or the integration's active one when there is already one (never two). */
  enqueue(integration: IntegrationId, trigger: RunTrigger, productIds?: string[] | null, tx?: Tx): Promise<EnqueueResult>;
  get(id: RunId, tx?: Tx): Promise<SyncRun | undefined>;
  /**
   * Records changed catalog products in the store's pending set (committed before any run is asked
   * for). The next run to start takes them; a targeted run adds them to its products.
   */
  addPending(integration: IntegrationId, productIds: readonly string[]): Promise<void>;
  /** Tenant-scoped: undefined when the run belongs to another company's integration. */
  findForCompany(company: CompanyId, id: RunId): Promise<SyncRun | undefined>;
  active(integration: IntegrationId): Promise<SyncRun | undefined>;
  /** Most recent first. */
  recent(integration: IntegrationId, limit: number): Promise<SyncRun[]>;
  /**
   * Takes a queued run, or a running one whose worker stopped beating for `staleMs`: status
   * running, this worker, fresh heartbeat. undefined when another live worker has it or it ended.
   * A queued run takes the store's waiting pending products as it starts (a resumed one keeps its own).
   */
  claim(id: RunId, workerId: string, staleMs: number): Promise<SyncRun | undefined>;
  /**
   * One heartbeat for every run this worker executes, in one statement (run-beats.ts): each run still
   * running here gets a fresh heartbeat and its live counters. Answers the runs that are still this
   * worker's, with whether cancellation was requested; a run missing from the answer was lost
   * (taken over by another worker, or ended).
   */
  beat(workerId: string, runs: readonly { id: RunId; counters: RunCounters }[]): Promise<Map<RunId, { cancelRequested: boolean }>>;
  /** Running runs without a heartbeat for `staleMs` and queued runs older than `staleMs` (their job may be lost). */
  orphaned(staleMs: number): Promise<SyncRun[]>;
  /** Queues a targeted run for each store whose pending changes were left without one for `staleMs` (pending-products.ts). */
  queueStrandedPending(staleMs: number): Promise<SyncRun[]>;
  saveProgress(id: RunId, counters: RunCounters, checkpoint?: Checkpoint): Promise<void>;
  /** Makes a run resumable at once (graceful shutdown): its heartbeat is marked stale. */
  release(id: RunId, workerId: string): Promise<void>;
  /**
   * Ends a run. Completed (with or without errors): its pending products are done, and when others
   * are waiting a follow-up targeted run is queued at once, in the same transaction, and returned
   * (its job is the caller's to send). Failed or cancelled: its pending products wait for the next run.
   */
  finish(id: RunId, status: Exclude<RunStatus, 'queued' | 'running'>, counters: RunCounters, errorMessage?: string | null): Promise<SyncRun | undefined>;
  requestCancel(id: RunId): Promise<SyncRun | undefined>;
  recordError(id: RunId, error: NewRunError): Promise<void>;
  errors(id: RunId, limit: number): Promise<RunError[]>;
  /** Drops error lines above `lastErrorId`: their products are about to be executed again. */
  dropErrorsAfter(id: RunId, lastErrorId: number): Promise<void>;
  lastErrorId(id: RunId): Promise<number>;
}

interface RunRow {
  id: number; integration_id: number; status: RunStatus; trigger: RunTrigger; product_ids: string[] | null;
  total: number; processed: number; created: number; updated: number; unpublished: number; unchanged: number; failed: number;
  cancel_requested: boolean; checkpoint: Checkpoint | null; worker_id: string | null; error_message: string | null;
  created_at: Date; started_at: Date | null; heartbeat_at: Date | null; finished_at: Date | null;
}

/** Skipped products are the processed ones with no other outcome (RunCounters.skipped, ADR 0015). */
const skippedOf = (r: Pick<RunRow, 'processed' | 'created' | 'updated' | 'unpublished' | 'unchanged' | 'failed'>) =>
  Math.max(0, r.processed - r.created - r.updated - r.unpublished - r.unchanged - r.failed);

const toRun = (r: RunRow): SyncRun => ({
  id: runId(r.id), integrationId: integrationId(r.integration_id), status: r.status, trigger: r.trigger, productIds: r.product_ids,
  total: r.total, processed: r.processed, created: r.created, updated: r.updated, unpublished: r.unpublished,
  unchanged: r.unchanged, skipped: skippedOf(r), failed: r.failed, cancelRequested: r.cancel_requested, checkpoint: r.checkpoint,
  workerId: r.worker_id, errorMessage: r.error_message, createdAt: r.created_at, startedAt: r.started_at,
  heartbeatAt: r.heartbeat_at, finishedAt: r.finished_at,
});

const UNIQUE_VIOLATION = '23505';
const counterColumns = (c: RunCounters) => ({
  total: c.total, processed: c.processed, created: c.created, updated: c.updated, unpublished: c.unpublished, unchanged: c.unchanged, failed: c.failed,
});

export function createRunRepository(db: Db): RunRepository {
  const q = (tx?: Tx) => tx ?? db;
  const active = async (integration: IntegrationId, tx?: Tx) => {
    const row = await q(tx)<RunRow>('sync_runs').where({ integration_id: integration }).whereIn('status', ['queued', 'running']).first();
    return row ? toRun(row) : undefined;
  };
  const enqueue: RunRepository['enqueue'] = async (integration, trigger, productIds = null, tx) => {
    try {
      // A savepoint, so a refused insert inside a caller's transaction leaves that transaction usable.
      const [row] = await q(tx).transaction(async (sp) => sp('sync_runs')
        .insert({ integration_id: integration, trigger, product_ids: productIds === null ? null : JSON.stringify(productIds) }).returning('*'));
      return { ok: true, run: toRun(row as RunRow) };
    } catch (e) {
      if ((e as { code?: string }).code !== UNIQUE_VIOLATION) throw e;
      return { ok: false, reason: 'ALREADY_ACTIVE', run: await active(integration, tx) };
    }
  };
  return {
    active: (integration) => active(integration),
    enqueue,
    async get(id, tx) {
      const row = await q(tx)<RunRow>('sync_runs').where({ id }).first();
      return row ? toRun(row) : undefined;
    },
    addPending: (integration, productIds) => addPendingProducts(db, integration, productIds),
    async findForCompany(company, id) {
      const row = await db<RunRow>('sync_runs').join('integrations', 'integrations.id', 'sync_runs.integration_id')
        .where({ 'sync_runs.id': id, 'integrations.company_id': company }).first('sync_runs.*');
      return row ? toRun(row) : undefined;
    },
    async recent(integration, limit) {
      const rows = await db<RunRow>('sync_runs').where({ integration_id: integration }).orderBy('id', 'desc').limit(limit);
      return rows.map(toRun);
    },
    async claim(id, workerId, staleMs) {
      return db.transaction(async (tx) => {
        const before = await tx<RunRow>('sync_runs').where({ id }).forUpdate().first('status');
        const r = await tx.raw(
          `update sync_runs set status = 'running', worker_id = :w, heartbeat_at = now(), started_at = coalesce(started_at, now())
           where id = :id and (status = 'queued' or (status = 'running' and (heartbeat_at is null or heartbeat_at < now() - make_interval(secs => :s))))
           returning *`,
          { id, w: workerId, s: staleMs / 1000 },
        );
        const row = r.rows[0] as RunRow | undefined;
        if (!row || before?.status !== 'queued') return row ? toRun(row) : undefined;
        // Starting: the changes waiting for the store are this run's now (a full run covers them anyway).
        const pending = await takePendingProducts(tx, integrationId(row.integration_id), runId(row.id));
        if (row.product_ids === null || pending.length === 0) return toRun(row);
        const ids = [...new Set([...row.product_ids, ...pending])].sort();
        const [updated] = await tx('sync_runs').where({ id }).update({ product_ids: JSON.stringify(ids) }).returning('*');
        return toRun(updated as RunRow);
      });
    },
    async beat(workerId, beating) {
      if (beating.length === 0) return new Map();
      const rows = beating.map(({ id, counters }) => ({ id, ...counterColumns(counters) }));
      const r = await db.raw(
        `update sync_runs r set heartbeat_at = now(), total = v.total, processed = v.processed, created = v.created,
                updated = v.updated, unpublished = v.unpublished, unchanged = v.unchanged, failed = v.failed
           from jsonb_to_recordset(?::jsonb) as v(id bigint, total int, processed int, created int, updated int, unpublished int, unchanged int, failed int)
          where r.id = v.id and r.worker_id = ? and r.status = 'running'
          returning r.id, r.cancel_requested`,
        [JSON.stringify(rows), workerId],
      );
      return new Map((r.rows as { id: number; cancel_requested: boolean }[]).map((x) => [runId(x.id), { cancelRequested: x.cancel_requested }]));
    },
    async orphaned(staleMs) {
      const r = await db.raw(
        `select * from sync_runs where (status = 'running' and (heartbeat_at is null or heartbeat_at < now() - make_interval(secs => :s)))
            or (status = 'queued' and created_at < now() - make_interval(secs => :s)) order by id`,
        { s: staleMs / 1000 },
      );
      return r.rows.map(toRun);
    },
    async queueStrandedPending(staleMs) {
      const queued: SyncRun[] = [];
      for (const s of await strandedPending(db, staleMs)) {
        const r = await enqueue(integrationId(s.integrationId), 'webhook', s.productIds);
        if (r.ok) queued.push(r.run);
      }
      return queued;
    },
    async saveProgress(id, counters, checkpoint) {
      await db('sync_runs').where({ id }).update({ ...counterColumns(counters), ...(checkpoint ? { checkpoint: JSON.stringify(checkpoint) } : {}) });
    },
    async release(id, workerId) {
      await db('sync_runs').where({ id, worker_id: workerId, status: 'running' }).update({ heartbeat_at: null, worker_id: null });
    },
    async finish(id, status, counters, errorMessage = null) {
      return db.transaction(async (tx) => {
        const [row] = await tx('sync_runs').where({ id })
          .update({ status, ...counterColumns(counters), error_message: errorMessage, finished_at: tx.fn.now() }).returning('integration_id');
        if (!row) return undefined;
        const integration = integrationId(row.integration_id);
        const completed = status === 'completed' || status === 'completed_with_errors';
        const waiting = await settlePendingProducts(tx, integration, id, completed);
        // After a failure or a cancel the waiting changes stay for the next run: queuing one here
        // would repeat the failure (reauthorization, currency) or undo the merchant's "Cancelar".
        if (!completed || waiting.length === 0) return undefined;
        const next = await enqueue(integration, 'webhook', waiting, tx);
        return next.ok ? next.run : undefined;
      });
    },
    async requestCancel(id) {
      // A queued run never started: it ends here. A running one is stopped by its worker.
      const [row] = await db('sync_runs').where({ id }).whereIn('status', ['queued', 'running']).update({
        cancel_requested: true,
        status: db.raw(`case when status = 'queued' then 'cancelled' else status end`),
        finished_at: db.raw(`case when status = 'queued' then now() else finished_at end`),
      }).returning('*');
      return row ? toRun(row as RunRow) : undefined;
    },
    async recordError(id, e) {
      await db('sync_run_errors').insert({
        run_id: id, catalog_product_id: e.catalogProductId, sku: e.sku, name: e.name, operation: e.operation, message: e.message.slice(0, 2000),
      }).onConflict(['run_id', 'catalog_product_id']).merge();
    },
    async errors(id, limit) {
      const rows = await db('sync_run_errors').where({ run_id: id }).orderBy('id').limit(limit);
      return rows.map((r) => ({ id: r.id, catalogProductId: r.catalog_product_id, sku: r.sku, name: r.name, operation: r.operation, message: r.message }));
    },
    async dropErrorsAfter(id, lastErrorId) {
      await db('sync_run_errors').where({ run_id: id }).andWhere('id', '>', lastErrorId).delete();
    },
    async lastErrorId(id) {
      const row = await db('sync_run_errors').where({ run_id: id }).max('id as max').first();
      return Number(row?.max ?? 0);
    },
  };
}
