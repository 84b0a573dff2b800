// A store linked through the real OAuth flow, a demo catalog, and sync services wired as in
// production (real PostgreSQL, the Jumpseller sandbox over HTTP), with fast sandbox limits and a
// fast client schedule so whole runs fit in a test. Also the "expected projection" of §4–§6.
import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import { loadDemoCatalog } from '../../src/catalog/demo-catalog.js';
import type { CatalogProduct } from '../../src/catalog/model.js';
import { integrationTokenLock, type JumpsellerAccess } from '../../src/company/jumpseller-access.js';
import { integrationId, type Integration } from '../../src/company/model.js';
import { JumpsellerClient } from '../../src/jumpseller/http-client.js';
import { createOAuthTokenEndpoint } from '../../src/jumpseller/oauth-token-endpoint.js';
import { RateGovernorRegistry } from '../../src/jumpseller/rate-governor.js';
import { createTokenProvider, TokenRefresher } from '../../src/jumpseller/token-refresher.js';
import { runSync } from '../../src/jobs/run-sync.js';
import { createSyncServices, type SyncServices } from '../../src/jobs/sync-services.js';
import { buildExclusionFilter } from '../../src/publishing/exclusion-filter.js';
import { asApiDecimals } from '../../src/publishing/desired-fingerprints.js';
import { buildDesiredProduct } from '../../src/publishing/payload-builder.js';
import { type DesiredProduct } from '../../src/publishing/desired-product.js';
import type { RunTrigger } from '../../src/publishing/run-model.js';
import { apiStateFor, type StoreApiState } from '../../src/sandbox/jumpseller/api/api-state.js';
import type { IntegrationSettings } from '../../src/settings/settings.schema.js';
import { install, openTestApp, type TestApp } from './app.js';

interface Tap { teardown(fn: () => Promise<void> | void): void }

export const NOW = new Date('2025-03-10T15:00:00.000Z');

export interface SyncHarness extends TestApp {
  services: SyncServices;
  integration: Integration;
  store: StoreApiState;
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
    ...app, services, integration, store,
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

/** What the store should hold for each published catalog product (SPEC §4–§6), by SKU (by name when it has none). */
export async function expectedProjection(h: SyncHarness): Promise<Map<string, DesiredProduct>> {
  const { settings } = await h.services.settings.get(h.integration.id);
  const references = await h.services.catalog.references(h.integration.companyId);
  const excluded = buildExclusionFilter(settings.exclusions, references.categories);
  const out = new Map<string, DesiredProduct>();
  for await (const page of h.services.catalog.streamProducts(h.integration.companyId)) {
    for (const p of page as CatalogProduct[]) {
      if (excluded(p).excluded) continue;
      const built = buildDesiredProduct(p, { references, rules: settings.prices, currency: h.integration.currency, weightUnit: h.integration.weightUnit, now: NOW });
      if (built.ok) out.set(built.desired.product.sku ?? built.desired.variants[0]?.sku ?? `name:${built.desired.product.name}`, built.desired);
    }
  }
  return out;
}

/** Differences between the store's available products and the projection, as readable lines. */
export function projectionDiff(store: StoreApiState, expected: Map<string, DesiredProduct>): string[] {
  const problems: string[] = [];
  const categoryName = (id: number) => store.categories.get(id)?.name;
  const seen = new Set<string>();
  for (const p of store.catalog.list()) {
    if (p.fields.status !== 'available') continue;
    // A cleared SKU is "" (docs/adr/0011): the product is then known by its first variant's.
    const sku = String((p.fields.sku || null) ?? p.variants[0]?.fields.sku ?? `name:${String(p.fields.name)}`);
    if (seen.has(sku)) problems.push(`${sku}: duplicated in the store`);
    seen.add(sku);
    const want = expected.get(sku);
    if (!want) { problems.push(`${sku}: in the store but not expected`); continue; }
    const shown = asApiDecimals(want); // the store shows amounts in major units
    const d = shown.product;
    // "No value" is null, or how the app clears one (docs/adr/0011): 0 for numbers, '' for text.
    const none = (v: unknown) => (v === 0 || v === '' ? null : v ?? null);
    for (const k of ['name', 'price', 'compare_at_price', 'brand', 'description', 'barcode', 'weight'] as const) {
      if ((d[k] === null ? none(p.fields[k]) : p.fields[k] ?? null) !== d[k]) problems.push(`${sku}: ${k} ${JSON.stringify(p.fields[k])} ≠ ${JSON.stringify(d[k])}`);
    }
    if (want.variants.length === 0 && p.fields.stock !== d.stock) problems.push(`${sku}: stock ${String(p.fields.stock)} ≠ ${d.stock}`);
    const cats = p.categoryIds.map(categoryName);
    const leaf = want.categoryPath[want.categoryPath.length - 1];
    if ((cats[0] ?? undefined) !== leaf) problems.push(`${sku}: category ${JSON.stringify(cats)} ≠ ${leaf}`);
    const variants = p.variants.map((v) => `${String(v.fields.sku)}|${String(v.fields.price)}|${String(v.fields.stock)}|${v.options.map((o) => `${o.name}=${o.value}`).join(',')}`);
    const wantVariants = shown.variants.map((v) => `${v.sku}|${v.price}|${v.stock}|${v.options.map((o) => `${o.name}=${o.value}`).join(',')}`);
    if (JSON.stringify(variants) !== JSON.stringify(wantVariants)) problems.push(`${sku}: variants ${JSON.stringify(variants)} ≠ ${JSON.stringify(wantVariants)}`);
    const images = p.images.map((i) => i.url);
    if (JSON.stringify(images) !== JSON.stringify(want.images.map((i) => i.url))) problems.push(`${sku}: images ${images.length} ≠ ${want.images.length}`);
  }
  for (const sku of expected.keys()) if (!seen.has(sku)) problems.push(`${sku}: expected but not published`);
  return problems;
}
