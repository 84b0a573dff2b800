// npm run bench:webhooks [-- --requests 150 --mb 8 --waves 5 --every 1000 --probe-every 20 --only unknown|installed --profile DIR]
// Issue 10, item 1: what unauthenticated webhook bursts cost the web process. Three processes: the
// app (scripts/bench-webhook-server.ts: production build, embedded PostgreSQL, one installed store),
// a /healthz prober (scripts/bench-webhook-probe.ts: a probe every 20 ms on a new connection) and
// this one, the attacker: waves of --requests concurrent POSTs of --mb MB to /webhooks/jumpseller,
// a wave every --every ms (or when the previous one ends, if later), once for an unknown store and
// once for the installed store with a wrong signature. Prints per burst the peak RSS, /healthz
// p50/p95/p99/max over every probe, the app's CPU time per request, its event-loop delay, the bytes
// it read off the wire, and the machine's load beside them (the machine may be shared: the CPU
// figures hold when the wall-clock ones do not). Goals: peak RSS < 400 MB, /healthz p95 < 200 ms.
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { cpus, getPriority, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Goals } from './bench-goals.js';
import type { ServerReport } from './bench-webhook-server.js';

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '150' }, mb: { type: 'string', default: '8' }, waves: { type: 'string', default: '5' },
    every: { type: 'string', default: '1000' }, 'probe-every': { type: 'string', default: '20' },
    only: { type: 'string' }, profile: { type: 'string' }, // one scenario; the app's CPU profile (--cpu-prof) into DIR
  },
});
const MB = 1024 * 1024;
const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d }) : '∞');
const load = () => `load ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`;

function start(file: string, execArgv: string[]): Promise<{ child: ChildProcess; first: unknown }> {
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), [], { execArgv: ['--import', 'tsx', ...execArgv], stdio: 'inherit' });
  return new Promise((resolve) => child.once('message', (first) => resolve({ child, first })));
}

function ask<T>(child: ChildProcess, message: unknown): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    child.send(message as object);
  });
}

/** One POST with a body of `bytes`; resolves with the status, or the error code if the server cut it. */
function post(port: number, headers: Record<string, string>, body: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/webhooks/jumpseller', agent: false, timeout: 60_000,
      headers: { 'content-type': 'application/json', 'content-length': String(body.length), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.statusCode)));
      res.on('error', () => resolve(String(res.statusCode)));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN, n: s.length, lost: s.filter((x) => !Number.isFinite(x)).length };
};
const line = (s: ReturnType<typeof summary>) =>
  `p50 ${fmt(s.p50, 1)} ms, p95 ${fmt(s.p95, 1)} ms, p99 ${fmt(s.p99, 1)} ms, max ${fmt(s.max, 1)} ms over ${s.n} probes${s.lost ? ` (${s.lost} unanswered)` : ''}`;

async function main(): Promise<void> {
  const n = Number(args.requests);
  const waves = Number(args.waves);
  const every = Number(args.every);
  const probeEvery = Number(args['probe-every']);
  const body = Buffer.alloc(Number(args.mb) * MB, 'x');
  const goals = new Goals();
  const { child: server, first } = await start('./bench-webhook-server.ts', ['--expose-gc', ...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : [])]);
  const { port, healthPort } = first as { port: number; healthPort: number };
  // Two probers, each its own process: HEALTH_PORT (where the platform's health check goes, ADR 0020:
  // the goal) and the main port, whose accept queue the burst shares (a figure, no goal).
  const { child: prober } = await start('./bench-webhook-probe.ts', []);
  const { child: mainProber } = await start('./bench-webhook-probe.ts', []);
  try {
    prober.send({ start: { port: healthPort, every: probeEvery } });
    await new Promise((r) => setTimeout(r, 2000));
    const idle = summary((await ask<[number, number][]>(prober, { stop: true })).map(([ms]) => ms));
    console.log(`/healthz on HEALTH_PORT with no burst (this machine's floor): ${line(idle)}; ${load()}`);
    for (const [label, headers] of [
      ['unknown store', { 'jumpseller-store-code': 'desconocida', 'jumpseller-event': 'product_deleted', 'jumpseller-hmac-sha256': 'AAAA' }],
      ['installed store, wrong signature', { 'jumpseller-store-code': 'instalada', 'jumpseller-event': 'product_deleted', 'jumpseller-hmac-sha256': 'AAAA' }],
    ] as const) {
      if (args.only && !label.startsWith(args.only)) continue;
      const loadBefore = load();
      await ask(server, 'reset');
      prober.send({ start: { port: healthPort, every: probeEvery } });
      mainProber.send({ start: { port, every: probeEvery } });
      const started = performance.now();
      const attackerCpu = process.cpuUsage();
      const statuses: string[] = [];
      for (let w = 0; w < waves; w++) {
        const waveStart = performance.now();
        statuses.push(...await Promise.all(Array.from({ length: n }, () => post(port, headers, body))));
        if (w < waves - 1) await new Promise((r) => setTimeout(r, Math.max(0, every - (performance.now() - waveStart))));
      }
      const seconds = (performance.now() - started) / 1000;
      const sender = process.cpuUsage(attackerCpu);
      const probes = summary((await ask<[number, number][]>(prober, { stop: true })).map(([ms]) => ms));
      const answered = await ask<[number, number][]>(mainProber, { stop: true });
      const onMain = summary(answered.map(([ms]) => ms));
      const connects = summary(answered.map(([, ms]) => ms));
      const r = await ask<ServerReport>(server, 'report');
      const counts = Object.entries(statuses.reduce<Record<string, number>>((c, s) => ({ ...c, [s]: (c[s] ?? 0) + 1 }), {}))
        .map(([s, k]) => `${s}×${k}`).join(', ');
      console.log(`\n== ${waves} waves of ${n} concurrent ${args.mb} MB POSTs, ${label} ==`);
      console.log(`answers: ${counts} in ${fmt(seconds, 1)} s; ${loadBefore} before, ${load()} after`);
      console.log(`the sender (this process, nice ${getPriority()}): ${fmt((sender.user + sender.system) / 1000)} ms of CPU`);
      console.log(`app: ${fmt(r.cpuMs)} ms of CPU, ${fmt(r.cpuMs / statuses.length, 2)} ms per request; read ${fmt(r.bytesRead / MB, 1)} MB off the wire (${fmt(r.bytesRead / statuses.length / 1024)} KB per request); event-loop delay p99 ${fmt(r.loopP99Ms, 1)} ms, max ${fmt(r.loopMaxMs, 1)} ms`);
      console.log(`/healthz on the main port (no goal: it shares the burst's accept queue): ${line(onMain)}`);
      console.log(`  inside the app (onRequest to response): ${line(summary(r.healthzInApp))}`);
      console.log(`  TCP connection established: ${line(connects)}`);
      console.log(`  asked → accepted by the app: ${line(summary(r.healthzAccept))}`);
      console.log(`  accepted → onRequest: ${line(summary(r.healthzRead))}`);
      goals.check(`peak RSS < 400 MB (${label})`, r.peak < 400 * MB, `RSS: ${fmt(r.rssBefore / MB)} MB before, peak ${fmt(r.peak / MB)} MB, ${fmt(r.rss / MB)} MB after`);
      goals.check(`/healthz p95 < 200 ms over ≥ 100 probes (${label})`, probes.n >= 100 && probes.p95 < 200, `/healthz on HEALTH_PORT during the bursts: ${line(probes)}`);
    }
  } finally {
    prober.kill();
    mainProber.kill();
    const exited = new Promise((r) => server.once('exit', r)); // the app stops its database, then exits
    server.send('stop');
    await exited;
  }
  goals.finish();
}

await main();
