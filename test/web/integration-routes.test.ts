// §2.4–§2.5 through HTTP: the page, Guardar (valid, invalid, conflict, CSRF), tenant isolation, the
// live example, Vista previa and the pickers — against PostgreSQL and the Jumpseller sandbox.
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { install, openTestApp } from '../helpers/app.js';
import { CookieJar, csrfFrom } from '../helpers/cookie-jar.js';
import { SYNC_FIELDS } from '../../src/publishing/plan/sync-fields.js';
import { seedCatalog } from '../settings/catalog-fixture.js';
import { buildDesiredProduct } from '../../src/publishing/plan/payload-builder.js';
import { createMappingRepository } from '../../src/publishing/storage/mapping-repository.js';
import { desiredState, fullyPushed } from '../../src/publishing/plan/pushed-state.js';
import { defaultSettings } from '../../src/settings/settings.schema.js';
import { integrationId } from '../../src/company/model.js';
import type { JumpsellerProductId } from '../../src/jumpseller/ids.js';

async function setup(t: Parameters<typeof openTestApp>[0]) {
  const ctx = await openTestApp(t);
  const { callback, jar } = await install(ctx.app, 'tienda-uno');
  const id = Number(/\/instalado\/(\d+)/.exec(String(callback.headers.location))![1]);
  const { company_id: companyId } = await ctx.database.db('integrations').where({ id }).first();
  return { ...ctx, jar, id, companyId: companyId as number };
}

async function openEdit(app: FastifyInstance, jar: CookieJar, id: number) {
  const res = await app.inject({ url: `/integraciones/${id}/editar`, cookies: jar.header() });
  jar.store(res);
  return { res, csrf: res.statusCode === 200 ? csrfFrom(res.body) : '', version: /name="version" value="(\d+)"/.exec(res.body)?.[1] ?? '' };
}

/** The form as the page submits it with every box checked, plus overrides (null removes a key). */
function formBody(csrf: string, version: string, over: Record<string, string | string[] | null> = {}): string {
  const body = new URLSearchParams({ _csrf: csrf, version, percent: '0', fixed: '0', rounding: 'none', roundingDirection: 'nearest', minimum: '', stockBuffer: '0', schedule: 'hourly', scheduleHour: '3', onDelete: 'unpublish', publishOffer: '1' });
  for (const f of SYNC_FIELDS) {
    if (f !== 'name' && f !== 'price') body.set(`create_${f}`, '1');
    body.set(`update_${f}`, '1');
  }
  for (const [k, v] of Object.entries(over)) {
    body.delete(k);
    if (v !== null) for (const x of [v].flat()) body.append(k, x);
  }
  return body.toString();
}

const post = (app: FastifyInstance, jar: CookieJar, url: string, payload: string, accept = 'text/html') =>
  app.inject({ method: 'POST', url, payload, cookies: jar.header(), headers: { 'content-type': 'application/x-www-form-urlencoded', accept } });

t.test('the page shows the three sections with the Spanish labels of §2.4', async (t) => {
  const { app, jar, id } = await setup(t);
  const { res } = await openEdit(app, jar, id);
  t.equal(res.statusCode, 200);
  for (const label of ['Campos a sincronizar', 'Al crear', 'Al actualizar', 'Transformación de valores', 'Publicar precio de oferta',
    'Ajuste porcentual', 'Ajuste fijo', 'Redondeo', 'al más cercano', 'hacia arriba', 'hacia abajo', 'Precio mínimo', 'Descuento de stock',
    'Exclusión de Productos', 'Exclusión por Categoría', 'Exclusión por Marca', 'Exclusión por Género', 'Exclusión por Producto',
    'Despublicar', 'Eliminar', 'Vista previa', 'Guardar', 'Sincronización automática', 'Cada hora']) t.match(res.body, label);
  t.match(res.body, /id="create_name" checked disabled/, 'name is always sent on create');
  t.match(res.body, /id="create_price" checked disabled/);
  t.match(res.body, 'Jumpseller exige <strong>Nombre</strong> y <strong>Precio</strong>');
  t.match(res.body, '$10.000 → $10.000', 'the example with the default rules changes nothing');
  t.match(res.body, /<option value="hourly" selected>/, 'hourly by default');
  t.match(res.body, /value="unpublish" checked/, '"Despublicar" by default');
  t.notMatch(res.body, /style=|<script>/, 'nothing inline for the strict CSP');
  const js = await app.inject('/static/integration-edit.js');
  t.equal(js.statusCode, 200);
});

t.test('Guardar: a valid form is saved, back on Mi Empresa with the confirmation, and shown again on Editar', async (t) => {
  const { app, jar, id, database } = await setup(t);
  await seedCatalog(database.db, (await database.db('integrations').where({ id }).first()).company_id);
  const { csrf, version } = await openEdit(app, jar, id);
  t.equal(version, '0');
  const res = await post(app, jar, `/integraciones/${id}/editar`, formBody(csrf, version, {
    update_description: null, percent: '19', fixed: '-500', rounding: 'ending_990', roundingDirection: 'up', minimum: '1.990',
    stockBuffer: '2', excludeBrand: 'b2', excludeCategory: ['c1', 'c1'], excludeProduct: 'p5', schedule: 'daily', scheduleHour: '4', onDelete: 'delete', publishOffer: null,
  }));
  t.equal(res.statusCode, 303);
  t.equal(res.headers.location, '/empresa', 'SPEC §2.5: a successful save sends the merchant back to Mi Empresa');
  jar.store(res);
  const empresa = await app.inject({ url: '/empresa', cookies: jar.header() });
  jar.store(empresa);
  t.match(empresa.body, 'Cambios guardados en «Tienda Uno». Se aplican desde la próxima sincronización.');

  const row = await database.db('integration_settings').where({ integration_id: id }).first();
  t.equal(row.version, 1);
  t.same(row.settings.prices, { publishOffer: false, percent: 1900, fixed: -500, rounding: 'ending_990', roundingDirection: 'up', minimum: 1990, stockBuffer: 2 });
  t.same(row.settings.fields.description, { onCreate: true, onUpdate: false });
  t.same(row.settings.exclusions, { categoryIds: ['c1'], brandIds: ['b2'], genderIds: [], productIds: ['p5'] });
  t.same(row.settings.schedule, { mode: 'daily', hour: 4 });
  t.equal(row.settings.onDelete, 'delete');

  const { res: page, version: v2 } = await openEdit(app, jar, id);
  t.notMatch(page.body, 'Cambios guardados', 'the confirmation was shown once, on Mi Empresa');
  t.equal(v2, '1');
  t.match(page.body, /id="percent" name="percent" value="19"/);
  t.match(page.body, /id="fixed" name="fixed" value="-500"/);
  t.match(page.body, /id="minimum" name="minimum" value="1.990"/);
  t.match(page.body, /<option value="ending_990" selected>/);
  t.match(page.body, /id="update_description" name="update_description" value="1" aria-label/, 'unchecked stays unchecked');
  t.match(page.body, /class="chip-label">Vestuario<\/span>/, 'category chip by path');
  t.match(page.body, /class="chip-label">Llaima<\/span>/);
  t.match(page.body, /class="chip-label">Bufanda Sin Precio · SKU-p5<\/span>/);
  t.match(page.body, /name="excludeBrand" value="b2"/);
  t.match(page.body, '$10.000 → $11.990', 'the example uses the saved rules: 10.000 × 1,19 − 500 = 11.400, up to 11.990');
});

t.test('Guardar: invalid input answers 422, a message per field, every typed value kept, nothing saved', async (t) => {
  const { app, jar, id, database } = await setup(t);
  const { csrf, version } = await openEdit(app, jar, id);
  const res = await post(app, jar, `/integraciones/${id}/editar`, formBody(csrf, version, {
    percent: 'diez', fixed: '12,5', rounding: 'ending_99', minimum: '-5', stockBuffer: '-1', schedule: 'daily', scheduleHour: '25',
    onDelete: 'quemar', excludeBrand: 'b9', update_seo: null,
  }));
  t.equal(res.statusCode, 422);
  t.match(res.body, 'No se guardó nada');
  t.match(res.body, /id="percent" name="percent" value="diez" aria-describedby="guide-percent err-percent" aria-invalid="true"/);
  t.match(res.body, /id="err-percent">Escribe un porcentaje como 19, -10 o 12,5\./);
  t.match(res.body, /id="fixed" name="fixed" value="12,5"/);
  t.match(res.body, /id="err-fixed">Los montos en CLP no llevan decimales\./);
  t.match(res.body, /id="err-rounding">El redondeo &quot;.99&quot; solo existe para monedas con decimales/);
  t.match(res.body, /<option value="ending_99" selected>/, 'the refused choice is still selected');
  t.match(res.body, /id="err-stockBuffer">/);
  t.match(res.body, /id="stockBuffer" name="stockBuffer" value="-1"/);
  t.match(res.body, /id="err-scheduleHour">Elige una hora entre 0 y 23\./);
  t.match(res.body, /id="err-onDelete">/);
  t.match(res.body, /name="excludeBrand" value="b9"/, 'chosen exclusions are kept');
  t.match(res.body, /id="update_seo" name="update_seo" value="1" aria-label/, 'unchecked box kept unchecked');
  t.match(res.body, /id="update_name" name="update_name" value="1" checked/);
  t.match(res.body, /data-unsaved/, 'the page knows it holds unsaved values');
  t.equal((await database.db('integration_settings')).length, 0, 'nothing saved');
  const minimumOnly = await post(app, jar, `/integraciones/${id}/editar`, formBody(csrf, version, { minimum: '-5' }));
  t.equal(minimumOnly.statusCode, 422);
  t.match(minimumOnly.body, 'El precio mínimo debe ser un monto mayor o igual a cero.');
});

t.test('Guardar: a save that lost the race is detected and explained (409), nothing lost', async (t) => {
  const { app, jar, id, database } = await setup(t);
  const tabA = await openEdit(app, jar, id);
  const tabB = await openEdit(app, jar, id);
  const a = await post(app, jar, `/integraciones/${id}/editar`, formBody(tabA.csrf, tabA.version, { percent: '10' }));
  t.equal(a.statusCode, 303);
  const b = await post(app, jar, `/integraciones/${id}/editar`, formBody(tabB.csrf, tabB.version, { percent: '25', stockBuffer: '3' }));
  t.equal(b.statusCode, 409);
  t.match(b.body, 'Otro guardado llegó primero');
  t.match(b.body, /<th scope="row">Ajuste porcentual<\/th><td>10 %<\/td><td>25 %<\/td>/, 'what is saved now next to what was typed');
  t.match(b.body, /<th scope="row">Descuento de stock<\/th><td>0 unidades<\/td><td>3 unidades<\/td>/);
  t.match(b.body, /id="percent" name="percent" value="25"/, 'the typed values are kept');
  t.match(b.body, /name="version" value="1"/, 'a deliberate second save is possible');
  t.equal((await database.db('integration_settings').first()).settings.prices.percent, 1000, 'the first save stands');

  const again = await post(app, jar, `/integraciones/${id}/editar`, formBody(csrfFrom(b.body), '1', { percent: '25' }));
  t.equal(again.statusCode, 303, 'saving again from the conflict page wins');
  const row = await database.db('integration_settings').first();
  t.equal(row.version, 2);
  t.equal(row.settings.prices.percent, 2500);
});

t.test('Guardar without a valid CSRF token is refused (403) and saves nothing', async (t) => {
  const { app, jar, id, database } = await setup(t);
  const { version } = await openEdit(app, jar, id);
  const none = await post(app, jar, `/integraciones/${id}/editar`, formBody('', version).replace(/^_csrf=&/, ''));
  t.equal(none.statusCode, 403);
  const forged = await post(app, jar, `/integraciones/${id}/editar`, formBody('forged-token', version));
  t.equal(forged.statusCode, 403);
  const preview = await post(app, jar, `/integraciones/${id}/vista-previa`, formBody('forged-token', version), 'application/json');
  t.equal(preview.statusCode, 403);
  t.equal((await database.db('integration_settings')).length, 0);
});

t.test("another company's integration answers 404 everywhere; no session answers 401", async (t) => {
  const { app, jar, id } = await setup(t);
  const other = await install(app, 'tienda-dos', new CookieJar());
  const otherId = Number(/\/instalado\/(\d+)/.exec(String(other.callback.headers.location))![1]);
  t.not(otherId, id);
  const mine = await openEdit(app, other.jar, otherId);
  t.equal(mine.res.statusCode, 200, 'the other company edits its own store');
  for (const url of ['editar', 'ejemplo?percent=10', 'catalogo/productos?q=a', 'catalogo/marcas', 'catalogo/generos', 'catalogo/categorias']) {
    const res = await app.inject({ url: `/integraciones/${id}/${url}`, cookies: other.jar.header() });
    t.equal(res.statusCode, 404, `GET ${url}`);
  }
  for (const url of ['editar', 'vista-previa']) {
    const res = await post(app, other.jar, `/integraciones/${id}/${url}`, formBody(mine.csrf, '0', { percent: '50' }));
    t.equal(res.statusCode, 404, `POST ${url}`);
  }
  t.equal((await app.inject({ url: '/integraciones/999999999999/editar', cookies: jar.header() })).statusCode, 404, 'an id out of range');
  t.equal((await app.inject({ url: `/integraciones/${id}/editar` })).statusCode, 401);
});

t.test('the live example is computed on the server by the price rules', async (t) => {
  const { app, jar, id } = await setup(t);
  const get = async (q: string) => {
    const res = await app.inject({ url: `/integraciones/${id}/ejemplo?${q}`, cookies: jar.header(), headers: { accept: 'application/json' } });
    return { status: res.statusCode, body: res.json() };
  };
  const spec = await get('percent=19&rounding=ending_990&roundingDirection=up');
  t.equal(spec.status, 200);
  t.equal(spec.body.example.lines[0], '$10.000 → $11.990', 'the example of SPEC §2.4');
  t.equal((await get('examplePrice=12.345&rounding=ending_990&roundingDirection=nearest')).body.example.normal.after, '$11.990');
  t.equal((await get('examplePrice=12.345&rounding=ending_990&roundingDirection=up')).body.example.normal.after, '$12.990');
  const offer = await get('publishOffer=1&percent=10');
  t.same(offer.body.example.offer, { before: '$8.000', after: '$8.800', compareAt: '$11.000' });
  t.equal((await get('percent=10')).body.example.offer, null, 'without "Publicar precio de oferta" the offer is not published');
  t.same((await get('stockBuffer=3')).body.example.stock, { before: 10, after: 7 });
  t.equal((await get('minimum=15.000')).body.example.normal.after, '$15.000');
  const bad = await get('percent=abc&fixed=1,5&examplePrice=0');
  t.equal(bad.status, 422);
  t.same(Object.keys(bad.body.errors).sort(), ['examplePrice', 'fixed', 'percent']);
});

t.test('Vista previa reports the products withheld for a duplicate SKU, with the form\'s exclusions', async (t) => {
  const { app, jar, id, database, companyId } = await setup(t);
  const { repo, products } = await seedCatalog(database.db, companyId);
  const p1 = products.find((p) => p.id === 'p1')!;
  await repo.upsertProducts(companyId, [{ ...p1, id: 'p7' as typeof p1.id, name: 'Zapatilla Copia', brandId: null }]);
  const { csrf, version } = await openEdit(app, jar, id);

  const res = await post(app, jar, `/integraciones/${id}/vista-previa`, formBody(csrf, version), 'application/json');
  t.match(res.json().preview, { total: 7, create: 4, duplicateSku: 1, notPublishable: 1 });
  t.match(res.json().preview.duplicates, [{ id: 'p7', name: 'Zapatilla Copia', sku: 'SKU-p1' }]);
  const line = 'SKU duplicado en el catálogo: SKU-p1 (también en «Zapatilla Trekking», que es el que se publica); este producto no se publica.';
  t.ok(res.json().html.includes(line), 'the partial shows the line the sync would report');
  const page = await post(app, jar, `/integraciones/${id}/vista-previa`, formBody(csrf, version));
  t.ok(page.body.includes(line), 'also without JavaScript');

  const excluded = await post(app, jar, `/integraciones/${id}/vista-previa`, formBody(csrf, version, { excludeBrand: 'b1' }), 'application/json');
  t.match(excluded.json().preview, { duplicateSku: 0, duplicates: [] }, 'the typed exclusion leaves the copy the only one with the SKU');
});

t.test('Vista previa counts what a sync would do with the unsaved form', async (t) => {
  const { app, jar, id, database, companyId } = await setup(t);
  const { repo, products } = await seedCatalog(database.db, companyId);
  const { csrf, version } = await openEdit(app, jar, id);

  const all = await post(app, jar, `/integraciones/${id}/vista-previa`, formBody(csrf, version), 'application/json');
  t.equal(all.statusCode, 200);
  t.match(all.json().preview, { total: 6, create: 4, update: 0, unpublish: 0, unchanged: 0, excluded: 1, notPublishable: 1 },
    'nothing pushed yet: every publishable product would be created; the paused one is excluded');
  t.same(all.json().preview.priceChanges, [], 'rules that change nothing change no price');

  const body = formBody(csrf, version, { excludeCategory: 'c1', excludeBrand: 'b2', excludeGender: 'g2', percent: '10', rounding: 'multiple_100', roundingDirection: 'up' });
  const res = await post(app, jar, `/integraciones/${id}/vista-previa`, body, 'application/json');
  const preview = res.json().preview;
  t.match(preview, { total: 6, create: 1, excluded: 4, notPublishable: 1, unpublishLabel: 'Despublicar' }, 'category (by ancestor), brand and gender exclusions');
  t.same(preview.priceChanges.map((c: { name: string; before: string; after: string; beforeIs: string }) => [c.name, c.before, c.after, c.beforeIs]),
    [['Zapatilla Trekking', '$10.000', '$11.000', 'catalog']]);
  t.match(res.json().html, /<dd data-count="create">1<\/dd>/, 'the same partial the page renders');
  t.equal((await database.db('integration_settings')).length, 0, 'a preview saves nothing');

  const page = await post(app, jar, `/integraciones/${id}/vista-previa`, body);
  t.equal(page.statusCode, 200, 'without JavaScript: the page again, with the preview');
  t.match(page.body, /<dd data-count="create">1<\/dd>/);
  t.match(page.body, /id="percent" name="percent" value="10"/, 'typed values kept');

  // After a sync: p1 is in the store as the saved (default) rules publish it; "zz" was deleted in Centry.
  const mappings = createMappingRepository(database.db);
  const p1 = products.find((p) => p.id === 'p1')!;
  const built = buildDesiredProduct(p1, { references: await repo.references(companyId), rules: defaultSettings().prices, currency: 'CLP', now: new Date() });
  if (!built.ok) throw new Error('p1 is publishable');
  const pushed = fullyPushed(desiredState(built.desired));
  await mappings.saveProduct(integrationId(id), 'p1', { jumpsellerProductId: 501 as JumpsellerProductId, published: true, pushed, runId: null, outcome: null });
  await mappings.saveProduct(integrationId(id), 'zz', { jumpsellerProductId: 502 as JumpsellerProductId, published: true, pushed, runId: null, outcome: null });
  const synced = (await post(app, jar, `/integraciones/${id}/vista-previa`, formBody(csrf, version), 'application/json')).json().preview;
  t.match(synced, { create: 3, unchanged: 1, unpublish: 1 }, 'the mapping tables: p1 unchanged, the deleted one unpublished');
  const raised = (await post(app, jar, `/integraciones/${id}/vista-previa`, formBody(csrf, version, { percent: '10' }), 'application/json')).json().preview;
  t.match(raised, { create: 3, update: 1, unpublish: 1 });
  t.same(raised.priceChanges.find((c: { id: string }) => c.id === 'p1'), { id: 'p1', sku: 'SKU-p1', name: 'Zapatilla Trekking', before: '$10.000', after: '$11.000', beforeIs: 'store' });

  const invalid = await post(app, jar, `/integraciones/${id}/vista-previa`, formBody(csrf, version, { percent: 'x' }), 'application/json');
  t.equal(invalid.statusCode, 422);
  t.ok(invalid.json().errors.percent);
});

t.test('pickers search on the server: products by name or SKU (paged), brands, genders, the category tree', async (t) => {
  const { app, jar, id, database, companyId } = await setup(t);
  await seedCatalog(database.db, companyId);
  const get = async (path: string) => (await app.inject({ url: `/integraciones/${id}/catalogo/${path}`, cookies: jar.header() })).json();
  t.same((await get('productos?q=SKU-p3')).items.map((p: { id: string }) => p.id), ['p3'], 'by exact SKU');
  t.same((await get('productos?q=polera')).items.map((p: { name: string }) => p.name), ['Polera Algodón'], 'by name, any case');
  const first = await get('productos?q=');
  t.equal(first.items.length, 6);
  t.equal(first.hasMore, false);
  t.same((await get('marcas?q=lla')).items, [{ id: 'b2', name: 'Llaima' }]);
  t.same((await get('generos')).items.map((g: { name: string }) => g.name), ['Hombre', 'Mujer']);
  t.same((await get('categorias')).items, [
    { id: 'c3', name: 'Calzado', children: [] },
    { id: 'c1', name: 'Vestuario', children: [{ id: 'c2', name: 'Poleras', children: [] }] },
  ]);
});

t.test('Guardar with "Enviar pedidos a Centry" changed: the confirmation says it applies now, not at the next sync', async (t) => {
  // Found walking `npm start`: turning orders off said "Se aplican desde la próxima sincronización",
  // yet the very next order waited, and turning them on sent held orders at the next poll.
  const { app, jar, id } = await setup(t);
  const flashAfter = async (over: Record<string, string | null>) => {
    const { csrf, version } = await openEdit(app, jar, id);
    const res = await post(app, jar, `/integraciones/${id}/editar`, formBody(csrf, version, { sendOrdersShown: '1', ...over }));
    t.equal(res.statusCode, 303);
    jar.store(res);
    const empresa = await app.inject({ url: '/empresa', cookies: jar.header() });
    jar.store(empresa);
    return /Cambios guardados[^<]*/.exec(empresa.body)?.[0];
  };
  t.equal(await flashAfter({ sendOrders: null }), 'Cambios guardados en «Tienda Uno». Se aplican desde la próxima sincronización; los pedidos dejan de enviarse a Centry desde ahora.');
  t.equal(await flashAfter({ sendOrders: '1' }), 'Cambios guardados en «Tienda Uno». Se aplican desde la próxima sincronización; los pedidos se envían a Centry desde ahora (los retenidos, en el próximo minuto).');
  t.equal(await flashAfter({ sendOrders: '1' }), 'Cambios guardados en «Tienda Uno». Se aplican desde la próxima sincronización.', 'unchanged: as before');
});
