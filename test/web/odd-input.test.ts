// Issue 10, items 4, 7 and 8: odd input gets a clear 4xx (never a 500), nothing secret is echoed or
// logged, and what the app answers is not kept by browsers or caches.
import t from 'tap';
import { buildApp, loggerOptions } from '../../src/app.js';
import { install, openTestApp, testConfig } from '../helpers/app.js';
import { csrfFrom } from '../helpers/cookie-jar.js';
import { openTestDatabase } from '../helpers/database.js';

t.test('query parameters are single strings without NUL; ids beyond PostgreSQL integers are not found', async (t) => {
  const { app } = await openTestApp(t);
  const twice = await app.inject({ url: '/auth/callback?code=X&state=x&state=.' });
  t.equal(twice.statusCode, 400, 'state given twice: 400, not a TypeError');
  t.match(twice.body, 'La solicitud no es válida');

  const { jar, callback } = await install(app, 'tienda-uno');
  const id = String(callback.headers.location).split('/').pop();
  const get = (url: string) => app.inject({ url, cookies: jar.header(), headers: { accept: 'application/json' } });
  for (const url of [`/integraciones/${id}/catalogo/productos?q=ab%00cd`, `/integraciones/${id}/catalogo/marcas?q=ab%00cd`, `/integraciones/${id}/catalogo/productos?q=a&q=b`]) {
    t.equal((await get(url)).statusCode, 400, url);
  }
  t.equal((await get(`/integraciones/${id}/catalogo/productos?q=abcd`)).statusCode, 200, 'a plain search still works');

  const edit = await app.inject({ url: `/integraciones/${id}/editar`, cookies: jar.header() });
  jar.store(edit);
  const csrf = csrfFrom(edit.body);
  const form = (extra: string) => app.inject({
    method: 'POST', url: `/integraciones/${id}/editar`, cookies: jar.header(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(csrf)}&version=0&${extra}`,
  });
  t.equal((await form('excludeProduct=ab%00cd')).statusCode, 400, 'Guardar with a NUL in an excluded product id');

  t.equal((await get('/sincronizar/runs/2147483648.json')).statusCode, 404, 'a run id past integer range is simply not found');
  const cancel = await app.inject({
    method: 'POST', url: '/sincronizar/runs/2147483648/cancelar', cookies: jar.header(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, payload: `_csrf=${encodeURIComponent(csrf)}`,
  });
  t.equal(cancel.statusCode, 404, 'and cannot be cancelled');
  t.equal((await get('/sincronizar/runs/99999999999.json')).statusCode, 404);
});

t.test('JSON answers and authenticated pages are not stored; a bad URL is not echoed', async (t) => {
  const { app } = await openTestApp(t);
  const { jar } = await install(app, 'tienda-uno');
  const state = await app.inject({ url: '/sincronizar/estado.json', cookies: jar.header() });
  t.equal(state.statusCode, 200);
  t.equal(state.headers['cache-control'], 'no-store', 'run progress');
  const empresa = await app.inject({ url: '/empresa', cookies: jar.header() });
  t.equal(empresa.headers['cache-control'], 'no-store', 'Mi Empresa');
  const anonymousJson = await app.inject({ url: '/healthz' });
  t.equal(anonymousJson.headers['cache-control'], 'no-store', 'any JSON');

  const bad = await app.inject({ url: '/%c0secreto?code=codigo-secreto' });
  t.equal(bad.statusCode, 400);
  t.notMatch(bad.body, /secreto|%c0/i, 'the URL is not echoed');
});

t.test('no 5xx log line carries a query string', async (t) => {
  const database = await openTestDatabase(t);
  const lines: string[] = [];
  const config = testConfig({ sandboxUrl: 'http://127.0.0.1:1', databaseUrl: database.url });
  const app = await buildApp({ config, db: database.db, logger: loggerOptions('info', { write: (l) => void lines.push(l) }) });
  t.teardown(() => app.close());
  app.get('/falla', async () => { throw new Error('boom'); });
  const res = await app.inject({ url: '/falla?code=codigo-oauth-secreto&state=estado' });
  t.equal(res.statusCode, 500);
  const log = lines.join('');
  t.match(log, 'request failed', 'the failure is logged');
  t.match(log, '"/falla"', 'with its path');
  t.notOk(log.includes('codigo-oauth-secreto'), 'never with the code');
});
