// What a session cookie is checked against on each request (issue 10, items 3 and 6): the company's
// session version (a cookie issued at an older version is no longer a session) and the stores whose
// admin may frame its pages.
import type { Db, Tx } from '../db/knex.js';
import type { CompanyId, StoreCode } from './model.js';

export interface SessionState {
  version: number;
  /** Codes of the company's stores that are not unlinked. */
  stores: StoreCode[];
}

export interface SessionRepository {
  lookup(company: CompanyId, tx?: Tx): Promise<SessionState | undefined>;
  /** Ends every session of the company ("Salir"); returns the new version. */
  endAll(company: CompanyId, tx?: Tx): Promise<number>;
}

export function createSessionRepository(db: Db): SessionRepository {
  return {
    async lookup(company, tx) {
      const row = await (tx ?? db)('companies as c')
        .leftJoin('integrations as i', function () { this.on('i.company_id', 'c.id').andOnVal('i.status', '<>', 'unlinked'); })
        .where('c.id', company)
        .groupBy('c.id')
        .first('c.session_version', (tx ?? db).raw("coalesce(array_agg(i.store_code order by i.id) filter (where i.id is not null), '{}') as stores"));
      return row ? { version: Number(row.session_version), stores: row.stores as StoreCode[] } : undefined;
    },
    async endAll(company, tx) {
      const [row] = await (tx ?? db)('companies').where({ id: company }).increment('session_version', 1).returning('session_version');
      return Number(row?.session_version ?? 0);
    },
  };
}
