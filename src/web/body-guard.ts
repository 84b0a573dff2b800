// What a request can make the app hold in memory before anyone is authenticated (issue 10, item 1;
// docs/threat-model.md). Two checks run in onRequest, before a byte of the body is read:
//   1. a route may declare `config.preBody`: who the sender claims to be is looked up from the
//      headers (a webhook's store code and signature header, a capability URL). When that already
//      refuses, the body is drained — read and dropped, never buffered — and the route's own refusal
//      is sent: the same answer, after the same reading of the body, as a sender it knows with a
//      wrong signature (nothing tells installed stores from unknown ones).
//   2. every request whose body Fastify will buffer reserves its size (Content-Length, or the route's
//      limit when chunked) from one budget shared by all requests of this process; when the budget
//      is spent the request is answered 503 with Retry-After at once, and the reservation is given
//      back when its response closes. Multipart bodies are streamed to disk and do not count.
import fp from 'fastify-plugin';
import { errorCodes, type FastifyReply, type FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';

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
  tryReserve(bytes: number): boolean;
  release(bytes: number): void;
  readonly inFlight: number;
}

export function createBodyBudget(maxBytes: number): BodyBudget {
  let inFlight = 0;
  return {
    tryReserve(bytes) {
      if (inFlight + bytes > maxBytes && inFlight > 0) return false;
      inFlight += bytes;
      return true;
    },
    release(bytes) { inFlight = Math.max(0, inFlight - bytes); },
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

/** Reads the body and drops it; false when it goes past `limit` (then the rest is not read). */
function drain(raw: IncomingMessage, limit: number): Promise<boolean> {
  return new Promise((resolve) => {
    let seen = 0;
    const done = (ok: boolean) => {
      raw.off('data', onData);
      resolve(ok);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limit) done(false);
    };
    raw.on('data', onData);
    raw.once('end', () => done(true));
    raw.once('close', () => done(seen <= limit));
    raw.resume();
  });
}

export const bodyGuardPlugin = fp<{ maxInFlightBytes?: number }>(async (app, opts) => {
  const budget = createBodyBudget(opts.maxInFlightBytes ?? DEFAULT_IN_FLIGHT_BODY_BYTES);
  app.decorateRequest('admitted', undefined);
  app.addHook('onRequest', async (req, reply) => {
    const size = declaredSize(req);
    if (size === 0 || !BUFFERED_METHODS.has(req.method)) return;
    const limit = req.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1024 * 1024;
    const check = req.routeOptions.config.preBody;
    if (check) {
      const admitted = await check.admit(req);
      if (admitted === undefined) {
        // Too large: the 413 a known sender gets, and the connection is closed rather than read on.
        if ((size > limit && size !== Infinity) || !(await drain(req.raw, limit))) {
          reply.header('connection', 'close');
          throw new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
        }
        return check.refuse(reply);
      }
      req.admitted = admitted;
    }
    if ((req.headers['content-type'] ?? '').startsWith('multipart/')) return; // streamed to a file
    if (size > limit) return; // Fastify answers 413 without reading it
    const bytes = Math.min(size, limit);
    if (!budget.tryReserve(bytes)) {
      req.log.warn({ inFlight: budget.inFlight, bytes }, 'request bodies over budget: 503');
      return reply.code(503).header('retry-after', String(BUSY_RETRY_AFTER_S)).header('connection', 'close')
        .send({ statusCode: 503, message: 'Ocupado: vuelve a intentarlo en unos segundos.' });
    }
    reply.raw.once('close', () => budget.release(bytes));
  });
}, { name: 'body-guard' });
