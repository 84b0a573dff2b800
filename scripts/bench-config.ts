// The configuration a benchmark runs the app's services with: parsed from environment variables by
// the app's own schema (src/config.ts), never a hand-made partial object — so a benchmark cannot
// drift from what the app needs (a partial one broke bench-sync once the composition root read
// `config.centry`).
import { randomBytes } from 'node:crypto';
import { parseEnv, productionConfig, type Config, type ProductionEnv } from '../src/config.js';

export interface BenchConfigInput {
  databaseUrl: string;
  jumpseller: { apiUrl: string; accountsUrl: string; clientId: string; clientSecret: string };
  centry?: { url: string; clientId: string; clientSecret: string };
  /** 32 bytes; a fresh one when absent. */
  encryptionKey?: Buffer;
  appUrl?: string;
}

export function benchConfig(o: BenchConfigInput): Config {
  const env = parseEnv({
    APP_MODE: 'production', LOG_LEVEL: 'silent', APP_URL: o.appUrl ?? 'http://127.0.0.1:9', DATABASE_URL: o.databaseUrl,
    JUMPSELLER_API_URL: o.jumpseller.apiUrl, JUMPSELLER_ACCOUNTS_URL: o.jumpseller.accountsUrl,
    JUMPSELLER_CLIENT_ID: o.jumpseller.clientId, JUMPSELLER_CLIENT_SECRET: o.jumpseller.clientSecret,
    CENTRY_URL: o.centry?.url, CENTRY_CLIENT_ID: o.centry?.clientId, CENTRY_CLIENT_SECRET: o.centry?.clientSecret,
    ENCRYPTION_KEY: `bench:${(o.encryptionKey ?? randomBytes(32)).toString('base64')}`, SESSION_SECRET: randomBytes(32).toString('hex'),
  });
  return productionConfig(env as ProductionEnv);
}
