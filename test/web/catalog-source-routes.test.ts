// Issue 14 §1 on Mi Empresa (app.inject, the Jumpseller and Centry sandboxes on loopback): the upload
// says whether the file replaces or adds; linking Centry replaces the catalog and carries exclusions;
// while Centry is the source the upload is refused; switching back to files is an explicit,
// confirmed replacement.
import t from 'tap';
import { request } from 'undici';
import { buildApp } from '../../src/app.js';
import { startJumpsellerSandbox } from '../../src/sandbox/jumpseller/sandbox.js';
import { startCentrySandbox } from '../../src/sandbox/centry/centry-sandbox.js';
import { createCatalogRepository } from '../../src/catalog/store/catalog-repository.js';
import { createSettingsRepository } from '../../src/settings/settings-repository.js';
import { defaultSettings } from '../../src/settings/settings.schema.js';
import { integrationId } from '../../src/company/model.js';
import { install, TEST_CLIENT, testConfig } from '../helpers/app.js';
import { csrfFrom } from '../helpers/cookie-jar.js';
import { openTestDatabase } from '../helpers/database.js';
import { centryProduct } from '../catalog/fixtures.js';

const APP_URL = 'http://localhost:3999';
const CENTRY_APP = { clientId: 'centry-app', clientSecret: 'centry-secret', redirectUris: [`${APP_URL}/catalogo/centry/callback`] };

function multipart(fields: Record<string, string>, content: string): { payload: string; headers: Record<string, string> } {
  const b = '----sourcetest';
  const parts = Object.entries(fields).map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('');
  const payload = `${parts}--${b}\r\nContent-Disposition: form-data; name="archivo"; filename="catalogo.ndjson"\r\nContent-Type: application/octet-stream\r\n\r\n${content}\r\n--${b}--\r\n`;
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}
const products = (...ns: number[]) => ns.map((n) => JSON.stringify(centryProduct(n))).join('\n');

t.test('one catalog source at a time, on Mi Empresa', async (t) => {
  const database = await openTestDatabase(t);
  const jumpseller = await startJumpsellerSandbox({
    apps: [{ clientId: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, handle: 'centry-desarrollo', name: 'Centry', appUrl: `${APP_URL}/`, redirectUris: [`${APP_URL}/auth/callback`] }],
    stores: [{ code: 'tienda-uno', name: 'Tienda Uno' }],
  });
  t.teardown(() => jumpseller.close());
  const centry = await startCentrySandbox({ apps: [CENTRY_APP], demo: { size: 12, seed: 7, imageBaseUrl: 'http://img.test', now: new Date('2025-01-01T00:00:00Z') } });
  t.teardown(() => centry.close());
  const config = testConfig({ sandboxUrl: jumpseller.url, appUrl: APP_URL, databaseUrl: database.url });
  config.centry = { clientId: CENTRY_APP.clientId, clientSecret: CENTRY_APP.clientSecret, url: centry.url };
  const app = await buildApp({ config, db: database.db });
  t.teardown(() => app.close());
  const catalog = createCatalogRepository(database.db);
  const { jar } = await install(app, 'tienda-uno');
  const integration = await database.db('integrations').where({ store_code: 'tienda-uno' }).first();
  const company: number = integration.company_id;
  const page = async (url = '/empresa') => {
    const res = await app.inject({ url, cookies: jar.header() });
    jar.store(res);
    return res.body;
  };
  const upload = async (fields: Record<string, string>, content: string) => {
    const csrf = csrfFrom(await page());
    const res = await app.inject({ method: 'POST', url: `/catalogo/importar?_csrf=${encodeURIComponent(csrf)}`, cookies: jar.header(), ...multipart(fields, content) });
    jar.store(res);
    await app.catalogTasks.idle();
    return res;
  };
  const ids = async () => (await catalog.productIds(company)).map(String);

  t.test('the upload form says whether the file replaces or adds; replace is the default', async (t) => {
    const html = await page();
    t.match(html, /<input type="radio" name="modo" value="reemplazar" checked> reemplaza el catálogo/);
    t.match(html, /<input type="radio" name="modo" value="agregar"> se agrega al catálogo/);
    await upload({ modo: 'agregar' }, products(1, 2, 3));
    await upload({ modo: 'agregar' }, products(4));
    t.equal((await ids()).length, 4, 'added');
    const res = await upload({ modo: 'reemplazar' }, products(3, 4, 5));
    t.equal(res.statusCode, 303);
    t.same(await ids(), [3, 4, 5].map((n) => String(centryProduct(n)._id)), 'replaced');
    t.match(await page(), 'El catálogo fue reemplazado por el del archivo');
    await upload({}, products(5));
    t.same(await ids(), [String(centryProduct(5)._id)], 'without a choice the file replaces');
  });

  t.test('linking Centry replaces the catalog; exclusions are carried or flagged', async (t) => {
    const settings = createSettingsRepository(database.db);
    const fileProduct = String(centryProduct(5)._id);
    // Exclusions on the file's catalog: its brand ("Andes Trail", id b1) and its product.
    await settings.save(integrationId(integration.id), 0, { ...defaultSettings(), exclusions: { brandIds: ['b1'], categoryIds: [], genderIds: [], productIds: [fileProduct] } });
    await page();
    const start = await app.inject({ url: '/catalogo/centry/vincular', cookies: jar.header() });
    jar.store(start);
    const authorize = new URL(String(start.headers.location));
    const consent = await request(`${centry.url}/oauth/authorize`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...Object.fromEntries(authorize.searchParams), decision: 'allow' }).toString(),
    });
    await consent.body.dump();
    const back = new URL(String(consent.headers.location));
    jar.store(await app.inject({ url: back.pathname + back.search, cookies: jar.header() }));
    await app.catalogTasks.idle();
    t.same(await ids(), [...centry.catalog.products.keys()].sort(), 'exactly Centry\'s products');
    const refs = await catalog.references(company);
    const andes = [...refs.brands.values()].find((b) => b.name === 'Andes Trail');
    const { exclusions } = (await settings.get(integrationId(integration.id))).settings;
    t.same(exclusions.brandIds, andes ? [andes.id] : ['b1'], 'the brand carried to Centry\'s by its exact name');
    t.same(exclusions.productIds, [fileProduct], 'the product is kept…');
    const html = await page();
    t.match(html, 'El catálogo fue reemplazado por el de Centry');
    t.match(html, /Exclusiones de Tienda Uno: <strong>\d+ ya no (está|están) en el catálogo<\/strong>/, '…and flagged on Mi Empresa');
    const edit = await page(`/integraciones/${integration.id}/editar`);
    t.match(edit, /class="chip missing"/, 'and on Editar');
    t.match(edit, 'mismo nombre exacto', 'Editar says exclusions follow names');
  });

  t.test('while Centry is the source, the upload is not offered and is refused', async (t) => {
    const html = await page();
    t.notMatch(html, 'name="modo"');
    t.match(html, 'Cambiar el origen a un archivo…');
    const before = await ids();
    for (const modo of ['agregar', 'reemplazar']) {
      const res = await upload({ modo }, products(40, 41));
      t.equal(res.statusCode, 303);
      t.same(await ids(), before, `${modo}: nothing imported`);
    }
    t.match(await page(), 'El catálogo viene de Centry: no se importó el archivo');
  });

  t.test('switching to files: a page with what leaves, then a confirmed replacement', async (t) => {
    const html = await page('/catalogo/origen/archivo');
    t.match(html, 'Cambiar el origen del catálogo a un archivo');
    t.match(html, /hasta <span class="switch-leaving">12 productos, \d+ marcas, \d+ categorías y \d+ géneros<\/span>/);
    const before = await ids();
    await upload({ cambiar_origen: 'archivo', modo: 'reemplazar' }, products(40, 41));
    t.same(await ids(), before, 'not confirmed: nothing changes');
    t.match(await page(), 'marca la confirmación');
    await upload({ cambiar_origen: 'archivo', modo: 'reemplazar', confirmar: 'si' }, products(40, 41));
    t.same(await ids(), [40, 41].map((n) => String(centryProduct(n)._id)), 'the file replaced Centry\'s catalog');
    const after = await page();
    t.match(after, 'Archivo importado');
    t.match(after, 'name="modo"', 'the upload is offered again');
    t.match(after, 'Vincular cuenta de Centry');
  });
});
