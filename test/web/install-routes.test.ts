import t from 'tap';
import { consent, install, openTestApp } from '../helpers/app.js';
import { CookieJar } from '../helpers/cookie-jar.js';

t.test('install: App URL → consent → callback opens a session and shows the redirect page', async (t) => {
  const { app, database, sandbox } = await openTestApp(t);
  const { start, callback, jar } = await install(app, 'tienda-uno');

  const authorize = new URL(String(start.headers.location));
  t.equal(authorize.origin + authorize.pathname, `${sandbox.url}/oauth/authorize`);
  t.equal(authorize.searchParams.get('client_id'), 'test-client');
  t.equal(authorize.searchParams.get('redirect_uri'), 'http://localhost:3999/auth/callback');
  t.same(authorize.searchParams.get('scope')!.split(' ').sort(), [
    'read_categories', 'read_hooks', 'read_orders', 'read_products', 'read_store', 'write_categories', 'write_hooks', 'write_products', 'write_store',
  ]);

  t.equal(callback.statusCode, 302);
  t.match(callback.headers.location, /^\/instalado\/\d+$/);
  const session = callback.cookies.find((c) => c.name === 'cj_session');
  t.ok(session?.httpOnly, 'session cookie is HttpOnly');

  const page = await app.inject({ url: String(callback.headers.location), cookies: jar.header() });
  t.equal(page.statusCode, 200);
  t.match(page.body, 'Ir a Mi Empresa');
  t.match(page.body, /href="\/integraciones\/\d+\/editar">Editar/);
  t.match(page.body, 'Tienda Uno');

  const companies = await database.db('companies').select();
  t.equal(companies.length, 1, 'the first install creates the company');
  t.equal(companies[0].name, 'Tienda Uno');
});

t.test('tokens are stored encrypted and decrypt to what Jumpseller issued', async (t) => {
  const { app, database, config } = await openTestApp(t);
  await install(app, 'tienda-uno');
  const row = await database.db('integrations').first();
  t.match(row.access_token_enc, /^v1\.k1\./);
  t.match(row.refresh_token_enc, /^v1\.k1\./);
  t.notMatch(row.access_token_enc, /at_/, 'no plaintext access token');
  t.notMatch(row.refresh_token_enc, /rt_/, 'no plaintext refresh token');
  const { createTokenCipher } = await import('../../src/security/token-crypto.js');
  const cipher = createTokenCipher(config.encryptionKeys);
  t.match(cipher.decrypt(row.access_token_enc), /^at_/);
  // The access token really works against the API.
  const auth = (await import('undici')).request;
  const res = await auth(`${config.jumpseller.apiUrl}/store/info.json`, { headers: { authorization: `Bearer ${cipher.decrypt(row.access_token_enc)}` } });
  t.equal(res.statusCode, 200);
  t.equal(((await res.body.json()) as { store: { code: string } }).store.code, 'tienda-uno');
});

t.test('"Cancelar" on the consent screen lands on a friendly page that offers to retry', async (t) => {
  const { app, database } = await openTestApp(t);
  const { callback } = await install(app, 'tienda-uno', new CookieJar(), 'deny');
  t.equal(callback.statusCode, 200);
  t.match(callback.body, 'data-reason="ACCESS_DENIED"');
  t.match(callback.body, 'Autorización cancelada');
  t.match(callback.body, 'Intentar de nuevo');
  t.equal((await database.db('integrations')).length, 0, 'nothing linked');
});

t.test('every callback failure is a 4xx/5xx page with a named reason, never a 500', async (t) => {
  const { app, sandbox, database } = await openTestApp(t);

  await t.test('missing parameters', async (t) => {
    const res = await app.inject('/auth/callback');
    t.equal(res.statusCode, 400);
    t.match(res.body, 'data-reason="MISSING_PARAMETERS"');
  });

  await t.test('forged state (bad signature)', async (t) => {
    const res = await app.inject({ url: '/auth/callback?code=x&state=forged.signature', cookies: { cj_oauth_state: 'forged.signature' } });
    t.equal(res.statusCode, 400);
    t.match(res.body, 'data-reason="STATE_INVALID"');
  });

  await t.test('state mismatch: the flow was started in another browser', async (t) => {
    const start = await app.inject('/');
    const back = await consent(String(start.headers.location), 'tienda-uno', 'allow');
    const other = new CookieJar();
    const res = await app.inject({ url: back.pathname + back.search, cookies: other.header() });
    t.equal(res.statusCode, 400);
    t.match(res.body, 'data-reason="STATE_MISMATCH"');
  });

  await t.test('replayed state', async (t) => {
    const { back, jar, callback } = await install(app, 'tienda-uno');
    t.equal(callback.statusCode, 302);
    const start = await app.inject('/'); // a fresh state cookie would not help: the old state is spent
    t.equal(start.statusCode, 302);
    const stateValue = back.searchParams.get('state')!;
    const res = await app.inject({ url: back.pathname + back.search, cookies: { ...jar.header(), cj_oauth_state: stateValue } });
    t.equal(res.statusCode, 400);
    t.match(res.body, 'data-reason="STATE_REPLAYED"');
  });

  await t.test('replayed code under a fresh state: Jumpseller refuses it', async (t) => {
    const first = await install(app, 'tienda-uno');
    const oldCode = first.back.searchParams.get('code')!;
    const jar = new CookieJar();
    const start = await app.inject('/');
    jar.store(start);
    const fresh = await consent(String(start.headers.location), 'tienda-uno', 'allow');
    fresh.searchParams.set('code', oldCode);
    const res = await app.inject({ url: fresh.pathname + fresh.search, cookies: jar.header() });
    t.equal(res.statusCode, 400);
    t.match(res.body, 'data-reason="CODE_REJECTED"');
  });

  await t.test('token endpoint error', async (t) => {
    sandbox.state.tokenFaults.push('server_error');
    const { callback } = await install(app, 'tienda-uno');
    t.equal(callback.statusCode, 502);
    t.match(callback.body, 'data-reason="TOKEN_EXCHANGE_FAILED"');
  });

  await t.test('access_denied and other provider errors', async (t) => {
    const res = await app.inject('/auth/callback?error=invalid_scope&state=x');
    t.equal(res.statusCode, 400);
    t.match(res.body, 'data-reason="AUTHORIZATION_ERROR"');
  });

  t.equal((await database.db('companies')).length, 1, 'only the successful installs made a company (re-installs reuse it)');
});

t.test('an expired state is refused', async (t) => {
  let now = Date.now();
  const { app } = await openTestApp(t, { now: () => new Date(now) });
  const jar = new CookieJar();
  const start = await app.inject('/');
  jar.store(start);
  const back = await consent(String(start.headers.location), 'tienda-uno', 'allow');
  now += 11 * 60 * 1000;
  const res = await app.inject({ url: back.pathname + back.search, cookies: jar.header() });
  t.equal(res.statusCode, 400);
  t.match(res.body, 'data-reason="STATE_EXPIRED"');
});

t.test('re-opening the App URL logs into the company that owns the store, instantly', async (t) => {
  const { app, database } = await openTestApp(t);
  const first = await install(app, 'tienda-uno');
  const again = await install(app, 'tienda-uno', new CookieJar());
  t.equal(again.back.searchParams.has('code'), true, 'consent answered at once with a code');
  t.equal(again.callback.statusCode, 302);
  t.match(first.callback.headers.location, /^\/instalado\/\d+$/, 'the first authorization shows the redirect page');
  t.equal(again.callback.headers.location, '/empresa', 're-opening lands on Mi Empresa (SPEC §2.1), not on "¡Tienda autorizada!" again');
  t.equal((await database.db('companies')).length, 1);
  const empresa = await app.inject({ url: '/empresa', cookies: again.jar.header() });
  t.equal(empresa.statusCode, 200);
  t.match(empresa.body, 'Tienda Uno');
  t.equal((await database.db('integrations')).length, 1, 'same integration');
});

t.test('re-authorizing a store that required it lands on Mi Empresa and says so', async (t) => {
  const { app, database } = await openTestApp(t);
  await install(app, 'tienda-uno');
  await database.db('integrations').update({ status: 'reauth_required' });
  const again = await install(app, 'tienda-uno', new CookieJar());
  t.equal(again.callback.headers.location, '/empresa');
  const empresa = await app.inject({ url: '/empresa', cookies: again.jar.header() });
  t.match(empresa.body, '«Tienda Uno» quedó autorizada de nuevo.');
  t.match(empresa.body, 'Conectada');
});

t.test('a first install (and only a first install) runs the company-created hook', async (t) => {
  const created: number[] = [];
  const { app } = await openTestApp(t, { onCompanyCreated: async (c) => void created.push(c) });
  await install(app, 'tienda-uno');
  await install(app, 'tienda-uno', new CookieJar());
  t.equal(created.length, 1, 're-opening the app does not run it again');
  await install(app, 'tienda-dos', new CookieJar());
  t.equal(created.length, 2);
  t.not(created[0], created[1]);
});

t.test('a failing company-created hook does not fail the install', async (t) => {
  const { app } = await openTestApp(t, { onCompanyCreated: async () => { throw new Error('demo catalog unavailable'); } });
  const { callback } = await install(app, 'tienda-uno');
  t.equal(callback.statusCode, 302);
  t.match(callback.headers.location, /^\/instalado\/\d+$/);
});
