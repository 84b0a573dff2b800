// Issue 10, item 1: nothing unauthenticated can make the app buffer without bound. A refused sender's
// body is never read, parsed nor counted; bodies being buffered share one budget, and past it a
// request is told 503 with Retry-After instead of being held in memory (its socket level, and a
// peer's share of the budget: refused-bodies.test.ts).
import net from 'node:net';
import t from 'tap';
import Fastify from 'fastify';
import { Agent, request } from 'undici';
import { bodyGuardPlugin } from '../../src/web/body-guard.js';
import { openTestApp } from '../helpers/app.js';

/** Sends the headers and part of a body, and keeps the connection open (a slow or stalled sender). */
function stalledPost(port: number, path: string, declared: number, sent: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${declared}\r\n\r\n`);
      socket.write(Buffer.alloc(sent, 'a'), () => setTimeout(() => resolve(socket), 100));
    });
    socket.on('error', reject);
  });
}

t.test('bodies being buffered share one budget: past it, 503 with Retry-After; given back when the response closes', async (t) => {
  const { app } = await openTestApp(t, { listen: true, maxInFlightBodyBytes: 1024 * 1024 });
  const port = (app.server.address() as net.AddressInfo).port;
  const held = await stalledPost(port, '/entrar', 1024 * 1024, 10);
  const otherPeer = new Agent({ localAddress: '127.0.0.2' }); // not the peer that holds its share
  t.teardown(() => otherPeer.close());
  const busy = await request(`http://127.0.0.1:${port}/entrar`, { method: 'POST', body: 'store=tienda-uno', headers: { 'content-type': 'application/x-www-form-urlencoded' }, dispatcher: otherPeer });
  t.equal(busy.statusCode, 503, 'a second body while 1 MB, all of the budget, are promised');
  t.equal(busy.headers['retry-after'], '5');
  await busy.body.text();
  held.destroy();
  await new Promise((r) => setTimeout(r, 100));
  const after = await request(`http://127.0.0.1:${port}/entrar`, { method: 'POST', body: 'store=tienda-uno', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  t.not(after.statusCode, 503, 'the budget is free again once the stalled request is gone');
  await after.body.text();
});

t.test('a sender refused by its headers is answered without its body ever being parsed or counted', async (t) => {
  const app = Fastify();
  t.teardown(() => app.close());
  let parsed = 0;
  await app.register(bodyGuardPlugin, { maxInFlightBytes: 1024 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => { parsed += 1; done(null, body); });
  const preBody = {
    admit: async (req: { headers: Record<string, unknown> }) => (req.headers['x-sender'] === 'known' ? { who: 'known' } : undefined),
    refuse: (reply: import('fastify').FastifyReply) => reply.code(401).send({ error: 'Unauthorized' }),
  };
  app.post('/hook', { config: { preBody }, bodyLimit: 8 * 1024 * 1024 }, async (req) => ({ admitted: req.admitted, bytes: (req.body as Buffer).length }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as net.AddressInfo).port;
  const post = (sender: string, bytes: number) => request(`http://127.0.0.1:${port}/hook`, { method: 'POST', body: Buffer.alloc(bytes, 'x'), headers: { 'x-sender': sender, 'content-type': 'application/json' } });

  const held = await stalledPost(port, '/hook', 1000 * 1024, 10).then((s) => s); // unknown sender: refused, not counted
  const known = await post('known', 4 * 1024 * 1024);
  t.equal(known.statusCode, 200, 'a known sender is admitted while an unknown one is still sending');
  t.same(await known.body.json(), { admitted: { who: 'known' }, bytes: 4 * 1024 * 1024 });
  held.destroy();

  const unknown = await post('stranger', 6 * 1024 * 1024);
  t.equal(unknown.statusCode, 401);
  t.same(await unknown.body.json(), { error: 'Unauthorized' });
  const tooBig = await post('stranger', 9 * 1024 * 1024).catch(() => undefined);
  if (tooBig) {
    t.equal(tooBig.statusCode, 401, 'past the route limit: refused by its headers all the same');
    await tooBig.body.text();
  }
  t.equal(parsed, 1, 'only the known sender’s body was parsed');
});
