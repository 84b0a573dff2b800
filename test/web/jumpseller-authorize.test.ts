// The consent-screen redirect, byte for byte what the flow needs (and what it was under
// @fastify/oauth2, docs/adr/0019): the authorize URL's parameters, and the state cookie that binds
// the flow to this browser (CSRF, RFC 6749 §10.12) with the session cookie's attributes.
import t from 'tap';
import { openTestApp } from '../helpers/app.js';

const SCOPES = 'read_products write_products read_categories write_categories read_store write_store read_hooks write_hooks read_orders';

t.test('GET / redirects to the consent screen with every parameter and sets the state cookie', async (t) => {
  const { app, sandbox, database } = await openTestApp(t);
  const start = await app.inject('/');
  t.equal(start.statusCode, 302);
  const url = new URL(String(start.headers.location));
  t.equal(`${url.origin}${url.pathname}`, `${sandbox.url}/oauth/authorize`);
  t.same([...url.searchParams.keys()], ['response_type', 'client_id', 'redirect_uri', 'scope', 'state']);
  t.equal(url.searchParams.get('response_type'), 'code');
  t.equal(url.searchParams.get('client_id'), 'test-client');
  t.equal(url.searchParams.get('redirect_uri'), 'http://localhost:3999/auth/callback');
  t.equal(url.searchParams.get('scope'), SCOPES, 'space-separated, in the order declared');
  const state = url.searchParams.get('state')!;
  t.match(state, /^[\w-]+\.[\w-]+$/, 'a signed nonce');

  const cookie = start.cookies.find((c) => c.name === 'cj_oauth_state');
  t.ok(cookie, 'state cookie set');
  t.equal(cookie!.value, state, 'the cookie holds the same state');
  t.equal(cookie!.path, '/');
  t.equal(cookie!.httpOnly, true);
  t.equal(cookie!.sameSite, 'Lax', 'http (local): Lax, as the session cookie');
  t.equal(cookie!.maxAge, 600, 'ten minutes, as the state row');
  t.notOk(cookie!.secure);

  const rows = await database.db('oauth_states').select();
  t.equal(rows.length, 1, 'one single-use state row per redirect');
  t.equal(rows[0].purpose, 'install');
});

t.test('https: the state cookie is Secure and SameSite=None (inside the admin iframe)', async (t) => {
  const { app } = await openTestApp(t, { appUrl: 'https://app.example' });
  const start = await app.inject('/');
  const cookie = start.cookies.find((c) => c.name === 'cj_oauth_state');
  t.equal(cookie!.secure, true);
  t.equal(cookie!.sameSite, 'None');
  const url = new URL(String(start.headers.location));
  t.equal(url.searchParams.get('redirect_uri'), 'https://app.example/auth/callback');
  t.notOk(url.searchParams.has('prompt'), 'install does not force the consent screen');
});
