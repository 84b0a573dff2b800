// Single-use OAuth states. Consuming is one UPDATE … WHERE used_at IS NULL, so two callbacks racing
// with the same state cannot both win, whichever process they land on.
import type { Db, Tx } from '../db/knex.js';
import { companyId, type CompanyId } from './model.js';

export type StatePurpose = 'install' | 'link';
export type ConsumedState =
  | { ok: true; purpose: StatePurpose; companyId: CompanyId | null }
  | { ok: false; reason: 'STATE_UNKNOWN' | 'STATE_EXPIRED' | 'STATE_REPLAYED' };

export interface OAuthStateRepository {
  create(nonce: string, purpose: StatePurpose, company: CompanyId | null, expiresAt: Date, tx?: Tx): Promise<void>;
  consume(nonce: string, now: Date, tx?: Tx): Promise<ConsumedState>;
  purgeExpired(before: Date): Promise<number>;
}

export function createOAuthStateRepository(db: Db): OAuthStateRepository {
  return {
    async create(nonce, purpose, company, expiresAt, tx) {
      await (tx ?? db)('oauth_states').insert({ nonce, purpose, company_id: company, expires_at: expiresAt });
    },
    async consume(nonce, now, tx) {
      const q = tx ?? db;
      const [row] = await q('oauth_states').where({ nonce }).whereNull('used_at').update({ used_at: now }).returning('*');
      if (!row) {
        const exists = await q('oauth_states').where({ nonce }).first('nonce');
        return { ok: false, reason: exists ? 'STATE_REPLAYED' : 'STATE_UNKNOWN' };
      }
      if (row.expires_at.getTime() < now.getTime()) return { ok: false, reason: 'STATE_EXPIRED' };
      return { ok: true, purpose: row.purpose, companyId: row.company_id === null ? null : companyId(row.company_id) };
    },
    async purgeExpired(before) {
      return db('oauth_states').where('expires_at', '<', before).delete();
    },
  };
}
