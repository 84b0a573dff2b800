// "Sincronizar" routes: the block at the end of Mi Empresa, starting runs (a second press starts
// nothing and says so), the JSON status the page polls, cancel, and tenant isolation (404).
import t from 'tap';
import { install, openTestApp } from '../helpers/app.js';
import { CookieJar, csrfFrom } from '../helpers/cookie-jar.js';

t.test('Sincronizar block, start, second press, status, cancel, other company → 404', async (t) => {
  const { app, database } = await openTestApp(t);
  const a = await install(app, 'tienda-uno');
  const b = await install(app, 'tienda-dos', new CookieJar());
  const [mine, theirs] = await database.db('integrations').orderBy('id');

  const page = await app.inject({ url: '/empresa', cookies: a.jar.header() });
  a.jar.store(page);
  t.match(page.body, /<section class="card sync" id="sincronizar"/);
  t.match(page.body, new RegExp(`name="integration" value="${mine.id}" checked`), 'a checkbox per store, checked');
  t.match(page.body, '>Sincronizar</button>');
  t.match(page.body, 'Aún no se ha sincronizado.');
  t.match(page.body, '<script src="/static/sync.js" defer></script>', 'the live script is a file (CSP forbids inline scripts)');
  const csrf = csrfFrom(page.body);
  const post = (payload: Record<string, unknown>, json = true) => app.inject({
    method: 'POST', url: '/sincronizar', cookies: a.jar.header(), payload: { _csrf: csrf, ...payload },
    headers: json ? { accept: 'application/json' } : {},
  });

  const started = await post({ integration: String(mine.id) });
  t.equal(started.statusCode, 202);
  t.match(started.json(), { started: [{ integrationId: mine.id, storeName: 'Tienda Uno' }], alreadyActive: [], message: /Sincronización iniciada: Tienda Uno/ });
  const again = await post({ integration: String(mine.id) });
  t.equal(again.statusCode, 200);
  t.match(again.json(), { started: [], alreadyActive: [{ integrationId: mine.id }], message: /ya tiene una sincronización en curso; no se inició otra/ });
  t.equal((await database.db('sync_runs')).length, 1, 'a second press starts nothing new');

  const status = await app.inject({ url: '/sincronizar/estado.json', cookies: a.jar.header() });
  t.match(status.json(), {
    anyActive: true,
    integrations: [{ id: mine.id, current: { status: 'queued', statusLabel: 'En cola', active: true, processed: 0, errors: [] }, past: [] }],
  });
  t.equal(status.json().integrations.length, 1, 'only this company\'s stores');
  const reloaded = await app.inject({ url: '/empresa', cookies: a.jar.header() });
  t.match(reloaded.body, '<span class="run-status run-queued">En cola</span>', 'the run is there after a reload');
  t.match(reloaded.body, '>Cancelar</button>');
  t.match(reloaded.body, '<p class="run-progress">En espera: comenzará en unos segundos.</p>', 'a queued run shows no "0 / 0 productos"');
  t.notMatch(reloaded.body, '0 / 0 productos');
  t.match(reloaded.body, /omitidos <strong data-count="skipped">0<\/strong>/, 'excluded or paused products have their own count');

  const runId = started.json().started[0].runId;
  const runJson = await app.inject({ url: `/sincronizar/runs/${runId}.json`, cookies: a.jar.header() });
  t.match(runJson.json(), { id: runId, statusLabel: 'En cola' });
  t.equal((await app.inject({ url: `/sincronizar/runs/${runId}.json`, cookies: b.jar.header() })).statusCode, 404, 'another company: 404');

  const bPage = await app.inject({ url: '/empresa', cookies: b.jar.header() });
  b.jar.store(bPage);
  const foreignCancel = await app.inject({
    method: 'POST', url: `/sincronizar/runs/${runId}/cancelar`, cookies: b.jar.header(), payload: { _csrf: csrfFrom(bPage.body) }, headers: { accept: 'application/json' },
  });
  t.equal(foreignCancel.statusCode, 404);
  const foreignStart = await app.inject({
    method: 'POST', url: '/sincronizar', cookies: b.jar.header(), payload: { _csrf: csrfFrom(bPage.body), integration: String(mine.id) }, headers: { accept: 'application/json' },
  });
  t.equal(foreignStart.statusCode, 404, 'starting another company\'s store: 404');

  const cancel = await app.inject({
    method: 'POST', url: `/sincronizar/runs/${runId}/cancelar`, cookies: a.jar.header(), payload: { _csrf: csrf }, headers: { accept: 'application/json' },
  });
  t.match(cancel.json(), { run: { status: 'cancelled', statusLabel: 'Cancelada' }, message: 'Sincronización cancelada.' }, 'a queued run ends at once: not "Cancelando…" next to "Cancelada"');

  const plain = await post({ integration: String(mine.id) }, false);
  t.equal(plain.statusCode, 303, 'without the script, the form posts and comes back');
  t.equal(plain.headers.location, '/empresa#sincronizar');
  const after = await app.inject({ url: '/empresa', cookies: { ...a.jar.header(), ...Object.fromEntries(plain.cookies.map((c: { name: string; value: string }) => [c.name, c.value])) } });
  t.match(after.body, 'Sincronización iniciada: Tienda Uno.');
  t.match(after.body, 'Sincronizaciones anteriores');
  t.match(after.body, 'Cancelada');

  const noCsrf = await app.inject({ method: 'POST', url: '/sincronizar', cookies: a.jar.header(), payload: { integration: String(mine.id) } });
  t.equal(noCsrf.statusCode, 403, 'CSRF protected');
  t.ok(theirs);
});

t.test('a store that needs reauthorization offers "Reautorizar"', async (t) => {
  const { app, database } = await openTestApp(t);
  const { jar } = await install(app, 'tienda-uno');
  await database.db('integrations').update({ status: 'reauth_required' });
  const page = await app.inject({ url: '/empresa', cookies: jar.header() });
  t.match(page.body, /<span class="status status-reauth_required">Requiere reautorización<\/span>\s*<button type="submit" class="small secondary" form="reautorizar-\d+">Reautorizar<\/button>/);
  t.match(page.body, /<form method="post" action="\/empresa\/vincular" id="reautorizar-\d+"/);
});

t.test('a session that ended: the JSON endpoints answer 401 in Spanish with the way back', async (t) => {
  const { app } = await openTestApp(t);
  const { jar } = await install(app, 'tienda-uno');
  const page = await app.inject({ url: '/empresa', cookies: jar.header() });
  jar.store(page);
  const out = await app.inject({ method: 'POST', url: '/salir', cookies: jar.header(), payload: { _csrf: csrfFrom(page.body) } });
  jar.store(out);
  for (const url of ['/sincronizar/estado.json', '/sincronizar/runs/1.json']) {
    const res = await app.inject({ url, cookies: jar.header(), headers: { accept: 'application/json' } });
    t.equal(res.statusCode, 401, url);
    t.match(res.json(), { statusCode: 401, message: /^Tu sesión terminó/, signInUrl: '/auth/start', signInLabel: 'Volver a entrar' }, url);
  }
  const html = await app.inject({ url: '/empresa', cookies: jar.header() });
  t.equal(html.statusCode, 401);
  t.match(html.body, 'Entrar a Centry para Jumpseller', 'a page still gets the sign-in page');
});

t.test('a store whose currency cannot be synced is not ticked by default, and says why', async (t) => {
  const { app, database } = await openTestApp(t, { stores: [{ code: 'tienda-uno', name: 'Tienda Uno' }, { code: 'tienda-usd', name: 'Tienda USD', currency: 'USD' }] });
  const { jar } = await install(app, 'tienda-uno');
  await install(app, 'tienda-usd', new CookieJar());
  await database.db('integrations').where({ store_code: 'tienda-usd' }).update({ company_id: (await database.db('integrations').where({ store_code: 'tienda-uno' }).first()).company_id });
  const [uno, usd] = await database.db('integrations').orderBy('id');
  const page = await app.inject({ url: '/empresa', cookies: jar.header() });
  t.match(page.body, new RegExp(`name="integration" value="${uno.id}" checked`));
  t.match(page.body, new RegExp(`name="integration" value="${usd.id}">`), 'the USD store is not ticked');
  t.match(page.body, 'No se puede sincronizar: la tienda usa USD y el catálogo CLP.');
});
