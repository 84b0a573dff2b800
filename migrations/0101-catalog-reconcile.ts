// Two durable facts on catalog_sources (ADR 0004): when the daily reconciliation with Centry's full
// id listing last completed (and what it deleted), and the state of a file import running in the
// background after the upload request answered.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('catalog_sources', (t) => {
    t.timestamp('last_reconcile_at', { useTz: true });
    t.jsonb('last_reconcile_report');
    // null (none yet) | running | done | failed
    t.text('import_state');
    t.timestamp('import_started_at', { useTz: true });
    t.text('import_error');
  });
  await knex.raw(`alter table catalog_sources add constraint catalog_sources_import_state_check check (import_state in ('running','done','failed'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table catalog_sources drop constraint if exists catalog_sources_import_state_check');
  await knex.schema.alterTable('catalog_sources', (t) => {
    t.dropColumns('last_reconcile_at', 'last_reconcile_report', 'import_state', 'import_started_at', 'import_error');
  });
}
