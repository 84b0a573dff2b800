// GET /v1/store/info.json — wrapped as {"store":{…}} like live (the spec shows it unwrapped).
import type { FastifyInstance } from 'fastify';

export function storeRoutes(api: FastifyInstance): void {
  api.get('/store/info.json', async (req) => ({ store: { ...req.sandboxStore } }));
}
