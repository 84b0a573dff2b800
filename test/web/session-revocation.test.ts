// Issue 10, items 3 and 6: "Salir" ends the session on the server (the old cookie opens nothing), an
// unlinked or reauthorized store ends every session of its company, and what a session sees may be
// framed only by the admin of that company's own stores.
import t from 'tap';
import { install, openTestApp } from '../helpers/app.js';
import { CookieJar, csrfFrom } from '../helpers/cookie-jar.js';

t.test('Salir revokes the session server-side: the old cookie no longer opens Mi Empresa', async (t) => {
  const { app } = await openTestApp(t);
  const { jar } = await install(app, 'tienda-uno');
  const stolen = jar.header(); // what an attacker copied before the merchant left
  const empresa = await app.inject({ url: '/empresa', cookies: jar.header() });
  t.equal(empresa.statusCode, 200);
  jar.store(empresa);
  const out = await app.inject({
    method: 'POST', url: '/salir', cookies: jar.header(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(csrfFrom(empresa.body))}`,
  });
  t.equal(out.statusCode, 302);
  const replay = await app.inject({ url: '/empresa', cookies: { ...stolen, cj_csrf: jar.get('cj_csrf')! } });
  t.equal(replay.statusCode, 401, 'the cookie from before Salir is no session');
  t.notMatch(replay.body, 'Tienda Uno');

  const again = await install(app, 'tienda-uno');
  t.equal((await app.inject({ url: '/empresa', cookies: again.jar.header() })).statusCode, 200, 'entering again works');
});

t.test('an unlinked or reauthorized store ends every session of its company', async (t) => {
  const { app, database } = await openTestApp(t);
  const first = await install(app, 'tienda-uno');
  const other = await install(app, 'tienda-uno', new CookieJar()); // the same store opened in another browser
  const open = async (jar: CookieJar) => (await app.inject({ url: '/empresa', cookies: jar.header() })).statusCode;
  t.same([await open(first.jar), await open(other.jar)], [200, 200], 'opening the app again does not sign anyone out');

  await database.db('integrations').update({ status: 'reauth_required' });
  const reauthorized = await install(app, 'tienda-uno', new CookieJar());
  t.same([await open(first.jar), await open(other.jar)], [401, 401], 'after a reauthorization every earlier session is gone');
  t.equal(await open(reauthorized.jar), 200, 'the reauthorizing browser has a fresh one');

  await database.db('integrations').update({ status: 'unlinked' });
  t.equal(await open(reauthorized.jar), 401, 'unlinking the store ends it too');
});

t.test('frame-ancestors: the admin of the session’s own store, per response; before a session, the configured admin origins', async (t) => {
  const { app } = await openTestApp(t, {
    configure: (c) => {
      c.jumpseller.adminOrigins = ['https://*.jumpseller.com'];
      c.jumpseller.storeAdminUrl = 'https://{store}.jumpseller.com/admin/cl/apps/app/{handle}';
    },
  });
  const frameAncestors = (res: { headers: Record<string, unknown> }) => /frame-ancestors ([^;]+)/.exec(String(res.headers['content-security-policy']))?.[1];
  t.equal(frameAncestors(await app.inject({ url: '/entrar' })), "'self' https://*.jumpseller.com", 'no session: pages with nothing of anyone');
  const uno = await install(app, 'tienda-uno');
  const dos = await install(app, 'tienda-dos');
  t.equal(frameAncestors(await app.inject({ url: '/empresa', cookies: uno.jar.header() })), "'self' https://tienda-uno.jumpseller.com");
  t.equal(frameAncestors(await app.inject({ url: '/sincronizar/estado.json', cookies: dos.jar.header() })), "'self' https://tienda-dos.jumpseller.com", 'another company, another store');
});
