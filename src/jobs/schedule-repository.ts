// What the scheduler reads and claims (SPEC §7.5, docs/adr/0006-job-queue.md): the connected stores
// with their schedule settings, and the (integration, slot) rows that make a slot due exactly once
// across every scheduler process.
import type { Db, Tx } from '../db/knex.js';
import type { IntegrationId } from '../company/model.js';

export interface ScheduledStore { id: number; timezone: string | null; currency: string; settings: unknown }

export interface ScheduleRepository {
  /** Connected stores, each with its stored settings (unparsed: a store with unreadable ones is skipped, not fatal). */
  connectedStores(tx?: Tx): Promise<ScheduledStore[]>;
  /** Drops claimed slots older than `before` (they can no longer be due). */
  forgetSlotsBefore(before: Date, tx?: Tx): Promise<void>;
  /** True for exactly one caller per (integration, slot): the one that inserted the row. */
  claimSlot(integration: IntegrationId, slot: Date, tx?: Tx): Promise<boolean>;
}

export function createScheduleRepository(db: Db): ScheduleRepository {
  return {
    async connectedStores(tx) {
      return (tx ?? db)('integrations')
        .leftJoin('integration_settings', 'integration_settings.integration_id', 'integrations.id')
        .where('integrations.status', 'connected')
        .select('integrations.id', 'integrations.timezone', 'integrations.currency', 'integration_settings.settings');
    },
    async forgetSlotsBefore(before, tx) {
      await (tx ?? db)('sync_schedule_slots').where('slot', '<', before).delete();
    },
    async claimSlot(integration, slot, tx) {
      const claimed = await (tx ?? db)('sync_schedule_slots').insert({ integration_id: integration, slot })
        .onConflict(['integration_id', 'slot']).ignore().returning('slot');
      return claimed.length > 0;
    },
  };
}
