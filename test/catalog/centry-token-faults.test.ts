// The one Centry token client against the Centry sandbox's real token endpoint with faults injected
// (src/sandbox/token-faults.ts): the code exchange and the refresh (through the REST client) get the
// right typed outcome for a 5xx, a reset, a body that is not JSON, a 429 and invalid_grant, and the
// merchant linking Centry reads the right Spanish message (docs/adr/0019).
import t from 'tap';
import { CentryAuthError, createCentryClient, type CentryTokenStore } from '../../src/catalog/centry/centry-client.js';
import { exchangeCentryCode, type CentryTokens } from '../../src/catalog/centry/centry-oauth.js';
import { startCentrySandbox } from '../../src/sandbox/centry/centry-sandbox.js';
import { centryConsent, install, openTestApp } from '../helpers/app.js';

const REDIRECT = 'http://localhost:3999/catalogo/centry/callback';
const APP = { clientId: 'centry-app', clientSecret: 'centry-secret', redirectUris: [REDIRECT] };
const NOW = new Date('2026-03-26T12:00:00Z');

t.test('Centry token client over token endpoint faults', async (t) => {
  const centry = await startCentrySandbox({ apps: [APP] });
  t.teardown(() => centry.close());
  const faults = centry.oauth.tokenFaults;
  const creds = { baseUrl: centry.url, clientId: APP.clientId, clientSecret: APP.clientSecret, sleep: async () => undefined };
  const code = () => centry.oauth.issueCode(APP.clientId, REDIRECT, 'public read_products')!;

  for (const [fault, status] of [['server_error', 500], ['reset', 0], ['not_json', 200]] as const) {
    t.test(`exchange meets ${fault}: not rejected, sent once, the code still good`, async (t) => {
      faults.push(fault, fault);
      const c = code();
      t.match(await exchangeCentryCode(creds, c, REDIRECT, NOW), { ok: false, rejected: false, status });
      t.same(faults, [fault], 'not retried: the code may already be spent');
      faults.length = 0;
      t.match(await exchangeCentryCode(creds, c, REDIRECT, NOW), { ok: true });
    });
  }

  t.test('exchange meets 429: retried, then granted (7200 s)', async (t) => {
    faults.push('rate_limited');
    const r = await exchangeCentryCode(creds, code(), REDIRECT, NOW);
    if (!r.ok) return t.fail(r.description);
    t.equal(r.tokens.expiresAt.getTime(), NOW.getTime() + 7_200_000);
    t.same(faults, []);
  });

  t.test('a used code: rejected with invalid_grant', async (t) => {
    const c = code();
    await exchangeCentryCode(creds, c, REDIRECT, NOW);
    t.match(await exchangeCentryCode(creds, c, REDIRECT, NOW), { ok: false, rejected: true, status: 400, error: 'invalid_grant' });
  });

  t.test('refresh through the REST client: 5xx/reset/not JSON → CentryHttpError, invalid_grant → CentryAuthError', async (t) => {
    const first = await exchangeCentryCode(creds, code(), REDIRECT, NOW);
    if (!first.ok) return t.fail(first.description);
    let stored: CentryTokens = { ...first.tokens, expiresAt: new Date(0) }; // expired: the next call refreshes
    const tokens: CentryTokenStore = { load: async () => stored, save: async (x) => { stored = x; } };
    const client = createCentryClient({ ...creds, tokens });
    for (const [fault, status] of [['server_error', 500], ['reset', 0], ['not_json', 200]] as const) {
      faults.push(fault);
      await t.rejects(client.countProducts(), { name: 'CentryHttpError', status }, `${fault}: a Centry failure, not a revocation`);
      t.same(faults, [], `${fault}: one attempt`);
    }
    t.type(await client.countProducts(), 'number', 'the refresh token survived every fault');
    centry.oauth.revokeAll();
    stored = { ...stored, expiresAt: new Date(0) };
    await t.rejects(client.countProducts(), CentryAuthError, 'invalid_grant: the company must link Centry again');
  });
});

t.test('linking Centry from Mi Empresa: the flash says whether Centry refused or could not be reached', async (t) => {
  const centry = await startCentrySandbox({ apps: [APP] });
  t.teardown(() => centry.close());
  const { app } = await openTestApp(t, { configure: (c) => { c.centry = { clientId: APP.clientId, clientSecret: APP.clientSecret, url: centry.url }; } });
  const { jar } = await install(app, 'tienda-uno');
  /** Vincular Centry → consent → (faults) → callback; answers the flash Mi Empresa then shows. */
  const link = async (meanwhile: (code: string) => void) => {
    const start = await app.inject({ url: '/catalogo/centry/vincular', cookies: jar.header() });
    jar.store(start);
    const back = await centryConsent(String(start.headers.location));
    meanwhile(back.searchParams.get('code')!);
    const callback = await app.inject({ url: back.pathname + back.search, cookies: jar.header() });
    jar.store(callback);
    t.equal(callback.headers.location, '/empresa#catalogo');
    const page = await app.inject({ url: '/empresa', cookies: jar.header() });
    jar.store(page);
    return /class="flash[^"]*"[^>]*>([^<]*)</.exec(page.body)?.[1]?.trim();
  };
  for (const fault of ['server_error', 'reset', 'not_json'] as const) {
    t.equal(await link(() => centry.oauth.tokenFaults.push(fault)), 'No pudimos contactar a Centry. Espera un momento y vuelve a intentarlo.', fault);
  }
  // The code is spent before the callback (as a used or expired one): Centry answers invalid_grant.
  const deadCode = (code: string) => { centry.oauth.exchange({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: APP.clientId, client_secret: APP.clientSecret }); };
  t.equal(await link(deadCode), 'Centry no aceptó la autorización. Inténtalo de nuevo.', 'invalid_grant: refused');
});
