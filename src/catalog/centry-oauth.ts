// Centry OAuth 2 (../shared/centry/API-NOTES.md "OAuth 2"): authorize URL, code exchange, refresh.
// Access tokens live 7200 s and every refresh returns a new refresh token (the old one dies).
import { request, type Dispatcher } from 'undici';

export interface CentryAppCredentials {
  /** CENTRY_URL: https://www.centry.cl, or the local sandbox. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  dispatcher?: Dispatcher;
}

export interface CentryTokens { accessToken: string; refreshToken: string; expiresAt: Date; scope: string | null }

export type CentryTokenResult =
  | { ok: true; tokens: CentryTokens }
  /** `invalid_grant` means the grant is gone (used, expired or revoked): the company must link again. */
  | { ok: false; status: number; error: string; description: string };

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

async function tokenRequest(app: CentryAppCredentials, grant: Record<string, string>, now: Date): Promise<CentryTokenResult> {
  let res: Dispatcher.ResponseData;
  try {
    res = await request(new URL('/oauth/token', app.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ ...grant, client_id: app.clientId, client_secret: app.clientSecret }),
      dispatcher: app.dispatcher,
      headersTimeout: 15_000,
      bodyTimeout: 15_000,
    });
  } catch (e) {
    return { ok: false, status: 0, error: 'network_error', description: (e as Error).message };
  }
  const text = await res.body.text();
  let body: Record<string, unknown> = {};
  try { body = JSON.parse(text) as Record<string, unknown>; } catch { /* not JSON: described below */ }
  if (res.statusCode !== 200 || typeof body.access_token !== 'string' || typeof body.refresh_token !== 'string') {
    return {
      ok: false, status: res.statusCode, error: typeof body.error === 'string' ? body.error : `http_${res.statusCode}`,
      description: typeof body.error_description === 'string' ? body.error_description : text.slice(0, 200),
    };
  }
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 7200;
  return {
    ok: true,
    tokens: {
      accessToken: body.access_token, refreshToken: body.refresh_token,
      // expires_in is in seconds (RFC 6749 §5.1).
      expiresAt: new Date(now.getTime() + expiresIn * 1000), scope: typeof body.scope === 'string' ? body.scope : null,
    },
  };
}

export function exchangeCentryCode(app: CentryAppCredentials, code: string, redirectUri: string, now = new Date()): Promise<CentryTokenResult> {
  return tokenRequest(app, { grant_type: 'authorization_code', code, redirect_uri: redirectUri }, now);
}

export function refreshCentryTokens(app: CentryAppCredentials, refreshToken: string, now = new Date()): Promise<CentryTokenResult> {
  return tokenRequest(app, { grant_type: 'refresh_token', refresh_token: refreshToken }, now);
}
