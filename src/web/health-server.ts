// /healthz, /readyz and /ops/fleet.json on HEALTH_PORT, a listener of their own, so an orchestrator
// can probe any process and an operator can read its figures. In a web process it keeps the health
// check out of the main port's accept queue: under a burst of 150 × 8 MB unauthenticated webhooks,
// /healthz there answered p95 ≈ 60 ms against ≈ 190–280 ms on the main port (docs/adr/0020).
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
