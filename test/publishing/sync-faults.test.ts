// Issue 6 "Done when", fault injection: 10 % of API calls fail (5xx, hangs, resets, "created but
// 500") and the worker — the real `npm run sync` process — is killed mid-run and another takes over
// → the run completes, no SKU is duplicated, every failure that persisted is listed, and a run
// without faults leaves the store equal to the projection.
import { spawn } from 'node:child_process';
import path from 'node:path';
import t from 'tap';
import { mulberry32 } from '../../src/catalog/demo-catalog.js';
import { runSync } from '../../src/jobs/run-sync.js';
import type { Fault } from '../../src/sandbox/jumpseller/api/faults.js';
import { expectedProjection, openSyncHarness, projectionDiff } from '../helpers/sync.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

t.test('10 % faults and a killed worker', async (t) => {
  const size = 100;
  const h = await openSyncHarness(t, { size });
  const rnd = mulberry32(42);
  const kinds: Fault[] = [
    { kind: 'status', status: 500, times: 1 }, { kind: 'status', status: 503, times: 1 }, { kind: 'reset', times: 1 },
    { kind: 'created-then-500', method: 'POST', times: 1 }, { kind: 'hang', ms: 300, times: 1 },
  ];
  let faulty = true;
  const served: Record<string, number> = {};
  const take = h.store.faults.take.bind(h.store.faults);
  // Every call has a 10 % chance of one of the faults (the sandbox's queue serves queued faults in order).
  h.store.faults.take = (method, p) => {
    if (!faulty || rnd() >= 0.1) return take(method, p);
    const f = kinds[Math.floor(rnd() * kinds.length)]!;
    if (f.method && f.method !== method) return take(method, p);
    served[f.kind] = (served[f.kind] ?? 0) + 1;
    return { ...f };
  };
  h.store.latencyMs = 8;

  const { config } = h;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sync-once.ts', '--integration', String(h.integration.id)], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH, APP_MODE: 'production', LOG_LEVEL: 'silent', DATABASE_URL: h.database.url, APP_URL: config.appUrl,
      JUMPSELLER_CLIENT_ID: config.jumpseller.clientId, JUMPSELLER_CLIENT_SECRET: config.jumpseller.clientSecret,
      JUMPSELLER_API_URL: config.jumpseller.apiUrl, JUMPSELLER_ACCOUNTS_URL: config.jumpseller.accountsUrl,
      ENCRYPTION_KEY: config.encryptionKeys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(','), SESSION_SECRET: config.sessionSecret,
    },
  });
  let output = '';
  child.stdout.on('data', (d) => { output += String(d); });
  child.stderr.on('data', (d) => { output += String(d); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL'); });

  const runRow = async () => h.database.db('sync_runs').where({ integration_id: h.integration.id }).orderBy('id', 'desc').first();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await runRow();
    if (r && r.processed >= 25) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the CLI did not get far enough:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  await exited;
  const abandoned = await runRow();
  t.equal(abandoned.status, 'running', `killed mid-run at ${abandoned.processed}/${size}: left running by a dead worker`);
  t.match(output, /Sincronización #\d+ de «Tienda Uno»/, 'the CLI printed its progress');

  // Another worker takes over once the dead one's heartbeat is stale, and finishes under the same faults.
  let end;
  do {
    await new Promise((resolve) => setTimeout(resolve, 100));
    end = await runSync(h.services, abandoned.id, { workerId: 'w2', staleMs: 500, tuning: { tickMs: 50 } });
  } while (end === 'skipped');
  const run = (await h.services.runs.get(abandoned.id))!;
  t.ok(['completed', 'completed_with_errors'].includes(run.status), `the run completed (${run.status})`);
  t.equal(run.processed, size, 'every product processed once');
  t.equal(run.created + run.updated + run.unpublished + run.unchanged + run.skipped + run.failed, size, 'counters add up');
  const errors = await h.services.runs.errors(run.id, 1000);
  t.equal(errors.length, run.failed, `every failure that persisted is listed (${run.failed})`);
  t.ok(errors.every((e) => e.sku && e.operation && e.message), 'with SKU, operation and Jumpseller\'s message');
  t.ok(Object.keys(served).length >= 4, `faults served: ${JSON.stringify(served)}`);

  const skus = h.store.catalog.list().map((p) => String(p.fields.sku ?? p.variants[0]?.fields.sku));
  t.equal(new Set(skus).size, skus.length, 'no SKU is duplicated in the store');
  const failedSkus = new Set(errors.map((e) => e.sku));
  const expected = await expectedProjection(h);
  const problems = projectionDiff(h.store, expected).filter((p) => !failedSkus.has(p.split(':')[0]!));
  t.same(problems, [], 'apart from the listed failures, the store equals the projection');

  faulty = false;
  h.store.latencyMs = 0;
  const clean = await h.sync();
  t.match(clean.run, { status: 'completed', failed: 0 });
  t.same(projectionDiff(h.store, expected), [], 'a run without faults leaves the store equal to the projection');
  const all = h.store.catalog.list().map((p) => String(p.fields.sku ?? p.variants[0]?.fields.sku));
  t.equal(new Set(all).size, all.length, 'still no duplicate');
});
