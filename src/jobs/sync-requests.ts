// Asking for a sync from anywhere but the "Sincronizar" button — a Centry webhook that pulled some
// products (SPEC §7.5: "Centry webhooks enqueue a targeted run for the changed products"), a
// Jumpseller `product_deleted` — with the same guarantee: one active run per store. No change is
// dropped (docs/adr/0012): the products first join the store's durable pending set, then a run is
// asked for. A run still waiting takes them when it starts; a run already executing queues a
// follow-up for them in the transaction that ends it, so they reach the store as soon as it ends.
import type { CompanyRepository } from '../company/company-repository.js';
import type { CompanyId, IntegrationId } from '../company/model.js';
import type { EnqueueResult, RunRepository } from '../publishing/run-repository.js';
import type { RunTrigger } from '../publishing/run-model.js';
import type { SyncJobs } from './queue.js';

/** `merged`: carried by the store's active run — taken when it starts, or by the follow-up queued when it ends. */
export type SyncRequestResult = EnqueueResult | { ok: true; merged: true; run: NonNullable<Extract<EnqueueResult, { ok: false }>['run']> };

export async function requestSync(
  deps: { runs: RunRepository; jobs?: SyncJobs },
  integration: IntegrationId, trigger: RunTrigger, productIds: readonly string[] | null = null,
): Promise<SyncRequestResult> {
  const ids = productIds === null ? null : [...new Set(productIds)];
  // Committed before the enqueue below: a run that ends after this point sees the rows (and queues a
  // follow-up); one that ended before it no longer blocks the enqueue. Either way a run carries them.
  if (ids !== null) await deps.runs.addPending(integration, ids);
  const queued = await deps.runs.enqueue(integration, trigger, ids);
  if (queued.ok) {
    await deps.jobs?.send(queued.run);
    return queued;
  }
  if (ids !== null && queued.run) return { ok: true, merged: true, run: queued.run };
  return queued;
}

/**
 * Catalog products changed (a Centry webhook): a targeted run for each connected store of the company,
 * merged into a run already active for it (SPEC §7.5).
 */
export async function requestCompanySync(
  deps: { runs: RunRepository; jobs?: SyncJobs; companies: Pick<CompanyRepository, 'listIntegrations'> },
  company: CompanyId, productIds: readonly string[],
): Promise<SyncRequestResult[]> {
  const results: SyncRequestResult[] = [];
  for (const integration of await deps.companies.listIntegrations(company)) {
    if (integration.status === 'connected') results.push(await requestSync(deps, integration.id, 'webhook', productIds));
  }
  return results;
}
