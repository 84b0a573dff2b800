// Everything `npm start` needs on this machine: embedded PostgreSQL under DATA_DIR and the Jumpseller
// sandbox (accounts + admin + API v1) with the app registered and a few demo stores.
import path from 'node:path';
import type { Config } from '../config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded-postgres.js';
import { startJumpsellerSandbox, type JumpsellerSandbox } from '../sandbox/jumpseller/sandbox.js';

export const DEMO_STORES = [
  { code: 'tienda-demo', name: 'Tienda Demo', currency: 'CLP' },
  { code: 'tienda-dos', name: 'Tienda Dos', currency: 'CLP' },
  { code: 'outlet-usd', name: 'Outlet USD', currency: 'USD', country: 'US' },
];

export async function startLocalDatabase(dataDir: string, port = 54329): Promise<EmbeddedDatabase> {
  return startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port });
}

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
