// What routes need, built once per app: repositories and ports. Routes never construct these.
import type { Config } from '../config.js';
import type { Db } from '../db/knex.js';
import type { CompanyRepository } from '../company/company-repository.js';
import type { OAuthStateRepository } from '../company/oauth-state-repository.js';
import type { SessionRepository } from '../company/session-repository.js';
import type { StoreInfoResult } from '../company/authorize-store.js';
import type { Integration, StoreCode } from '../company/model.js';

import type { CompanyId } from '../company/model.js';

/** A block on Mi Empresa: the partial to render and its data, or undefined to show nothing. */
export type CompanySection = (company: CompanyId) => Promise<{ partial: string; data: Record<string, unknown> } | undefined>;

export interface WebContext {
  config: Config;
  db: Db;
  companies: CompanyRepository;
  states: OAuthStateRepository;
  sessions: SessionRepository;
  fetchStoreInfo(accessToken: string): Promise<StoreInfoResult>;
  /** The store's admin page for this app (where a merchant opens it). */
  storeAdminUrl(store: StoreCode): string;
  /** Extra blocks of Mi Empresa (catalog summary, Sincronizar…), each rendered from a partial. */
  companySections: CompanySection[];
  /** Catalog products of a company changed outside a sync (a Centry webhook): targeted runs. */
  onCatalogChanged?: (company: CompanyId, productIds: readonly string[]) => Promise<void>;
  /** Called once, after a first install created the company (local mode: the demo catalog). */
  onCompanyCreated?: (company: CompanyId) => Promise<void>;
  /** Called after a store is linked or reauthorized (orders: the cut-off). Failures are logged, never shown. */
  onStoreLinked?: (integration: Integration) => Promise<void>;
  secure: boolean;
  now(): Date;
}
