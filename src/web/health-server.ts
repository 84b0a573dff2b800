// A process without the web role (a worker or scheduler) answers /healthz, /readyz and /ops/fleet.json
// on HEALTH_PORT, so an orchestrator can probe it and an operator can read its figures.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Db } from '../db/knex.js';
import type { WorkerStatus } from '../jobs/sync-worker.js';
import { healthRoutes } from './health-routes.js';
import { opsRoutes } from './ops-routes.js';

export async function startHealthServer(opts: {
  db: Db; host: string; port: number; opsToken: string | undefined; worker?: () => WorkerStatus; snapshot(): Promise<object>;
}): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  healthRoutes(app, opts.db, opts.worker);
  opsRoutes(app, { token: opts.opsToken, snapshot: opts.snapshot });
  await app.listen({ host: opts.host, port: opts.port });
  return app;
}
