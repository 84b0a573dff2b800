// Companies, their linked accounts (integrations) and single-use OAuth states.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('companies', (t) => {
    t.increments('id');
    t.text('name').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('integrations', (t) => {
    t.increments('id');
    t.integer('company_id').notNullable().references('companies.id').onDelete('CASCADE');
    t.text('kind').notNullable().defaultTo('jumpseller');
    t.text('store_code').notNullable();
    t.text('store_name').notNullable();
    t.text('store_url');
    t.text('currency').notNullable().defaultTo('CLP');
    t.text('country');
    t.text('timezone');
    // Ciphertexts from src/security/token-crypto.ts ("v1.<keyId>.<iv>.<tag>.<data>"), never plaintext.
    t.text('access_token_enc');
    t.text('refresh_token_enc');
    t.text('hooks_token_enc');
    t.timestamp('token_expires_at', { useTz: true });
    t.text('scope');
    t.text('status').notNullable().defaultTo('connected'); // connected | reauth_required | unlinked
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['kind', 'store_code']);
    t.index(['company_id']);
  });
  await knex.raw(`alter table integrations add constraint integrations_status_check check (status in ('connected','reauth_required','unlinked'))`);
  await knex.schema.createTable('oauth_states', (t) => {
    t.text('nonce').primary();
    t.text('purpose').notNullable(); // install | link
    t.integer('company_id').references('companies.id').onDelete('CASCADE');
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('oauth_states');
  await knex.schema.dropTableIfExists('integrations');
  await knex.schema.dropTableIfExists('companies');
}
