// The webhooks this app registered in a store (table integration_hooks, migration 0002): which URL
// each event points at, the Jumpseller hook id, and when it was last confirmed in the store.
import type { Db, Tx } from '../db/knex.js';
import type { JumpsellerHookId } from '../jumpseller/ids.js';
import type { IntegrationId } from './model.js';

export interface StoreHook {
  event: string;
  url: string;
  jumpsellerHookId: JumpsellerHookId;
  verifiedAt: Date;
}

export interface StoreHookRepository {
  /** By event. */
  list(integration: IntegrationId, tx?: Tx): Promise<Map<string, StoreHook>>;
  save(integration: IntegrationId, hook: StoreHook, tx?: Tx): Promise<void>;
}

export function createStoreHookRepository(db: Db): StoreHookRepository {
  const q = (tx?: Tx) => tx ?? db;
  return {
    async list(integration, tx) {
      const rows = await q(tx)('integration_hooks').where({ integration_id: integration });
      return new Map(rows.map((r) => [r.event as string, {
        event: r.event, url: r.url, jumpsellerHookId: Number(r.jumpseller_hook_id) as JumpsellerHookId, verifiedAt: r.verified_at,
      }]));
    },
    async save(integration, hook, tx) {
      await q(tx)('integration_hooks').insert({
        integration_id: integration, event: hook.event, url: hook.url, jumpseller_hook_id: hook.jumpsellerHookId, verified_at: hook.verifiedAt,
      }).onConflict(['integration_id', 'event']).merge();
    },
  };
}
