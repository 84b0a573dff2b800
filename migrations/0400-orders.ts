// Orders Jumpseller → Centry (SPEC §10): one row per Jumpseller order of a store (what Centry order it
// became, the last status Centry accepted, why it waits), and per store the polling cursor with the
// cut-off (orders up to it were placed before the link and are never sent).
import type { Knex } from 'knex';

export const ORDER_STATES = ['queued', 'waiting', 'sent', 'attention', 'error', 'skipped'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('order_syncs', (t) => {
    t.integer('integration_id').notNullable().references('integrations.id').onDelete('CASCADE');
    t.bigInteger('jumpseller_order_id').notNullable();
    t.text('state').notNullable().defaultTo('queued');
    // Why it waits: "Requiere atención" reasons, the error, or why it is not sent.
    t.text('reason');
    t.text('placed_at_origin');
    t.bigInteger('total_minor');
    t.text('currency');
    t.text('jumpseller_status');
    t.text('shipment_status');
    t.text('centry_order_id');
    // The last `_status` Centry accepted for it: the next one is only ever further on (order-status.ts).
    t.text('centry_status');
    // Matched lines [{catalogProductId, catalogVariantId, qty}]: what the stock guard holds back.
    t.jsonb('lines').notNullable().defaultTo('[]');
    // Set before the first POST: from then on a create is always preceded by a look-up (ambiguous creates).
    t.timestamp('create_attempted_at', { useTz: true });
    t.timestamp('accepted_at', { useTz: true });
    // When this app first heard of it (webhook or poll): the start of the webhook-to-Centry latency.
    t.timestamp('first_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('checked_at', { useTz: true });
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['integration_id', 'jumpseller_order_id']);
  });
  await knex.raw(`alter table order_syncs add constraint order_syncs_state_check check (state in (${ORDER_STATES.map((s) => `'${s}'`).join(',')}))`);
  await knex.raw('create index order_syncs_open on order_syncs (integration_id, checked_at) where centry_status is null or centry_status not in (\'received\', \'cancelled_before_shipping\', \'cancelled_after_shipping\')');

  await knex.schema.createTable('order_cursors', (t) => {
    t.integer('integration_id').primary().references('integrations.id').onDelete('CASCADE');
    // The store's last order id when orders were first enabled for it: nothing up to it is sent.
    t.bigInteger('cutoff_order_id').notNullable();
    t.bigInteger('last_seen_order_id').notNullable();
    t.timestamp('polled_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('order_cursors');
  await knex.schema.dropTableIfExists('order_syncs');
}
