// The company's catalog, mirrored from Centry (SPEC §3): reference lists, products, variants,
// images, keyed by Centry ids unique per company, plus where the catalog comes from.
import type { Knex } from 'knex';

const CHANGE_SEQ = 'catalog_change_seq';

export async function up(knex: Knex): Promise<void> {
  // Name search wants trigram indexes; a managed server may refuse the extension. Try it in a
  // savepoint so a refusal leaves the migration alive (search then works, only slower on rare words).
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
  // Pickers list products by name: walking this index in order stops after one page.
  await knex.raw('create index catalog_products_name_idx on catalog_products (company_id, lower(name), id)');
  await knex.raw('create index catalog_products_sku_idx on catalog_products (company_id, sku text_pattern_ops)');

  await knex.schema.createTable('catalog_variants', (t) => {
    company(t);
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
    t.primary(['company_id', 'id']);
    t.foreign(['company_id', 'product_id']).references(['company_id', 'id']).inTable('catalog_products').onDelete('CASCADE');
    t.index(['company_id', 'product_id']);
  });
  await knex.raw('create index catalog_variants_sku_idx on catalog_variants (company_id, sku text_pattern_ops)');

  await knex.schema.createTable('catalog_images', (t) => {
    company(t);
    t.text('product_id').notNullable();
    t.text('id').notNullable();
    t.text('url').notNullable();
    t.integer('position').notNullable().defaultTo(0);
    t.text('fingerprint');
    t.primary(['company_id', 'product_id', 'id']);
    t.foreign(['company_id', 'product_id']).references(['company_id', 'id']).inTable('catalog_products').onDelete('CASCADE');
  });

  // "Contains" on names: a trigram index finds rare fragments fast; without it the name index
  // above still serves common fragments (walk in order, stop after a page).
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
  for (const table of [
    'catalog_sources', 'catalog_product_tombstones', 'catalog_images', 'catalog_variants',
    'catalog_products', 'catalog_categories', 'catalog_genders', 'catalog_brands',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw(`drop sequence if exists ${CHANGE_SEQ}`);
  // pg_trgm stays: other schemas may use it and dropping an extension needs more rights than creating.
}
