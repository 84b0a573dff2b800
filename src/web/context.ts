// What routes need, built once per app by the composition root (src/composition.ts): repositories,
// clients, services and the one way to ask for a sync. Routes never construct these, and get no
// database handle to construct them from.
import type { AppServices, SyncRequests } from '../composition.js';
import type { StoreInfoResult } from '../company/authorize-store.js';
import type { CompanyId, Integration, StoreCode } from '../company/model.js';

/** A block on Mi Empresa: the partial to render and its data, or undefined to show nothing. */
export type CompanySection = (company: CompanyId) => Promise<{ partial: string; data: Record<string, unknown> } | undefined>;

export interface WebContext extends AppServices, SyncRequests {
  fetchStoreInfo(accessToken: string): Promise<StoreInfoResult>;
  /** The store's admin page for this app (where a merchant opens it). */
  storeAdminUrl(store: StoreCode): string;
  /** Extra blocks of Mi Empresa (catalog summary, Sincronizar…), each rendered from a partial. */
  companySections: CompanySection[];
  /** Called once, after a first install created the company (local mode: the demo catalog). */
  onCompanyCreated?: (company: CompanyId) => Promise<void>;
  /** Called after a store is linked or reauthorized (orders: the cut-off). Failures are logged, never shown. */
  onStoreLinked?: (integration: Integration) => Promise<void>;
  secure: boolean;
}
