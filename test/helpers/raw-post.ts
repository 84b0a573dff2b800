// A client on a raw socket, for what app.inject() cannot show: when the answer comes relative to the
// bytes of the body, and how many bytes the server read off the wire (issue 10, item 1).
import net from 'node:net';
import type { Server } from 'node:http';

export interface RawPostResult {
  /** The status line's code, or undefined when no answer came before the connection ended. */
  status: number | undefined;
  headers: string;
  /** Body bytes the client had written when the answer's headers arrived (Infinity: no answer). */
  sentAtAnswer: number;
  /** Body bytes the client wrote in all (it stops when the server closes). */
  sent: number;
  /** The socket error that ended it (ECONNRESET, EPIPE), if any. */
  error: string | undefined;
}

/**
 * Writes `head` then the body in 64 KB writes, each after the previous one is flushed, until all is
 * written or the server closes; waits for the answer (or the close), then closes its side.
 */
export function rawPost(port: number, head: string, body: Buffer, opts: { localAddress?: string } = {}): Promise<RawPostResult> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress: opts.localAddress });
    let response = '';
    let sent = 0;
    let sentAtAnswer = Infinity;
    let ended = false;
    let error: string | undefined;
    const finish = () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(response)?.[1];
      resolve({ status: status ? Number(status) : undefined, headers: response.split('\r\n\r\n')[0] ?? '', sentAtAnswer, sent, error });
      socket.destroy();
    };
    socket.on('data', (chunk) => {
      response += chunk.toString('latin1');
      if (sentAtAnswer === Infinity && response.includes('\r\n\r\n')) sentAtAnswer = sent;
      if (sent === body.length) finish(); // everything written and answered
    });
    socket.on('error', (e: NodeJS.ErrnoException) => { ended = true; error = e.code; });
    socket.on('close', () => { ended = true; finish(); });
    const next = () => {
      if (ended || sent >= body.length) return;
      const chunk = body.subarray(sent, sent + 64 * 1024);
      socket.write(chunk, (err) => {
        if (err) return;
        sent += chunk.length;
        if (sent === body.length && response.includes('\r\n\r\n')) finish();
        else next();
      });
    };
    socket.once('connect', () => socket.write(head, () => next()));
  });
}

/** Counts the bytes a server's sockets read off the wire (open ones so far, closed ones in all). */
export function countBytesRead(server: Server): () => number {
  const open = new Set<net.Socket>();
  let closed = 0;
  server.on('connection', (socket: net.Socket) => {
    open.add(socket);
    socket.once('close', () => { open.delete(socket); closed += socket.bytesRead; });
  });
  return () => closed + [...open].reduce((n, s) => n + s.bytesRead, 0);
}

export const postHead = (path: string, headers: Record<string, string | number>) =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
