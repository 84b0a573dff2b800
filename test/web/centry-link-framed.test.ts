// Issue 10, item 9: linking Centry from inside the Jumpseller admin iframe, over https. There every
// request of the app is cross-site (the top page is the store's admin), so the browser keeps and sends
// only cookies that are SameSite=None and Secure: this jar does the same, and the whole link must work.
import t from 'tap';
import type { LightMyRequestResponse } from 'fastify';
import { request } from 'undici';
import { startCentrySandbox } from '../../src/sandbox/centry/centry-sandbox.js';
import { install, openTestApp } from '../helpers/app.js';
import { CookieJar } from '../helpers/cookie-jar.js';

const APP_URL = 'https://centry-jumpseller.example';

/** A browser's cookies in a cross-site iframe: SameSite=Lax/Strict (or not Secure) never come back. */
class FramedJar extends CookieJar {
  override store(res: LightMyRequestResponse): this {
    const crossSite = (res.cookies as { sameSite?: string; secure?: boolean }[]).filter((c) => c.sameSite?.toLowerCase() === 'none' && c.secure);
    return super.store({ ...res, cookies: crossSite } as LightMyRequestResponse);
  }
}

t.test('the whole Centry link inside the admin iframe over https keeps its cookies through the callback', async (t) => {
  const centryApp = { clientId: 'centry-app', clientSecret: 'centry-secret', redirectUris: [`${APP_URL}/catalogo/centry/callback`] };
  const centry = await startCentrySandbox({ apps: [centryApp], demo: { size: 5, imageBaseUrl: 'http://img.test', now: new Date('2025-01-01T00:00:00Z') } });
  t.teardown(() => centry.close());
  const { app } = await openTestApp(t, {
    appUrl: APP_URL,
    configure: (c) => {
      c.centry = { clientId: centryApp.clientId, clientSecret: centryApp.clientSecret, url: centry.url };
    },
  });
  const jar = new FramedJar();
  const installed = await install(app, 'tienda-uno', jar);
  t.equal(installed.callback.statusCode, 302);
  t.ok(jar.get('cj_session'), 'the session cookie survives the frame (SameSite=None; Secure)');

  const start = await app.inject({ url: '/catalogo/centry/vincular', cookies: jar.header() });
  jar.store(start);
  t.ok(jar.get('cj_centry_state'), 'the Centry state cookie survives the frame too');
  const authorize = new URL(String(start.headers.location));
  const consent = await request(`${centry.url}/oauth/authorize`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...Object.fromEntries(authorize.searchParams), decision: 'allow' }).toString(),
  });
  await consent.body.dump();
  const back = new URL(String(consent.headers.location));
  t.equal(back.origin, APP_URL);
  const callback = await app.inject({ url: back.pathname + back.search, cookies: jar.header() });
  jar.store(callback);
  t.equal(callback.headers.location, '/empresa#catalogo');
  await app.catalogTasks.idle();
  t.equal(centry.catalog.webhooks.length, 1, 'linked: the webhook is registered');
  const empresa = await app.inject({ url: '/empresa', cookies: jar.header() });
  t.match(empresa.body, 'Cuenta de Centry vinculada', 'and the merchant is told so (the flash cookie came back too)');
});
