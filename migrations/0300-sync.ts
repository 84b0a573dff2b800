// Synchronization (SPEC §7): runs with live counters and per-product errors, and the identity
// mappings catalog ↔ Jumpseller with the fingerprints of what was last pushed (§7.1, §7.2).
import type { Knex } from 'knex';

export const RUN_STATUSES = ['queued', 'running', 'completed', 'completed_with_errors', 'failed', 'cancelled'] as const;
export const RUN_TRIGGERS = ['manual', 'schedule', 'webhook'] as const;

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sync_runs', (t) => {
    t.increments('id');
    t.integer('integration_id').notNullable().references('integrations.id').onDelete('CASCADE');
    t.text('status').notNullable().defaultTo('queued');
    t.text('trigger').notNullable().defaultTo('manual');
    // A targeted run (Centry webhook) lists its catalog product ids; null = the whole catalog.
    t.jsonb('product_ids');
    for (const c of ['total', 'processed', 'created', 'updated', 'unpublished', 'unchanged', 'failed']) {
      t.integer(c).notNullable().defaultTo(0);
    }
    t.boolean('cancel_requested').notNullable().defaultTo(false);
    // Where a resumed run picks up (executor): phase, last finished catalog id, counters at that point.
    t.jsonb('checkpoint');
    t.text('worker_id');
    t.text('error_message');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('started_at', { useTz: true });
    t.timestamp('heartbeat_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    t.index(['integration_id', 'id']);
  });
  await knex.raw(`alter table sync_runs add constraint sync_runs_status_check check (status in (${list(RUN_STATUSES)}))`);
  await knex.raw(`alter table sync_runs add constraint sync_runs_trigger_check check (trigger in (${list(RUN_TRIGGERS)}))`);
  // "Never two runs at once" held by the database itself: whatever process or queue enqueues, a
  // second active run of one integration violates this index (the enqueue turns it into "already running").
  await knex.raw(`create unique index sync_runs_one_active on sync_runs (integration_id) where status in ('queued','running')`);

  await knex.schema.createTable('sync_run_errors', (t) => {
    t.bigIncrements('id');
    t.integer('run_id').notNullable().references('sync_runs.id').onDelete('CASCADE');
    t.text('catalog_product_id');
    t.text('sku');
    t.text('name');
    t.text('operation').notNullable();
    t.text('message').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // One line per product and run: a resumed run that fails a product again replaces its line.
    t.unique(['run_id', 'catalog_product_id']);
  });

  await knex.schema.createTable('sync_product_mappings', (t) => {
    t.integer('integration_id').notNullable().references('integrations.id').onDelete('CASCADE');
    t.text('catalog_product_id').notNullable();
    t.bigInteger('jumpseller_product_id').notNullable();
    // src/publishing/plan/pushed-state.ts: per-field, per-variant and image-group fingerprints of what
    // was last pushed, so a run sends only differences.
    t.jsonb('fingerprints').notNullable();
    t.boolean('published').notNullable().defaultTo(true);
    t.timestamp('last_pushed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // What the last run that touched the product did to it: lets a resumed run count it exactly.
    t.integer('last_run_id');
    t.text('last_outcome');
    t.primary(['integration_id', 'catalog_product_id']);
    t.unique(['integration_id', 'jumpseller_product_id']);
  });

  await knex.schema.createTable('sync_variant_mappings', (t) => {
    t.integer('integration_id').notNullable();
    t.text('catalog_product_id').notNullable();
    t.text('catalog_variant_id').notNullable();
    t.bigInteger('jumpseller_variant_id').notNullable();
    t.primary(['integration_id', 'catalog_product_id', 'catalog_variant_id']);
    t.foreign(['integration_id', 'catalog_product_id']).references(['integration_id', 'catalog_product_id'])
      .inTable('sync_product_mappings').onDelete('CASCADE');
  });

  await knex.schema.createTable('sync_image_mappings', (t) => {
    t.integer('integration_id').notNullable();
    t.text('catalog_product_id').notNullable();
    t.bigInteger('jumpseller_image_id').notNullable();
    t.integer('position').notNullable();
    t.text('url').notNullable();
    t.text('fingerprint').notNullable();
    t.primary(['integration_id', 'catalog_product_id', 'jumpseller_image_id']);
    t.foreign(['integration_id', 'catalog_product_id']).references(['integration_id', 'catalog_product_id'])
      .inTable('sync_product_mappings').onDelete('CASCADE');
  });

  await knex.schema.createTable('sync_category_mappings', (t) => {
    t.integer('integration_id').notNullable().references('integrations.id').onDelete('CASCADE');
    // Names from the root joined by " > " (src/publishing/category-path.ts): the identity of a category.
    t.text('path').notNullable();
    t.text('name').notNullable();
    t.bigInteger('jumpseller_category_id').notNullable();
    t.primary(['integration_id', 'path']);
  });

  // Scheduled slots already enqueued: the scheduler of every process tries to insert the same
  // (integration, slot) and only the one that succeeds enqueues (dedupe across processes).
  await knex.schema.createTable('sync_schedule_slots', (t) => {
    t.integer('integration_id').notNullable().references('integrations.id').onDelete('CASCADE');
    t.timestamp('slot', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['integration_id', 'slot']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'sync_schedule_slots', 'sync_category_mappings', 'sync_image_mappings', 'sync_variant_mappings',
    'sync_product_mappings', 'sync_run_errors', 'sync_runs',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
