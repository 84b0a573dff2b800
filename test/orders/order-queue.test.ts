// The order queue on real pg-boss (SPEC §10 "queue one job per order … duplicates collapse"): many
// sends for one order leave one waiting job; different orders and stores do not collapse.
import t from 'tap';
import PgBoss from 'pg-boss';
import { createOrderQueue, DEBOUNCE_MS, ORDER_QUEUE } from '../../src/orders/order-queue.js';
import { openTestDatabase } from '../helpers/database.js';

t.test('repeated sends for one order collapse into one waiting job', async (t) => {
  const database = await openTestDatabase(t);
  const boss = new PgBoss({ connectionString: database.url, schema: 'pgboss_orders_test', max: 2, schedule: false, supervise: false });
  boss.on('error', () => {}); // the database closes after this test: pg-boss would report it
  await boss.start();
  const jobs = await createOrderQueue(boss);
  for (let i = 0; i < 5; i++) await jobs.send(1, 10001);
  await jobs.send(1, 10002);
  await jobs.send(2, 10001);
  const queued = await boss.getQueueSize(ORDER_QUEUE);
  t.equal(queued, 3, 'one per store + order');
  await new Promise((r) => setTimeout(r, DEBOUNCE_MS + 200)); // jobs wait a moment so simultaneous hooks collapse
  const [job] = await boss.fetch<{ integrationId: number; orderId: number }>(ORDER_QUEUE, { batchSize: 1 });
  t.ok(job);
  await jobs.send(job!.data.integrationId, job!.data.orderId);
  t.equal(await boss.getQueueSize(ORDER_QUEUE), 3, 'a change while its job runs gets one more pass (stately: one waiting, one active)');
  await boss.stop({ graceful: false, wait: true });
});
