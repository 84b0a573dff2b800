// Settings of an integration in PostgreSQL, with optimistic concurrency (SPEC §2.5): a save names
// the version it was edited from, and one conditional statement either writes version + 1 or
// reports a CONFLICT — no read-then-write window in which another save could slip through.
import type { Db, Tx } from '../db/knex.js';
import type { IntegrationId } from '../company/model.js';
import { defaultSettings, parseStoredSettings, type IntegrationSettings } from './settings.schema.js';

export interface VersionedSettings {
  settings: IntegrationSettings;
  /** 0 when nothing was ever saved (the defaults are shown); the first save makes it 1. */
  version: number;
  updatedAt: Date | null;
}

export type SaveResult = { ok: true; version: number } | { ok: false; reason: 'CONFLICT' };

export interface SettingsRepository {
  get(integration: IntegrationId, tx?: Tx): Promise<VersionedSettings>;
  save(integration: IntegrationId, expectedVersion: number, settings: IntegrationSettings, tx?: Tx): Promise<SaveResult>;
}

export function createSettingsRepository(db: Db): SettingsRepository {
  const q = (tx?: Tx) => tx ?? db;
  return {
    async get(integration, tx) {
      const row = await q(tx)('integration_settings').where({ integration_id: integration }).first();
      if (!row) return { settings: defaultSettings(), version: 0, updatedAt: null };
      return { settings: parseStoredSettings(row.settings), version: row.version, updatedAt: row.updated_at };
    },

    async save(integration, expectedVersion, settings, tx) {
      const json = JSON.stringify(settings);
      // The first save inserts; a concurrent first save hits the primary key and does nothing.
      const r = expectedVersion === 0
        ? await q(tx).raw(
          `insert into integration_settings (integration_id, version, settings, updated_at)
           values (?, 1, ?::jsonb, now()) on conflict (integration_id) do nothing returning version`,
          [integration, json])
        : await q(tx).raw(
          `update integration_settings set settings = ?::jsonb, version = version + 1, updated_at = now()
           where integration_id = ? and version = ? returning version`,
          [json, integration, expectedVersion]);
      const row = r.rows[0] as { version: number } | undefined;
      return row ? { ok: true, version: row.version } : { ok: false, reason: 'CONFLICT' };
    },
  };
}
