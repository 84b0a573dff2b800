// The company's catalog, mirrored from Centry (SPEC §3): reference lists, products, variants,
// images, keyed by Centry ids unique per company, plus where the catalog comes from.
import type { Knex } from 'knex';

const CHANGE_SEQ = 'catalog_change_seq';

export async function up(knex: Knex): Promise<void> {
  // Name search wants trigram indexes; a managed server may refuse the extension. Try it in a
  // savepoint so a refusal leaves the migration alive.
  let trigram = false;
  try {
    await knex.transaction(async (sp) => { await sp.raw('create extension if not exists pg_trgm'); });
    trigram = true;
  } catch {
    trigram = false;
  }

  // One sequence for every catalog row change. Product writes of a company hold an advisory lock
  // (catalog-repository-writes.ts), so within a company numbers are handed out in commit order and
  // "changed since <seq>" misses nothing — timestamps taken in concurrent transactions could.
  await knex.raw(`create sequence ${CHANGE_SEQ}`);
  const changeSeq = (t: Knex.CreateTableBuilder) => {
    t.bigInteger('change_seq').notNullable().defaultTo(knex.raw(`nextval('${CHANGE_SEQ}')`));
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  };
  const company = (t: Knex.CreateTableBuilder) =>
    t.integer('company_id').notNullable().references('companies.id').onDelete('CASCADE');

  for (const table of ['catalog_brands', 'catalog_genders'] as const) {
    await knex.schema.createTable(table, (t) => {
      company(t);
      t.text('id').notNullable();
      t.text('name').notNullable();
      changeSeq(t);
      t.primary(['company_id', 'id']);
    });
  }
  await knex.schema.createTable('catalog_categories', (t) => {
    company(t);
    t.text('id').notNullable();
    t.text('name').notNullable();
    // No foreign key on the parent: imports and Centry pages may deliver a child before its parent.
    t.text('parent_id');
    changeSeq(t);
    t.primary(['company_id', 'id']);
  });

  await knex.schema.createTable('catalog_products', (t) => {
    company(t);
    t.text('id').notNullable();
    t.text('name').notNullable();
    t.text('sku');
    t.text('barcode');
    t.text('description');
    t.text('short_description');
    t.text('condition');
    t.text('warranty');
    // Reference ids without foreign keys: Centry may point at a brand we have not pulled yet.
    t.text('brand_id');
    t.text('category_id');
    t.text('gender_id');
    t.boolean('active').notNullable().defaultTo(true);
    t.bigInteger('price_compare'); // minor units
    t.bigInteger('price');
    t.timestamp('sale_start', { useTz: true });
    t.timestamp('sale_end', { useTz: true });
    t.decimal('package_height', 12, 3);
    t.decimal('package_length', 12, 3);
    t.decimal('package_width', 12, 3);
    t.decimal('package_weight', 12, 3);
    t.text('seo_title');
    t.text('seo_description');
    t.timestamp('centry_updated_at', { useTz: true }).notNullable();
    // Hash of the normalized product with its variants and images: a re-import that changes
    // nothing is detected without comparing rows.
    t.text('content_hash').notNullable();
    changeSeq(t);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['company_id', 'id']);
    t.index(['company_id', 'change_seq']);
  });
  await knex.raw('create index catalog_products_sku_idx on catalog_products (company_id, sku text_pattern_ops)');

  // Variants and images have no per-row foreign key: checking one costs as much as inserting the
  // row, and an import writes ~6 of them per product. The repository writes them only for a
  // product it has just written, and a statement trigger on catalog_products removes them with
  // their product (also when a company is deleted and its products cascade).
  await knex.schema.createTable('catalog_variants', (t) => {
    t.integer('company_id').notNullable();
    t.text('product_id').notNullable();
    t.text('id').notNullable();
    t.text('sku').notNullable();
    t.text('barcode');
    t.text('size_id');
    t.text('size_name');
    t.text('color_id');
    t.text('color_name');
    t.integer('stock').notNullable().defaultTo(0);
    t.bigInteger('price_compare');
    t.bigInteger('price');
    t.integer('position').notNullable().defaultTo(0);
    // Keyed within their product: the same key serves "variants of these products".
    t.primary(['company_id', 'product_id', 'id']);
  });
  await knex.raw('create index catalog_variants_sku_idx on catalog_variants (company_id, sku text_pattern_ops)');

  await knex.schema.createTable('catalog_images', (t) => {
    t.integer('company_id').notNullable();
    t.text('product_id').notNullable();
    t.text('id').notNullable();
    t.text('url').notNullable();
    t.integer('position').notNullable().defaultTo(0);
    t.text('fingerprint');
    t.primary(['company_id', 'product_id', 'id']);
  });
  await knex.raw(`
    create function catalog_products_delete_children() returns trigger language plpgsql as $$
    begin
      delete from catalog_variants v using deleted d where v.company_id = d.company_id and v.product_id = d.id;
      delete from catalog_images i using deleted d where i.company_id = d.company_id and i.product_id = d.id;
      return null;
    end $$`);
  await knex.raw(`
    create trigger catalog_products_delete_children after delete on catalog_products
    referencing old table as deleted for each statement execute function catalog_products_delete_children()`);

  // "Contains" on names: a trigram index finds rare fragments fast; common ones are found by
  // walking the primary key (catalog-search.ts). Without the extension search still works, slower.
  if (trigram) await knex.raw('create index catalog_products_name_trgm_idx on catalog_products using gin (name gin_trgm_ops)');

  // Deleted products leave a tombstone so "what changed since" also tells what disappeared.
  await knex.schema.createTable('catalog_product_tombstones', (t) => {
    company(t);
    t.text('product_id').notNullable();
    changeSeq(t);
    t.primary(['company_id', 'product_id']);
    t.index(['company_id', 'change_seq']);
  });

  await knex.schema.createTable('catalog_sources', (t) => {
    t.integer('company_id').primary().references('companies.id').onDelete('CASCADE');
    t.text('kind').notNullable(); // import | centry | demo
    // Ciphertexts from src/security/token-crypto.ts, never plaintext.
    t.text('centry_access_token_enc');
    t.text('centry_refresh_token_enc');
    t.timestamp('centry_token_expires_at', { useTz: true });
    t.text('centry_scope');
    // The webhook URL carries a secret; only its SHA-256 is stored, enough to recognise it.
    t.text('webhook_secret_sha256').unique();
    // Resume point of the Centry delta pull: updated_at_gte of the current pass, and the last
    // `_id` reached within it (keyset paging with after=).
    t.timestamp('pull_updated_since', { useTz: true });
    t.text('pull_after_id');
    t.timestamp('last_pull_at', { useTz: true });
    t.timestamp('last_import_at', { useTz: true });
    t.jsonb('last_import_report');
    t.text('status').notNullable().defaultTo('ok'); // ok | reauth_required
    t.text('last_error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table catalog_sources add constraint catalog_sources_kind_check check (kind in ('import','centry','demo'))`);
  await knex.raw(`alter table catalog_sources add constraint catalog_sources_status_check check (status in ('ok','reauth_required'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists catalog_products_delete_children on catalog_products');
  await knex.raw('drop function if exists catalog_products_delete_children()');
  for (const table of [
    'catalog_sources', 'catalog_product_tombstones', 'catalog_images', 'catalog_variants',
    'catalog_products', 'catalog_categories', 'catalog_genders', 'catalog_brands',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw(`drop sequence if exists ${CHANGE_SEQ}`);
  // pg_trgm stays: other schemas may use it and dropping an extension needs more rights than creating.
}
