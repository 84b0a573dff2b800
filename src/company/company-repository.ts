// Companies and integrations in PostgreSQL. Tokens are encrypted here, on the way in and out, so no
// other module ever sees a ciphertext or writes a plaintext token.
import type { Db, Tx } from '../db/knex.js';
import type { TokenCipher } from '../security/token-crypto.js';
import {
  companyId, integrationId,
  type Company, type CompanyId, type Integration, type IntegrationId, type IntegrationStatus, type OAuthTokens, type StoreCode, type StoreInfo,
} from './model.js';

export interface CompanyRepository {
  createCompany(name: string, tx?: Tx): Promise<Company>;
  findCompany(id: CompanyId, tx?: Tx): Promise<Company | undefined>;
  findIntegrationByStore(storeCode: StoreCode, tx?: Tx): Promise<Integration | undefined>;
  listIntegrations(company: CompanyId, tx?: Tx): Promise<Integration[]>;
  /** Tenant-scoped: undefined when the integration belongs to another company. */
  findIntegration(company: CompanyId, id: IntegrationId, tx?: Tx): Promise<Integration | undefined>;
  /** Internal (jobs): by id, without tenant scope. */
  getIntegration(id: IntegrationId, tx?: Tx): Promise<Integration | undefined>;
  /**
   * Creates or refreshes the link of a store to a company, with fresh tokens; status back to connected.
   * undefined when the store is linked to another company (never re-assigned, even under a race).
   */
  linkStore(company: CompanyId, store: StoreInfo, tokens: OAuthTokens, tx?: Tx): Promise<Integration | undefined>;
  readTokens(id: IntegrationId, tx?: Tx): Promise<OAuthTokens | undefined>;
  saveTokens(id: IntegrationId, tokens: OAuthTokens, tx?: Tx): Promise<void>;
  readHooksToken(id: IntegrationId, tx?: Tx): Promise<string | undefined>;
  /** The secret that signs the store's webhooks (store info `hooks_token`), encrypted like the tokens. */
  saveHooksToken(id: IntegrationId, hooksToken: string, tx?: Tx): Promise<void>;
  setStatus(id: IntegrationId, status: IntegrationStatus, tx?: Tx): Promise<void>;
  /** Runs fn in a transaction holding the integration's row lock: one token refresh at a time, across processes. */
  withLockedIntegration<T>(id: IntegrationId, fn: (tx: Tx, integration: Integration) => Promise<T>): Promise<T>;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

interface IntegrationRow {
  id: number; company_id: number; kind: 'jumpseller'; store_code: string; store_name: string; store_url: string | null;
  currency: string; country: string | null; timezone: string | null; weight_unit: string; admin_email: string | null; status: IntegrationStatus; scope: string | null;
  token_expires_at: Date | null; created_at: Date; updated_at: Date;
  access_token_enc: string | null; refresh_token_enc: string | null; hooks_token_enc: string | null;
}

const toIntegration = (r: IntegrationRow): Integration => ({
  id: integrationId(r.id), companyId: companyId(r.company_id), kind: r.kind, storeCode: r.store_code as StoreCode,
  storeName: r.store_name, storeUrl: r.store_url, currency: r.currency, country: r.country, timezone: r.timezone,
  weightUnit: r.weight_unit ?? 'kg', adminEmail: r.admin_email ?? null, status: r.status, scope: r.scope, tokenExpiresAt: r.token_expires_at, createdAt: r.created_at, updatedAt: r.updated_at,
});

export function createCompanyRepository(db: Db, cipher: TokenCipher): CompanyRepository {
  const q = (tx?: Tx) => tx ?? db;
  const tokenColumns = (t: OAuthTokens) => ({
    access_token_enc: cipher.encrypt(t.accessToken),
    refresh_token_enc: cipher.encrypt(t.refreshToken),
    token_expires_at: t.expiresAt,
    ...(t.scope !== undefined ? { scope: t.scope } : {}),
  });
  const repo: CompanyRepository = {
    async createCompany(name, tx) {
      const [row] = await q(tx)('companies').insert({ name }).returning('*');
      return { id: companyId(row.id), name: row.name, createdAt: row.created_at };
    },
    async findCompany(id, tx) {
      const row = await q(tx)('companies').where({ id }).first();
      return row ? { id: companyId(row.id), name: row.name, createdAt: row.created_at } : undefined;
    },
    async findIntegrationByStore(storeCode, tx) {
      const row = await q(tx)<IntegrationRow>('integrations').where({ kind: 'jumpseller', store_code: storeCode }).first();
      return row ? toIntegration(row) : undefined;
    },
    async listIntegrations(company, tx) {
      const rows = await q(tx)<IntegrationRow>('integrations').where({ company_id: company }).orderBy('id');
      return rows.map(toIntegration);
    },
    async findIntegration(company, id, tx) {
      const row = await q(tx)<IntegrationRow>('integrations').where({ id, company_id: company }).first();
      return row ? toIntegration(row) : undefined;
    },
    async getIntegration(id, tx) {
      const row = await q(tx)<IntegrationRow>('integrations').where({ id }).first();
      return row ? toIntegration(row) : undefined;
    },
    async linkStore(company, store, tokens, tx) {
      const values = {
        company_id: company, kind: 'jumpseller', store_code: store.code, store_name: store.name, store_url: store.url,
        currency: store.currency, country: store.country, timezone: store.timezone, weight_unit: store.weightUnit,
        ...(store.adminEmail ? { admin_email: store.adminEmail } : {}),
        status: 'connected',
        hooks_token_enc: store.hooksToken ? cipher.encrypt(store.hooksToken) : null, ...tokenColumns(tokens), updated_at: new Date(),
      };
      // The unique (kind, store_code) makes concurrent installs converge on one row, and the merge only
      // applies to the owning company: a race between two companies cannot move a store.
      const [row] = await q(tx)('integrations').insert(values).onConflict(['kind', 'store_code']).merge()
        .where('integrations.company_id', company).returning('*');
      return row ? toIntegration(row as IntegrationRow) : undefined;
    },
    async readTokens(id, tx) {
      const row = await q(tx)<IntegrationRow>('integrations').where({ id }).first();
      if (!row?.access_token_enc || !row.refresh_token_enc || !row.token_expires_at) return undefined;
      return { accessToken: cipher.decrypt(row.access_token_enc), refreshToken: cipher.decrypt(row.refresh_token_enc), expiresAt: row.token_expires_at, scope: row.scope };
    },
    async saveTokens(id, tokens, tx) {
      await q(tx)('integrations').where({ id }).update({ ...tokenColumns(tokens), status: 'connected', updated_at: new Date() });
    },
    async readHooksToken(id, tx) {
      const row = await q(tx)<IntegrationRow>('integrations').where({ id }).first();
      return row?.hooks_token_enc ? cipher.decrypt(row.hooks_token_enc) : undefined;
    },
    async saveHooksToken(id, hooksToken, tx) {
      await q(tx)('integrations').where({ id }).update({ hooks_token_enc: cipher.encrypt(hooksToken), updated_at: new Date() });
    },
    async setStatus(id, status, tx) {
      await q(tx)('integrations').where({ id }).update({ status, updated_at: new Date() });
    },
    async withLockedIntegration(id, fn) {
      return db.transaction(async (tx) => {
        const row = await tx<IntegrationRow>('integrations').where({ id }).forUpdate().first();
        if (!row) throw new Error(`integration ${id} not found`);
        return fn(tx, toIntegration(row));
      });
    },
    transaction: (fn) => db.transaction(fn),
  };
  return repo;
}
