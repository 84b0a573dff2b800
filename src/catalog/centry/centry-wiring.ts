// The Centry source's dependencies, built in one place for the web (link, on-demand pull, webhooks)
// and the scheduler (periodic delta pulls). Null when no Centry application is configured.
import type { Config } from '../../config.js';
import type { Db } from '../../db/knex.js';
import { createTokenCipher, type TokenCipher } from '../../security/token-crypto.js';
import { createCatalogRepository } from '../store/catalog-repository.js';
import { createCatalogSourceRepository } from '../store/catalog-source-repository.js';
import { createCatalogReplacer } from '../store/catalog-replacement.js';
import { createCentryClient } from './centry-client.js';
import type { CentryAppCredentials } from './centry-oauth.js';
import { centryTokenStore, type CentrySourceDeps } from './centry-source.js';

export function centryCredentials(config: Pick<Config, 'centry'>): CentryAppCredentials | null {
  const { clientId, clientSecret, url } = config.centry;
  return clientId && clientSecret ? { baseUrl: url, clientId, clientSecret } : null;
}

export function createCentrySourceDeps(config: Pick<Config, 'centry' | 'encryptionKeys'>, db: Db, now: () => Date = () => new Date()): CentrySourceDeps | null {
  return centrySourceDeps(config, {
    catalog: createCatalogRepository(db), sources: createCatalogSourceRepository(db), replacer: createCatalogReplacer(db),
    cipher: createTokenCipher(config.encryptionKeys), now,
  });
}

/** The same from repositories already built (the composition root, src/composition.ts). */
export function centrySourceDeps(
  config: Pick<Config, 'centry'>, parts: Pick<CentrySourceDeps, 'catalog' | 'sources' | 'replacer'> & { cipher: TokenCipher; now: () => Date },
): CentrySourceDeps | null {
  const creds = centryCredentials(config);
  if (!creds) return null;
  const { catalog, sources, replacer, cipher, now } = parts;
  return {
    catalog, sources, now, replacer,
    client: (companyId) => createCentryClient({ ...creds, tokens: centryTokenStore(sources, cipher, companyId), now }),
  };
}
