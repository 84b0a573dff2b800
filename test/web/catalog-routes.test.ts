import t from 'tap';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'undici';
import { buildApp } from '../../src/app.js';
import { startJumpsellerSandbox } from '../../src/sandbox/jumpseller/sandbox.js';
import { startCentrySandbox } from '../../src/sandbox/centry/centry-sandbox.js';
import { createCatalogRepository } from '../../src/catalog/store/catalog-repository.js';
import { catalogProductId } from '../../src/catalog/model.js';
import { install, TEST_CLIENT, testConfig } from '../helpers/app.js';
import { csrfFrom } from '../helpers/cookie-jar.js';
import { openTestDatabase } from '../helpers/database.js';

const APP_URL = 'http://localhost:3999';
const CENTRY_APP = { clientId: 'centry-app', clientSecret: 'centry-secret', redirectUris: [`${APP_URL}/catalogo/centry/callback`] };

function multipart(name: string, content: string | Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----catalogtest';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="archivo"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

t.test('catalog on Mi Empresa: upload, Centry link, webhook', async (t) => {
  const database = await openTestDatabase(t);
  const jumpseller = await startJumpsellerSandbox({
    apps: [{ clientId: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, handle: 'centry-desarrollo', name: 'Centry', appUrl: `${APP_URL}/`, redirectUris: [`${APP_URL}/auth/callback`] }],
    stores: [{ code: 'tienda-uno', name: 'Tienda Uno' }, { code: 'tienda-dos', name: 'Tienda Dos' }],
  });
  t.teardown(() => jumpseller.close());
  const centry = await startCentrySandbox({ apps: [CENTRY_APP], demo: { size: 30, imageBaseUrl: 'http://img.test', now: new Date('2025-01-01T00:00:00Z') } });
  t.teardown(() => centry.close());
  const config = testConfig({ sandboxUrl: jumpseller.url, appUrl: APP_URL, databaseUrl: database.url });
  config.centry = { clientId: CENTRY_APP.clientId, clientSecret: CENTRY_APP.clientSecret, url: centry.url };
  const app = await buildApp({ config, db: database.db });
  t.teardown(() => app.close());
  const catalog = createCatalogRepository(database.db);
  const { jar } = await install(app, 'tienda-uno');
  const page = async () => {
    const res = await app.inject({ url: '/empresa', cookies: jar.header() });
    jar.store(res);
    return res.body;
  };

  t.test('the catalog block shows the source and counts', async (t) => {
    const html = await page();
    t.match(html, 'Catálogo');
    t.match(html, 'Sin catálogo todavía');
    t.match(html, 'Vincular cuenta de Centry');
    t.ok(html.indexOf('id="catalogo"') < html.indexOf('id="sincronizar"'), 'before the Sincronizar block, which closes the page');
  });

  t.test('upload: answered at once, imported in the background; good records kept, bad ones listed with their line; not JSON changes nothing; CSRF required', async (t) => {
    const uploadDirs = async () => (await readdir(tmpdir())).filter((f) => f.startsWith(`centry-import-${process.pid}-`));
    const dirsBefore = await uploadDirs();
    const csrf = csrfFrom(await page());
    const good = (n: number) => JSON.stringify({ _id: `p${n}`, name: `Polera ${n}`, sku: `P-${n}`, price_compare: 9990, variants: [{ sku: `P-${n}-M` }] });
    const file = multipart('catalogo.ndjson', `${good(1)}\n{"_id":"p2","name":""}\n${good(3)}\n`);
    const forged = await app.inject({ method: 'POST', url: '/catalogo/importar', cookies: jar.header(), ...file });
    t.equal(forged.statusCode, 403, 'no CSRF token, no import');
    const res = await app.inject({ method: 'POST', url: `/catalogo/importar?_csrf=${encodeURIComponent(csrf)}`, cookies: jar.header(), ...file });
    jar.store(res);
    t.equal(res.statusCode, 303);
    await app.catalogTasks.idle();
    const html = await page();
    t.notMatch(html, /class="flash"[^>]*>Importando/, 'no green flash that would outlive the import');
    t.match(html, /Última importación \([^)]*\):\s*2 creados, 0 actualizados, 0 sin cambios, 1 rechazados/);
    t.match(html, 'Archivo importado');
    t.match(html, /línea 2: name: /, 'the line of the bad record');
    t.notMatch(html, 'Importando el catálogo…', 'finished: not "en curso"');
    t.match(html, '<script src="/static/catalog.js" defer></script>', 'the block refreshes itself while an import runs');
    t.same(await uploadDirs(), dirsBefore, 'the temporary file is removed');

    const company: number = (await database.db('catalog_sources').where({ kind: 'import' }).first()).company_id;
    const products = (await catalog.summary(company)).products;
    t.equal(products, 2);
    const bad = await app.inject({ method: 'POST', url: `/catalogo/importar?_csrf=${encodeURIComponent(csrfFrom(html))}`, cookies: jar.header(), ...multipart('x.csv', 'sku;name\n1;2\n') });
    jar.store(bad);
    t.equal(bad.statusCode, 303);
    await app.catalogTasks.idle();
    const csv = await page();
    t.match(csv, 'No se importó nada. El archivo no es JSON: parece una planilla CSV. Sube un archivo .json o .ndjson con productos de Centry.');
    t.match(csv, /<details class="tech-detail"><summary>Detalle técnico<\/summary><code>not JSON: [^<]*<\/code><\/details>/, 'the parser\'s reason only as the collapsed technical detail');
    t.equal((await catalog.summary(company)).products, products, 'nothing changed');
    t.same(await uploadDirs(), dirsBefore);

    // Files that are not JSON at all, told apart by their first bytes, in Spanish, with what to do.
    const cases: [string, Buffer | string, string][] = [
      ['foto.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'El archivo no es JSON: parece una imagen PNG. Sube un archivo .json o .ndjson con productos de Centry.'],
      ['catalogo.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0]), 'El archivo no es JSON: parece un archivo comprimido ZIP (o una planilla Excel .xlsx).'],
      ['catalogo.pdf', '%PDF-1.7\n%âãÏÓ\n', 'El archivo no es JSON: parece un documento PDF.'],
      ['vacio.json', '', 'El archivo está vacío. Sube un archivo .json o .ndjson con productos de Centry.'],
      ['otra-cosa.ndjson', '{"hello":"world"}\n{"foo":1}\n', 'Ningún registro del archivo es un producto de Centry (2 rechazados).'],
    ];
    for (const [name, content, want] of cases) {
      const r = await app.inject({ method: 'POST', url: `/catalogo/importar?_csrf=${encodeURIComponent(csrfFrom(await page()))}`, cookies: jar.header(), ...multipart(name, content) });
      jar.store(r);
      t.equal(r.statusCode, 303, name);
      await app.catalogTasks.idle();
      const shown = await page();
      t.match(shown, want, name);
      t.notMatch(shown, /\\u0000|found "/, `${name}: never the file's bytes in the message`);
    }
    t.equal((await catalog.summary(company)).products, products, 'none of them changed the catalog');
    t.same(await uploadDirs(), dirsBefore);

    // The durable state Mi Empresa reads: running, and a "running" whose process died long ago.
    await database.db('catalog_sources').where({ company_id: company }).update({ import_state: 'running', import_started_at: new Date() });
    const running = await page();
    t.match(running, 'Importando el catálogo… El resultado aparecerá aquí.');
    t.match(running, 'data-busy="1"', 'the script polls while it runs');
    const status = await app.inject({ url: '/catalogo/estado.json', cookies: jar.header(), headers: { accept: 'application/json' } });
    t.match(status.json(), { busy: true, importInProgress: true });
    await database.db('catalog_sources').where({ company_id: company }).update({ import_started_at: new Date(Date.now() - 3 * 3600_000) });
    const stale = await page();
    t.notMatch(stale, 'Importando el catálogo…');
    t.match(stale, 'No se importó nada. La importación se interrumpió. Vuelve a subir el archivo.');
    t.match((await app.inject({ url: '/catalogo/estado.json', cookies: jar.header(), headers: { accept: 'application/json' } })).json(), { busy: false });
    await database.db('catalog_sources').where({ company_id: company }).update({ import_state: 'done' });
  });

  t.test('linking Centry: OAuth with a state bound to this browser, then webhook registration and a first pull', async (t) => {
    await page();
    const start = await app.inject({ url: '/catalogo/centry/vincular', cookies: jar.header() });
    jar.store(start);
    const authorize = new URL(String(start.headers.location));
    t.equal(authorize.origin, new URL(centry.url).origin);
    const consent = await request(`${centry.url}/oauth/authorize`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...Object.fromEntries(authorize.searchParams), decision: 'allow' }).toString(),
    });
    await consent.body.dump();
    const back = new URL(String(consent.headers.location));
    const stranger = await app.inject({ url: back.pathname + back.search, cookies: { ...jar.header(), cj_centry_state: 'forged' } });
    t.match(stranger.headers.location, '/empresa', 'a state without its browser cookie is refused');
    t.equal(centry.catalog.webhooks.length, 0);
    const callback = await app.inject({ url: back.pathname + back.search, cookies: jar.header() });
    jar.store(callback);
    t.equal(callback.headers.location, '/empresa#catalogo');
    await app.catalogTasks.idle();
    t.equal(centry.catalog.webhooks.length, 1, 'webhook registered');
    t.match(centry.catalog.webhooks[0]!.callback_url, new RegExp(`^${APP_URL}/webhooks/centry/[A-Za-z0-9_-]{43}$`));
    const html = await page();
    t.match(html, 'Centry (API)');
    t.match(html, /<strong>30<\/strong> productos/, 'the 30 Centry products replaced the 2 imported ones (SPEC §3: one source at a time)');
    t.match(html, 'El catálogo fue reemplazado por el de Centry');
  });

  t.test('webhook: a wrong secret is 404 and pulls nothing; the right one answers 200 and pulls the product', async (t) => {
    const url = new URL(centry.catalog.webhooks[0]!.callback_url);
    const id = [...centry.catalog.products.keys()][3]!;
    centry.catalog.saveProduct({ _id: id, name: 'Editado en Centry' });
    await centry.catalog.idle();
    centry.requests.length = 0;
    const wrong = await app.inject({ method: 'POST', url: '/webhooks/centry/not-the-secret', payload: { topic: 'on_product_save', product_id: id } });
    t.equal(wrong.statusCode, 404);
    await app.catalogTasks.idle();
    t.equal(centry.requests.length, 0, 'nothing pulled');
    const right = await app.inject({ method: 'POST', url: url.pathname, payload: { topic: 'on_product_save', product_id: id } });
    t.equal(right.statusCode, 200);
    await app.catalogTasks.idle();
    const company = (await database.db('catalog_sources').where({ kind: 'centry' }).first()).company_id;
    t.equal((await catalog.getProduct(company, catalogProductId(id)))!.name, 'Editado en Centry');
    t.same(centry.requests.map((r) => r.url), [`/conexion/v1/products/${id}.json`], 'exactly the one product');
    const runs = await database.db('sync_runs').join('integrations', 'integrations.id', 'sync_runs.integration_id')
      .where({ 'integrations.company_id': company }).select('sync_runs.trigger', 'sync_runs.product_ids', 'sync_runs.status');
    t.same(runs, [{ trigger: 'webhook', product_ids: [id], status: 'queued' }], 'a targeted run for the changed product (§7.5)');
    await app.inject({ method: 'POST', url: url.pathname, payload: { topic: 'on_product_save', product_id: id } });
    await app.catalogTasks.idle();
    t.equal((await database.db('sync_runs')).length, 1, 'an unchanged product starts no run');
    const malformed = await app.inject({ method: 'POST', url: url.pathname, payload: { nope: true } });
    t.equal(malformed.statusCode, 422);
  });

  t.test('webhook replays of one product coalesce: not a Centry read per delivery (issue 10, item 8)', async (t) => {
    const url = new URL(centry.catalog.webhooks[0]!.callback_url);
    const id = [...centry.catalog.products.keys()][5]!;
    centry.requests.length = 0;
    const replies = await Promise.all(Array.from({ length: 20 }, () => app.inject({ method: 'POST', url: url.pathname, payload: { topic: 'on_product_save', product_id: id } })));
    t.same(new Set(replies.map((r) => r.statusCode)), new Set([200]), 'every delivery is acknowledged');
    await app.catalogTasks.idle();
    const reads = centry.requests.filter((r) => r.url === `/conexion/v1/products/${id}.json`).length;
    t.ok(reads >= 1 && reads <= 2, `20 deliveries, ${reads} read(s): one pull, and at most one more for what came during it`);
  });

  t.test('another company sees its own (empty) catalog', async (t) => {
    const other = await install(app, 'tienda-dos');
    const res = await app.inject({ url: '/empresa', cookies: other.jar.header() });
    t.match(res.body, 'Sin catálogo todavía');
    t.match(res.body, /<strong>0<\/strong> productos/);
    t.match(res.body, 'Cargar catálogo de demostración', 'local mode offers the demo catalog');
    other.jar.store(res);
    const demo = await app.inject({ method: 'POST', url: '/catalogo/demo', cookies: other.jar.header(), payload: { _csrf: csrfFrom(res.body.slice(res.body.indexOf('catalog-demo'))) } });
    t.equal(demo.statusCode, 303);
    await app.catalogTasks.idle();
    const after = await app.inject({ url: '/empresa', cookies: other.jar.header() });
    t.match(after.body, 'Catálogo de demostración');
    t.match(after.body, /<strong>500<\/strong> productos/);
    t.notMatch(after.body, 'Cargar catálogo de demostración');
  });
});
