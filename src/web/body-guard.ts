// What a request can make the app hold, and spend, before anyone is authenticated (issue 10, item 1;
// docs/threat-model.md, ADR 0020). In onRequest, before a byte of the body is read:
//   1. a route may declare `config.preBody`: who the sender claims to be is looked up from the
//      headers (a webhook's store code and signature header). When that already refuses, the route's
//      refusal is sent at once and the body is never read. For bodies over 1 MB, at most
//      MAX_LOOKUPS_PER_PEER look-ups of one peer, MAX_LOOKUPS in all, run at once: past them 429 / 503
//      at once, without a query (small deliveries, many at once from one sender, are not held). An
//      admitted sender is not yet verified (the signature covers the body): the bytes one peer may
//      have read so are limited to a burst and a rate (PEER_UNVERIFIED_*), 429 past it.
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
import { createBodyBudget, createByteRate, createLookupGate } from './peer-limits.js';

/** Bytes of request bodies buffered at once, by all requests of a web process. */
export const DEFAULT_IN_FLIGHT_BODY_BYTES = 32 * 1024 * 1024;
/**
 * Senders of large bodies (over the app's 1 MB default: never a Centry notification, seldom a
 * Jumpseller delivery) being looked up from their headers at once: by one peer, by all.
 */
export const MAX_LOOKUPS_PER_PEER = 8;
export const MAX_LOOKUPS = 32;
export const LOOKUP_GATE_FROM_BYTES = 1024 * 1024;
/** Bytes one peer may have read before its sender is verified: a burst, then this many per second. */
export const PEER_UNVERIFIED_BYTES_PER_S = 16 * 1024 * 1024;
export const PEER_UNVERIFIED_BURST = 16 * 1024 * 1024;
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

export interface BodyGuardOptions {
  maxInFlightBytes?: number;
  /** Bytes per second and burst one peer may have read for unverified senders. */
  peerUnverified?: { perSecond: number; burst: number };
}

export const bodyGuardPlugin = fp<BodyGuardOptions>(async (app, opts) => {
  const unverified = opts.peerUnverified ?? { perSecond: PEER_UNVERIFIED_BYTES_PER_S, burst: PEER_UNVERIFIED_BURST };
  const rate = createByteRate(unverified.perSecond, unverified.burst);
  const budget = createBodyBudget(opts.maxInFlightBytes ?? DEFAULT_IN_FLIGHT_BODY_BYTES);
  const lookups = createLookupGate(MAX_LOOKUPS, MAX_LOOKUPS_PER_PEER);
  app.decorateRequest('admitted', undefined);
  app.addHook('onRequest', async (req, reply) => {
    const size = declaredSize(req);
    if (size === 0 || !BUFFERED_METHODS.has(req.method)) return;
    const check = req.routeOptions.config.preBody;
    if (check) {
      const gated = size > LOOKUP_GATE_FROM_BYTES;
      const entered = gated ? lookups.tryEnter(req.ip) : 'ok';
      if (entered !== 'ok') return busy(reply, entered === 'peer' ? 429 : 503);
      let admitted: unknown;
      try {
        admitted = await check.admit(req);
      } finally {
        if (gated) lookups.leave(req.ip);
      }
      if (admitted === undefined) return check.refuse(reply);
      req.admitted = admitted;
    }
    if ((req.headers['content-type'] ?? '').startsWith('multipart/')) return; // streamed to a file
    const limit = req.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1024 * 1024;
    if (size > limit) return; // Fastify answers 413 without reading it
    const bytes = Math.min(size, limit);
    if (check && !rate.tryTake(req.ip, bytes, Date.now())) {
      req.log.warn({ bytes }, 'unverified bytes of this peer over its rate: 429');
      return busy(reply, 429);
    }
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
