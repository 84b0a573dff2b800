// The price of an unconfirmed create is kept as it is everywhere else: integer minor units of the
// store currency (docs/adr/0002-money-in-minor-units.md), compared exactly with the store's answer read
// into minor units — no longer the API's decimal in a double compared within 1e-6. Existing rows are
// converted with their integration's currency by the same rule the app uses (money.ts).
import type { Knex } from 'knex';
import { fromApiDecimal, toApiDecimal } from '../src/pricing/money.js';

interface Row { integration_id: number; catalog_product_id: string; price: string | number; currency: string }

async function convert(knex: Knex, column: string, to: (price: number, currency: string) => number): Promise<void> {
  const rows: Row[] = await knex('sync_pending_creates as p').join('integrations as i', 'i.id', 'p.integration_id')
    .select('p.integration_id', 'p.catalog_product_id', 'p.price', 'i.currency');
  for (const r of rows) {
    await knex('sync_pending_creates').where({ integration_id: r.integration_id, catalog_product_id: r.catalog_product_id })
      .update({ [column]: to(Number(r.price), r.currency) });
  }
}

async function replacePrice(knex: Knex, type: 'bigint' | 'double', to: (price: number, currency: string) => number): Promise<void> {
  await knex.schema.alterTable('sync_pending_creates', (t) => {
    if (type === 'bigint') t.bigInteger('price_next');
    else t.double('price_next');
  });
  await convert(knex, 'price_next', to);
  await knex.schema.alterTable('sync_pending_creates', (t) => { t.dropColumn('price'); });
  await knex.schema.alterTable('sync_pending_creates', (t) => { t.renameColumn('price_next', 'price'); });
  await knex.raw('alter table sync_pending_creates alter column price set not null');
}

export async function up(knex: Knex): Promise<void> {
  await replacePrice(knex, 'bigint', fromApiDecimal);
}

export async function down(knex: Knex): Promise<void> {
  await replacePrice(knex, 'double', toApiDecimal);
}
