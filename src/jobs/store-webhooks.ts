// What a Jumpseller webhook means to the sync (SPEC §7.2 "A mapped product deleted in Jumpseller is
// recreated"): `product_deleted` of a product this app maps → the mapping forgets its Jumpseller ids
// and a targeted run for that catalog product is requested, so the planner creates it again (§6
// still applies: an excluded product stays out). Idempotent: a retried delivery finds no mapping with
// that id and does nothing; a deletion the app made itself ("Eliminar") finds none either.
import { z } from 'zod';
import type { Integration } from '../company/model.js';
import type { JumpsellerProductId } from '../jumpseller/ids.js';
import type { MappingRepository } from '../publishing/storage/mapping-repository.js';
import type { RunTrigger } from '../publishing/run-model.js';
import type { IntegrationId } from '../company/model.js';
import type { SyncRequestResult } from './sync-requests.js';

/** The delivery body: the product as the API renders it, `{"product":{"id":…,…}}` (ids may come as strings). */
export const productHookSchema = z.object({
  product: z.looseObject({ id: z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), z.number().int().positive()) }),
});

export interface StoreWebhookDeps {
  mappings: Pick<MappingRepository, 'forgetStoreProduct'>;
  /** The one way a sync is asked for (src/jobs/sync-requests.ts, bound by src/composition.ts). */
  requestSync(integration: IntegrationId, trigger: RunTrigger, productIds: readonly string[]): Promise<SyncRequestResult>;
}

export type ProductDeletedResult =
  | { outcome: 'not_mapped' }
  | { outcome: 'forgotten'; catalogProductId: string; sync: SyncRequestResult | null };

export async function onStoreProductDeleted(
  deps: StoreWebhookDeps, integration: Pick<Integration, 'id' | 'status'>, jumpsellerProductId: JumpsellerProductId,
): Promise<ProductDeletedResult> {
  const catalogProductId = await deps.mappings.forgetStoreProduct(integration.id, jumpsellerProductId);
  if (catalogProductId === undefined) return { outcome: 'not_mapped' };
  // A store that is not connected runs nothing; its next run after reauthorization creates the product.
  const sync = integration.status === 'connected' ? await deps.requestSync(integration.id, 'webhook', [catalogProductId]) : null;
  return { outcome: 'forgotten', catalogProductId, sync };
}
