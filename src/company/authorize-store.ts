// The OAuth callback as a straight line of checks (SPEC §2.1, STYLE §7): each returns early with a
// named reason; only a store that passed every check is linked and gets a session.
import type { Tx } from '../db/knex.js';
import { safeEqual } from '../security/signing.js';
import { verifyState } from '../security/oauth-state.js';
import type { CompanyRepository } from './company-repository.js';
import type { CompanyId, Integration, OAuthTokens, StoreInfo } from './model.js';
import type { OAuthStateRepository, StatePurpose } from './oauth-state-repository.js';

export type AuthorizeFailure =
  | 'ACCESS_DENIED' | 'AUTHORIZATION_ERROR' | 'MISSING_PARAMETERS'
  | 'STATE_INVALID' | 'STATE_MISMATCH' | 'STATE_UNKNOWN' | 'STATE_EXPIRED' | 'STATE_REPLAYED'
  | 'CODE_REJECTED' | 'TOKEN_EXCHANGE_FAILED' | 'STORE_INFO_FAILED' | 'STORE_OWNED_BY_OTHER_COMPANY';

export type AuthorizeResult =
  | {
    ok: true; purpose: StatePurpose; companyId: CompanyId; integration: Integration; createdCompany: boolean;
    /** The store was never linked before: the redirect page of §2.2 is for this case only (re-opening goes to Mi Empresa). */
    firstAuthorization: boolean;
    /** The store's status before this authorization (undefined the first time): "Requiere reautorización" now fixed. */
    previousStatus: Integration['status'] | undefined;
  }
  | { ok: false; reason: AuthorizeFailure; detail?: string };

export type ExchangeResult = { ok: true; tokens: OAuthTokens } | { ok: false; rejected: boolean; detail: string };
export type StoreInfoResult = { ok: true; store: StoreInfo } | { ok: false; detail: string };

export interface AuthorizeDeps {
  companies: CompanyRepository;
  states: OAuthStateRepository;
  /** rejected = the token endpoint refused the code (invalid_grant…); otherwise it was unreachable or failed. */
  exchangeCode(code: string): Promise<ExchangeResult>;
  fetchStoreInfo(accessToken: string): Promise<StoreInfoResult>;
  stateSecret: string;
  now(): Date;
}

export interface CallbackInput {
  query: { code?: string; state?: string; error?: string; error_description?: string };
  /** The state value in the browser's cookie (set when the flow started). */
  stateCookie: string | undefined;
}

export async function authorizeStore(deps: AuthorizeDeps, input: CallbackInput): Promise<AuthorizeResult> {
  const { query } = input;
  if (query.error === 'access_denied') return { ok: false, reason: 'ACCESS_DENIED' };
  if (query.error) return { ok: false, reason: 'AUTHORIZATION_ERROR', detail: query.error_description ?? query.error };
  if (!query.code || !query.state) return { ok: false, reason: 'MISSING_PARAMETERS' };

  const nonce = verifyState(deps.stateSecret, query.state);
  if (!nonce) return { ok: false, reason: 'STATE_INVALID' };
  if (!input.stateCookie || !safeEqual(input.stateCookie, query.state)) return { ok: false, reason: 'STATE_MISMATCH' };

  const consumed = await deps.states.consume(nonce, deps.now());
  if (!consumed.ok) return { ok: false, reason: consumed.reason };

  const exchanged = await deps.exchangeCode(query.code);
  if (!exchanged.ok) return { ok: false, reason: exchanged.rejected ? 'CODE_REJECTED' : 'TOKEN_EXCHANGE_FAILED', detail: exchanged.detail };

  const info = await deps.fetchStoreInfo(exchanged.tokens.accessToken);
  if (!info.ok) return { ok: false, reason: 'STORE_INFO_FAILED', detail: info.detail };

  try {
    return await deps.companies.transaction((tx) => linkInTransaction(deps, tx, consumed, exchanged.tokens, info.store));
  } catch (e) {
    if (e instanceof StoreOwnedElsewhere) return { ok: false, reason: 'STORE_OWNED_BY_OTHER_COMPANY' };
    throw e;
  }
}

/** Thrown inside the transaction so that nothing it wrote (e.g. a new company) survives. */
class StoreOwnedElsewhere extends Error {}

async function linkInTransaction(
  deps: AuthorizeDeps, tx: Tx, consumed: { purpose: StatePurpose; companyId: CompanyId | null }, tokens: OAuthTokens, store: StoreInfo,
): Promise<AuthorizeResult> {
  const existing = await deps.companies.findIntegrationByStore(store.code, tx);
  if (consumed.purpose === 'link') {
    // "Vincular cuenta nueva": the store joins the company that started the flow, never another's.
    const company = consumed.companyId!;
    if (existing && existing.companyId !== company) throw new StoreOwnedElsewhere();
    const integration = await deps.companies.linkStore(company, store, tokens, tx);
    if (!integration) throw new StoreOwnedElsewhere();
    return { ok: true, purpose: consumed.purpose, companyId: company, integration, createdCompany: false, firstAuthorization: !existing, previousStatus: existing?.status };
  }
  // Install / re-open from the admin: the session belongs to the company that owns the store;
  // a store seen for the first time creates its company.
  const company = existing?.companyId ?? (await deps.companies.createCompany(store.name, tx)).id;
  const integration = await deps.companies.linkStore(company, store, tokens, tx);
  if (!integration) throw new StoreOwnedElsewhere(); // lost a race with another install of the same store
  return { ok: true, purpose: consumed.purpose, companyId: company, integration, createdCompany: !existing, firstAuthorization: !existing, previousStatus: existing?.status };
}
