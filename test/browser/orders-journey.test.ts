// The local order loop in a real browser, wired as `npm start` wires it (SPEC §10 "Locally"): the web
// app, and the worker and scheduler roles on real pg-boss (startSyncRoles, as src/server.ts starts
// them), the Jumpseller sandbox delivering signed order webhooks, the Centry sandbox sending
// `on_product_save`. The merchant installs the app in two stores, links Centry, syncs both, then
// presses "Simular compra" in store A's admin → the order reaches Centry (its stock drops) → the
// targeted sync brings the new stock to both stores; "Cancelar" there → Centry gives the units back
// → both stores are restored. Mi Empresa → "Pedidos" shows the order in both states.
import t from 'tap';
import { request } from 'undici';
import { buildApp } from '../../src/app.js';
import { composeServices } from '../../src/composition.js';
import { startSyncRoles } from '../../src/jobs/sync-roles.js';
import { ACTIVE_STATUSES } from '../../src/publishing/run-model.js';
import { startCentrySandbox } from '../../src/sandbox/centry/centry-sandbox.js';
import { apiStateFor } from '../../src/sandbox/jumpseller/api/api-state.js';
import { startJumpsellerSandbox } from '../../src/sandbox/jumpseller/sandbox.js';
import { TEST_CLIENT, testConfig } from '../helpers/app.js';
import { openBrowser, screenshot } from '../helpers/browser.js';
import { freePort, openTestDatabase } from '../helpers/database.js';
import { waitFor } from '../helpers/wait-for.js';

const NOW = new Date('2025-03-10T15:00:00.000Z');

t.test('two stores, Centry linked: Simular compra → Centry → stock drops in both stores; Cancelar → restored', async (t) => {
  const browser = await openBrowser(t);
  if (!browser) return;
  const database = await openTestDatabase(t);
  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  const jumpseller = await startJumpsellerSandbox({
    apps: [{ clientId: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, handle: 'centry-desarrollo', name: 'Centry', appUrl: `${appUrl}/`, redirectUris: [`${appUrl}/auth/callback`] }],
    stores: [{ code: 'tienda-uno', name: 'Tienda Uno' }, { code: 'tienda-dos', name: 'Tienda Dos' }],
  });
  t.teardown(() => jumpseller.close());
  await request(`${jumpseller.url}/_sandbox/api/settings`, {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ perSecond: 2000, perMinute: 200_000 }),
  }).then((r) => r.body.dump());
  const centryApp = { clientId: 'centry-app', clientSecret: 'centry-secret', redirectUris: [`${appUrl}/catalogo/centry/callback`] };
  const centry = await startCentrySandbox({ apps: [centryApp], demo: { size: 8, seed: 7, imageBaseUrl: `${jumpseller.url}/_sandbox/images`, now: NOW } });
  t.teardown(() => centry.close());
  const config = testConfig({ sandboxUrl: jumpseller.url, appUrl, databaseUrl: database.url });
  config.centry = { clientId: centryApp.clientId, clientSecret: centryApp.clientSecret, url: centry.url };
  config.roles = ['web', 'worker', 'scheduler'];

  // As src/server.ts: the roles on pg-boss, then the web app handed their queues.
  const problems: string[] = [];
  const log = { info: () => {}, warn: (o: object, m: string) => problems.push(`${m} ${JSON.stringify(o)}`), error: (o: object, m: string) => problems.push(`${m} ${JSON.stringify(o)}`) };
  const services = composeServices(config, database.db); // one composition root, as src/server.ts
  const roles = await startSyncRoles({ config, db: database.db, log, composed: services });
  const app = await buildApp({ config, db: database.db, services, jobs: roles.jobs, orderJobs: roles.orderJobs });
  t.teardown(async () => { await app.close(); await roles.close(); });
  await app.listen({ port, host: '127.0.0.1' });
  const fail = (e: Error) => { throw new Error(`${e.message}\nlogged: ${problems.join('\n') || 'nothing'}`); };

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Store A: install from its admin.
  await page.goto(`${jumpseller.url}/admin/cl/apps/app/centry-desarrollo?store=tienda-uno`);
  const frame = page.frameLocator('iframe[title="Centry"]');
  await frame.getByRole('button', { name: 'Autorizar' }).click();
  await frame.getByRole('heading', { name: '¡Tienda autorizada!' }).waitFor();
  // Centry: "Vincular cuenta de Centry" → consent (with the order scopes) → back; the catalog comes down.
  await page.goto(`${appUrl}/empresa`);
  await page.getByRole('region', { name: 'Catálogo' }).getByRole('link', { name: 'Vincular cuenta de Centry' }).click();
  await page.getByText(/read_orders write_orders/).waitFor();
  await page.getByRole('button', { name: 'Autorizar' }).click();
  await page.waitForURL(`${appUrl}/empresa#catalogo`);
  await app.catalogTasks.idle();
  // Store B: "Vincular cuenta nueva" → Jumpseller → its consent screen.
  await page.getByRole('link', { name: 'Vincular cuenta nueva' }).first().click();
  await page.getByRole('button', { name: 'Vincular' }).click();
  await page.getByLabel('Tienda').selectOption('tienda-dos');
  await page.getByRole('button', { name: 'Autorizar' }).click();
  await page.getByText('«Tienda Dos» quedó vinculada a tu empresa.').waitFor();
  // "Sincronizar" both: the worker role runs them.
  await page.getByLabel('Tienda Uno (tienda-uno)').check();
  await page.getByLabel('Tienda Dos (tienda-dos)').check();
  await page.getByRole('button', { name: 'Sincronizar' }).click();
  // (The scheduler role may add a scheduled run meanwhile: every run ends, each store has a completed one.)
  const runs = () => database.db('sync_runs').select('status', 'integration_id');
  await waitFor(async () => {
    const r = await runs();
    return r.every((x) => !ACTIVE_STATUSES.includes(x.status)) && new Set(r.filter((x) => x.status === 'completed').map((x) => x.integration_id)).size === 2;
  }, { what: 'both stores to sync', timeoutMs: 60_000 }).catch(fail);

  const storeA = apiStateFor(jumpseller.state).store('tienda-uno');
  const storeB = apiStateFor(jumpseller.state).store('tienda-dos');
  const stockIn = (store: typeof storeA, sku: string) => {
    for (const p of store.catalog.list()) for (const v of p.variants) if (v.fields.sku === sku) return Number(v.fields.stock);
    return Number.NaN;
  };
  const centryStock = (sku: string) => {
    for (const p of centry.catalog.products.values()) for (const v of p.variants as { sku: string; quantity: number }[]) if (v.sku === sku) return Number(v.quantity);
    return Number.NaN;
  };
  const sku = storeA.catalog.list().filter((p) => p.fields.status === 'available').flatMap((p) => p.variants)
    .map((v) => String(v.fields.sku)).find((s) => stockIn(storeA, s) >= 3)!;
  const before = centryStock(sku);
  t.same([stockIn(storeA, sku), stockIn(storeB, sku)], [before, before], `${sku}: both stores hold Centry's ${before}`);
  const stocks = () => [centryStock(sku), stockIn(storeA, sku), stockIn(storeB, sku)];

  // "Simular compra" in store A's admin: a paid order, webhooks signed like live.
  await page.goto(`${jumpseller.url}/admin/cl/orders?store=tienda-uno`);
  const row = page.locator('tr', { has: page.locator('td', { hasText: new RegExp(`^${sku}$`) }) });
  await row.getByRole('spinbutton').fill('2');
  await page.getByRole('button', { name: 'Simular compra' }).click();
  const order = page.locator('#orders tbody tr').first();
  await order.locator('.status', { hasText: 'Pagado' }).waitFor();
  const orderId = Number(await order.getAttribute('data-order'));
  await screenshot(page, 'orders-simular-compra');
  await waitFor(() => stocks().every((s) => s === before - 2), { what: `${sku} at ${before - 2} in Centry and both stores (now ${stocks().join('/')})` }).catch(fail);
  const inCentry = () => [...centry.orders.orders.values()].filter((o) => o.id_origin === String(orderId));
  const orderHooks = () => storeA.webhooks.deliveries.filter((d) => d.url === `${appUrl}/webhooks/jumpseller/orders`).map((d) => `${d.event} ${d.status}`);
  t.same(orderHooks().sort(), ['order_paid 200', 'order_updated 200'], 'the signed order webhooks reached the app and were accepted');
  t.equal(inCentry().length, 1, 'one Centry order');
  t.match(inCentry()[0], { origin: 'Jumpseller', _status: 'pending' });

  // Mi Empresa → "Pedidos": the order, in Jumpseller and in Centry.
  await page.goto(`${appUrl}/empresa#pedidos`);
  const block = page.locator('#pedidos');
  const line = block.locator('tbody tr', { hasText: `#${orderId}` }).first();
  await line.getByText('En Centry').waitFor();
  t.match(await line.textContent(), /Pagado[\s\S]*Pendiente/, 'status in Jumpseller and in Centry');
  await block.scrollIntoViewIfNeeded();
  await screenshot(page, 'orders-pedidos-block');

  // "Cancelar" in store A's admin: the units come back everywhere.
  await page.goto(`${jumpseller.url}/admin/cl/orders?store=tienda-uno`);
  await page.locator(`#orders tr[data-order="${orderId}"]`).getByRole('button', { name: 'Cancelar' }).click();
  await page.locator(`#orders tr[data-order="${orderId}"] .status`, { hasText: 'Cancelado' }).waitFor();
  await waitFor(() => stocks().every((s) => s === before), { what: `${sku} back at ${before} in Centry and both stores (now ${stocks().join('/')})` }).catch(fail);
  t.same(orderHooks().slice(2).sort(), ['order_canceled 200', 'order_updated 200'], 'the cancellation came as signed webhooks');
  t.equal(inCentry().length, 1, 'still one Centry order');
  t.match(inCentry()[0], { _status: 'cancelled_before_shipping' });
  await page.goto(`${appUrl}/empresa#pedidos`);
  t.match(await block.locator('tbody tr', { hasText: `#${orderId}` }).first().textContent(), /Cancelado[\s\S]*Cancelado/, 'cancelled in both');
  t.same(problems, [], 'nothing went wrong in the roles');
});
