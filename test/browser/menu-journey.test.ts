// The seed's way to Mi Empresa in a real browser (SPEC §2.1, §2.3): the first authorization shows
// the redirect page; the menu at the top right carries the merchant's name and leads to Mi Empresa
// (and holds "Salir"); re-opening the app from the store admin lands on Mi Empresa directly.
import t from 'tap';
import { openTestApp } from '../helpers/app.js';
import { openBrowser, screenshot } from '../helpers/browser.js';

t.test('name menu → Mi Empresa; re-open from the admin → Mi Empresa', async (t) => {
  const browser = await openBrowser(t);
  if (!browser) return;
  const { sandbox } = await openTestApp(t, { listen: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const admin = `${sandbox.url}/admin/cl/apps/app/centry-desarrollo?store=tienda-uno`;

  await page.goto(admin);
  const frame = page.frameLocator('iframe[title="Centry"]');
  await frame.getByRole('button', { name: 'Autorizar' }).click();
  await frame.getByRole('heading', { name: '¡Tienda autorizada!' }).waitFor();

  const menu = frame.getByRole('navigation', { name: 'Cuenta' });
  const name = menu.getByText('owner@tienda-uno.example');
  t.ok(await name.isVisible(), 'the menu shows the signed-in merchant (store admin e-mail from store info)');
  const box = await name.boundingBox();
  t.ok(box && box.x > 1280 / 2, 'at the top right');
  t.notOk(await menu.getByRole('link', { name: 'Mi Empresa' }).isVisible(), 'closed until clicked');
  await name.click();
  t.ok(await menu.getByRole('button', { name: 'Salir' }).isVisible(), 'the menu holds "Salir"');
  await screenshot(page, 'menu-open');
  await menu.getByRole('link', { name: 'Mi Empresa' }).click();
  await frame.getByRole('heading', { name: /Mi Empresa/ }).waitFor();
  const columns = await frame.locator('.accounts-columns > .column > h3').allTextContents();
  t.same(columns, ['Catálogo', 'Ecommerce'], 'Cuentas vinculadas in columns by kind, Jumpseller in the second, under Ecommerce');
  t.ok(await frame.locator('.accounts-columns > .column').nth(1).getByText('Tienda Uno').isVisible());

  // Opening the app again from the store admin: straight to Mi Empresa.
  await page.goto(admin);
  await frame.getByRole('heading', { name: /Mi Empresa/ }).waitFor();
  t.notOk(await frame.getByRole('heading', { name: '¡Tienda autorizada!' }).isVisible(), 'not the redirect page again');
  await screenshot(page, 'reopen-mi-empresa');
});
