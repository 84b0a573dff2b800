// The composition root of orders (SPEC §10): repositories, the store's Jumpseller access, the
// company's Centry client and the gate that says whether a store's orders go to Centry now.
// Built once per process (web for the intake and the block, worker for the jobs, scheduler for the poll).
import type { Config } from '../config.js';
import type { Db } from '../db/knex.js';
import { createCatalogSourceRepository, type CatalogSourceRepository } from '../catalog/store/catalog-source-repository.js';
import { createCentryClient } from '../catalog/centry/centry-client.js';
import { centryTokenStore } from '../catalog/centry/centry-source.js';
import { centryCredentials } from '../catalog/centry/centry-wiring.js';
import { createCompanyRepository, type CompanyRepository } from '../company/company-repository.js';
import { createJumpsellerAccess, type JumpsellerAccess } from '../company/jumpseller-access.js';
import { createStoreHookRepository, type StoreHookRepository } from '../company/store-hook-repository.js';
import { grants } from '../company/store-hooks.js';
import { createTokenCipher, type TokenCipher } from '../security/token-crypto.js';
import { createSettingsRepository, type SettingsRepository } from '../settings/settings-repository.js';
import { createOrderLineMatcher } from './order-lines.js';
import { createOrderRepository } from './order-repository.js';
import type { CentryOrders, OrderSyncDeps, SendingGate } from './order-sender.js';

export const CENTRY_ORDER_SCOPES = ['read_orders', 'write_orders'];

export interface OrderServices extends OrderSyncDeps {
  companies: CompanyRepository;
  settings: SettingsRepository;
  hooks: StoreHookRepository;
  access: JumpsellerAccess;
  /** Where stores deliver order webhooks (`${APP_URL}/webhooks/jumpseller/orders`); null = none registered. */
  webhookUrl: string | null;
}

export const ORDER_WEBHOOK_PATH = '/webhooks/jumpseller/orders';

/** "Enviar pedidos a Centry" (Editar), on unless the merchant turned it off. */
export async function sendOrdersSetting(settings: SettingsRepository, integration: Parameters<SettingsRepository['get']>[0]): Promise<boolean> {
  return (await settings.get(integration)).settings.sendOrders;
}

/** Repositories the composition root (src/composition.ts) already built: shared, not built again. */
export interface SharedRepositories {
  cipher: TokenCipher; companies: CompanyRepository; sources: CatalogSourceRepository; settings: SettingsRepository;
}

export function createOrderServices(
  config: Config, db: Db,
  opts: { access?: JumpsellerAccess; now?: () => Date; centry?: (companyId: number) => CentryOrders; shared?: SharedRepositories } = {},
): OrderServices {
  const cipher = opts.shared?.cipher ?? createTokenCipher(config.encryptionKeys);
  const companies = opts.shared?.companies ?? createCompanyRepository(db, cipher);
  const sources = opts.shared?.sources ?? createCatalogSourceRepository(db);
  const settings = opts.shared?.settings ?? createSettingsRepository(db);
  const access = opts.access ?? createJumpsellerAccess(config, companies);
  const now = opts.now ?? (() => new Date());
  const creds = centryCredentials(config);
  const centry = opts.centry ?? (creds ? (companyId: number) => createCentryClient({ ...creds, tokens: centryTokenStore(sources, cipher, companyId), now }) : null);

  const gate = async (integration: { id: Parameters<SettingsRepository['get']>[0]; companyId: number }): Promise<SendingGate> => {
    if (!(await sendOrdersSetting(settings, integration.id))) return { ok: false, reason: '"Enviar pedidos a Centry" está desactivado' };
    const source = await sources.get(integration.companyId);
    if (!centry || source?.kind !== 'centry') return { ok: false, reason: 'Vincula tu cuenta de Centry para enviar pedidos' };
    if (source.status === 'reauth_required') return { ok: false, reason: 'Centry rechazó la autorización: vuelve a vincular Centry' };
    if (!CENTRY_ORDER_SCOPES.every((s) => grants(source.centryScope, s))) return { ok: false, reason: 'Centry debe "Reautorizar" para enviar pedidos (permisos read_orders y write_orders)' };
    return { ok: true, centry: centry(integration.companyId) };
  };

  return {
    orders: createOrderRepository(db),
    lines: createOrderLineMatcher(db),
    jumpseller: (integration) => access.clientFor(integration),
    gate, companies, settings, access, now,
    hooks: createStoreHookRepository(db),
    webhookUrl: config.appUrl ? `${config.appUrl}${ORDER_WEBHOOK_PATH}` : null,
  };
}
