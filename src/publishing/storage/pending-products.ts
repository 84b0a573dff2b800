// The durable pending set of a store (migration 0320, docs/adr/0012): catalog products whose change
// has not reached the store yet. Written before a run is asked for, taken by the next run to start,
// removed only when that run completed; a run that fails or is cancelled gives its rows back.
import type { Db, Tx } from '../../db/knex.js';
import type { IntegrationId } from '../../company/model.js';
import type { RunId } from '../run-model.js';

const TABLE = 'sync_pending_products';

/**
 * Records changed products (committed on its own, before any run is asked for: a run that ends
 * after this commit sees the rows and queues a follow-up). A product a run already holds is handed
 * back to the next run: that run may have read it before the change.
 */
export async function addPendingProducts(db: Db | Tx, integration: IntegrationId, productIds: readonly string[]): Promise<void> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return;
  await db.raw(
    `insert into ${TABLE} (integration_id, catalog_product_id)
     select ?::int, unnest(?::text[])
     on conflict (integration_id, catalog_product_id) do update set run_id = null, requested_at = now()`,
    [integration, ids],
  );
}

/** Gives every waiting row of the store to a run that is starting; answers their product ids, sorted. */
export async function takePendingProducts(tx: Tx, integration: IntegrationId, run: RunId): Promise<string[]> {
  const r = await tx.raw(
    `update ${TABLE} p set run_id = :run
     where integration_id = :i and (run_id is null
       or not exists (select 1 from sync_runs r where r.id = p.run_id and r.status in ('queued', 'running')))
     returning catalog_product_id`,
    { run, i: integration },
  );
  return (r.rows as { catalog_product_id: string }[]).map((x) => x.catalog_product_id).sort();
}

/**
 * A run ended: completed → its rows are done and removed; otherwise they wait again. Answers the
 * product ids still waiting for the store (what a follow-up run must carry).
 */
export async function settlePendingProducts(tx: Tx, integration: IntegrationId, run: RunId, completed: boolean): Promise<string[]> {
  if (completed) await tx(TABLE).where({ run_id: run }).delete();
  else await tx(TABLE).where({ run_id: run }).update({ run_id: null });
  return (await tx(TABLE).where({ integration_id: integration }).whereNull('run_id').orderBy('catalog_product_id').pluck('catalog_product_id')) as string[];
}

/**
 * Stores whose waiting changes have no run coming: requested more than `staleMs` ago, no active run,
 * and no run ended since (a run that ended after the request completed — and queued a follow-up —
 * or failed/was cancelled, leaving them for the next run on purpose). What a process killed between
 * `addPendingProducts` and its enqueue leaves behind.
 */
export async function strandedPending(db: Db, staleMs: number): Promise<{ integrationId: number; productIds: string[] }[]> {
  const r = await db.raw(
    `select p.integration_id, array_agg(p.catalog_product_id order by p.catalog_product_id) as ids
     from ${TABLE} p join integrations i on i.id = p.integration_id and i.status = 'connected'
     where p.run_id is null and p.requested_at < now() - make_interval(secs => :s)
       and not exists (select 1 from sync_runs r where r.integration_id = p.integration_id
                       and (r.status in ('queued', 'running') or r.finished_at >= p.requested_at))
     group by p.integration_id`,
    { s: staleMs / 1000 },
  );
  return (r.rows as { integration_id: number; ids: string[] }[]).map((x) => ({ integrationId: x.integration_id, productIds: x.ids }));
}
