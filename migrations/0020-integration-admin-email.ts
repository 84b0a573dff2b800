// The store admin's e-mail (store info `email`), kept at authorization: the menu at the top right
// names the signed-in merchant with it (SPEC §2.3). Rows linked before have none until their next
// install/re-open, and the menu shows the company's name meanwhile.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('integrations', (t) => {
    t.text('admin_email');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('integrations', (t) => {
    t.dropColumn('admin_email');
  });
}
