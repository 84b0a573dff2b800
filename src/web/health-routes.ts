// Operations: liveness (the process answers) and readiness (the database answers; a process with the
// worker role also says whether its worker takes work, and is not ready while it is stopping).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/knex.js';
import type { WorkerStatus } from '../jobs/sync-worker.js';

export function healthRoutes(app: FastifyInstance, db: Db, worker?: () => WorkerStatus): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (req, reply) => {
    const w = worker?.();
    const figures = w ? { worker: { taking: w.taking, reason: w.reason, active: w.active, capacity: w.capacity } } : {};
    try {
      await db.raw('select 1');
    } catch (e) {
      req.log.warn({ err: e }, 'database not reachable');
      return reply.code(503).send({ status: 'unavailable', reason: 'database', ...figures });
    }
    if (w?.reason === 'stopping') return reply.code(503).send({ status: 'unavailable', reason: 'stopping', ...figures });
    return { status: 'ready', ...figures };
  });
}
