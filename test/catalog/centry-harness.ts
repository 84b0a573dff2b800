// A company, the Centry sandbox and the Centry source's dependencies wired as in production
// (tokens encrypted in catalog_sources), shared by the Centry source and reconciliation tests.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/knex.js';
import { createCatalogRepository } from '../../src/catalog/store/catalog-repository.js';
import { createCatalogSourceRepository } from '../../src/catalog/store/catalog-source-repository.js';
import { createCatalogReplacer } from '../../src/catalog/store/catalog-replacement.js';
import { createCentryClient } from '../../src/catalog/centry/centry-client.js';
import { exchangeCentryCode, type CentryTokens } from '../../src/catalog/centry/centry-oauth.js';
import { centryTokenStore, type CentrySourceDeps } from '../../src/catalog/centry/centry-source.js';
import { startCentrySandbox } from '../../src/sandbox/centry/centry-sandbox.js';
import { createTokenCipher } from '../../src/security/token-crypto.js';
import { createCompany } from './fixtures.js';

export const CENTRY_APP = { clientId: 'centry-test-app', clientSecret: 'centry-test-secret', redirectUris: ['http://app.test/centry/callback'] };

interface Teardown { teardown(fn: () => Promise<void> | void): void }

export async function openCentryHarness(t: Teardown, db: Db, demo: { size: number; seed: number }) {
  const sandbox = await startCentrySandbox({
    apps: [CENTRY_APP], demo: { ...demo, imageBaseUrl: 'http://img.test/_sandbox/images', now: new Date('2025-03-01T00:00:00Z') },
  });
  t.teardown(() => sandbox.close());
  const creds = { baseUrl: sandbox.url, clientId: CENTRY_APP.clientId, clientSecret: CENTRY_APP.clientSecret };
  const cipher = createTokenCipher([{ id: 'k1', key: randomBytes(32) }]);
  const catalog = createCatalogRepository(db);
  const sources = createCatalogSourceRepository(db);
  const company = await createCompany(db);
  const deps: CentrySourceDeps = {
    catalog, sources, replacer: createCatalogReplacer(db),
    client: (c) => createCentryClient({ ...creds, tokens: centryTokenStore(sources, cipher, c), sleep: async () => {} }),
  };
  /** Stores tokens as linking Centry from Mi Empresa does. */
  const link = async (tokens: CentryTokens) => sources.linkCentry(company, {
    accessTokenEnc: cipher.encrypt(tokens.accessToken), refreshTokenEnc: cipher.encrypt(tokens.refreshToken), expiresAt: tokens.expiresAt, scope: tokens.scope,
  }, 'sha-of-secret');
  /** Links without the consent screen: a code issued by the sandbox, exchanged for real. */
  const linkDirectly = async () => {
    const code = sandbox.oauth.issueCode(CENTRY_APP.clientId, CENTRY_APP.redirectUris[0]!, 'public read_products')!;
    const r = await exchangeCentryCode(creds, code, CENTRY_APP.redirectUris[0]!);
    if (!r.ok) throw new Error(r.description);
    await link(r.tokens);
  };
  return { sandbox, creds, cipher, catalog, sources, company, deps, link, linkDirectly };
}
