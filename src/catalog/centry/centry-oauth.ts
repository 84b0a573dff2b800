// The one Centry token client (../shared/centry/API-NOTES.md "OAuth 2", docs/adr/0019): authorize URL,
// code exchange, refresh, through the shared request of src/lib/oauth2-token-request.ts (a form POST,
// which Centry's token endpoint takes as well as JSON). Access tokens live 7200 s and every refresh
// returns a new refresh token (the old one dies).
import type { Dispatcher } from 'undici';
import { requestToken, type Grant, type TokenEndpointOptions } from '../../lib/oauth2-token-request.js';

export interface CentryAppCredentials extends Pick<TokenEndpointOptions, 'sleep' | 'random' | 'retry'> {
  /** CENTRY_URL: https://www.centry.cl, or the local sandbox. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  dispatcher?: Dispatcher;
}

export interface CentryTokens { accessToken: string; refreshToken: string; expiresAt: Date; scope: string | null }

export type CentryTokenResult =
  | { ok: true; tokens: CentryTokens }
  /**
   * rejected: Centry refused the grant or the client (a 4xx; `invalid_grant` means the grant is gone —
   * used, expired or revoked — and the company must link again). Otherwise Centry could not be reached
   * or failed (status 0 = no answer) and the same grant may work later.
   */
  | { ok: false; rejected: boolean; status: number; error: string; description: string };

/** Access tokens live 7200 s (API-NOTES); the default when an answer omits expires_in. */
const CENTRY_TOKEN_SECONDS = 7200;

/** What the catalog source asks of Centry: read products and brands/categories, manage webhooks. */
// read_orders/write_orders: Jumpseller orders go to Centry (SPEC §10); earlier links must link again.
export const CENTRY_SCOPES = ['public', 'read_products', 'read_webhook', 'write_webhook', 'read_orders', 'write_orders'];

export function centryAuthorizeUrl(app: CentryAppCredentials, p: { redirectUri: string; state: string; scope?: string[] }): string {
  const u = new URL('/oauth/authorize', app.baseUrl);
  u.searchParams.set('client_id', app.clientId);
  u.searchParams.set('redirect_uri', p.redirectUri);
  u.searchParams.set('response_type', 'code');
  u.searchParams.set('scope', (p.scope ?? CENTRY_SCOPES).join(' '));
  u.searchParams.set('state', p.state);
  return u.toString();
}

async function tokenRequest(app: CentryAppCredentials, grant: Grant, now: Date): Promise<CentryTokenResult> {
  const a = await requestToken({
    url: new URL('/oauth/token', app.baseUrl).toString(), clientId: app.clientId, clientSecret: app.clientSecret,
    defaultExpiresInSeconds: CENTRY_TOKEN_SECONDS, dispatcher: app.dispatcher, retry: app.retry, sleep: app.sleep, random: app.random, now: () => now.getTime(),
  }, grant);
  switch (a.kind) {
    case 'granted':
      return { ok: true, tokens: { accessToken: a.accessToken, refreshToken: a.refreshToken, expiresAt: new Date(now.getTime() + a.expiresInSeconds * 1000), scope: a.scope } };
    case 'refused':
      return { ok: false, rejected: true, status: a.status, error: a.error ?? `http_${a.status}`, description: a.description ?? describe(a.body) };
    case 'unanswered':
      return { ok: false, rejected: false, status: 0, error: 'network_error', description: a.detail };
    case 'failed':
      return { ok: false, rejected: false, status: a.status, error: `http_${a.status}`, description: `${a.detail}: ${describe(a.body)}` };
  }
}

const describe = (body: unknown) => (typeof body === 'string' ? body : JSON.stringify(body) ?? '').slice(0, 200);

export function exchangeCentryCode(app: CentryAppCredentials, code: string, redirectUri: string, now = new Date()): Promise<CentryTokenResult> {
  return tokenRequest(app, { grant_type: 'authorization_code', code, redirect_uri: redirectUri }, now);
}

export function refreshCentryTokens(app: CentryAppCredentials, refreshToken: string, now = new Date()): Promise<CentryTokenResult> {
  return tokenRequest(app, { grant_type: 'refresh_token', refresh_token: refreshToken }, now);
}
