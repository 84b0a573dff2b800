// Fault injection for the sandboxes' token endpoints (both /oauth/token): the next requests meet
// these faults, in order, instead of being processed — so a token client is tested against the real
// stand-in, over HTTP, as it would meet a failing provider. Never part of live Jumpseller or Centry.
import type { FastifyReply } from 'fastify';

export type TokenFault =
  /** 500 with an OAuth-shaped body (`server_error`). */
  | 'server_error'
  /** 429 with `Retry-After: 0`: refused before processing, safe to retry. */
  | 'rate_limited'
  /** The connection is dropped without an answer (the client sees a reset). */
  | 'reset'
  /** 200 with an HTML page (a proxy or maintenance page in front of the endpoint). */
  | 'not_json';

export const TOKEN_FAULTS: readonly TokenFault[] = ['server_error', 'rate_limited', 'reset', 'not_json'];

/** Answers the next queued fault, if any (and removes it); false when the request should be processed. */
export function answerTokenFault(faults: TokenFault[], reply: FastifyReply): boolean {
  const fault = faults.shift();
  switch (fault) {
    case undefined: return false;
    case 'server_error': reply.code(500).send({ error: 'server_error' }); return true;
    case 'rate_limited': reply.code(429).header('retry-after', '0').send({ error: 'rate_limited' }); return true;
    case 'not_json': reply.code(200).type('text/html').send('<!doctype html><html><body><h1>Mantenimiento</h1></body></html>'); return true;
    case 'reset':
      reply.hijack();
      reply.raw.socket?.destroy();
      return true;
  }
}
