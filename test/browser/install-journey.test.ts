// The merchant's first steps in a real browser (SPEC §2.1–§2.3): the store admin opens the app,
// "Autorizar", the redirect page, "Ir a Mi Empresa", then "Vincular cuenta nueva" for a second store.
import t from 'tap';
import { openTestApp } from '../helpers/app.js';
import { openBrowser, screenshot } from '../helpers/browser.js';

t.test('install → Autorizar → Ir a Mi Empresa → Vincular cuenta nueva', async (t) => {
  const browser = await openBrowser(t);
  if (!browser) return;
  const { sandbox, database } = await openTestApp(t, { listen: true });
  const page = await browser.newPage();

  await page.goto(`${sandbox.url}/admin/cl/apps/app/centry-desarrollo?store=tienda-uno`);
  const frame = page.frameLocator('iframe[title="Centry"]');
  await frame.getByRole('button', { name: 'Autorizar' }).click();
  await frame.getByRole('heading', { name: '¡Tienda autorizada!' }).waitFor();
  t.ok(await frame.getByText('Tienda Uno').first().isVisible(), 'the redirect page names the store');
  await screenshot(page, 'install-authorized');

  await frame.getByRole('link', { name: 'Ir a Mi Empresa' }).click();
  await frame.getByRole('heading', { name: /Mi Empresa/ }).waitFor();
  t.ok(await frame.getByText('Ecommerce').isVisible(), 'linked accounts are grouped under Ecommerce');
  t.ok(await frame.getByText('Conectada').isVisible());
  await screenshot(page, 'mi-empresa');

  await frame.getByRole('link', { name: 'Vincular cuenta nueva' }).click();
  await frame.getByLabel('Jumpseller').check();
  await frame.getByRole('button', { name: 'Vincular' }).click();
  await frame.getByLabel('Tienda').selectOption('tienda-dos');
  await frame.getByRole('button', { name: 'Autorizar' }).click();
  await frame.getByText('«Tienda Dos» quedó vinculada a tu empresa.').waitFor();
  t.ok(await frame.locator('.accounts').getByText('tienda-dos').isVisible(), 'the second store is listed among the linked accounts');
  await screenshot(page, 'mi-empresa-two-stores');

  const rows = await database.db('integrations').select('company_id', 'store_code').orderBy('id');
  t.equal(rows.length, 2);
  t.equal(rows[0].company_id, rows[1].company_id, 'both stores belong to the same company');
});
