// The install callback when Jumpseller's token endpoint fails (the sandbox's real endpoint with faults
// injected, src/sandbox/token-faults.ts): the merchant reads what happened, in Spanish, with a way to
// try again — a failing or unreachable Jumpseller is never called a refused code, and nothing is linked.
import t from 'tap';
import { FAILURE_PAGES } from '../../src/web/install-routes.js';
import { install, openTestApp } from '../helpers/app.js';

t.test('install callback over token endpoint faults', async (t) => {
  const { app, sandbox, database } = await openTestApp(t);
  const faults = sandbox.state.tokenFaults;

  for (const fault of ['server_error', 'reset', 'not_json'] as const) {
    t.test(`${fault}: 502 "No pudimos contactar a Jumpseller", the exchange sent once`, async (t) => {
      faults.push(fault, fault);
      const { callback } = await install(app, 'tienda-uno');
      t.equal(callback.statusCode, 502);
      t.match(callback.body, 'data-reason="TOKEN_EXCHANGE_FAILED"');
      t.match(callback.body, FAILURE_PAGES.TOKEN_EXCHANGE_FAILED.heading);
      t.match(callback.body, 'El intercambio del código falló. Espera un momento y vuelve a intentarlo.');
      t.match(callback.body, 'href="/auth/start">Intentar de nuevo');
      t.same(faults, [fault], 'not retried: the code may already be spent');
      faults.length = 0;
      t.equal((await database.db('integrations')).length, 0, 'nothing linked');
    });
  }

  t.test('429 (refused before processing): retried, and the install goes through', async (t) => {
    faults.push('rate_limited');
    const { callback } = await install(app, 'tienda-uno');
    t.equal(callback.statusCode, 302);
    t.match(callback.headers.location, /^\/instalado\/\d+$/);
    t.same(faults, []);
  });

  t.test('invalid_grant: 400 "Código de autorización rechazado"', async (t) => {
    const first = await install(app, 'tienda-uno');
    const { jar, back } = await install(app, 'tienda-uno');
    const replay = new URL(back.toString());
    replay.searchParams.set('code', first.back.searchParams.get('code')!);
    // A fresh state for the replayed code: the state is single-use.
    const start = await app.inject({ url: '/', cookies: jar.header() });
    jar.store(start);
    replay.searchParams.set('state', new URL(String(start.headers.location)).searchParams.get('state')!);
    const res = await app.inject({ url: replay.pathname + replay.search, cookies: jar.header() });
    t.equal(res.statusCode, 400);
    t.match(res.body, 'data-reason="CODE_REJECTED"');
    t.match(res.body, 'Jumpseller rechazó el código (ya usado o vencido). Vuelve a intentarlo.');
  });
});
