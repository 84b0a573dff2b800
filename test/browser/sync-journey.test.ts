// The merchant presses "Sincronizar" on Mi Empresa in a real browser (SPEC §2.6): progress appears
// right below the button and reaches "Completada" without a reload; a reload shows the same run.
import t from 'tap';
import { startJobQueue } from '../../src/jobs/queue.js';
import { startSyncWorker } from '../../src/jobs/sync-worker.js';
import path from 'node:path';
import { openBrowser, screenshot, SCREENSHOTS } from '../helpers/browser.js';
import { openSyncHarness } from '../helpers/sync.js';

const quiet = { info() {}, warn() {}, error() {} };

t.test('Sincronizar → live progress below the button → Completada', async (t) => {
  const browser = await openBrowser(t);
  if (!browser) return;
  const h = await openSyncHarness(t, { size: 40, listen: true });
  h.store.latencyMs = 25; // slow enough to watch the progress move
  // A worker as in production; this app has no queue handle, so the worker's sweeper finds the run.
  const queue = await startJobQueue({ databaseUrl: h.database.url, log: quiet, max: 2 });
  t.teardown(() => queue.stop());
  const worker = await startSyncWorker({ boss: queue.boss, jobs: queue.jobs, services: h.services, log: quiet, staleMs: 300, sweepMs: 150, tuning: { tickMs: 100 } });
  t.teardown(() => worker.stop());

  const page = await browser.newPage();
  // The merchant opens the app from the store admin (already authorized: no consent screen), and
  // lands straight on Mi Empresa (SPEC §2.1: the redirect page is for the first authorization only).
  await page.goto(`${h.sandbox.url}/admin/cl/apps/app/centry-desarrollo?store=tienda-uno`);
  const frame = page.frameLocator('iframe[title="Centry"]');
  const block = frame.locator('#sincronizar');
  await block.getByRole('heading', { name: 'Sincronizar' }).waitFor();
  t.ok(await frame.getByRole('heading', { name: /Mi Empresa/ }).isVisible(), 're-opening the app lands on Mi Empresa');
  t.notOk(await frame.getByRole('heading', { name: '¡Tienda autorizada!' }).isVisible(), 'not on the redirect page again');
  const card = frame.locator('.account[data-integration] .last-run');
  t.notOk(await card.isVisible(), 'no run yet: the card reports none');
  t.ok(await block.getByLabel(/Tienda Uno/).isChecked(), 'the store is selected');
  await block.getByRole('button', { name: 'Sincronizar' }).click();

  await block.locator('.sync-message').getByText('Sincronización iniciada: Tienda Uno.').waitFor();
  const run = block.locator('.sync-store .sync-run');
  await run.locator('.run-status', { hasText: /En cola|Sincronizando/ }).waitFor();
  t.ok(await block.getByRole('button', { name: 'Cancelar' }).isVisible(), 'a running run can be cancelled');
  await run.locator('.run-status', { hasText: 'Sincronizando' }).waitFor({ timeout: 15_000 });
  await block.locator('.sync-runs').scrollIntoViewIfNeeded(); // the run node is redrawn every second
  await screenshot(page, 'sync-in-progress');
  await run.locator('.run-status', { hasText: /^Completada$/ }).waitFor({ timeout: 30_000 });
  t.equal(await run.locator('.run-progress').textContent(), '40 / 40 productos', 'progress reached the total without a reload');
  await card.getByText(/^Última sincronización: Completada · \d{2}-\d{2}-\d{4}, \d{2}:\d{2}$/).waitFor({ timeout: 5_000 });
  t.pass('the account card turned "Completada" without a reload');
  await block.locator('.sync-message').getByText('Sincronización iniciada').waitFor({ state: 'detached', timeout: 5_000 });
  t.pass('the message about the run went away once it ended');
  t.match(await run.locator('[data-count="created"]').textContent(), /^\d+$/);
  const below = await (await page.locator('iframe[title="Centry"]').elementHandle())!.contentFrame().then((f) => f!.evaluate(() => {
    const button = document.querySelector('#sincronizar .sync-button')!.getBoundingClientRect();
    const progress = document.querySelector('#sincronizar .sync-run')!.getBoundingClientRect();
    return progress.top >= button.bottom;
  }));
  t.ok(below, 'the run is shown right below the button');
  await block.locator('.sync-runs').scrollIntoViewIfNeeded(); // the run node is redrawn every second
  await screenshot(page, 'sync-completed');
  await block.screenshot({ path: path.join(SCREENSHOTS, 'sync-block.png') });

  await page.reload();
  await block.locator('.sync-run .run-status', { hasText: /^Completada$/ }).waitFor();
  t.pass('intact after a reload');
});

t.test('a session that ends mid-sync says so in Spanish and offers the way back', async (t) => {
  const browser = await openBrowser(t);
  if (!browser) return;
  const h = await openSyncHarness(t, { size: 40, listen: true });
  h.store.latencyMs = 25;
  const queue = await startJobQueue({ databaseUrl: h.database.url, log: quiet, max: 2 });
  t.teardown(() => queue.stop());
  const worker = await startSyncWorker({ boss: queue.boss, jobs: queue.jobs, services: h.services, log: quiet, staleMs: 300, sweepMs: 150, tuning: { tickMs: 100 } });
  t.teardown(() => worker.stop());

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${h.sandbox.url}/admin/cl/apps/app/centry-desarrollo?store=tienda-uno`);
  const frame = page.frameLocator('iframe[title="Centry"]');
  const block = frame.locator('#sincronizar');
  await block.getByRole('button', { name: 'Sincronizar' }).click();
  await block.locator('.sync-run .run-status', { hasText: /En cola|Sincronizando/ }).waitFor();

  // "Salir" in another tab of the same browser, through the menu with the merchant's name.
  const other = await context.newPage();
  await other.goto(`${h.config.appUrl}/empresa`);
  await other.getByText('owner@tienda-uno.example').click();
  await other.getByRole('button', { name: 'Salir' }).click();
  await other.getByRole('heading', { name: 'Entrar a Centry para Jumpseller' }).waitFor();

  const message = block.locator('.sync-message');
  await message.getByText(/^Tu sesión terminó/).waitFor({ timeout: 20_000 });
  t.notMatch(await message.textContent(), /HTTP 401/, 'never "HTTP 401"');
  const back = message.getByRole('link', { name: 'Volver a entrar' });
  t.ok(await back.isVisible(), 'the way back is offered');
  await message.scrollIntoViewIfNeeded();
  await screenshot(page, 'sync-session-ended');
  await back.click();
  await block.getByRole('heading', { name: 'Sincronizar' }).waitFor();
  t.ok(await frame.getByRole('heading', { name: /Mi Empresa/ }).isVisible(), '"Volver a entrar" leads back to Mi Empresa (instant re-authorization)');
  await context.close();
});
