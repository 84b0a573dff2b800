// The operator's figures (docs/adr/0017-fleet.md): GET /ops/fleet.json with `Authorization: Bearer
// <OPS_TOKEN>`. Without a configured token the route does not exist (404), so nothing leaks by default.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function opsRoutes(app: FastifyInstance, opts: { token: string | undefined; snapshot(): Promise<object> }): void {
  if (!opts.token) return;
  const want = digest(opts.token);
  app.get('/ops/fleet.json', async (req, reply) => {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (!m || !timingSafeEqual(digest(m[1]!), want)) return reply.code(401).header('www-authenticate', 'Bearer').send({ message: 'unauthorized' });
    return reply.header('cache-control', 'no-store').send(await opts.snapshot());
  });
}
