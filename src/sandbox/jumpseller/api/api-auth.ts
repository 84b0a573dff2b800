// Bearer authentication for API v1 requests (401 like live for a missing, bad, expired or revoked token).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxAuthState, SandboxStore } from '../auth-state.js';

declare module 'fastify' {
  interface FastifyRequest { sandboxStore?: SandboxStore; sandboxScopes?: string[] }
}

export function apiAuth(state: SandboxAuthState) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const auth = state.authenticate(req.headers.authorization);
    if (!auth.ok) return reply.code(401).send({ message: auth.reason === 'expired' ? 'Access token expired' : 'Unauthorized' });
    req.sandboxStore = auth.store;
    req.sandboxScopes = auth.scopes;
  };
}

/** 403 when the token lacks every one of the scopes that allow this call. */
export function requireScope(req: FastifyRequest, reply: FastifyReply, anyOf: string[]): boolean {
  if (anyOf.some((s) => req.sandboxScopes?.includes(s))) return true;
  void reply.code(403).send({ message: `Insufficient scope: needs one of ${anyOf.join(', ')}` });
  return false;
}
