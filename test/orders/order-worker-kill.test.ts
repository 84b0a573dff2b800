// SPEC §10 "Exactly once", issue 12 "worker killed mid-send": the real worker process (`npm start`
// with ROLES=worker, as a fleet runs it) takes the order's pg-boss job and POSTs the order to Centry;
// Centry creates it but holds its answer (sandbox fault `created-then-hang`) and the process is
// SIGKILLed right then — Centry has the order, our row does not know it. Meanwhile the order ships
// in Jumpseller. pg-boss's maintenance finds the dead worker's job expired and retries it; a second
// worker process takes it, looks the order up before any create, adopts it and moves it to shipped
// → exactly one Centry order, items once, stock lowered once, final status shipped.
// The queue's expiry is shortened for the test (production: ORDER_QUEUE_OPTIONS, 120 s): the same
// mechanism, seconds instead of minutes.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import PgBoss from 'pg-boss';
import t from 'tap';
import { BOSS_SCHEMA } from '../../src/jobs/queue.js';
import { storeOrderUrl } from '../../src/orders/order-mapper.js';
import { createOrderQueue, ORDER_QUEUE, ORDER_QUEUE_OPTIONS } from '../../src/orders/order-queue.js';
import type { Config } from '../../src/config.js';
import { waitFor } from '../helpers/wait-for.js';
import { CENTRY_APP, openOrdersHarness, sellable } from './orders-harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function startWorker(t: { teardown(fn: () => void): void }, config: Config, centryUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH, APP_MODE: 'production', ROLES: 'worker', LOG_LEVEL: 'info', DATABASE_URL: config.databaseUrl, APP_URL: config.appUrl,
      JUMPSELLER_CLIENT_ID: config.jumpseller.clientId, JUMPSELLER_CLIENT_SECRET: config.jumpseller.clientSecret,
      JUMPSELLER_API_URL: config.jumpseller.apiUrl, JUMPSELLER_ACCOUNTS_URL: config.jumpseller.accountsUrl,
      CENTRY_CLIENT_ID: CENTRY_APP.clientId, CENTRY_CLIENT_SECRET: CENTRY_APP.clientSecret, CENTRY_URL: centryUrl,
      ENCRYPTION_KEY: config.encryptionKeys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(','), SESSION_SECRET: config.sessionSecret,
    },
  });
  const w = { child, output: '', exited: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))) };
  child.stdout!.on('data', (d) => { w.output += String(d); });
  child.stderr!.on('data', (d) => { w.output += String(d); });
  t.teardown(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
  return w;
}

const alive = (c: ChildProcess, output: string) => {
  if (c.exitCode !== null || c.signalCode !== null) throw new Error(`the worker exited (${c.exitCode ?? c.signalCode}):\n${output}`);
  return true;
};

t.test('a worker process SIGKILLed mid-send: another worker finishes, one Centry order, right status', async (t) => {
  const h = await openOrdersHarness(t, { size: 8 });
  const sku = sellable(h, 3)[0]!;
  const centryBefore = h.centryStock(sku);

  // This process is one more pg-boss instance of the fleet: it queues, and runs maintenance every second.
  const boss = new PgBoss({ connectionString: h.database.url, schema: BOSS_SCHEMA, max: 2, schedule: false, maintenanceIntervalSeconds: 1 });
  boss.on('error', () => {}); // the database closes after the test
  await boss.start();
  t.teardown(() => boss.stop({ graceful: false, wait: true }));
  const jobs = await createOrderQueue(boss);
  await boss.updateQueue(ORDER_QUEUE, { ...ORDER_QUEUE_OPTIONS, expireInSeconds: 8 });

  const first = startWorker(t, h.config, h.centry.url);
  // Centry will create the order and then hold its answer: the worker is mid-send.
  await h.centry.app.inject({ method: 'POST', url: '/_sandbox/orders/faults', payload: { faults: [{ kind: 'created-then-hang', method: 'POST', ms: 120_000 }] } });
  const id = await h.buy([{ sku, qty: 2 }], { silent: true });
  await jobs.send(h.integration.id, id);
  const ofOrder = () => h.centryOrders().filter((o) => o.id_origin === String(id));
  await waitFor(() => alive(first.child, first.output) && ofOrder().length === 1, { what: 'Centry to create the order the worker is sending', timeoutMs: 60_000 })
    .catch((e: Error) => { throw new Error(`${e.message}\n${first.output}`); });
  first.child.kill('SIGKILL');
  t.equal(await first.exited, null, 'killed by a signal');
  t.equal(first.child.signalCode, 'SIGKILL');
  const row = await h.orders.orders.get(h.integration.id, id);
  t.equal(row?.centryOrderId, null, 'killed before our row learned Centry\'s _id');
  t.ok(row?.createAttemptedAt, 'the create had left');
  const { rows: [job] } = await h.database.db.raw(`select state from ${BOSS_SCHEMA}.job where name = ? and data->>'orderId' = ?`, [ORDER_QUEUE, String(id)]);
  t.equal(job?.state, 'active', 'the dead worker\'s job is still active');

  // While no worker lives, the order ships (no webhook: the retry re-reads it anyway).
  await h.js(`/stores/${h.integration.storeCode}/orders/${id}/ship`, { silent: true });

  const second = startWorker(t, h.config, h.centry.url);
  const adopted = new RegExp(`"orderId":${id},"outcome":"(\\w+)"`);
  const done = await waitFor(async () => {
    alive(second.child, second.output);
    const r = await h.orders.orders.get(h.integration.id, id);
    // Its log line comes after the row is saved: wait for both.
    return r?.state === 'sent' && r.centryStatus === 'shipped' && adopted.test(second.output) ? r : null;
  }, { what: 'the second worker to finish the order', timeoutMs: 60_000 }).catch((e: Error) => { throw new Error(`${e.message}\n${second.output}`); });
  t.equal(adopted.exec(second.output)?.[1], 'adopted', 'the second worker adopted the order Centry had created');

  const orders = ofOrder();
  t.equal(orders.length, 1, 'exactly one Centry order');
  t.match(orders[0], { origin: 'Jumpseller', url_origin: storeOrderUrl(h.integration.storeCode, id), _status: 'shipped' });
  t.equal(orders[0]!.items.length, 1, 'items sent once');
  t.equal(done.centryOrderId, orders[0]!._id, 'our row knows it');
  t.equal(h.centryStock(sku), centryBefore - 2, 'Centry lowered its stock once');
  // The sandbox logs a request when it answers: the killed POST never was; a second create would be.
  t.same(h.centry.requests.filter((r) => r.method !== 'GET' && r.url.startsWith('/conexion/v1/orders')).map((r) => `${r.method} ${r.status}`), ['PUT 200'],
    'after the killed POST, only the status change: the retry never created again');
  second.child.kill('SIGTERM');
  t.equal(await second.exited, 0, 'the second worker stops cleanly');
});
