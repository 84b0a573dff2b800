// "Editar integración" in a real browser (SPEC §2.4–§2.5): open "Editar" from Mi Empresa, change a
// field toggle, a price rule and an exclusion, watch the live example follow the typing, "Vista
// previa", "Guardar", reload → everything is still there. Unsaved changes warn before leaving.
import t from 'tap';
import { openTestApp } from '../helpers/app.js';
import { openBrowser, screenshot } from '../helpers/browser.js';
import { seedCatalog } from '../settings/catalog-fixture.js';

t.test('Editar → toggle, price rule, exclusion → live example → Guardar → reload', async (t) => {
  const browser = await openBrowser(t);
  if (!browser) return;
  const { sandbox, database, config } = await openTestApp(t, { listen: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // Console errors, except the browser's own note about a failed request (those are checked by URL).
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text()); });
  page.on('response', (r) => {
    const url = new URL(r.url());
    const expected = url.pathname === '/favicon.ico' || (r.status() === 422 && url.pathname.endsWith('/ejemplo'));
    if (r.status() >= 400 && !expected) problems.push(`${r.status()} ${url.pathname}`);
  });

  // Install from the store admin, as a merchant does; then work in the app's own tab.
  await page.goto(`${sandbox.url}/admin/cl/apps/app/centry-desarrollo?store=tienda-uno`);
  const frame = page.frameLocator('iframe[title="Centry"]');
  await frame.getByRole('button', { name: 'Autorizar' }).click();
  await frame.getByRole('heading', { name: '¡Tienda autorizada!' }).waitFor();
  const { company_id: companyId, id } = await database.db('integrations').first();
  await seedCatalog(database.db, companyId);

  await page.goto(`${config.appUrl}/empresa`);
  await page.getByRole('link', { name: 'Editar' }).click();
  await page.getByRole('heading', { name: /Editar integración/ }).waitFor();
  t.equal(new URL(page.url()).pathname, `/integraciones/${id}/editar`);
  for (const h of ['Campos a sincronizar', 'Transformación de valores', 'Exclusión de Productos']) {
    t.ok(await page.getByRole('heading', { name: h }).isVisible(), h);
  }
  t.ok(await page.getByLabel('Nombre: Al crear (siempre)').isDisabled(), 'name on create cannot be turned off');

  // A field toggle: descriptions only on create, then left to the merchant in Jumpseller.
  await page.getByLabel('Descripción: Al actualizar', { exact: true }).uncheck();

  // A price rule; the example follows the typing, computed by the server.
  const example = page.locator('#price-example .example-line.main');
  t.equal(await example.textContent(), '$10.000 → $10.000');
  await page.getByLabel('Guía: Ajuste porcentual').click();
  t.ok(await page.locator('#guide-percent').isVisible(), 'the "?" opens the guide');
  await page.getByLabel('Ajuste porcentual', { exact: true }).fill('19');
  await page.waitForFunction(() => document.querySelector('#price-example .main')?.textContent === '$10.000 → $11.900');
  await page.getByLabel('Redondeo', { exact: true }).selectOption('ending_990');
  await page.getByLabel('Dirección del redondeo', { exact: true }).selectOption('up');
  await page.waitForFunction(() => document.querySelector('#price-example .main')?.textContent === '$10.000 → $11.990');
  t.pass('the live example reads "$10.000 → $11.990" as in SPEC §2.4');
  await page.getByLabel('Ajuste porcentual', { exact: true }).fill('1,2,3');
  await page.waitForFunction(() => document.querySelector('#price-example .error')?.textContent?.includes('porcentaje'));
  t.pass('a bad percent shows its message in the example');
  await page.getByLabel('Ajuste porcentual', { exact: true }).fill('19');
  await page.waitForFunction(() => document.querySelector('#price-example .main')?.textContent === '$10.000 → $11.990');

  // Exclusions: a brand by search, a category from the tree, a product by SKU.
  await page.getByLabel('Exclusión por Marca', { exact: true }).fill('lla');
  await page.locator('#results-brandIds').getByRole('button', { name: 'Llaima' }).click();
  await page.getByLabel('Exclusión por Categoría', { exact: true }).click();
  await page.locator('#results-categoryIds').getByRole('button', { name: 'Poleras' }).click();
  await page.getByLabel('Exclusión por Producto', { exact: true }).fill('SKU-p6');
  await page.locator('#results-productIds').getByRole('button', { name: /Blusa/ }).click();
  const chips = page.locator('.chip-label');
  t.same(await chips.allTextContents(), ['Vestuario › Poleras', 'Llaima', 'Blusa · SKU-p6']);
  await page.getByRole('button', { name: 'Quitar Blusa · SKU-p6' }).click();
  t.same(await chips.allTextContents(), ['Vestuario › Poleras', 'Llaima'], 'a chip is removable');

  // Vista previa inline, of the unsaved form.
  await page.getByRole('button', { name: 'Vista previa' }).click();
  await page.locator('#preview-result').waitFor();
  t.equal(await page.locator('[data-count="create"]').textContent(), '2', 'p1 and p6 would be created');
  t.match(await page.locator('.preview-prices').textContent(), /Zapatilla Trekking/);
  await screenshot(page, 'editar-integracion');

  // Leaving now warns: the change is not saved.
  let warned = false;
  page.once('dialog', async (d) => { warned = d.type() === 'beforeunload'; await d.dismiss(); });
  await page.getByRole('link', { name: 'Volver a Mi Empresa' }).click();
  await page.waitForTimeout(300);
  t.ok(warned, 'a beforeunload warning with unsaved changes');
  t.equal(new URL(page.url()).pathname, `/integraciones/${id}/editar`, 'stayed on the page');

  await page.getByRole('button', { name: 'Guardar' }).click();
  await page.getByText('Cambios guardados en «Tienda Uno».').waitFor();
  t.equal(new URL(page.url()).pathname, '/empresa', 'Guardar → back on Mi Empresa (SPEC §2.5)');
  t.ok(await page.getByRole('heading', { name: /Mi Empresa/ }).isVisible());

  await page.getByRole('link', { name: 'Editar' }).click();
  await page.getByRole('heading', { name: /Editar integración/ }).waitFor();
  t.equal(await page.getByLabel('Ajuste porcentual', { exact: true }).inputValue(), '19');
  t.equal(await page.getByLabel('Redondeo', { exact: true }).inputValue(), 'ending_990');
  t.equal(await page.getByLabel('Dirección del redondeo', { exact: true }).inputValue(), 'up');
  t.notOk(await page.getByLabel('Descripción: Al actualizar', { exact: true }).isChecked(), 'the toggle stayed off');
  t.ok(await page.getByLabel('Descripción: Al crear', { exact: true }).isChecked());
  t.same(await chips.allTextContents(), ['Vestuario › Poleras', 'Llaima'], 'the exclusions are saved');
  t.equal(await example.textContent(), '$10.000 → $11.990');
  await screenshot(page, 'editar-integracion-guardada');

  const row = await database.db('integration_settings').where({ integration_id: id }).first();
  t.same(row.settings.exclusions, { categoryIds: ['c2'], brandIds: ['b2'], genderIds: [], productIds: [] });
  t.same(problems, [], 'no script errors, nothing blocked by the CSP');
});

t.test('without JavaScript the page still saves, and a bad value comes back with its message', async (t) => {
  const browser = await openBrowser(t);
  if (!browser) return;
  const { sandbox, database, config } = await openTestApp(t, { listen: true });
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${sandbox.url}/admin/cl/apps/app/centry-desarrollo?store=tienda-uno`);
  await page.frameLocator('iframe[title="Centry"]').getByRole('button', { name: 'Autorizar' }).click();
  await page.frameLocator('iframe[title="Centry"]').getByRole('heading', { name: '¡Tienda autorizada!' }).waitFor();
  const { id } = await database.db('integrations').first();

  await page.goto(`${config.appUrl}/integraciones/${id}/editar`);
  await page.getByLabel('Ajuste fijo', { exact: true }).fill('12,5');
  await page.getByLabel('Stock: Al actualizar', { exact: true }).uncheck();
  const response = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Guardar' }).click();
  t.equal((await response).status(), 422);
  await page.getByText('No se guardó nada').waitFor();
  t.ok(await page.getByText('Los montos en CLP no llevan decimales.').first().isVisible(), 'the message is next to the field');
  t.equal(await page.getByLabel('Ajuste fijo', { exact: true }).inputValue(), '12,5', 'the typed value is kept');
  t.notOk(await page.getByLabel('Stock: Al actualizar', { exact: true }).isChecked(), 'the toggle is kept');
  await screenshot(page, 'editar-integracion-422');

  await page.getByLabel('Ajuste fijo', { exact: true }).fill('-1.000');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await page.getByText('Cambios guardados').waitFor();
  t.equal(new URL(page.url()).pathname, '/empresa', 'back on Mi Empresa without JavaScript too');
  await page.goto(`${config.appUrl}/integraciones/${id}/editar`);
  t.equal(await page.getByLabel('Ajuste fijo', { exact: true }).inputValue(), '-1.000');
  t.match(await page.locator('#price-example').textContent(), '$10.000 → $9.000', 'the example is rendered by the server too');
  const row = await database.db('integration_settings').where({ integration_id: id }).first();
  t.equal(row.settings.prices.fixed, -1000);
  t.same(row.settings.fields.stock, { onCreate: true, onUpdate: false });
  await context.close();
});
