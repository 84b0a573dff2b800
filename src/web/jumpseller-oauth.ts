// Jumpseller OAuth for the install/login and link flows: the consent-screen redirect (RFC 6749 §4.1.1)
// with our DB-backed signed state, bound to this browser by a cookie, and the code exchange through
// the one Jumpseller token client (src/jumpseller/oauth-token-endpoint.ts). The callback checks the
// state itself (src/company/authorize-store.ts). Hosts come from config, so the app talks to the real
// accounts.jumpseller.com or to any stand-in unchanged. No OAuth library: docs/adr/0019.
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ExchangeResult } from '../company/authorize-store.js';
import type { CompanyId } from '../company/model.js';
import type { OAuthStateRepository, StatePurpose } from '../company/oauth-state-repository.js';
import { createOAuthTokenEndpoint } from '../jumpseller/oauth-token-endpoint.js';
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
  interface FastifyInstance { jumpsellerAuth: JumpsellerAuth }
}

export interface JumpsellerAuth {
  /** Records a single-use state for this purpose, sets the state cookie and returns the URL of Jumpseller's consent screen. */
  authorizeUrl(req: FastifyRequest, reply: FastifyReply, purpose: StatePurpose, company: CompanyId | null): Promise<string>;
  exchangeCode(code: string): Promise<ExchangeResult>;
}

export const jumpsellerOAuthPlugin = fp<JumpsellerOAuthOptions>(async (app, opts) => {
  const authorizeEndpoint = `${opts.accountsUrl.replace(/\/+$/, '')}/oauth/authorize`;
  const tokens = createOAuthTokenEndpoint({ accountsUrl: opts.accountsUrl, clientId: opts.clientId, clientSecret: opts.clientSecret });
  // Every unauthenticated GET / adds a state row: the states that can no longer be used go as new
  // ones come (at most once a minute per process), so the table stays as small as ten minutes' traffic.
  let purgedAt = -Infinity;
  const purgeOld = async (now: number) => {
    if (now - purgedAt < PURGE_EVERY_MS) return;
    purgedAt = now;
    await opts.states.purgeExpired(new Date(now - STATE_KEPT_AFTER_EXPIRY_MS));
  };

  const auth: JumpsellerAuth = {
    async authorizeUrl(_req, reply, purpose, company) {
      const nonce = newStateNonce();
      const now = opts.now().getTime();
      await opts.states.create(nonce, purpose, company, new Date(now + STATE_TTL_MS));
      await purgeOld(now);
      const state = signState(opts.stateSecret, nonce);
      // The cookie binds the flow to this browser (RFC 6749 §10.12); the callback compares it with the
      // query's state and clears it. Same attributes as the session cookie (SameSite=None in the iframe).
      reply.setCookie(STATE_COOKIE, state, { ...cookieAttributes(opts), maxAge: STATE_TTL_MS / 1000 });
      const url = new URL(authorizeEndpoint);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', opts.clientId);
      url.searchParams.set('redirect_uri', opts.callbackUrl);
      url.searchParams.set('scope', JUMPSELLER_SCOPES.join(' '));
      url.searchParams.set('state', state);
      // Linking another store must let the owner pick it: ask for the consent screen even when this
      // browser's store already granted access (OIDC `prompt`; a provider that ignores it loses nothing).
      if (purpose === 'link') url.searchParams.set('prompt', 'consent');
      return url.toString();
    },
    exchangeCode: (code) => tokens.exchangeCode(code, opts.callbackUrl, opts.now()),
  };
  app.decorate('jumpsellerAuth', auth);
}, { name: 'jumpseller-oauth', dependencies: ['@fastify/cookie'] });
