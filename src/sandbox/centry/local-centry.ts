// `npm start` in local mode: the Centry stand-in on CENTRY_SANDBOX_PORT, with the app registered
// (the Centry link on Mi Empresa comes back to /catalogo/centry/callback) and the demo catalog as
// the company's Centry data, its images served by the local Jumpseller sandbox.
import type { Config } from '../../config.js';
import { startCentrySandbox, type CentrySandbox } from './centry-sandbox.js';

export async function startLocalCentry(config: Config, opts: { imageBaseUrl: string; now?: Date }): Promise<CentrySandbox> {
  const { clientId, clientSecret, url } = config.centry;
  if (!clientId || !clientSecret) throw new Error('local Centry sandbox: config.centry has no client id/secret');
  return startCentrySandbox({
    port: config.local?.centrySandboxPort ?? Number(new URL(url).port || 0),
    apps: [{ clientId, clientSecret, redirectUris: [`${config.appUrl}/catalogo/centry/callback`] }],
    demo: { size: config.local?.demoCatalogSize ?? 500, seed: 7, imageBaseUrl: opts.imageBaseUrl, now: opts.now ?? new Date() },
  });
}
