// Local mode (SPEC §8): no configuration needed. Secrets are generated once and kept under DATA_DIR
// (so tokens encrypted yesterday still decrypt today); Jumpseller and Centry point at the sandboxes.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config, LocalEnv } from '../config.js';

export const LOCAL_JUMPSELLER_CLIENT = { id: 'centry-desarrollo-local', secret: 'local-sandbox-secret' };
export const LOCAL_CENTRY_CLIENT = { id: 'centry-local-app', secret: 'centry-local-secret' };

interface LocalSecrets { encryptionKey: string; sessionSecret: string }

async function localSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.join(dataDir, 'local-secrets.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as LocalSecrets;
  const secrets = { encryptionKey: randomBytes(32).toString('base64'), sessionSecret: randomBytes(32).toString('base64url') };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Explicit variables win over local defaults, so local mode can also point at another stand-in. */
export async function resolveLocalConfig(e: LocalEnv, env: Record<string, string | undefined>, databaseUrl: string): Promise<Config> {
  const secrets = await localSecrets(e.DATA_DIR);
  const given = (name: string) => env[name] !== undefined && env[name] !== '';
  const sandbox = `http://localhost:${e.SANDBOX_PORT}`;
  const appUrl = e.APP_URL ?? `http://localhost:${e.PORT}`;
  return {
    mode: 'local',
    host: e.HOST,
    port: e.PORT,
    appUrl,
    databaseUrl,
    databasePoolMax: e.DATABASE_POOL_MAX,
    dataDir: e.DATA_DIR,
    jumpseller: {
      clientId: e.JUMPSELLER_CLIENT_ID ?? LOCAL_JUMPSELLER_CLIENT.id,
      clientSecret: e.JUMPSELLER_CLIENT_SECRET ?? LOCAL_JUMPSELLER_CLIENT.secret,
      accountsUrl: given('JUMPSELLER_ACCOUNTS_URL') ? e.JUMPSELLER_ACCOUNTS_URL : sandbox,
      apiUrl: given('JUMPSELLER_API_URL') ? e.JUMPSELLER_API_URL : `${sandbox}/v1`,
      adminOrigins: given('JUMPSELLER_ADMIN_ORIGINS') ? e.JUMPSELLER_ADMIN_ORIGINS.split(/\s+/) : [sandbox, `http://127.0.0.1:${e.SANDBOX_PORT}`, `http://*.localhost:${e.SANDBOX_PORT}`],
      appHandle: e.JUMPSELLER_APP_HANDLE,
      storeAdminUrl: given('JUMPSELLER_STORE_ADMIN_URL') ? e.JUMPSELLER_STORE_ADMIN_URL : `${sandbox}/admin/cl/apps/app/{handle}?store={store}`,
    },
    centry: {
      clientId: e.CENTRY_CLIENT_ID ?? LOCAL_CENTRY_CLIENT.id,
      clientSecret: e.CENTRY_CLIENT_SECRET ?? LOCAL_CENTRY_CLIENT.secret,
      url: given('CENTRY_URL') ? e.CENTRY_URL : `http://localhost:${e.CENTRY_SANDBOX_PORT}`,
    },
    encryptionKeys: e.ENCRYPTION_KEY ?? [{ id: 'local', key: Buffer.from(secrets.encryptionKey, 'base64') }],
    sessionSecret: e.SESSION_SECRET ?? secrets.sessionSecret,
    roles: e.ROLES,
    logLevel: e.LOG_LEVEL,
    workerConcurrency: e.WORKER_CONCURRENCY,
    healthPort: e.HEALTH_PORT,
    opsToken: e.OPS_TOKEN,
    trustProxy: e.TRUST_PROXY,
    local: { sandboxPort: e.SANDBOX_PORT, centrySandboxPort: e.CENTRY_SANDBOX_PORT, demoCatalogSize: e.DEMO_CATALOG_SIZE },
  };
}
