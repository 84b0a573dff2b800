// The one way a sync run is asked for — the "Sincronizar" button, the scheduler's slot, a Centry
// webhook that pulled some products (SPEC §7.5: "Centry webhooks enqueue a targeted run for the
// changed products"), a Jumpseller `product_deleted` — with the same guarantee: one active run per
// store, and the same handling when the queue cannot take the run (the run row is durable: the
// worker's sweeper starts it; the caller is not failed for it). No change is dropped (docs/adr/0012):
// the products first join the store's durable pending set, then a run is asked for. A run still
// waiting takes them when it starts; a run already executing queues a follow-up for them in the
// transaction that ends it, so they reach the store as soon as it ends.
import type { CompanyRepository } from '../company/company-repository.js';
import type { CompanyId, IntegrationId } from '../company/model.js';
import type { RunRepository } from '../publishing/storage/run-repository.js';
import type { RunTrigger, SyncRun } from '../publishing/run-model.js';
import type { SyncJobs } from './queue.js';

/**
 * - `started`: a new queued run; `handedOff` false when no queue took it (none in this process, or
 *   the send failed and was logged) — the worker's sweeper starts it.
 * - `merged`: the products are carried by the store's active run (taken when it starts, or by the
 *   follow-up queued when it ends).
 * - `already_active`: a full run was asked for while one is active; nothing was added.
 */
export type SyncRequestResult =
  | { outcome: 'started'; run: SyncRun; handedOff: boolean }
  | { outcome: 'merged'; run: SyncRun }
  | { outcome: 'already_active'; run: SyncRun | undefined };

export interface SyncRequestDeps {
  runs: Pick<RunRepository, 'addPending' | 'enqueue'>;
  jobs?: Pick<SyncJobs, 'send'>;
  log?: { error(obj: object, msg: string): void };
}

export async function requestSync(
  deps: SyncRequestDeps, integration: IntegrationId, trigger: RunTrigger, productIds: readonly string[] | null = null,
): Promise<SyncRequestResult> {
  const ids = productIds === null ? null : [...new Set(productIds)];
  // Committed before the enqueue below: a run that ends after this point sees the rows (and queues a
  // follow-up); one that ended before it no longer blocks the enqueue. Either way a run carries them.
  if (ids !== null) await deps.runs.addPending(integration, ids);
  const queued = await deps.runs.enqueue(integration, trigger, ids);
  if (!queued.ok) {
    return ids !== null && queued.run ? { outcome: 'merged', run: queued.run } : { outcome: 'already_active', run: queued.run };
  }
  if (!deps.jobs) return { outcome: 'started', run: queued.run, handedOff: false };
  try {
    await deps.jobs.send(queued.run);
    return { outcome: 'started', run: queued.run, handedOff: true };
  } catch (err) {
    deps.log?.error({ err, runId: queued.run.id }, 'could not hand the run to the queue; the sweeper will');
    return { outcome: 'started', run: queued.run, handedOff: false };
  }
}

/**
 * Catalog products changed (a Centry webhook, a reconciliation): a targeted run for each connected
 * store of the company, merged into a run already active for it (SPEC §7.5).
 */
export async function requestCompanySync(
  deps: SyncRequestDeps & { companies: Pick<CompanyRepository, 'listIntegrations'> },
  company: CompanyId, productIds: readonly string[],
): Promise<SyncRequestResult[]> {
  const results: SyncRequestResult[] = [];
  for (const integration of await deps.companies.listIntegrations(company)) {
    if (integration.status === 'connected') results.push(await requestSync(deps, integration.id, 'webhook', productIds));
  }
  return results;
}
