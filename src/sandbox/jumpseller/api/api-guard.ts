// What happens to every API v1 request of the stand-in before and after its route: the store's rate
// limiter (headers on every answer, 429 without Retry-After, the ban header), then queued faults
// (fault injection for tests), then a log line for the inspection API. Installed on the lead's /v1
// context (api/index.ts) after bearer authentication, so it knows the store.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SandboxAuthState } from '../auth-state.js';
import { apiStateFor, type StoreApiState } from './api-state.js';

declare module 'fastify' {
  interface FastifyRequest { sandboxApi?: StoreApiState; sandboxFault?: string }
}

const INTERNAL_ERROR = JSON.stringify({ message: 'Internal Server Error' });

const pathOf = (req: FastifyRequest) => req.url.replace(/^\/v1/, '').split('?')[0]!;

export function installApiGuard(api: FastifyInstance, auth: SandboxAuthState): void {
  const state = apiStateFor(auth);
  const hung = new Set<Socket>();

  api.addHook('onRequest', async (req, reply) => {
    if (!req.sandboxStore) return; // the auth hook already answered 401
    const store = state.store(req.sandboxStore.code);
    req.sandboxApi = store;
    const decision = store.limiter.check();
    void reply.headers(decision.headers);
    if (!decision.allowed) return reply.code(429).send({ message: 'Too Many Requests' });
  });

  // preHandler: the body has been received, so a reset here is "after the request was sent".
  api.addHook('preHandler', async (req, reply) => {
    const store = req.sandboxApi;
    if (!store) return;
    if (store.latencyMs > 0) await sleep(store.latencyMs);
    const fault = store.faults.take(req.method, pathOf(req));
    if (!fault) return;
    req.sandboxFault = fault.kind;
    const log = () => store.record({ at: auth.now(), method: req.method, path: pathOf(req), status: 0, fault: fault.kind });
    switch (fault.kind) {
      case 'status':
        return reply.code(fault.status ?? 500).send({ message: fault.status === 503 ? 'Service Unavailable' : 'Internal Server Error' });
      case 'delay':
        await sleep(fault.ms ?? 1000);
        return;
      case 'reset':
        reply.hijack();
        log();
        req.raw.socket.destroy();
        return;
      case 'hang': {
        reply.hijack();
        log();
        const socket = req.raw.socket;
        hung.add(socket);
        const timer = setTimeout(() => socket.destroy(), fault.ms ?? 120_000);
        socket.once('close', () => { clearTimeout(timer); hung.delete(socket); });
        return;
      }
      case 'created-then-500':
        return; // the route runs; onSend turns its success into a 500
    }
  });

  api.addHook('onSend', async (req, reply, payload) => {
    if (req.sandboxFault === 'created-then-500' && reply.statusCode < 300) {
      void reply.code(500).type('application/json');
      return INTERNAL_ERROR;
    }
    return payload;
  });

  api.addHook('onResponse', async (req, reply) => {
    req.sandboxApi?.record({ at: auth.now(), method: req.method, path: pathOf(req), status: reply.statusCode, fault: req.sandboxFault });
  });

  api.addHook('preClose', async () => {
    for (const s of hung) s.destroy();
  });
}
