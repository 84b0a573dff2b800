// Server-side revocation of sessions (issue 10, item 6): a session cookie carries the company's
// session_version when it was issued, and is honoured only while that is still the version. "Salir"
// bumps it; so does the database itself whenever a store's authorization changes hands in a way that
// must end every open session: a store unlinked or removed, or one authorized again after it was
// not connected (reauthorization).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('companies', (t) => {
    t.integer('session_version').notNullable().defaultTo(0);
  });
  await knex.raw(`
    create function end_company_sessions() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        update companies set session_version = session_version + 1 where id = old.company_id;
        return old;
      end if;
      if (new.status = 'unlinked' and old.status <> 'unlinked')
         or (new.status = 'connected' and old.status <> 'connected') then
        update companies set session_version = session_version + 1 where id = new.company_id;
      end if;
      return new;
    end $$`);
  await knex.raw(`create trigger integrations_end_sessions after update of status or delete on integrations
    for each row execute function end_company_sessions()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists integrations_end_sessions on integrations');
  await knex.raw('drop function if exists end_company_sessions()');
  await knex.schema.alterTable('companies', (t) => t.dropColumn('session_version'));
}
