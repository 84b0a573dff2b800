// The app as routes see it in production, against a real migrated PostgreSQL and a real Jumpseller
// sandbox listening on loopback (the app talks to it over HTTP, exactly as to Jumpseller).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { request } from 'undici';
import { buildApp, type AppDeps } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { startJumpsellerSandbox, type JumpsellerSandbox } from '../../src/sandbox/jumpseller/sandbox.js';
import type { SandboxStore } from '../../src/sandbox/jumpseller/auth-state.js';
import { freePort, openTestDatabase, type TestDatabase } from './database.js';
import { CookieJar } from './cookie-jar.js';

export const TEST_CLIENT = { id: 'test-client', secret: 'test-secret' };

export function testConfig(overrides: { sandboxUrl: string; appUrl?: string; databaseUrl: string }): Config {
  const appUrl = overrides.appUrl ?? 'http://localhost:3999';
  return {
    mode: 'local', host: '127.0.0.1', port: 0, appUrl, databaseUrl: overrides.databaseUrl, databasePoolMax: 5, dataDir: '.data/test',
    jumpseller: {
      clientId: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, accountsUrl: overrides.sandboxUrl, apiUrl: `${overrides.sandboxUrl}/v1`,
      adminOrigins: [overrides.sandboxUrl], appHandle: 'centry-desarrollo', storeAdminUrl: `${overrides.sandboxUrl}/admin/cl/apps/app/{handle}?store={store}`,
    },
    centry: { clientId: undefined, clientSecret: undefined, url: 'http://localhost:1' },
    encryptionKeys: [{ id: 'k1', key: randomBytes(32) }],
    sessionSecret: randomBytes(32).toString('hex'),
    roles: ['web'], logLevel: 'silent', local: undefined, trustProxy: 0,
  };
}

export interface TestApp {
  app: FastifyInstance;
  sandbox: JumpsellerSandbox;
  database: TestDatabase;
  config: Config;
}

interface Teardown { teardown(fn: () => Promise<void> | void): void }

export interface TestAppOptions {
  stores?: (Partial<SandboxStore> & { code: string })[];
  now?: () => Date;
  /** Listen on a free loopback port (browser journeys); otherwise use app.inject(). */
  listen?: boolean;
  onCompanyCreated?: AppDeps['onCompanyCreated'];
  maxInFlightBodyBytes?: number;
  timeouts?: AppDeps['timeouts'];
  /** The public URL (e.g. https, as in production); default http://localhost:<port>. */
  appUrl?: string;
  /** Changes to the test configuration (e.g. an https APP_URL, a proxy setting). */
  configure?: (config: Config) => void;
}

export async function openTestApp(t: Teardown, opts: TestAppOptions = {}): Promise<TestApp> {
  const database = await openTestDatabase(t);
  const port = opts.listen ? await freePort() : 3999;
  const appUrl = opts.appUrl ?? `http://localhost:${port}`;
  const sandbox = await startJumpsellerSandbox({
    apps: [{ clientId: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, handle: 'centry-desarrollo', name: 'Centry', appUrl: `${appUrl}/`, redirectUris: [`${appUrl}/auth/callback`] }],
    stores: opts.stores ?? [{ code: 'tienda-uno', name: 'Tienda Uno' }, { code: 'tienda-dos', name: 'Tienda Dos' }],
  });
  t.teardown(() => sandbox.close());
  const config = testConfig({ sandboxUrl: sandbox.url, appUrl, databaseUrl: database.url });
  opts.configure?.(config);
  const app = await buildApp({ config, db: database.db, now: opts.now, onCompanyCreated: opts.onCompanyCreated, maxInFlightBodyBytes: opts.maxInFlightBodyBytes, timeouts: opts.timeouts });
  t.teardown(() => app.close());
  if (opts.listen) await app.listen({ port, host: '127.0.0.1' });
  return { app, sandbox, database, config };
}

/** Follows the app's redirect to the sandbox consent screen and presses a button there, as a browser would. */
export async function consent(authorizeUrl: string, store: string, decision: 'allow' | 'deny'): Promise<URL> {
  const u = new URL(authorizeUrl);
  const page = await request(authorizeUrl, { headers: { cookie: `sandbox_store=${store}` } });
  await page.body.text();
  if (page.statusCode === 302) return new URL(String(page.headers.location)); // already authorized: instant
  if (page.statusCode !== 200) throw new Error(`consent page answered ${page.statusCode}`);
  const form = new URLSearchParams({ ...Object.fromEntries(u.searchParams), store, decision });
  const res = await request(`${u.origin}/oauth/authorize`, { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  await res.body.text();
  if (res.statusCode !== 302) throw new Error(`consent answered ${res.statusCode}`);
  return new URL(String(res.headers.location));
}

/** The whole install: App URL → consent → callback. Returns the callback response and the jar. */
export async function install(app: FastifyInstance, store: string, jar = new CookieJar(), decision: 'allow' | 'deny' = 'allow') {
  const start = await app.inject({ method: 'GET', url: '/', cookies: jar.header() });
  jar.store(start);
  const back = await consent(String(start.headers.location), store, decision);
  const callback = await app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, cookies: jar.header() });
  jar.store(callback);
  return { start, back, callback, jar };
}

/** Presses "Autorizar" on the Centry sandbox's consent screen for the app's authorize URL; answers where Centry sends the browser back. */
export async function centryConsent(authorizeUrl: string): Promise<URL> {
  const u = new URL(authorizeUrl);
  const res = await request(`${u.origin}/oauth/authorize`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...Object.fromEntries(u.searchParams), decision: 'allow' }).toString(),
  });
  await res.body.dump();
  if (res.statusCode !== 302) throw new Error(`Centry consent answered ${res.statusCode}`);
  return new URL(String(res.headers.location));
}
