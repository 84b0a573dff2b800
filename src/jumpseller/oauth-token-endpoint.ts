// The accounts token endpoint for refreshes: `POST {accountsUrl}/oauth/token`, form-encoded
// (RFC 6749 §6), client credentials in the body (../shared/jumpseller/API-NOTES.md "OAuth 2").
// Expected refusals (`invalid_grant`, `invalid_client`) are values; an unreachable or failing
// accounts server throws, so the refresher can keep using a still-valid token.
import { request, type Dispatcher } from 'undici';
import { z } from 'zod';
import { JumpsellerApiError, NetworkError } from './errors.js';
import type { TokenEndpoint, TokenGrant } from './token-refresher.js';

export interface OAuthTokenEndpointOptions {
  /** e.g. https://accounts.jumpseller.com (config JUMPSELLER_ACCOUNTS_URL). */
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  dispatcher?: Dispatcher;
}

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive().default(3600),
});
const errorAnswer = z.object({ error: z.string(), error_description: z.string().optional() });

export function createOAuthTokenEndpoint(opts: OAuthTokenEndpointOptions): TokenEndpoint {
  const url = `${opts.accountsUrl.replace(/\/+$/, '')}/oauth/token`;
  return {
    async refresh(refreshToken: string): Promise<TokenGrant> {
      const form = new URLSearchParams({
        grant_type: 'refresh_token', client_id: opts.clientId, client_secret: opts.clientSecret, refresh_token: refreshToken,
      });
      let status: number;
      let text: string;
      try {
        const r = await request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
          headersTimeout: opts.timeoutMs ?? 15_000,
          bodyTimeout: opts.timeoutMs ?? 15_000,
          dispatcher: opts.dispatcher,
        });
        status = r.statusCode;
        text = await r.body.text();
      } catch (err) {
        throw new NetworkError((err as { code?: string }).code ?? 'UNKNOWN', (err as Error).message, err);
      }
      const json = safeJson(text);
      if (status >= 200 && status < 300) {
        const ok = tokenAnswer.safeParse(json);
        if (ok.success) return { ok: true, accessToken: ok.data.access_token, refreshToken: ok.data.refresh_token, expiresInSeconds: ok.data.expires_in };
        throw new JumpsellerApiError(status, 'token answer without access_token/refresh_token', json, 'POST', '/oauth/token');
      }
      const refusal = errorAnswer.safeParse(json);
      if (status < 500 && refusal.success) return { ok: false, error: refusal.data.error, description: refusal.data.error_description, status };
      throw new JumpsellerApiError(status, 'token refresh failed', json, 'POST', '/oauth/token');
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
