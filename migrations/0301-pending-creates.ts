// Creates whose outcome is not known yet, for products the store cannot find by SKU (the create body
// carries none): written before the POST, removed in the transaction that maps the product. While a
// row exists, no run creates that product again without first looking for what the earlier attempt
// may have made — by the name and price it sent, not before `attempted_at` (docs/adr/0007).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sync_pending_creates', (t) => {
    t.integer('integration_id').notNullable().references('integrations.id').onDelete('CASCADE');
    t.text('catalog_product_id').notNullable();
    t.text('name').notNullable();
    // As sent to the API (decimal units of the store currency, a JS number): compared, never summed.
    t.double('price').notNullable();
    t.timestamp('attempted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['integration_id', 'catalog_product_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sync_pending_creates');
}
