// In-memory accounts of the local Jumpseller stand-in: stores, registered apps, grants, codes and
// tokens. Strict like live (../shared/jumpseller/API-NOTES.md): codes are single-use and short-lived,
// refresh tokens rotate, access tokens expire (1 h by default), a revoked app loses every token.
import { randomBytes } from 'node:crypto';
import type { TokenFault } from '../token-faults.js';

export interface SandboxStore {
  code: string;
  name: string;
  currency: string;
  country: string;
  timezone: string;
  email: string;
  hooks_token: string;
  url: string;
  weight_unit: string;
}

export interface SandboxApp {
  clientId: string;
  clientSecret: string;
  handle: string;
  name: string;
  appUrl: string;
  redirectUris: string[];
}

interface CodeGrant { clientId: string; storeCode: string; redirectUri: string; scopes: string[]; expiresAt: number; used: boolean }
interface TokenGrant { clientId: string; storeCode: string; scopes: string[]; expiresAt: number; revoked: boolean }

export type TokenError = 'invalid_grant' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_request';
export type TokenResult =
  | { ok: true; body: { access_token: string; token_type: 'bearer'; expires_in: number; refresh_token: string; scope: string; created_at: number } }
  | { ok: false; status: 400 | 401; error: TokenError; description: string };

export type Authentication = { ok: true; store: SandboxStore; scopes: string[] } | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'revoked' };

export interface AuthStateOptions {
  tokenTtlSeconds?: number;
  codeTtlSeconds?: number;
  now?: () => number;
}

/** Scope names Jumpseller knows (OAuth2 flow of the official spec). */
export const KNOWN_SCOPES = new Set([
  'read_products', 'write_products', 'read_orders', 'write_orders', 'read_customers', 'write_customers',
  'read_categories', 'write_categories', 'read_store', 'write_store', 'read_settings', 'write_settings',
  'read_hooks', 'write_hooks', 'read_promotions', 'write_promotions', 'read_custom_fields', 'write_custom_fields',
  'read_apps', 'read_jsapps', 'write_jsapps', 'read_taxes', 'write_taxes', 'read_pages', 'write_pages',
]);

const token = (prefix: string) => `${prefix}_${randomBytes(24).toString('base64url')}`;

export class SandboxAuthState {
  readonly stores = new Map<string, SandboxStore>();
  readonly apps = new Map<string, SandboxApp>();
  /** storeCode → clientId → scopes the owner already granted (consent is instant afterwards). */
  private readonly grants = new Map<string, Map<string, Set<string>>>();
  private readonly codes = new Map<string, CodeGrant>();
  private readonly accessTokens = new Map<string, TokenGrant>();
  private readonly refreshTokens = new Map<string, TokenGrant>();
  tokenTtlSeconds: number;
  readonly codeTtlSeconds: number;
  /** Fault injection for the token endpoint: the next calls meet these faults, in order (src/sandbox/token-faults.ts). */
  tokenFaults: TokenFault[] = [];
  readonly now: () => number;

  constructor(opts: AuthStateOptions = {}) {
    this.tokenTtlSeconds = opts.tokenTtlSeconds ?? 3600;
    this.codeTtlSeconds = opts.codeTtlSeconds ?? 600;
    this.now = opts.now ?? Date.now;
  }

  addStore(store: Partial<SandboxStore> & { code: string }): SandboxStore {
    const full: SandboxStore = {
      name: store.code, currency: 'CLP', country: 'CL', timezone: 'America/Santiago', email: `owner@${store.code}.example`,
      hooks_token: randomBytes(16).toString('hex'), url: `https://${store.code}.jumpseller.com`, weight_unit: 'kg', ...store,
    };
    this.stores.set(full.code, full);
    return full;
  }

  registerApp(app: SandboxApp): void {
    this.apps.set(app.clientId, app);
  }

  appByHandle(handle: string): SandboxApp | undefined {
    return [...this.apps.values()].find((a) => a.handle === handle);
  }

  hasGrant(storeCode: string, clientId: string, scopes: string[]): boolean {
    const granted = this.grants.get(storeCode)?.get(clientId);
    return !!granted && scopes.every((s) => granted.has(s));
  }

  issueCode(clientId: string, storeCode: string, redirectUri: string, scopes: string[]): string {
    const perStore = this.grants.get(storeCode) ?? new Map<string, Set<string>>();
    perStore.set(clientId, new Set([...(perStore.get(clientId) ?? []), ...scopes]));
    this.grants.set(storeCode, perStore);
    const code = token('code');
    this.codes.set(code, { clientId, storeCode, redirectUri, scopes, expiresAt: this.now() + this.codeTtlSeconds * 1000, used: false });
    return code;
  }

  exchange(params: Record<string, string | undefined>): TokenResult {
    const app = params.client_id ? this.apps.get(params.client_id) : undefined;
    if (!app || params.client_secret !== app.clientSecret) {
      return { ok: false, status: 401, error: 'invalid_client', description: 'Client authentication failed.' };
    }
    if (params.grant_type === 'authorization_code') {
      const grant = params.code ? this.codes.get(params.code) : undefined;
      if (!grant || grant.clientId !== app.clientId) return this.invalidGrant('The authorization code is invalid.');
      if (grant.used) {
        // RFC 6749 §4.1.2: a replayed code should revoke what it issued.
        this.revoke(grant.storeCode, grant.clientId);
        return this.invalidGrant('The authorization code was already used.');
      }
      grant.used = true;
      if (grant.expiresAt < this.now()) return this.invalidGrant('The authorization code expired.');
      if (params.redirect_uri !== grant.redirectUri) return this.invalidGrant('The redirect_uri does not match.');
      return this.issueTokens(grant.clientId, grant.storeCode, grant.scopes);
    }
    if (params.grant_type === 'refresh_token') {
      const grant = params.refresh_token ? this.refreshTokens.get(params.refresh_token) : undefined;
      if (!grant || grant.revoked || grant.clientId !== app.clientId) return this.invalidGrant('The refresh token is invalid.');
      this.refreshTokens.delete(params.refresh_token!); // rotation: a refresh token works once
      return this.issueTokens(grant.clientId, grant.storeCode, grant.scopes);
    }
    return { ok: false, status: 400, error: 'unsupported_grant_type', description: 'Only authorization_code and refresh_token.' };
  }

  authenticate(authorization: string | undefined): Authentication {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!m) return { ok: false, reason: 'missing' };
    const grant = this.accessTokens.get(m[1]!);
    if (!grant) return { ok: false, reason: 'invalid' };
    if (grant.revoked) return { ok: false, reason: 'revoked' };
    if (grant.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    const store = this.stores.get(grant.storeCode);
    return store ? { ok: true, store, scopes: grant.scopes } : { ok: false, reason: 'invalid' };
  }

  /** The store uninstalls the app: every token and grant of that app for the store stops working. */
  revoke(storeCode: string, clientId: string): void {
    for (const g of [...this.accessTokens.values(), ...this.refreshTokens.values()]) {
      if (g.storeCode === storeCode && g.clientId === clientId) g.revoked = true;
    }
    this.grants.get(storeCode)?.delete(clientId);
  }

  /** Test hook: make every live access token of a store expire now. */
  expireTokens(storeCode: string): void {
    for (const g of this.accessTokens.values()) if (g.storeCode === storeCode) g.expiresAt = this.now();
  }

  reset(): void {
    this.tokenFaults = [];
    this.grants.clear();
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  private issueTokens(clientId: string, storeCode: string, scopes: string[]): TokenResult {
    const grant: TokenGrant = { clientId, storeCode, scopes, expiresAt: this.now() + this.tokenTtlSeconds * 1000, revoked: false };
    const access = token('at');
    const refresh = token('rt');
    this.accessTokens.set(access, grant);
    this.refreshTokens.set(refresh, { ...grant, expiresAt: Number.POSITIVE_INFINITY });
    return {
      ok: true,
      body: { access_token: access, token_type: 'bearer', expires_in: this.tokenTtlSeconds, refresh_token: refresh, scope: scopes.join(' '), created_at: Math.floor(this.now() / 1000) },
    };
  }

  private invalidGrant(description: string): TokenResult {
    return { ok: false, status: 400, error: 'invalid_grant', description };
  }
}
