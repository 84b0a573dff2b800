// What a request can make the app hold, and spend, before anyone is authenticated (issue 10, item 1;
// docs/threat-model.md, ADR 0020). In onRequest, before a byte of the body is read:
//   1. a route may declare `config.preBody`: who the sender claims to be is looked up from the
//      headers (a webhook's store code and signature header). When that already refuses, the route's
//      refusal is sent at once and the body is never read.
//   2. every request whose body Fastify will buffer reserves its size (Content-Length, or the route's
//      limit when chunked) from one budget shared by all requests of this process, and one peer may
//      hold at most half of it: past the budget 503, past the peer's share 429, both with
//      Retry-After. The reservation is given back when the response closes. Multipart bodies are
//      streamed to disk and do not count.
// Any answer sent while the body has not all arrived (these refusals, a 413, an error) ends the
// connection: it is destroyed as soon as the answer is handed to the OS, never drained — reading a
// refused 8 MB body cost the event loop as much as accepting it.
import fp from 'fastify-plugin';
import { type FastifyReply, type FastifyRequest } from 'fastify';

/** Bytes of request bodies buffered at once, by all requests of a web process. */
export const DEFAULT_IN_FLIGHT_BODY_BYTES = 32 * 1024 * 1024;
export const BUSY_RETRY_AFTER_S = 5;

export interface PreBodyCheck {
  /** What the route needs about an admitted sender (read back as `req.admitted`); undefined refuses. */
  admit(req: FastifyRequest): Promise<unknown>;
  /** The route's one refusal, also used by its handler when the signature is wrong. */
  refuse(reply: FastifyReply): FastifyReply;
}

declare module 'fastify' {
  interface FastifyContextConfig { preBody?: PreBodyCheck }
  interface FastifyRequest { admitted: unknown }
}

export interface BodyBudget {
  /** 'ok' when reserved; 'total' when the budget is spent, 'peer' when this peer holds its share. */
  tryReserve(peer: string, bytes: number): 'ok' | 'total' | 'peer';
  release(peer: string, bytes: number): void;
  readonly inFlight: number;
}

/** One budget of `maxBytes`; a peer may hold `peerShare` of it (half by default). */
export function createBodyBudget(maxBytes: number, peerShare = maxBytes / 2): BodyBudget {
  let inFlight = 0;
  const byPeer = new Map<string, number>();
  return {
    tryReserve(peer, bytes) {
      const held = byPeer.get(peer) ?? 0;
      if (held + bytes > peerShare && held > 0) return 'peer';
      if (inFlight + bytes > maxBytes && inFlight > 0) return 'total';
      inFlight += bytes;
      byPeer.set(peer, held + bytes);
      return 'ok';
    },
    release(peer, bytes) {
      inFlight = Math.max(0, inFlight - bytes);
      const left = (byPeer.get(peer) ?? 0) - bytes;
      if (left > 0) byPeer.set(peer, left);
      else byPeer.delete(peer);
    },
    get inFlight() { return inFlight; },
  };
}

const BUFFERED_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The declared body size: a number, Infinity when chunked (unknown), 0 when there is no body. */
function declaredSize(req: FastifyRequest): number {
  const length = req.headers['content-length'];
  if (length !== undefined) return /^\d+$/.test(length) ? Number(length) : Infinity;
  return req.headers['transfer-encoding'] ? Infinity : 0;
}

/**
 * An answer sent before the body has all arrived ends its connection, and the rest of the body is not
 * read: Node would otherwise read it to the end to keep the connection alive (or until the close is
 * flushed). The socket is destroyed once the answer is handed to the OS.
 */
function endUnread(req: FastifyRequest, reply: FastifyReply): void {
  if (req.raw.complete !== false) return; // all here (or not a socket: app.inject)
  reply.header('connection', 'close');
  reply.raw.once('finish', () => req.raw.socket.destroy());
}

const busy = (reply: FastifyReply, code: 429 | 503) => reply.code(code).header('retry-after', String(BUSY_RETRY_AFTER_S))
  .send({ statusCode: code, message: 'Ocupado: vuelve a intentarlo en unos segundos.' });

export const bodyGuardPlugin = fp<{ maxInFlightBytes?: number }>(async (app, opts) => {
  const budget = createBodyBudget(opts.maxInFlightBytes ?? DEFAULT_IN_FLIGHT_BODY_BYTES);
  app.decorateRequest('admitted', undefined);
  app.addHook('onRequest', async (req, reply) => {
    const size = declaredSize(req);
    if (size === 0 || !BUFFERED_METHODS.has(req.method)) return;
    const check = req.routeOptions.config.preBody;
    if (check) {
      const admitted = await check.admit(req);
      if (admitted === undefined) return check.refuse(reply);
      req.admitted = admitted;
    }
    if ((req.headers['content-type'] ?? '').startsWith('multipart/')) return; // streamed to a file
    const limit = req.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1024 * 1024;
    if (size > limit) return; // Fastify answers 413 without reading it
    const bytes = Math.min(size, limit);
    const reserved = budget.tryReserve(req.ip, bytes);
    if (reserved !== 'ok') {
      req.log.warn({ inFlight: budget.inFlight, bytes, over: reserved }, 'request bodies over budget');
      return busy(reply, reserved === 'peer' ? 429 : 503);
    }
    reply.raw.once('close', () => budget.release(req.ip, bytes));
  });
  app.addHook('onSend', async (req, reply) => {
    if (declaredSize(req) > 0) endUnread(req, reply);
  });
}, { name: 'body-guard' });
