// Settings of an integration (SPEC §2.4–§2.5): one row per integration, written whole. `version`
// grows by one on every save so two tabs saving the same integration cannot silently overwrite
// each other: a save names the version it started from and loses if another save came first.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('integration_settings', (t) => {
    t.integer('integration_id').primary().references('integrations.id').onDelete('CASCADE');
    t.integer('version').notNullable();
    t.jsonb('settings').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('alter table integration_settings add constraint integration_settings_version_check check (version >= 1)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('integration_settings');
}
