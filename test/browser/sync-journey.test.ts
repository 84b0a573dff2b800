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
  // The merchant opens the app from the store admin (already authorized: no consent screen).
  await page.goto(`${h.sandbox.url}/admin/cl/apps/app/centry-desarrollo?store=tienda-uno`);
  const frame = page.frameLocator('iframe[title="Centry"]');
  const authorize = frame.getByRole('button', { name: 'Autorizar' });
  const authorized = frame.getByRole('heading', { name: '¡Tienda autorizada!' });
  await authorize.or(authorized).waitFor();
  if (await authorize.isVisible()) await authorize.click();
  await frame.getByRole('link', { name: 'Ir a Mi Empresa' }).click();
  const block = frame.locator('#sincronizar');
  await block.getByRole('heading', { name: 'Sincronizar' }).waitFor();
  t.ok(await block.getByLabel(/Tienda Uno/).isChecked(), 'the store is selected');
  await block.getByRole('button', { name: 'Sincronizar' }).click();

  await block.locator('.sync-message').getByText('Sincronización iniciada: Tienda Uno.').waitFor();
  const run = block.locator('.sync-store .sync-run');
  await run.locator('.run-status', { hasText: /En cola|Sincronizando/ }).waitFor();
  t.ok(await block.getByRole('button', { name: 'Cancelar' }).isVisible(), 'a running run can be cancelled');
  await run.locator('.run-status', { hasText: 'Sincronizando' }).waitFor({ timeout: 15_000 });
  await run.scrollIntoViewIfNeeded();
  await screenshot(page, 'sync-in-progress');
  await run.locator('.run-status', { hasText: /^Completada$/ }).waitFor({ timeout: 30_000 });
  t.equal(await run.locator('.run-progress').textContent(), '40 / 40 productos', 'progress reached the total without a reload');
  t.match(await run.locator('[data-count="created"]').textContent(), /^\d+$/);
  const below = await (await page.locator('iframe[title="Centry"]').elementHandle())!.contentFrame().then((f) => f!.evaluate(() => {
    const button = document.querySelector('#sincronizar .sync-button')!.getBoundingClientRect();
    const progress = document.querySelector('#sincronizar .sync-run')!.getBoundingClientRect();
    return progress.top >= button.bottom;
  }));
  t.ok(below, 'the run is shown right below the button');
  await run.scrollIntoViewIfNeeded();
  await screenshot(page, 'sync-completed');
  await block.screenshot({ path: path.join(SCREENSHOTS, 'sync-block.png') });

  await page.reload();
  await frame.getByRole('link', { name: 'Ir a Mi Empresa' }).or(frame.locator('#sincronizar')).first().waitFor();
  if (await frame.getByRole('link', { name: 'Ir a Mi Empresa' }).isVisible()) await frame.getByRole('link', { name: 'Ir a Mi Empresa' }).click();
  await block.locator('.sync-run .run-status', { hasText: /^Completada$/ }).waitFor();
  t.pass('intact after a reload');
});
