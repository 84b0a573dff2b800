// Jumpseller OAuth through @fastify/oauth2 (simple-oauth2 underneath): builds the authorize URL with
// our DB-backed signed state, and exchanges a code for tokens. Hosts come from config, so the app
// talks to the real accounts.jumpseller.com or to any stand-in unchanged.
import fp from 'fastify-plugin';
import oauth2, { type OAuth2Namespace } from '@fastify/oauth2';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ExchangeResult } from '../company/authorize-store.js';
import type { CompanyId, OAuthTokens } from '../company/model.js';
import type { OAuthStateRepository, StatePurpose } from '../company/oauth-state-repository.js';
import { newStateNonce, signState, STATE_TTL_MS } from '../security/oauth-state.js';
import { cookieAttributes } from './plugins/session.js';

/**
 * Only what the app uses (SPEC §2.1): products, categories (declared under both families), store info,
 * and hooks (the `product_deleted` webhook, src/company/store-hooks.ts).
 */
export const JUMPSELLER_SCOPES = [
  'read_products', 'write_products', 'read_categories', 'write_categories', 'read_store', 'write_store', 'read_hooks', 'write_hooks',
  // SPEC §10: orders reach Centry. A store authorized before this was added must "Reautorizar".
  'read_orders',
];
export const STATE_COOKIE = 'cj_oauth_state';
/** Expired states are kept this long (a late callback is told "expired", not "unknown"), then purged. */
export const STATE_KEPT_AFTER_EXPIRY_MS = 60 * 60 * 1000;
const PURGE_EVERY_MS = 60 * 1000;

export interface JumpsellerOAuthOptions {
  clientId: string;
  clientSecret: string;
  accountsUrl: string;
  callbackUrl: string;
  secure: boolean;
  stateSecret: string;
  states: OAuthStateRepository;
  now: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance { jumpsellerOAuth2: OAuth2Namespace; jumpsellerAuth: JumpsellerAuth }
  interface FastifyRequest { oauthPurpose?: { purpose: StatePurpose; companyId: CompanyId | null } }
}

/** @fastify/oauth2 exposes its simple-oauth2 client at runtime; its types omit it. */
type WithSimpleOAuth2 = OAuth2Namespace & { oauth2: { getToken(params: object): Promise<{ token: Record<string, unknown> }> } };

export interface JumpsellerAuth {
  /** Records a single-use state for this purpose and returns the URL of Jumpseller's consent screen. */
  authorizeUrl(req: FastifyRequest, reply: FastifyReply, purpose: StatePurpose, company: CompanyId | null): Promise<string>;
  exchangeCode(code: string): Promise<ExchangeResult>;
}

export const jumpsellerOAuthPlugin = fp<JumpsellerOAuthOptions>(async (app, opts) => {
  const accounts = new URL(opts.accountsUrl);
  // Every unauthenticated GET / adds a state row: the states that can no longer be used go as new
  // ones come (at most once a minute per process), so the table stays as small as ten minutes' traffic.
  let purgedAt = -Infinity;
  const purgeOld = async (now: number) => {
    if (now - purgedAt < PURGE_EVERY_MS) return;
    purgedAt = now;
    await opts.states.purgeExpired(new Date(now - STATE_KEPT_AFTER_EXPIRY_MS));
  };
  await app.register(oauth2, {
    name: 'jumpsellerOAuth2',
    scope: JUMPSELLER_SCOPES,
    credentials: {
      client: { id: opts.clientId, secret: opts.clientSecret },
      auth: {
        authorizeHost: accounts.origin, authorizePath: `${accounts.pathname.replace(/\/$/, '')}/oauth/authorize`,
        tokenHost: accounts.origin, tokenPath: `${accounts.pathname.replace(/\/$/, '')}/oauth/token`,
      },
      options: { authorizationMethod: 'body', bodyFormat: 'form' },
    },
    callbackUri: opts.callbackUrl,
    redirectStateCookieName: STATE_COOKIE,
    cookie: { ...cookieAttributes(opts), maxAge: STATE_TTL_MS / 1000 },
    generateStateFunction: async (req: FastifyRequest) => {
      const p = req.oauthPurpose ?? { purpose: 'install' as const, companyId: null };
      const nonce = newStateNonce();
      const now = opts.now().getTime();
      await opts.states.create(nonce, p.purpose, p.companyId, new Date(now + STATE_TTL_MS));
      await purgeOld(now);
      return signState(opts.stateSecret, nonce);
    },
    // The callback checks state itself (src/company/authorize-store.ts) and calls exchangeCode directly.
    checkStateFunction: async () => false,
  });

  const auth: JumpsellerAuth = {
    async authorizeUrl(req, reply, purpose, company) {
      req.oauthPurpose = { purpose, companyId: company };
      const url = new URL(await app.jumpsellerOAuth2.generateAuthorizationUri(req, reply));
      // Linking another store must let the owner pick it: ask for the consent screen even when this
      // browser's store already granted access (OIDC `prompt`; a provider that ignores it loses nothing).
      if (purpose === 'link') url.searchParams.set('prompt', 'consent');
      return url.toString();
    },
    async exchangeCode(code) {
      try {
        const token = await (app.jumpsellerOAuth2 as WithSimpleOAuth2).oauth2.getToken({ code, redirect_uri: opts.callbackUrl });
        const t = token.token as Record<string, unknown>;
        const tokens: OAuthTokens = {
          accessToken: String(t.access_token),
          refreshToken: String(t.refresh_token),
          expiresAt: new Date(opts.now().getTime() + Number(t.expires_in ?? 3600) * 1000),
          scope: typeof t.scope === 'string' ? t.scope : null,
        };
        return { ok: true, tokens };
      } catch (e) {
        const err = e as { output?: { statusCode?: number }; data?: { payload?: { error?: string } }; message?: string };
        const status = err.output?.statusCode;
        const oauthError = err.data?.payload?.error;
        // 4xx from the token endpoint: the code was refused (used, expired, wrong redirect…). Anything
        // else (network, 5xx) is a failure of the exchange itself, worth retrying from the admin.
        const rejected = status !== undefined && status >= 400 && status < 500;
        return { ok: false, rejected, detail: oauthError ?? err.message ?? 'token exchange failed' };
      }
    },
  };
  app.decorate('jumpsellerAuth', auth);
}, { name: 'jumpseller-oauth', dependencies: ['@fastify/cookie'] });
