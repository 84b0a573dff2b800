// The one Jumpseller token client (docs/adr/0019): `POST {accountsUrl}/oauth/token`, form-encoded,
// client credentials in the body (../shared/jumpseller/API-NOTES.md "OAuth 2"), through the shared
// request of src/lib/oauth2-token-request.ts. The install/login callback exchanges codes with it; the
// token refresher refreshes with it.
// - exchangeCode: a value for every outcome; `rejected` when accounts refused the code (any 4xx but
//   429: used, expired, wrong redirect…), otherwise the exchange itself failed and may be tried again.
// - refresh: expected refusals (`invalid_grant`, `invalid_client`) are values; an unreachable or
//   failing accounts server throws (NetworkError, JumpsellerApiError), so the refresher can keep using
//   a still-valid token.
import type { Dispatcher } from 'undici';
import type { ExchangeResult } from '../company/authorize-store.js';
import { requestToken, type TokenEndpointOptions } from '../lib/oauth2-token-request.js';
import { JumpsellerApiError, NetworkError } from './errors.js';
import type { TokenEndpoint, TokenGrant } from './token-refresher.js';

export interface OAuthTokenEndpointOptions extends Pick<TokenEndpointOptions, 'sleep' | 'random' | 'now' | 'retry'> {
  /** e.g. https://accounts.jumpseller.com (config JUMPSELLER_ACCOUNTS_URL). */
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  dispatcher?: Dispatcher;
}

export interface JumpsellerTokenClient extends TokenEndpoint {
  /** Authorization code → tokens; `now` is when the call started (the lifetime counts from it). */
  exchangeCode(code: string, redirectUri: string, now: Date): Promise<ExchangeResult>;
}

/** Access tokens live 1 hour (API-NOTES); the default when an answer omits expires_in. */
const JUMPSELLER_TOKEN_SECONDS = 3600;
const PATH = '/oauth/token';

export function createOAuthTokenEndpoint(opts: OAuthTokenEndpointOptions): JumpsellerTokenClient {
  const endpoint: TokenEndpointOptions = {
    ...opts, url: `${opts.accountsUrl.replace(/\/+$/, '')}${PATH}`, defaultExpiresInSeconds: JUMPSELLER_TOKEN_SECONDS,
  };
  return {
    async exchangeCode(code, redirectUri, now) {
      const a = await requestToken(endpoint, { grant_type: 'authorization_code', code, redirect_uri: redirectUri });
      switch (a.kind) {
        case 'granted':
          return {
            ok: true,
            tokens: { accessToken: a.accessToken, refreshToken: a.refreshToken, expiresAt: new Date(now.getTime() + a.expiresInSeconds * 1000), scope: a.scope },
          };
        case 'refused': return { ok: false, rejected: true, detail: a.error ?? `http_${a.status}` };
        case 'unanswered': return { ok: false, rejected: false, detail: a.detail };
        case 'failed': return { ok: false, rejected: false, detail: a.detail };
      }
    },
    async refresh(refreshToken: string): Promise<TokenGrant> {
      const a = await requestToken(endpoint, { grant_type: 'refresh_token', refresh_token: refreshToken });
      switch (a.kind) {
        case 'granted': return { ok: true, accessToken: a.accessToken, refreshToken: a.refreshToken, expiresInSeconds: a.expiresInSeconds };
        case 'refused':
          if (a.error !== null) return { ok: false, error: a.error, description: a.description ?? undefined, status: a.status };
          throw new JumpsellerApiError(a.status, 'token refresh refused without an OAuth error', a.body, 'POST', PATH);
        case 'unanswered': throw new NetworkError(a.code, a.detail);
        case 'failed': throw new JumpsellerApiError(a.status, `token refresh failed: ${a.detail}`, a.body, 'POST', PATH);
      }
    },
  };
}
