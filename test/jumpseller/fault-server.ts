// A tiny node:http server for client tests, started on port 0, whose handler each test sets to
// inject faults: statuses, hangs (for timeouts), and connection resets via socket.destroy().
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import type { Test } from 'tap';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export type FaultHandler = (req: SeenRequest, res: http.ServerResponse, n: number) => void;

export interface FaultServer {
  baseUrl: string;
  seen: SeenRequest[];
  handle(h: FaultHandler): void;
  dispatcher: Agent;
}

export const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

export async function startFaultServer(t: Test): Promise<FaultServer> {
  let handler: FaultHandler = (_req, res) => json(res, 500, { message: 'no handler' });
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      const r: SeenRequest = { method: req.method!, url: req.url!, headers: req.headers, body: text ? JSON.parse(text) : undefined };
      seen.push(r);
      handler(r, res, seen.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dispatcher = new Agent({ keepAliveTimeout: 1000 });
  t.teardown(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await dispatcher.close();
  });
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/v1`, seen, handle: (h) => { handler = h; }, dispatcher };
}
