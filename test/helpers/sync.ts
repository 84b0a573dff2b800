// A store linked through the real OAuth flow, a demo catalog, and sync services wired as in
// production (real PostgreSQL, the Jumpseller sandbox over HTTP), with fast sandbox limits and a
// fast client schedule so whole runs fit in a test. Also the expected store of §4–§6, from the
// independent projection (independent-projection.ts).
import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import { loadDemoCatalog } from '../../src/catalog/demo/demo-catalog.js';
import type { CatalogProduct } from '../../src/catalog/model.js';
import { integrationTokenLock, type JumpsellerAccess } from '../../src/company/jumpseller-access.js';
import { integrationId, type Integration } from '../../src/company/model.js';
import { JumpsellerClient } from '../../src/jumpseller/http-client.js';
import { createOAuthTokenEndpoint } from '../../src/jumpseller/oauth-token-endpoint.js';
import { RateGovernorRegistry } from '../../src/jumpseller/rate-governor.js';
import { createTokenProvider, TokenRefresher } from '../../src/jumpseller/token-refresher.js';
import { runSync } from '../../src/jobs/run-sync.js';
import { createSyncServices, type SyncServices } from '../../src/jobs/sync-services.js';
import type { RunTrigger } from '../../src/publishing/run-model.js';
import { apiStateFor, type StoreApiState } from '../../src/sandbox/jumpseller/api/api-state.js';
import type { IntegrationSettings } from '../../src/settings/settings.schema.js';
import { install, openTestApp, type TestApp } from './app.js';
import { projectCatalog, type ExpectedStoreProduct } from './independent-projection.js';
import { projectionDiff } from './independent-store-diff.js';

interface Tap { teardown(fn: () => Promise<void> | void): void }

export const NOW = new Date('2025-03-10T15:00:00.000Z');

export interface SyncHarness extends TestApp {
  services: SyncServices;
  integration: Integration;
  store: StoreApiState;
  /** The clock the runs read (NOW unless the test passes its own). */
  clock: () => Date;
  /** Enqueues and executes one run to its end; returns the run and the writes it made. */
  sync(trigger?: RunTrigger, workerId?: string): Promise<{ run: NonNullable<Awaited<ReturnType<SyncServices['runs']['get']>>>; writes: number; calls: number }>;
  saveSettings(change: (s: IntegrationSettings) => void): Promise<void>;
}

/** A client with short timeouts and a fast retry schedule: faults cost milliseconds, not seconds. */
export function fastAccess(h: Pick<TestApp, 'config'>, services: Pick<SyncServices, 'companies'>): JumpsellerAccess {
  const governors = new RateGovernorRegistry({ throttleCooldownMs: 20 });
  const refresher = new TokenRefresher({
    lock: integrationTokenLock(services.companies),
    endpoint: createOAuthTokenEndpoint({ accountsUrl: h.config.jumpseller.accountsUrl, clientId: h.config.jumpseller.clientId, clientSecret: h.config.jumpseller.clientSecret }),
  });
  return {
    refresher,
    clientFor: (i) => new JumpsellerClient({
      baseUrl: h.config.jumpseller.apiUrl, tokens: createTokenProvider(refresher, i.id), governor: governors.for(i.storeCode),
      retry: { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 40 }, headersTimeoutMs: 400, bodyTimeoutMs: 400,
    }),
  };
}

export async function openSyncHarness(
  t: Tap, opts: { size?: number; store?: string; now?: () => Date; listen?: boolean; storeInfo?: { currency?: string; weight_unit?: string } } = {},
): Promise<SyncHarness> {
  const code = opts.store ?? 'tienda-uno';
  const now = opts.now ?? (() => NOW);
  const app = await openTestApp(t, { stores: [{ code, name: 'Tienda Uno', ...opts.storeInfo }], now, listen: opts.listen });
  await install(app.app, code);
  const row = await app.database.db('integrations').where({ store_code: code }).first();
  const base = createSyncServices(app.config, app.database.db, { now });
  const services = { ...base, access: fastAccess(app, base) };
  const integration = (await services.companies.getIntegration(integrationId(row.id)))!;
  await request(`${app.sandbox.url}/_sandbox/api/settings`, {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ perSecond: 2000, perMinute: 200_000 }),
  }).then((r) => r.body.dump());
  await loadDemoCatalog({ catalog: services.catalog }, {
    size: opts.size ?? 60, seed: 7, imageBaseUrl: `${app.sandbox.url}/_sandbox/images`, now: NOW, companyId: integration.companyId,
  });
  const store = apiStateFor(app.sandbox.state).store(code);
  return {
    ...app, services, integration, store, clock: now,
    async sync(trigger = 'manual', workerId = `w-${randomBytes(3).toString('hex')}`) {
      const queued = await services.runs.enqueue(integration.id, trigger);
      if (!queued.ok) throw new Error('a run is already active');
      const from = store.log.length;
      await runSync(services, queued.run.id, { workerId, tuning: { tickMs: 50 } });
      const calls = store.log.slice(from);
      return { run: (await services.runs.get(queued.run.id))!, writes: calls.filter((c) => c.method !== 'GET').length, calls: calls.length };
    },
    async saveSettings(change) {
      const current = await services.settings.get(integration.id);
      const next = structuredClone(current.settings);
      change(next);
      const r = await services.settings.save(integration.id, current.version, next);
      if (!r.ok) throw new Error('settings conflict');
    },
  };
}

/**
 * What the store should hold for each published catalog product (SPEC §4–§6), by SKU (by name when
 * it has none): the independent projection (independent-projection.ts), never the production builder,
 * so a builder bug cannot hide in the journeys' expectations.
 */
export async function expectedProjection(h: SyncHarness): Promise<Map<string, ExpectedStoreProduct>> {
  const { settings } = await h.services.settings.get(h.integration.id);
  const references = await h.services.catalog.references(h.integration.companyId);
  const products: CatalogProduct[] = [];
  for await (const page of h.services.catalog.streamProducts(h.integration.companyId)) products.push(...(page as CatalogProduct[]));
  return projectCatalog(products, {
    references, rules: settings.prices, exclusions: settings.exclusions, currency: h.integration.currency,
    weightUnit: h.integration.weightUnit, now: h.clock(),
  });
}

export { projectionDiff };
