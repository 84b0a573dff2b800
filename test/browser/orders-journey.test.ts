// The local order loop in a real browser (SPEC §10 "Locally"): the merchant presses "Simular compra"
// in the sandbox store's admin, the order reaches Centry (its stock drops), Mi Empresa → "Pedidos"
// shows it "En Centry", and after Centry's change comes back the store's stock is Centry's.
// The order job runs through the test's queue stand-in (pg-boss is covered by order-queue.test.ts).
import t from 'tap';
import { pollStoreOrders } from '../../src/orders/order-poller.js';
import { openBrowser, screenshot } from '../helpers/browser.js';
import { openOrdersHarness, sellable } from '../orders/orders-harness.js';

t.test('Simular compra → order in Centry → Pedidos on Mi Empresa → stock drops in the store', async (t) => {
  const browser = await openBrowser(t);
  if (!browser) return;
  const h = await openOrdersHarness(t, { size: 8, listen: true });
  await pollStoreOrders(h.orders, h.jobs, h.integration);
  const sku = sellable(h, 3)[0]!;
  const centryBefore = h.centryStock(sku);
  const storeBefore = h.storeStock(sku);

  const page = await browser.newPage();
  await page.goto(`${h.sandbox.url}/admin/cl/orders?store=${h.integration.storeCode}`);
  const row = page.locator('tr', { has: page.locator('td', { hasText: new RegExp(`^${sku}$`) }) });
  await row.getByRole('spinbutton').fill('2');
  await page.getByRole('button', { name: 'Simular compra' }).click();
  const order = page.locator('#orders tbody tr').first();
  await order.locator('.status', { hasText: 'Pagado' }).waitFor();
  t.equal(h.storeStock(sku), storeBefore - 2, 'the purchase took the units in the store');
  await screenshot(page, 'orders-simular-compra');

  // The worker's turn: the poll (or the webhook) queues the order; the job sends it to Centry.
  await pollStoreOrders(h.orders, h.jobs, h.integration);
  t.same(await h.jobs.drain(), []);
  t.equal(h.centryStock(sku), centryBefore - 2, 'Centry lowered its stock');

  await page.goto(`${h.sandbox.url}/admin/cl/apps/app/centry-desarrollo?store=${h.integration.storeCode}`);
  const frame = page.frameLocator('iframe[title="Centry"]');
  // The consent screen when the sandbox has no grant yet; the store is already linked, so the app
  // then opens Mi Empresa straight away (the redirect page is for a store's first authorization).
  const authorize = frame.getByRole('button', { name: 'Autorizar' });
  const block = frame.locator('#pedidos');
  await authorize.or(block).first().waitFor();
  if (await authorize.isVisible()) await authorize.click();
  await block.getByRole('heading', { name: 'Pedidos' }).waitFor();
  const line = block.locator('tbody tr').first();
  await line.getByText('En Centry').waitFor();
  t.match(await line.textContent(), /Pagado[\s\S]*Pendiente/, 'status in Jumpseller and in Centry');
  await block.scrollIntoViewIfNeeded();
  await screenshot(page, 'orders-pedidos-block');

  // Centry's change comes back (pull) and the sync pushes it: the store shows Centry's stock.
  await h.pullCatalog();
  await h.sync();
  await page.goto(`${h.sandbox.url}/admin/cl/orders?store=${h.integration.storeCode}`);
  t.equal(Number(await row.locator('.stock').textContent()), h.centryStock(sku), 'the store holds what Centry says is sellable');
});
