// Inspection API for tests and demos (never part of live Jumpseller): state, stores, revocation, expiry.
import type { FastifyInstance } from 'fastify';
import type { SandboxAuthState } from './auth-state.js';
import { TOKEN_FAULTS, type TokenFault } from '../token-faults.js';

export function inspectRoutes(app: FastifyInstance, state: SandboxAuthState): void {
  app.get('/_sandbox/stores', async () => ({ stores: [...state.stores.values()] }));
  app.post('/_sandbox/stores', async (req, reply) => {
    const b = (req.body ?? {}) as { code?: string; name?: string; currency?: string };
    if (!b.code || !/^[a-z0-9-]+$/.test(b.code)) return reply.code(422).send({ message: 'code must match [a-z0-9-]+' });
    return reply.code(201).send({ store: state.addStore({ code: b.code, name: b.name ?? b.code, currency: b.currency ?? 'CLP' }) });
  });
  app.post('/_sandbox/stores/:code/revoke', async (req, reply) => {
    const { code } = req.params as { code: string };
    for (const clientId of state.apps.keys()) state.revoke(code, clientId);
    return reply.code(204).send();
  });
  app.post('/_sandbox/stores/:code/expire-tokens', async (req, reply) => {
    state.expireTokens((req.params as { code: string }).code);
    return reply.code(204).send();
  });
  app.put('/_sandbox/settings', async (req) => {
    const b = (req.body ?? {}) as { tokenTtlSeconds?: number; tokenFaults?: unknown };
    if (typeof b.tokenTtlSeconds === 'number' && b.tokenTtlSeconds > 0) state.tokenTtlSeconds = b.tokenTtlSeconds;
    if (Array.isArray(b.tokenFaults)) state.tokenFaults = b.tokenFaults.filter((f): f is TokenFault => TOKEN_FAULTS.includes(f as TokenFault));
    return { tokenTtlSeconds: state.tokenTtlSeconds, tokenFaults: state.tokenFaults };
  });
}
