// One catalog source at a time (SPEC §3, issue 14): linking Centry leaves a replacement pending
// until the first complete pull replaces the catalog; the last replacement (Centry or a file that
// declared itself one) is kept with what it removed and which exclusions it could not carry.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('catalog_sources', (t) => {
    t.boolean('replace_pending').notNullable().defaultTo(false);
    t.timestamp('last_replace_at', { useTz: true });
    t.jsonb('last_replace_report');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('catalog_sources', (t) => {
    t.dropColumns('replace_pending', 'last_replace_at', 'last_replace_report');
  });
}
