// Catalog products whose change a store has not received yet (issue 14 §3, docs/adr/0012): a Centry
// webhook or a Jumpseller `product_deleted` adds a row; the next run of the store to start takes every
// row nobody has (`run_id`), and the rows are removed only when that run completed — so a change that
// lands while a run executes, or a worker killed mid-run, never loses one. A change requested again
// while a run holds its row clears `run_id`: the run may have read the product before the change.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sync_pending_products', (t) => {
    t.integer('integration_id').notNullable().references('integrations.id').onDelete('CASCADE');
    t.text('catalog_product_id').notNullable();
    // The run that took the row when it started; null = waiting for the next run.
    t.integer('run_id').references('sync_runs.id').onDelete('SET NULL');
    t.timestamp('requested_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['integration_id', 'catalog_product_id']);
    t.index(['run_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sync_pending_products');
}
