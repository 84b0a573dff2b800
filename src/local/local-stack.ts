// Everything `npm start` needs on this machine: embedded PostgreSQL under DATA_DIR, the Jumpseller
// sandbox (accounts + admin + API v1) with the app registered and a few demo stores, the Centry
// sandbox, and the demo catalog for every company created by a first install.
import type { Config } from '../config.js';
import type { CompanyId } from '../company/model.js';
import type { AppServices } from '../composition.js';
import { seedDemoCatalog } from '../catalog/demo/demo-catalog.js';
import { startLocalCentry } from '../sandbox/centry/local-centry.js';
import { startJumpsellerSandbox, type JumpsellerSandbox } from '../sandbox/jumpseller/sandbox.js';

export const DEMO_STORES = [
  { code: 'tienda-demo', name: 'Tienda Demo', currency: 'CLP' },
  { code: 'tienda-dos', name: 'Tienda Dos', currency: 'CLP' },
  { code: 'outlet-usd', name: 'Outlet USD', currency: 'USD', country: 'US' },
];

export async function startLocalJumpseller(config: Config): Promise<JumpsellerSandbox> {
  return startJumpsellerSandbox({
    port: config.local?.sandboxPort ?? 0,
    apps: [{
      clientId: config.jumpseller.clientId, clientSecret: config.jumpseller.clientSecret, handle: config.jumpseller.appHandle,
      name: 'Centry', appUrl: `${config.appUrl}/`, redirectUris: [`${config.appUrl}/auth/callback`],
    }],
    stores: DEMO_STORES,
  });
}

export interface LocalStack {
  /** What to print at start: where to click. */
  lines: string[];
  /** A company's first install gets the demo catalog, so §2 can be walked at once. */
  onCompanyCreated(company: CompanyId): Promise<void>;
  close(): Promise<void>;
}

/** The sandboxes and the demo catalog (the database is started before, by the caller). */
export async function startLocalStack(config: Config, services: Pick<AppServices, 'catalog' | 'sources'>): Promise<LocalStack> {
  const jumpseller = await startLocalJumpseller(config);
  const imageBaseUrl = `${jumpseller.url}/_sandbox/images`;
  const centry = await startLocalCentry(config, { imageBaseUrl });
  const deps = { catalog: services.catalog, sources: services.sources };
  return {
    lines: [
      `Jumpseller sandbox:  ${jumpseller.url}`,
      `Centry sandbox:      ${centry.url}`,
      `Abrir la app desde el admin de la tienda: ${jumpseller.url}/admin/cl/apps/app/${config.jumpseller.appHandle}?store=tienda-demo`,
    ],
    async onCompanyCreated(company) {
      await seedDemoCatalog(deps, { companyId: company, size: config.local?.demoCatalogSize ?? 500, imageBaseUrl, now: new Date() });
    },
    async close() {
      await centry.close();
      await jumpseller.close();
    },
  };
}
