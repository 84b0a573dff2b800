// The one place that reads the environment (STYLE §2). Everything else receives a typed Config.
import { z } from 'zod';

export type Role = 'web' | 'worker' | 'scheduler';
const ROLES: readonly Role[] = ['web', 'worker', 'scheduler'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const url = z.string().url().transform((u) => u.replace(/\/+$/, ''));
const port = z.coerce.number().int().min(0).max(65535);
const secret32 = z.string().min(32, 'must be at least 32 characters');
// ENCRYPTION_KEY: "kid:base64key[,kid:base64key…]"; the first key encrypts, all decrypt (rotation).
const encryptionKeys = z.string().transform((raw, ctx) => {
  const keys: { id: string; key: Buffer }[] = [];
  for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=]+)$/.exec(part);
    const key = m ? Buffer.from(m[2]!, 'base64') : undefined;
    if (!m || !key || key.length !== 32) {
      ctx.addIssue({ code: 'custom', message: 'each entry must be "keyId:<base64 of 32 bytes>"' });
      return z.NEVER;
    }
    keys.push({ id: m[1]!, key });
  }
  if (keys.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'at least one key is required' });
    return z.NEVER;
  }
  return keys;
});
const roles = z.string().transform((raw, ctx) => {
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((r) => !ROLES.includes(r as Role));
  if (bad.length || list.length === 0) {
    ctx.addIssue({ code: 'custom', message: `roles are ${ROLES.join(', ')} (comma-separated); got "${raw}"` });
    return z.NEVER;
  }
  return [...new Set(list)] as Role[];
});
/** Runs one worker process carries at once (docs/adr/0017-fleet.md: fitted to the bench:fleet figures). */
export const DEFAULT_WORKER_CONCURRENCY = 50;
// TRUST_PROXY: how many proxies in front of the web process append to X-Forwarded-For (a number of
// hops), or which addresses are those proxies. Never "all": the leftmost entry is whatever the client
// wrote, and keying rate limits on it lets anyone rotate past them.
const trustProxy = z.string().transform((raw, ctx): number | string[] => {
  const s = raw.trim();
  if (/^\d{1,2}$/.test(s)) return Number(s);
  const list = s.split(',').map((x) => x.trim()).filter(Boolean);
  if (list.length && list.every((x) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(x))) return list;
  ctx.addIssue({ code: 'custom', message: `a number of proxy hops (e.g. 1) or comma-separated proxy addresses/CIDRs; got "${raw}"` });
  return z.NEVER;
});
const level = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Every variable the app reads, with its description (app.json and .env.example mirror this list; a test keeps them in step). */
export const ENV_VARS = {
  APP_MODE: 'local (everything on this machine: embedded PostgreSQL, Jumpseller and Centry sandboxes, demo catalog) or production. Default: production when JUMPSELLER_CLIENT_ID is set, else local.',
  PORT: 'HTTP port of the web role. Default 3000.',
  HOST: 'Interface to listen on. Default 127.0.0.1 in local mode, 0.0.0.0 in production.',
  APP_URL: 'Public base URL of the app (https in production); the OAuth redirect URI is APP_URL/auth/callback.',
  DATABASE_URL: 'PostgreSQL connection string. Local mode without it starts an embedded PostgreSQL under DATA_DIR.',
  DATABASE_POOL_MAX: 'Maximum connections per process. Default 10.',
  DATA_DIR: 'Directory for local-mode data (embedded PostgreSQL, generated local secrets). Default .data',
  JUMPSELLER_CLIENT_ID: 'OAuth client id of the Jumpseller app centry-desarrollo.',
  JUMPSELLER_CLIENT_SECRET: 'OAuth client secret of the Jumpseller app.',
  JUMPSELLER_ACCOUNTS_URL: 'Jumpseller accounts (OAuth) base URL. Default https://accounts.jumpseller.com',
  JUMPSELLER_API_URL: 'Jumpseller REST API base URL. Default https://api.jumpseller.com/v1',
  JUMPSELLER_ADMIN_ORIGINS: 'Space-separated origins allowed to frame the app (CSP frame-ancestors). Default https://*.jumpseller.com',
  JUMPSELLER_STORE_ADMIN_URL: 'Where a store opens the app, with {store} and {handle} placeholders. Default https://{store}.jumpseller.com/admin/cl/apps/app/{handle}',
  JUMPSELLER_APP_HANDLE: 'Handle of the app in the Jumpseller marketplace. Default centry-desarrollo',
  CENTRY_CLIENT_ID: 'OAuth client id of the Centry application (optional: without it the Centry link is hidden).',
  CENTRY_CLIENT_SECRET: 'OAuth client secret of the Centry application.',
  CENTRY_URL: 'Centry base URL (OAuth and /conexion/v1). Default https://www.centry.cl',
  ENCRYPTION_KEY: 'Token encryption keys, "keyId:<base64 32 bytes>[,older…]"; the first encrypts, all decrypt (rotation).',
  SESSION_SECRET: 'Secret (>= 32 chars) that signs session cookies and OAuth state.',
  ROLES: 'Comma-separated roles this process runs: web, worker, scheduler. Default all three.',
  LOG_LEVEL: 'Log level (fatal…trace, silent). Default info.',
  WORKER_CONCURRENCY: 'Sync runs a worker process executes at once, each paced by its own store (I/O-bound). Default 50 (measured: npm run bench:fleet).',
  HEALTH_PORT: 'Port of /healthz, /readyz and /ops/fleet.json on a listener of their own, in any process (web: point the platform’s health check here, so it never queues behind webhook traffic on the main port; worker or scheduler: their only listener). Unset: none.',
  OPS_TOKEN: 'Bearer token (>= 32 chars) for the operator figures at /ops/fleet.json. Unset: the endpoint answers 404.',
  TRUST_PROXY: 'Proxies in front of the web process whose X-Forwarded-For entries are trusted: a number of hops (1 behind one PaaS router such as Heroku) or comma-separated proxy addresses/CIDRs. Default 0: the client is the TCP peer, X-Forwarded-For is ignored.',
  SANDBOX_PORT: 'Local mode: port of the Jumpseller sandbox. Default 3100.',
  CENTRY_SANDBOX_PORT: 'Local mode: port of the Centry sandbox. Default 3200.',
  DEMO_CATALOG_SIZE: 'Local mode: products in the demo catalog loaded at start. Default 500.',
} as const;
export type EnvVarName = keyof typeof ENV_VARS;

const common = z.object({
  PORT: port.default(3000),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DATA_DIR: z.string().min(1).default('.data'),
  JUMPSELLER_ACCOUNTS_URL: url.default('https://accounts.jumpseller.com'),
  JUMPSELLER_API_URL: url.default('https://api.jumpseller.com/v1'),
  JUMPSELLER_ADMIN_ORIGINS: z.string().min(1).default('https://*.jumpseller.com'),
  JUMPSELLER_APP_HANDLE: z.string().regex(/^[a-z0-9-]+$/).default('centry-desarrollo'),
  JUMPSELLER_STORE_ADMIN_URL: z.string().includes('{store}', { message: 'must contain {store}' }).default('https://{store}.jumpseller.com/admin/cl/apps/app/{handle}'),
  CENTRY_CLIENT_ID: z.string().min(1).optional(),
  CENTRY_CLIENT_SECRET: z.string().min(1).optional(),
  CENTRY_URL: url.default('https://www.centry.cl'),
  ROLES: roles.default(['web', 'worker', 'scheduler']),
  LOG_LEVEL: level.default('info'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(DEFAULT_WORKER_CONCURRENCY),
  HEALTH_PORT: port.optional(),
  OPS_TOKEN: secret32.optional(),
  TRUST_PROXY: trustProxy.default(0),
});

const production = common.extend({
  APP_MODE: z.literal('production'),
  HOST: z.string().min(1).default('0.0.0.0'),
  APP_URL: url,
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  JUMPSELLER_CLIENT_ID: z.string().min(1),
  JUMPSELLER_CLIENT_SECRET: z.string().min(1),
  ENCRYPTION_KEY: encryptionKeys,
  SESSION_SECRET: secret32,
});

const local = common.extend({
  APP_MODE: z.literal('local'),
  HOST: z.string().min(1).default('127.0.0.1'),
  APP_URL: url.optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  JUMPSELLER_CLIENT_ID: z.string().min(1).optional(),
  JUMPSELLER_CLIENT_SECRET: z.string().min(1).optional(),
  ENCRYPTION_KEY: encryptionKeys.optional(),
  SESSION_SECRET: secret32.optional(),
  SANDBOX_PORT: port.default(3100),
  CENTRY_SANDBOX_PORT: port.default(3200),
  DEMO_CATALOG_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(500),
});

export type ProductionEnv = z.infer<typeof production>;
export type LocalEnv = z.infer<typeof local>;
export type ParsedEnv = ProductionEnv | LocalEnv;

/**
 * Parses the environment. Throws ConfigError naming every bad variable.
 * Local mode leaves secrets and URLs optional: `resolveLocalDefaults` fills them at boot.
 */
export function parseEnv(env: Record<string, string | undefined>): ParsedEnv {
  const vars: Record<string, string> = {};
  for (const name of Object.keys(ENV_VARS)) {
    const v = env[name];
    if (v !== undefined && v !== '') vars[name] = v;
  }
  const mode = vars.APP_MODE ?? (vars.JUMPSELLER_CLIENT_ID ? 'production' : 'local');
  if (mode !== 'local' && mode !== 'production') throw new ConfigError([`APP_MODE: must be "local" or "production", got "${mode}"`]);
  const schema = mode === 'production' ? production : local;
  const result = schema.safeParse({ ...vars, APP_MODE: mode });
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => {
        const name = String(i.path[0] ?? 'environment');
        const msg = vars[name] === undefined && i.code === 'invalid_type' ? 'is required' : i.message;
        return `${name}: ${msg}`;
      }),
    );
  }
  if (result.data.CENTRY_CLIENT_ID && !result.data.CENTRY_CLIENT_SECRET) {
    throw new ConfigError(['CENTRY_CLIENT_SECRET: is required when CENTRY_CLIENT_ID is set']);
  }
  return result.data;
}

/** The typed configuration the app runs with, after local defaults are resolved. */
export interface Config {
  mode: 'local' | 'production';
  host: string;
  port: number;
  appUrl: string;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  dataDir: string;
  jumpseller: {
    clientId: string;
    clientSecret: string;
    accountsUrl: string;
    apiUrl: string;
    adminOrigins: string[];
    appHandle: string;
    /** Template with {store} and {handle}. */
    storeAdminUrl: string;
  };
  centry: { clientId: string | undefined; clientSecret: string | undefined; url: string };
  encryptionKeys: { id: string; key: Buffer }[];
  sessionSecret: string;
  roles: Role[];
  logLevel: z.infer<typeof level>;
  /** Sync runs this process executes at once (WORKER_CONCURRENCY); default DEFAULT_WORKER_CONCURRENCY. */
  workerConcurrency?: number;
  /** Where a process without the web role answers /healthz, /readyz and /ops/fleet.json. */
  healthPort?: number;
  /** Bearer token of /ops/fleet.json; without it the endpoint does not exist. */
  opsToken?: string;
  /** Proxy hops (or proxy addresses) whose X-Forwarded-For entries are trusted; 0 trusts none. */
  trustProxy: number | string[];
  local: { sandboxPort: number; centrySandboxPort: number; demoCatalogSize: number } | undefined;
}

export const SECURE_COOKIE = (c: Pick<Config, 'appUrl'>): boolean => c.appUrl.startsWith('https://');

export function productionConfig(e: ProductionEnv): Config {
  return {
    mode: 'production',
    host: e.HOST,
    port: e.PORT,
    appUrl: e.APP_URL,
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    dataDir: e.DATA_DIR,
    jumpseller: {
      clientId: e.JUMPSELLER_CLIENT_ID,
      clientSecret: e.JUMPSELLER_CLIENT_SECRET,
      accountsUrl: e.JUMPSELLER_ACCOUNTS_URL,
      apiUrl: e.JUMPSELLER_API_URL,
      adminOrigins: e.JUMPSELLER_ADMIN_ORIGINS.split(/\s+/).filter(Boolean),
      appHandle: e.JUMPSELLER_APP_HANDLE,
      storeAdminUrl: e.JUMPSELLER_STORE_ADMIN_URL,
    },
    centry: { clientId: e.CENTRY_CLIENT_ID, clientSecret: e.CENTRY_CLIENT_SECRET, url: e.CENTRY_URL },
    encryptionKeys: e.ENCRYPTION_KEY,
    sessionSecret: e.SESSION_SECRET,
    roles: e.ROLES,
    logLevel: e.LOG_LEVEL,
    workerConcurrency: e.WORKER_CONCURRENCY,
    healthPort: e.HEALTH_PORT,
    opsToken: e.OPS_TOKEN,
    trustProxy: e.TRUST_PROXY,
    local: undefined,
  };
}
