// Operations: liveness (the process answers) and readiness (the database answers).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/knex.js';

export function healthRoutes(app: FastifyInstance, db: Db): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (req, reply) => {
    try {
      await db.raw('select 1');
      return { status: 'ready' };
    } catch (e) {
      req.log.warn({ err: e }, 'database not reachable');
      return reply.code(503).send({ status: 'unavailable', reason: 'database' });
    }
  });
}
