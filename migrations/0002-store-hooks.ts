// Webhooks this app registered in each store (Jumpseller `POST /hooks.json`), one row per event:
// the URL it points at and when it was last confirmed in the store. A sync run consults it before
// asking Jumpseller, so a store whose hooks are known costs no call (src/company/store-hooks.ts).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('integration_hooks', (t) => {
    t.integer('integration_id').notNullable().references('integrations.id').onDelete('CASCADE');
    t.text('event').notNullable();
    t.text('url').notNullable();
    t.bigInteger('jumpseller_hook_id').notNullable();
    t.timestamp('verified_at', { useTz: true }).notNullable();
    t.primary(['integration_id', 'event']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('integration_hooks');
}
