// The store's weight unit (store info `weight_unit`): Centry weights are kg and are converted to it
// when published (src/publishing/plan/store-units.ts). Existing rows, linked before the app kept it, are
// 'kg' — what was sent to them until now — and get the real unit at their next install/reauthorization.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('integrations', (t) => {
    t.text('weight_unit').notNullable().defaultTo('kg');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('integrations', (t) => {
    t.dropColumn('weight_unit');
  });
}
