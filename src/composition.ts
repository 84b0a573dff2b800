// The composition root (docs/adr/0018-composition-root.md): every repository, client and service of
// the app is built here, once per process, from config + database + clock. The web (src/app.ts), the
// worker and scheduler roles (src/jobs/sync-roles.ts) and the CLIs take what they need from it;
// nothing else constructs a repository from a database handle. Building holds nothing open: the
// database pool belongs to whoever opened it (the process shell, a CLI, or buildApp when it was
// handed no database).
import type { Config } from './config.js';
import type { Db } from './db/knex.js';
import { createCatalogLookup, type CatalogLookup } from './catalog/store/catalog-lookup.js';
import type { CatalogRepository } from './catalog/store/catalog-repository.js';
import { createCatalogReplacer, type CatalogReplacer } from './catalog/store/catalog-replacement.js';
import { createCatalogSourceRepository, type CatalogSourceRepository } from './catalog/store/catalog-source-repository.js';
import type { CentryAppCredentials } from './catalog/centry/centry-oauth.js';
import type { CentrySourceDeps } from './catalog/centry/centry-source.js';
import { centryCredentials, centrySourceDeps } from './catalog/centry/centry-wiring.js';
import type { CompanyRepository } from './company/company-repository.js';
import type { CompanyId, IntegrationId } from './company/model.js';
import type { JumpsellerAccess } from './company/jumpseller-access.js';
import { createOAuthStateRepository, type OAuthStateRepository } from './company/oauth-state-repository.js';
import { createSessionRepository, type SessionRepository } from './company/session-repository.js';
import type { SyncJobs } from './jobs/queue.js';
import { requestCompanySync, requestSync, type SyncRequestResult } from './jobs/sync-requests.js';
import { createSyncServices, type SyncServices } from './jobs/sync-services.js';
import { createOrderServices, type OrderServices } from './orders/order-services.js';
import type { MappingRepository } from './publishing/storage/mapping-repository.js';
import type { RunTrigger } from './publishing/run-model.js';
import type { RunRepository } from './publishing/storage/run-repository.js';
import { createTokenCipher, type TokenCipher } from './security/token-crypto.js';
import type { SettingsRepository } from './settings/settings-repository.js';

export interface AppServices {
  config: Config;
  now(): Date;
  cipher: TokenCipher;
  companies: CompanyRepository;
  states: OAuthStateRepository;
  sessions: SessionRepository;
  catalog: CatalogRepository;
  sources: CatalogSourceRepository;
  replacer: CatalogReplacer;
  lookup: CatalogLookup;
  settings: SettingsRepository;
  mappings: MappingRepository;
  runs: RunRepository;
  /** The Centry application's credentials; null when none is configured (no Centry link offered). */
  centryCredentials: CentryAppCredentials | null;
  /** The Centry source (link, pulls, webhooks); null when no Centry application is configured. */
  centry: CentrySourceDeps | null;
  /** What a sync run needs (the worker executes with these; the scheduler claims slots with them). */
  sync: SyncServices;
  /** SPEC §10: orders' repositories, Centry gate and Jumpseller access. */
  orders: OrderServices;
}

export interface ComposeOptions {
  now?: () => Date;
  /** One store's API access shared by sync and orders (tests pass a faster one). */
  access?: JumpsellerAccess;
}

export function composeServices(config: Config, db: Db, opts: ComposeOptions = {}): AppServices {
  const now = opts.now ?? (() => new Date());
  const cipher = createTokenCipher(config.encryptionKeys);
  const sync = createSyncServices(config, db, { now, access: opts.access });
  const sources = createCatalogSourceRepository(db);
  const replacer = createCatalogReplacer(db);
  return {
    config, now, cipher,
    companies: sync.companies,
    states: createOAuthStateRepository(db),
    sessions: createSessionRepository(db),
    catalog: sync.catalog, sources, replacer,
    lookup: createCatalogLookup(db),
    settings: sync.settings,
    mappings: sync.mappings,
    runs: sync.runs,
    centryCredentials: centryCredentials(config),
    centry: centrySourceDeps(config, { catalog: sync.catalog, sources, replacer, cipher, now }),
    sync,
    orders: createOrderServices(config, db, { now, access: sync.access, shared: { cipher, companies: sync.companies, sources, settings: sync.settings } }),
  };
}

/** "Start a sync" as every caller asks for it (src/jobs/sync-requests.ts), bound to this process's queue. */
export interface SyncRequests {
  requestSync(integration: IntegrationId, trigger: RunTrigger, productIds?: readonly string[] | null): Promise<SyncRequestResult>;
  /** A targeted run for each connected store of the company (catalog products changed). */
  requestCompanySync(company: CompanyId, productIds: readonly string[]): Promise<SyncRequestResult[]>;
}

export function syncRequests(
  services: Pick<AppServices, 'runs' | 'companies'>, jobs: SyncJobs | undefined, log: { error(obj: object, msg: string): void },
): SyncRequests {
  const deps = { runs: services.runs, companies: services.companies, jobs, log };
  return {
    requestSync: (integration, trigger, productIds = null) => requestSync(deps, integration, trigger, productIds),
    requestCompanySync: (company, productIds) => requestCompanySync(deps, company, productIds),
  };
}
