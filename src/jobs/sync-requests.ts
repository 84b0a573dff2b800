// Asking for a sync from anywhere but the "Sincronizar" button — a Centry webhook that pulled some
// products (SPEC §7.5: "Centry webhooks enqueue a targeted run for the changed products") — with the
// same guarantee: one active run per store. Changes arriving while a targeted run still waits join
// it; while a run is executing they wait for the next run (a scheduled full run at the latest).
import type { CompanyRepository } from '../company/company-repository.js';
import type { CompanyId, IntegrationId } from '../company/model.js';
import type { EnqueueResult, RunRepository } from '../publishing/run-repository.js';
import type { RunTrigger } from '../publishing/run-model.js';
import type { SyncJobs } from './queue.js';

export type SyncRequestResult = EnqueueResult | { ok: true; merged: true; run: NonNullable<Extract<EnqueueResult, { ok: false }>['run']> };

export async function requestSync(
  deps: { runs: RunRepository; jobs?: SyncJobs },
  integration: IntegrationId, trigger: RunTrigger, productIds: readonly string[] | null = null,
): Promise<SyncRequestResult> {
  const queued = await deps.runs.enqueue(integration, trigger, productIds === null ? null : [...new Set(productIds)]);
  if (queued.ok) {
    await deps.jobs?.send(queued.run);
    return queued;
  }
  if (productIds !== null && queued.run && (await deps.runs.addProducts(queued.run.id, productIds))) {
    return { ok: true, merged: true, run: queued.run };
  }
  return queued;
}

/**
 * Catalog products changed (a Centry webhook): a targeted run for each connected store of the company,
 * merged into a run already queued for it (SPEC §7.5).
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
