import t from 'tap';
import { consent, install, openTestApp } from '../helpers/app.js';
import { CookieJar, csrfFrom } from '../helpers/cookie-jar.js';

/** "Vincular cuenta nueva" → Jumpseller → "Vincular", then the consent screen for `store`. */
async function link(app: Awaited<ReturnType<typeof openTestApp>>['app'], jar: CookieJar, store: string) {
  const form = await app.inject({ url: '/empresa/vincular', cookies: jar.header() });
  jar.store(form);
  const post = await app.inject({
    method: 'POST', url: '/empresa/vincular', cookies: jar.header(),
    payload: { _csrf: csrfFrom(form.body), kind: 'jumpseller' },
  });
  jar.store(post);
  if (post.statusCode !== 302) return { post, callback: undefined };
  const back = await consent(String(post.headers.location), store, 'allow');
  const callback = await app.inject({ url: back.pathname + back.search, cookies: jar.header() });
  jar.store(callback);
  return { post, callback };
}

t.test('Mi Empresa lists linked accounts under Ecommerce with their status and last sync', async (t) => {
  const { app, database } = await openTestApp(t);
  const { jar } = await install(app, 'tienda-uno');
  const res = await app.inject({ url: '/empresa', cookies: jar.header() });
  t.equal(res.statusCode, 200);
  t.match(res.body, 'Ecommerce');
  t.match(res.body, 'Tienda Uno');
  t.match(res.body, 'Conectada');
  t.match(res.body, 'Vincular cuenta nueva');
  t.match(res.body, /href="\/integraciones\/\d+\/editar">Editar/);
  t.match(res.body, /<span class="muted last-run" hidden>/, 'no run yet, nothing to report');
  const catalogCol = res.body.indexOf('<h3 id="col-catalogo">Catálogo</h3>');
  const ecommerceCol = res.body.indexOf('<h3 id="col-ecommerce">Ecommerce</h3>');
  t.ok(catalogCol > 0 && ecommerceCol > catalogCol, 'columns by kind: Catálogo (Centry), then Jumpseller in the second column under Ecommerce');
  t.ok(res.body.indexOf('Tienda Uno', ecommerceCol) > ecommerceCol, 'the store is in the Ecommerce column');
  t.match(res.body.slice(catalogCol, ecommerceCol), 'Sin vincular', 'Centry is not linked yet');
  t.match(res.body, /<summary><span class="user-name">owner@tienda-uno.example<\/span><\/summary>/, 'the menu names the signed-in merchant (store admin e-mail)');

  const { createRunRepository } = await import('../../src/publishing/storage/run-repository.js');
  const integration = (await database.db('integrations').first()).id;
  const runs = createRunRepository(database.db);
  const queued = await runs.enqueue(integration, 'manual');
  t.ok(queued.ok);
  if (queued.ok) await runs.finish(queued.run.id, 'completed_with_errors', { ...queued.run, processed: 3, failed: 1 });
  const after = await app.inject({ url: '/empresa', cookies: jar.header() });
  t.match(after.body, /Última sincronización: <span class="last-run-text">Completada con errores · \d{2}-\d{2}-\d{4}, \d{2}:\d{2}<\/span>/);
});

t.test('linking a second store adds it to this company', async (t) => {
  const { app, database } = await openTestApp(t);
  const { jar } = await install(app, 'tienda-uno');
  const { post, callback } = await link(app, jar, 'tienda-dos');
  const authorize = new URL(String(post.headers.location));
  t.equal(authorize.searchParams.get('prompt'), 'consent', 'the owner gets to choose the store');
  t.equal(callback?.statusCode, 302);
  t.equal(callback?.headers.location, '/empresa');
  const page = await app.inject({ url: '/empresa', cookies: jar.header() });
  t.match(page.body, '«Tienda Dos» quedó vinculada a tu empresa.');
  t.match(page.body, 'tienda-dos');
  const rows = await database.db('integrations').orderBy('id');
  t.equal(rows.length, 2);
  t.equal(rows[0].company_id, rows[1].company_id);
  t.equal((await database.db('companies')).length, 1, 'no new company for a linked store');
});

t.test('a store linked to another company is refused with a clear message', async (t) => {
  const { app, database } = await openTestApp(t);
  const a = await install(app, 'tienda-uno');
  const b = await install(app, 'tienda-dos', new CookieJar());
  const { callback } = await link(app, b.jar, 'tienda-uno');
  t.equal(callback?.statusCode, 409);
  t.match(callback?.body, 'data-reason="STORE_OWNED_BY_OTHER_COMPANY"');
  t.match(callback?.body, 'ya está vinculada a otra empresa');
  const owner = await database.db('integrations').where({ store_code: 'tienda-uno' }).first();
  const companyA = await app.inject({ url: '/empresa', cookies: a.jar.header() });
  t.match(companyA.body, 'tienda-uno');
  const companies = await database.db('companies').orderBy('id');
  t.equal(owner.company_id, companies[0].id, 'still owned by the first company');
});

t.test('CSRF: a form post without the token is rejected and changes nothing', async (t) => {
  const { app, database } = await openTestApp(t);
  const { jar } = await install(app, 'tienda-uno');
  const before = await database.db('oauth_states').count('* as n').first();
  const res = await app.inject({ method: 'POST', url: '/empresa/vincular', cookies: jar.header(), payload: { kind: 'jumpseller' } });
  t.equal(res.statusCode, 403);
  const forged = await app.inject({ method: 'POST', url: '/empresa/vincular', cookies: jar.header(), payload: { kind: 'jumpseller', _csrf: 'forged' } });
  t.equal(forged.statusCode, 403);
  const after = await database.db('oauth_states').count('* as n').first();
  t.equal(after?.n, before?.n, 'no OAuth flow was started');
});

t.test('tenant isolation: another company’s integration answers 404', async (t) => {
  const { app, database } = await openTestApp(t);
  const a = await install(app, 'tienda-uno');
  const b = await install(app, 'tienda-dos', new CookieJar());
  const idB = (await database.db('integrations').where({ store_code: 'tienda-dos' }).first()).id;
  const idA = (await database.db('integrations').where({ store_code: 'tienda-uno' }).first()).id;
  for (const url of [`/integraciones/${idB}`, `/instalado/${idB}`]) {
    const res = await app.inject({ url, cookies: a.jar.header() });
    t.equal(res.statusCode, 404, `${url} from company A`);
    t.notMatch(res.body, 'Tienda Dos');
  }
  const own = await app.inject({ url: `/integraciones/${idB}`, cookies: b.jar.header() });
  t.equal(own.statusCode, 200);
  t.equal((await app.inject({ url: `/integraciones/${idA}`, cookies: b.jar.header() })).statusCode, 404);
  t.equal((await app.inject({ url: '/integraciones/abc', cookies: b.jar.header() })).statusCode, 404);
});

t.test('without a session: a page explaining how to enter', async (t) => {
  const { app } = await openTestApp(t);
  const res = await app.inject('/empresa');
  t.equal(res.statusCode, 401);
  t.match(res.body, 'Aplicaciones → Centry');
  t.match(res.body, 'Código de tu tienda');
  const tampered = await app.inject({ url: '/empresa', cookies: { cj_session: 'c1.t999.forged' } });
  t.equal(tampered.statusCode, 401, 'a forged session cookie is ignored');
});

t.test('the store-code form sends the owner to the store admin, and explains a bad code', async (t) => {
  const { app, sandbox } = await openTestApp(t);
  const jar = new CookieJar();
  const form = await app.inject('/entrar');
  jar.store(form);
  const ok = await app.inject({ method: 'POST', url: '/entrar', cookies: jar.header(), payload: { _csrf: csrfFrom(form.body), store: 'Tienda-Uno.jumpseller.com' } });
  t.equal(ok.statusCode, 302);
  t.equal(ok.headers.location, `${sandbox.url}/admin/cl/apps/app/centry-desarrollo?store=tienda-uno`);
  const bad = await app.inject({ method: 'POST', url: '/entrar', cookies: jar.header(), payload: { _csrf: csrfFrom(form.body), store: '../evil' } });
  t.equal(bad.statusCode, 422);
  t.match(bad.body, 'Escribe el código de tu tienda');
  t.match(bad.body, 'value="../evil"', 'what was typed is kept');
});

t.test('security headers: framing allowed only for the Jumpseller admin', async (t) => {
  const { app, sandbox } = await openTestApp(t);
  const res = await app.inject('/entrar');
  const csp = String(res.headers['content-security-policy']);
  t.match(csp, `frame-ancestors 'self' ${sandbox.url}`);
  t.match(csp, "script-src 'self'");
  t.notOk(res.headers['x-frame-options'], 'no X-Frame-Options: it would forbid the admin iframe');
  t.equal(res.headers['x-content-type-options'], 'nosniff');
});

t.test('auth routes are rate limited', async (t) => {
  const { app } = await openTestApp(t);
  let last = 0;
  for (let i = 0; i < 31; i++) last = (await app.inject('/auth/callback')).statusCode;
  t.equal(last, 429);
});

t.test('health and readiness', async (t) => {
  const { app } = await openTestApp(t);
  t.same((await app.inject('/healthz')).json(), { status: 'ok' });
  t.same((await app.inject('/readyz')).json(), { status: 'ready' });
});
