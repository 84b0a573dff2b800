// Issue 10, item 1, on real sockets (app.inject cannot show it): a request refused before its body
// is read is answered at once and its connection closed without reading the body — for a sender the
// headers already refuse, a declared size past the route limit, a chunked body past it, and a peer
// past its share of the body budget. What a refused sender costs is then its headers, not its bytes.
import net, { type AddressInfo } from 'node:net';
import t from 'tap';
import Fastify, { type FastifyReply } from 'fastify';
import { bodyGuardPlugin, LOOKUP_GATE_FROM_BYTES, MAX_LOOKUPS_PER_PEER, type BodyGuardOptions } from '../../src/web/body-guard.js';
import { countBytesRead, postHead, rawPost } from '../helpers/raw-post.js';

const MB = 1024 * 1024;
const LIMIT = 8 * MB;

async function guardedApp(t: { teardown(fn: () => unknown): void }, maxInFlightBytes = 64 * MB, options: BodyGuardOptions = {}) {
  const app = Fastify();
  t.teardown(() => app.close());
  await app.register(bodyGuardPlugin, { maxInFlightBytes, ...options });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const preBody = {
    admit: async (req: { headers: Record<string, unknown> }) => (req.headers['x-sender'] === 'known' ? { who: 'known' } : undefined),
    refuse: (reply: FastifyReply) => reply.code(401).send({ error: 'Unauthorized' }),
  };
  app.post('/hook', { config: { preBody }, bodyLimit: LIMIT }, async (req) => ({ bytes: (req.body as Buffer).length }));
  const bytesRead = countBytesRead(app.server);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, port: (app.server.address() as AddressInfo).port, bytesRead };
}

t.test('a sender its headers refuse: answered before its body is sent, the body never read', async (t) => {
  const { port, bytesRead } = await guardedApp(t);
  const body = Buffer.alloc(LIMIT, 'x');
  const r = await rawPost(port, postHead('/hook', { 'x-sender': 'stranger', 'content-type': 'application/json', 'content-length': body.length }), body);
  t.equal(r.status, 401);
  t.match(r.headers, /connection: close/i, 'and told the connection ends');
  t.ok(r.sentAtAnswer < body.length, `answered with ${r.sentAtAnswer} of ${body.length} bytes sent`);
  t.ok(r.sent < body.length, `the client could not send it all (${r.sent} bytes): the server closed`);
  t.ok(bytesRead() < MB, `the server read ${bytesRead()} bytes, not the 8 MB body`);
});

t.test('a declared size past the route limit: 413 without reading, even for a known sender', async (t) => {
  const { port, bytesRead } = await guardedApp(t);
  const body = Buffer.alloc(LIMIT + MB, 'x');
  const r = await rawPost(port, postHead('/hook', { 'x-sender': 'known', 'content-type': 'application/json', 'content-length': body.length }), body);
  t.equal(r.status, 413);
  t.ok(r.sent < body.length, `the client could not send it all (${r.sent} bytes)`);
  t.ok(bytesRead() < MB, `the server read ${bytesRead()} bytes`);
});

t.test('a chunked body is cut at the route limit: 413, and nothing past it is read', async (t) => {
  const { port, bytesRead } = await guardedApp(t);
  const chunk = Buffer.alloc(MB, 'x');
  const chunks = Array.from({ length: 3 * LIMIT / MB }, () => Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]));
  const body = Buffer.concat([...chunks, Buffer.from('0\r\n\r\n')]);
  const r = await rawPost(port, postHead('/hook', { 'x-sender': 'known', 'content-type': 'application/json', 'transfer-encoding': 'chunked' }), body);
  // The server ends the connection while this client is still writing: its answer can be lost to
  // the reset (the client's next write fails before it reads), as with any server that stops reading.
  t.ok(r.status === 413 || (r.status === undefined && r.error !== undefined), `413, or reset mid-write (${r.status ?? r.error})`);
  t.ok(r.sent < body.length, `the client could not send all ${body.length} bytes (${r.sent})`);
  t.ok(bytesRead() < LIMIT + 2 * MB, `the server read ${bytesRead()} bytes, about the limit`);
});

t.test('a peer past its share of the budget gets 429 at once; another peer still passes', async (t) => {
  const { port, bytesRead } = await guardedApp(t, 2 * LIMIT); // a peer may hold half: one 8 MB body
  const known = (length: number) => postHead('/hook', { 'x-sender': 'known', 'content-type': 'application/json', 'content-length': length });
  // One peer holds its whole share with a body it never finishes.
  const stalled = net.connect(port, '127.0.0.1');
  t.teardown(() => { stalled.destroy(); });
  await new Promise<void>((resolve) => stalled.write(known(LIMIT), () => stalled.write(Buffer.alloc(64 * 1024, 'x'), () => resolve())));
  await new Promise((r) => setTimeout(r, 200)); // its reservation is taken once its headers are read
  const before = bytesRead();
  const body = Buffer.alloc(LIMIT, 'x');
  const same = await rawPost(port, known(body.length), body);
  t.equal(same.status, 429, 'the same peer: 429');
  t.match(same.headers, /retry-after: \d+/i);
  t.ok(same.sentAtAnswer < body.length, `answered before its body was sent (${same.sentAtAnswer} bytes)`);
  t.ok(bytesRead() - before < MB, `and the body not read (${bytesRead() - before} bytes)`);
  const small = Buffer.from('{"small":true}');
  const other = await rawPost(port, known(small.length), small, { localAddress: '127.0.0.2' });
  t.equal(other.status, 200, 'another peer is admitted');
});

t.test('look-ups of senders of large bodies are capped per peer: past the cap 429 at once, without a look-up', async (t) => {
  const app = Fastify();
  t.teardown(() => app.close());
  await app.register(bodyGuardPlugin);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  // Every look-up waits until MAX_LOOKUPS_PER_PEER + 1 have started (or a 429 came): a capped peer's
  // extra request must be answered without one.
  let started = 0;
  let release!: () => void;
  const released = new Promise<void>((r) => { release = r; });
  const preBody = {
    admit: async () => {
      started += 1;
      if (started > MAX_LOOKUPS_PER_PEER) release();
      await released;
      return undefined;
    },
    refuse: (reply: FastifyReply) => reply.code(401).send({ error: 'Unauthorized' }),
  };
  app.post('/hook', { config: { preBody } }, async () => ({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const body = Buffer.alloc(LOOKUP_GATE_FROM_BYTES + 1, 'x');
  const head = postHead('/hook', { 'content-type': 'application/json', 'content-length': body.length });
  const waiting = Array.from({ length: MAX_LOOKUPS_PER_PEER }, () => rawPost(port, head, body));
  while (started < MAX_LOOKUPS_PER_PEER) await new Promise((r) => setTimeout(r, 10));
  const extra = await rawPost(port, head, body);
  release();
  t.equal(extra.status, 429, `the peer's request past ${MAX_LOOKUPS_PER_PEER} look-ups in flight`);
  t.match(extra.headers, /retry-after: \d+/i);
  t.equal(started, MAX_LOOKUPS_PER_PEER, 'and it was not looked up');
  const others = await Promise.all(waiting);
  t.ok(others.every((r) => r.status === 401 || r.error !== undefined), `the others are refused, unread (${others.map((r) => r.status ?? r.error).join(' ')})`);
  const small = Buffer.from('{}');
  const smallHead = postHead('/hook', { 'content-type': 'application/json', 'content-length': small.length });
  started = 0;
  const many = await Promise.all(Array.from({ length: 2 * MAX_LOOKUPS_PER_PEER }, () => rawPost(port, smallHead, small)));
  t.same(new Set(many.map((r) => r.status)), new Set([401]), 'small bodies are looked up however many come at once');
  t.equal(started, 2 * MAX_LOOKUPS_PER_PEER);
});

t.test('a peer past its allowance of unverified bytes gets 429 without being read', async (t) => {
  const { port, bytesRead } = await guardedApp(t, 64 * MB, { peerUnverified: { perSecond: 1024, burst: 2 * LIMIT } });
  const body = Buffer.alloc(LIMIT, 'x');
  const head = postHead('/hook', { 'x-sender': 'known', 'content-type': 'application/json', 'content-length': body.length });
  for (const n of [1, 2]) t.equal((await rawPost(port, head, body)).status, 200, `body ${n} within the burst`);
  const before = bytesRead();
  const third = await rawPost(port, head, body);
  t.equal(third.status, 429, 'the third at once is past the allowance');
  t.ok(bytesRead() - before < MB, `and not read (${bytesRead() - before} bytes)`);
  const other = await rawPost(port, head, body, { localAddress: '127.0.0.2' });
  t.equal(other.status, 200, 'another peer has its own allowance');
});
