// Categories and hooks of the API stand-in. Categories list as an ARRAY of wrappers like live (the
// spec shows one object: API-NOTES "Categories"); hooks list/create/get/delete (openapi.json "Hooks").
import type { FastifyInstance } from 'fastify';
import { wrapCategory, wrapHook } from './render.js';
import { categoryBody, hookBody } from './request-schemas.js';
import { answer, bodyOf, idParam, notFound, storeOf, unprocessable } from './respond.js';
import { listParams, pageOf } from './validate.js';

const byId = <T extends { id: number }>(m: Map<number, T>) => [...m.values()].sort((a, b) => a.id - b.id);

export function taxonomyRoutes(api: FastifyInstance): void {
  const createCategory = categoryBody(true);
  const updateCategory = categoryBody(false);

  api.get('/categories.json', async (req) => byId(storeOf(req).categories).map(wrapCategory));

  api.post('/categories.json', async (req, reply) => {
    const body = bodyOf<{ category: { name: string; parent_id?: number | null } }>(req, reply, createCategory);
    if (!body) return reply;
    return answer(reply, storeOf(req).createCategory(body.category), wrapCategory);
  });

  api.put('/categories/:id.json', async (req, reply) => {
    const id = idParam(req);
    if (id === null) return notFound(reply, 'Category not found.');
    const body = bodyOf<{ category: { name?: string; parent_id?: number | null } }>(req, reply, updateCategory);
    if (!body) return reply;
    return answer(reply, storeOf(req).updateCategory(id, body.category), wrapCategory);
  });

  api.get('/hooks.json', async (req, reply) => {
    const lp = listParams(req.query as Record<string, string | undefined>);
    if (!lp.ok) return unprocessable(reply, lp.errors);
    return pageOf(byId(storeOf(req).hooks), lp.params).map(wrapHook);
  });

  api.post('/hooks.json', async (req, reply) => {
    const body = bodyOf<{ hook: { event: string; url: string } }>(req, reply, hookBody);
    if (!body) return reply;
    return answer(reply, storeOf(req).createHook(body.hook), wrapHook);
  });

  api.get('/hooks/:id.json', async (req, reply) => {
    const id = idParam(req);
    const h = id === null ? undefined : storeOf(req).hooks.get(id);
    return h ? wrapHook(h) : notFound(reply, 'Hook not found.');
  });

  api.delete('/hooks/:id.json', async (req, reply) => {
    const id = idParam(req);
    if (id === null || !storeOf(req).hooks.delete(id)) return notFound(reply, 'Hook not found.');
    return reply.type('application/json').send(JSON.stringify('OK'));
  });
}
