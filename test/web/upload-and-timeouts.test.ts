// Issue 10, item 5: requests that never end. Every malformed upload is answered with a clear 4xx and
// leaves no temporary folder; stalled connections are closed by the server's timeouts.
import net from 'node:net';
import t from 'tap';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { install, openTestApp } from '../helpers/app.js';
import { csrfFrom } from '../helpers/cookie-jar.js';

const uploadDirs = async () => (await readdir(tmpdir())).filter((f) => f.startsWith(`centry-import-${process.pid}-`));
const BOUNDARY = '----hardening';
const field = (name: string, value: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const file = (content: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="archivo"; filename="c.json"\r\nContent-Type: application/json\r\n\r\n${content}\r\n`;

t.test('malformed uploads get a clear 4xx and leave no temporary folder', async (t) => {
  const { app } = await openTestApp(t);
  const { jar } = await install(app, 'tienda-uno');
  const empresa = await app.inject({ url: '/empresa', cookies: jar.header() });
  jar.store(empresa);
  const csrf = encodeURIComponent(csrfFrom(empresa.body));
  const upload = (body: string) => Promise.race([
    app.inject({ method: 'POST', url: `/catalogo/importar?_csrf=${csrf}`, cookies: jar.header(), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload: body }),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 20_000).unref()),
  ]);
  const before = await uploadDirs();
  const cases: [string, string][] = [
    ['six fields before the file', `${Array.from({ length: 6 }, (_, i) => field(`f${i}`, 'x')).join('')}${file('{"_id":"1"}')}--${BOUNDARY}--\r\n`],
    ['two files', `${file('{"_id":"1"}')}${file('{"_id":"2"}')}--${BOUNDARY}--\r\n`],
    ['a body cut in the middle of the file', `${file('{"_id":"1", "name": "cortado')}`],
    ['no closing boundary and no file', field('a', 'b')],
  ];
  for (const [what, body] of cases) {
    const res = await upload(body);
    t.ok(res, `${what}: answered`);
    if (!res) continue;
    t.ok(res.statusCode >= 300 && res.statusCode < 500, `${what}: ${res.statusCode}`);
    if (res.statusCode >= 400) t.match(res.body, /archivo|solicitud/i, `${what}: says what is wrong`);
  }
  await app.catalogTasks.idle();
  t.same(await uploadDirs(), before, 'no temporary folder is left behind');
});

t.test('a connection that stops sending is closed by the server', async (t) => {
  const { app } = await openTestApp(t, { listen: true, timeouts: { connectionTimeout: 300, requestTimeout: 2000, headersTimeout: 1000, keepAliveTimeout: 500 } });
  const port = (app.server.address() as net.AddressInfo).port;
  const closed = await new Promise<string>((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write('POST /entrar HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nstore='));
    let answer = '';
    socket.on('data', (d) => { answer += d.toString(); });
    socket.on('close', () => resolve(answer.split('\r\n')[0] || 'closed without an answer'));
  });
  t.pass(`closed by the server (${closed})`);
});

t.test('the production server has every timeout set', async (t) => {
  const { app } = await openTestApp(t);
  t.ok(app.server.requestTimeout > 0, `requestTimeout ${app.server.requestTimeout}`);
  t.ok(app.server.headersTimeout > 0 && app.server.headersTimeout <= app.server.requestTimeout, `headersTimeout ${app.server.headersTimeout}`);
  t.ok(app.server.timeout > 0, `connection (idle) timeout ${app.server.timeout}`);
  t.ok(app.server.keepAliveTimeout > 0, `keepAliveTimeout ${app.server.keepAliveTimeout}`);
});

t.test('upload folders of processes that are gone are removed when the web process starts', async (t) => {
  const { mkdtemp, mkdir } = await import('node:fs/promises');
  const path = await import('node:path');
  const dead = await mkdtemp(path.join(tmpdir(), 'centry-import-999999-'));
  const unnamed = path.join(tmpdir(), `centry-import-${Math.random().toString(36).slice(2, 8)}`);
  await mkdir(unnamed);
  const mine = await mkdtemp(path.join(tmpdir(), `centry-import-${process.pid}-`));
  t.teardown(() => import('node:fs/promises').then((fs) => fs.rm(mine, { recursive: true, force: true })));
  await openTestApp(t);
  const left = await readdir(tmpdir());
  t.notOk(left.includes(path.basename(dead)), 'a dead process’s folder is gone');
  t.notOk(left.includes(path.basename(unnamed)), 'and one from before folders were named');
  t.ok(left.includes(path.basename(mine)), 'a running process’s folder stays');
});
