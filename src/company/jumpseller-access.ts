// How the app reaches one store's API: a JumpsellerClient whose tokens come from the integrations
// table (decrypted here, refreshed under the row lock so one process refreshes at a time per store)
// and whose pacing is shared by every caller in this process for that store.
import type { Config } from '../config.js';
import { JumpsellerClient } from '../jumpseller/http-client.js';
import { createOAuthTokenEndpoint } from '../jumpseller/oauth-token-endpoint.js';
import { RateGovernorRegistry } from '../jumpseller/rate-governor.js';
import { createTokenProvider, TokenRefresher, type TokenLockPort } from '../jumpseller/token-refresher.js';
import type { CompanyRepository } from './company-repository.js';
import type { Integration } from './model.js';

/** The integrations table as the refresher's lock port (SELECT … FOR UPDATE on the integration row). */
export function integrationTokenLock(companies: CompanyRepository): TokenLockPort {
  return {
    withLockedTokens: (id, fn) =>
      companies.withLockedIntegration(id, async (tx, integration) => {
        const stored = integration.status === 'connected' ? await companies.readTokens(id, tx) : undefined;
        return fn({
          tokens: stored ? { accessToken: stored.accessToken, refreshToken: stored.refreshToken, expiresAt: stored.expiresAt.getTime() } : null,
          save: (t) => companies.saveTokens(id, { accessToken: t.accessToken, refreshToken: t.refreshToken, expiresAt: new Date(t.expiresAt) }, tx),
          markReauthorizationRequired: () => companies.setStatus(id, 'reauth_required', tx),
        });
      }),
  };
}

export interface JumpsellerAccess {
  clientFor(integration: Pick<Integration, 'id' | 'storeCode'>): JumpsellerClient;
  readonly refresher: TokenRefresher;
}

export function createJumpsellerAccess(
  config: Pick<Config, 'jumpseller'>,
  companies: CompanyRepository,
  opts: { governors?: RateGovernorRegistry } = {},
): JumpsellerAccess {
  const governors = opts.governors ?? new RateGovernorRegistry();
  const refresher = new TokenRefresher({
    lock: integrationTokenLock(companies),
    endpoint: createOAuthTokenEndpoint({ accountsUrl: config.jumpseller.accountsUrl, clientId: config.jumpseller.clientId, clientSecret: config.jumpseller.clientSecret }),
  });
  return {
    refresher,
    clientFor: (integration) =>
      new JumpsellerClient({
        baseUrl: config.jumpseller.apiUrl,
        tokens: createTokenProvider(refresher, integration.id),
        governor: governors.for(integration.storeCode),
      }),
  };
}
