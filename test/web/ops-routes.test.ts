// Operator figures and worker readiness (issue 13): /ops/fleet.json exists only with a token and
// answers only to it, with the fleet's queue read from the database; /readyz of a worker process says
// whether it takes work and is not ready while it stops.
import t from 'tap';
import Fastify from 'fastify';
import { healthRoutes } from '../../src/web/health-routes.js';
import { opsRoutes } from '../../src/web/ops-routes.js';
import { opsSnapshot } from '../../src/jobs/fleet-figures.js';
import { startProcessMonitor } from '../../src/jobs/process-figures.js';
import type { WorkerStatus } from '../../src/jobs/sync-worker.js';
import { openTestDatabase } from '../helpers/database.js';

const TOKEN = 'o'.repeat(40);

t.test('fleet figures and readiness', async (t) => {
  const { db } = await openTestDatabase(t);
  const monitor = startProcessMonitor({ windowMs: 50 });
  t.teardown(() => monitor.stop());
  let status: WorkerStatus = { workerId: 'w1', taking: true, reason: null, active: 2, capacity: 50, peakActive: 3, handled: 7, runs: [] };
  const snapshot = opsSnapshot({ db, boss: null, monitor, now: () => new Date('2025-03-10T15:10:00Z'), worker: { workerId: 'w1', status: () => status, sweep: async () => 0, stop: async () => {} } });
  const build = (token: string | undefined) => {
    const app = Fastify();
    healthRoutes(app, db, () => status);
    opsRoutes(app, { token, snapshot });
    t.teardown(() => app.close());
    return app;
  };

  await t.test('/ops/fleet.json: absent without a token, refused without the right one', async (t) => {
    t.equal((await build(undefined).inject('/ops/fleet.json')).statusCode, 404);
    const app = build(TOKEN);
    t.equal((await app.inject('/ops/fleet.json')).statusCode, 401);
    t.equal((await app.inject({ url: '/ops/fleet.json', headers: { authorization: `Bearer ${'x'.repeat(40)}` } })).statusCode, 401);
  });

  await t.test('/ops/fleet.json: this process and the fleet waiting in the database', async (t) => {
    const app = build(TOKEN);
    const res = await app.inject({ url: '/ops/fleet.json', headers: { authorization: `Bearer ${TOKEN}` } });
    t.equal(res.statusCode, 200);
    const body = res.json();
    t.match(body, { worker: { active: 2, capacity: 50, taking: true }, fleet: { queued: 0, running: 0, oldestQueuedAt: null, jobsWaiting: null } });
    t.ok(body.process.rssMb > 0 && body.process.pid === process.pid, 'process figures');
    t.type(body.process.lagP99Ms, 'number');
  });

  await t.test('/readyz says whether the worker takes work', async (t) => {
    const app = build(undefined);
    let res = await app.inject('/readyz');
    t.equal(res.statusCode, 200);
    t.same(res.json(), { status: 'ready', worker: { taking: true, reason: null, active: 2, capacity: 50 } });
    status = { ...status, taking: false, reason: 'full', active: 50 };
    res = await app.inject('/readyz');
    t.equal(res.statusCode, 200, 'a full worker is healthy, just not taking more');
    t.match(res.json(), { worker: { taking: false, reason: 'full' } });
    status = { ...status, taking: false, reason: 'stopping' };
    res = await app.inject('/readyz');
    t.equal(res.statusCode, 503, 'a stopping worker is not ready');
    t.match(res.json(), { status: 'unavailable', reason: 'stopping' });
  });
});
