// OAuth of the local Centry stand-in, strict like live Centry (../shared/centry/API-NOTES.md "OAuth 2"):
// codes are single-use and short-lived, access tokens live 7200 s, every refresh returns a new
// refresh token and retires the old one, client_credentials reads the app's own company.
import { randomBytes } from 'node:crypto';
import type { TokenFault } from '../token-faults.js';

export interface CentrySandboxApp { clientId: string; clientSecret: string; redirectUris: string[]; companyId: string }

interface CodeGrant { clientId: string; companyId: string; redirectUri: string; scope: string; expiresAt: number; used: boolean }
interface TokenGrant { clientId: string; companyId: string; scope: string; expiresAt: number; revoked: boolean }

export type CentryTokenBody = {
  access_token: string; token_type: 'bearer'; expires_in: number; refresh_token: string; scope: string; created_at: number;
};
export type CentryTokenResult = { ok: true; body: CentryTokenBody } | { ok: false; status: 400 | 401; error: string; description: string };
export type CentryAuthentication = { ok: true; companyId: string; scope: string } | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'revoked' };

const token = (prefix: string) => `${prefix}_${randomBytes(24).toString('base64url')}`;

export class CentryOAuthState {
  readonly apps = new Map<string, CentrySandboxApp>();
  private readonly codes = new Map<string, CodeGrant>();
  private readonly accessTokens = new Map<string, TokenGrant>();
  private readonly refreshTokens = new Map<string, TokenGrant>();
  tokenTtlSeconds = 7200;
  readonly codeTtlSeconds = 600;
  /** Fault injection for the token endpoint: the next calls meet these faults, in order (src/sandbox/token-faults.ts). */
  tokenFaults: TokenFault[] = [];
  /** Counts, for tests: how many refreshes were granted. */
  refreshes = 0;

  constructor(readonly now: () => number = Date.now) {}

  registerApp(app: CentrySandboxApp): void {
    this.apps.set(app.clientId, app);
  }

  issueCode(clientId: string, redirectUri: string, scope: string): string | null {
    const app = this.apps.get(clientId);
    if (!app || !app.redirectUris.includes(redirectUri)) return null;
    const code = token('code');
    this.codes.set(code, { clientId, companyId: app.companyId, redirectUri, scope, expiresAt: this.now() + this.codeTtlSeconds * 1000, used: false });
    return code;
  }

  /** POST /oauth/token for the three grants Centry documents. */
  exchange(p: Record<string, string | undefined>): CentryTokenResult {
    const app = p.client_id ? this.apps.get(p.client_id) : undefined;
    if (!app || app.clientSecret !== p.client_secret) return { ok: false, status: 401, error: 'invalid_client', description: 'Client authentication failed.' };
    if (p.grant_type === 'authorization_code') {
      const grant = p.code ? this.codes.get(p.code) : undefined;
      if (!grant || grant.used || grant.clientId !== app.clientId || grant.expiresAt < this.now() || grant.redirectUri !== p.redirect_uri) {
        return { ok: false, status: 400, error: 'invalid_grant', description: 'The provided authorization grant is invalid, expired, revoked or was issued to another client.' };
      }
      grant.used = true;
      return { ok: true, body: this.issueTokens(app.clientId, grant.companyId, grant.scope) };
    }
    if (p.grant_type === 'refresh_token') {
      const grant = p.refresh_token ? this.refreshTokens.get(p.refresh_token) : undefined;
      if (!grant || grant.revoked || grant.clientId !== app.clientId) {
        return { ok: false, status: 400, error: 'invalid_grant', description: 'The refresh token is invalid or was already used.' };
      }
      grant.revoked = true; // rotation: a refresh token works once
      this.refreshTokens.delete(p.refresh_token!);
      this.refreshes += 1;
      return { ok: true, body: this.issueTokens(app.clientId, grant.companyId, grant.scope) };
    }
    if (p.grant_type === 'client_credentials') return { ok: true, body: this.issueTokens(app.clientId, app.companyId, p.scope ?? 'public read_products') };
    return { ok: false, status: 400, error: 'unsupported_grant_type', description: `grant_type ${p.grant_type ?? '(none)'} is not supported` };
  }

  private issueTokens(clientId: string, companyId: string, scope: string): CentryTokenBody {
    const access = token('centry_at');
    const refresh = token('centry_rt');
    const expiresAt = this.now() + this.tokenTtlSeconds * 1000;
    this.accessTokens.set(access, { clientId, companyId, scope, expiresAt, revoked: false });
    this.refreshTokens.set(refresh, { clientId, companyId, scope, expiresAt: Number.POSITIVE_INFINITY, revoked: false });
    return { access_token: access, token_type: 'bearer', expires_in: this.tokenTtlSeconds, refresh_token: refresh, scope, created_at: Math.floor(this.now() / 1000) };
  }

  authenticate(header: string | undefined): CentryAuthentication {
    const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!m) return { ok: false, reason: 'missing' };
    const grant = this.accessTokens.get(m[1]!);
    if (!grant) return { ok: false, reason: 'invalid' };
    if (grant.revoked) return { ok: false, reason: 'revoked' };
    if (grant.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, companyId: grant.companyId, scope: grant.scope };
  }

  /** Inspection: every access token stops working now (as after 7200 s); refresh tokens still do. */
  expireAccessTokens(): void {
    for (const g of this.accessTokens.values()) g.expiresAt = Math.min(g.expiresAt, this.now());
  }

  /** Inspection: the company revoked the app — no token of it works any more. */
  revokeAll(): void {
    for (const g of [...this.accessTokens.values(), ...this.refreshTokens.values()]) g.revoked = true;
  }
}
