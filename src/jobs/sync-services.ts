// The composition root of synchronization: repositories and the Jumpseller access a run needs,
// built once per process from config and the database (web enqueues, worker executes, CLI both).
import type { Config } from '../config.js';
import type { Db } from '../db/knex.js';
import { createCatalogRepository, type CatalogRepository } from '../catalog/store/catalog-repository.js';
import { createCompanyRepository, type CompanyRepository } from '../company/company-repository.js';
import { createJumpsellerAccess, type JumpsellerAccess } from '../company/jumpseller-access.js';
import { createStoreHookRepository, type StoreHookRepository } from '../company/store-hook-repository.js';
import { JUMPSELLER_WEBHOOK_PATH } from '../company/store-hooks.js';
import { createMappingRepository, type MappingRepository } from '../publishing/storage/mapping-repository.js';
import { createRunRepository, type RunRepository } from '../publishing/storage/run-repository.js';
import { createTokenCipher } from '../security/token-crypto.js';
import { createSettingsRepository, type SettingsRepository } from '../settings/settings-repository.js';
import { createOrderRepository } from '../orders/order-repository.js';
import { HOLD_AFTER_ACCEPT_MS, stockHolds, type StockHolds } from '../orders/stock-guard.js';
import type { IntegrationId } from '../company/model.js';
import { createScheduleRepository, type ScheduleRepository } from './schedule-repository.js';

export interface SyncServices {
  runs: RunRepository;
  mappings: MappingRepository;
  catalog: CatalogRepository;
  companies: CompanyRepository;
  settings: SettingsRepository;
  access: JumpsellerAccess;
  hooks: StoreHookRepository;
  /** The scheduler's reads and slot claims. */
  schedule: ScheduleRepository;
  /** Where each store is asked to deliver its webhooks (`${APP_URL}/webhooks/jumpseller`); null = register none. */
  webhookUrl: string | null;
  /** Units held back by this store's orders Centry has not accepted yet (SPEC §10 "Stock guard"). */
  stockHolds?(integration: IntegrationId): Promise<StockHolds>;
  now(): Date;
}

export function createSyncServices(config: Config, db: Db, opts: { access?: JumpsellerAccess; now?: () => Date } = {}): SyncServices {
  const companies = createCompanyRepository(db, createTokenCipher(config.encryptionKeys));
  const orders = createOrderRepository(db);
  const now = opts.now ?? (() => new Date());
  return {
    runs: createRunRepository(db),
    mappings: createMappingRepository(db),
    catalog: createCatalogRepository(db),
    companies,
    settings: createSettingsRepository(db),
    access: opts.access ?? createJumpsellerAccess(config, companies),
    hooks: createStoreHookRepository(db),
    schedule: createScheduleRepository(db),
    webhookUrl: config.appUrl ? `${config.appUrl}${JUMPSELLER_WEBHOOK_PATH}` : null,
    stockHolds: async (integration) => stockHolds(await orders.holdCandidates(integration, new Date(now().getTime() - HOLD_AFTER_ACCEPT_MS)), now()),
    now,
  };
}
