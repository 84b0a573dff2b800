// How long the web server waits for a client (issue 10, item 5). Fastify leaves requestTimeout off
// by default: a body that never ends held its connection (and a buffer) for as long as the client
// liked. An idle socket is closed after connectionTimeout, headers must arrive within
// headersTimeout, and a whole request — a 260 MB catalog upload on a slow line included — within
// requestTimeout. keepAliveTimeout stays below the usual PaaS router idle timeout.
export interface ServerTimeouts {
  /** A socket with no traffic for this long is closed (ms). */
  connectionTimeout: number;
  /** The whole request, body included (ms). */
  requestTimeout: number;
  /** The request line and headers (ms); at most requestTimeout. */
  headersTimeout: number;
  /** An idle kept-alive connection between requests (ms). */
  keepAliveTimeout: number;
}

export const SERVER_TIMEOUTS: ServerTimeouts = {
  connectionTimeout: 30_000,
  requestTimeout: 300_000,
  headersTimeout: 15_000,
  keepAliveTimeout: 5_000,
};
