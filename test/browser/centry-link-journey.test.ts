// Issue 14 §1 in a real browser: a merchant with the demo catalog chooses exclusions (a brand among
// them), links Centry (the sandbox), and syncs → the store holds exactly Centry's products minus
// the exclusions, no name twice, and Mi Empresa / Editar say which exclusion no longer points at
// anything. Before the fix the catalog merged both sources (demo + Centry) and the sync published
// both, the excluded brand's Centry products included.
import t from 'tap';
import { request } from 'undici';
import { buildApp } from '../../src/app.js';
import { seedDemoCatalog } from '../../src/catalog/demo/demo-catalog.js';
import { createCatalogRepository } from '../../src/catalog/store/catalog-repository.js';
import { createCatalogSourceRepository } from '../../src/catalog/store/catalog-source-repository.js';
import { createSyncServices } from '../../src/jobs/sync-services.js';
import { runSync } from '../../src/jobs/run-sync.js';
import { integrationId } from '../../src/company/model.js';
import { startJumpsellerSandbox } from '../../src/sandbox/jumpseller/sandbox.js';
import { startCentrySandbox } from '../../src/sandbox/centry/centry-sandbox.js';
import { apiStateFor } from '../../src/sandbox/jumpseller/api/api-state.js';
import { TEST_CLIENT, testConfig } from '../helpers/app.js';
import { openBrowser, screenshot } from '../helpers/browser.js';
import { freePort, openTestDatabase } from '../helpers/database.js';
import { fastAccess } from '../helpers/sync.js';

const NOW = new Date('2025-03-10T15:00:00.000Z');

t.test('demo catalog → exclusions → link Centry → sync: exactly Centry\'s products minus the exclusions', async (t) => {
  const browser = await openBrowser(t);
  if (!browser) return;
  const database = await openTestDatabase(t);
  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  const jumpseller = await startJumpsellerSandbox({
    apps: [{ clientId: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, handle: 'centry-desarrollo', name: 'Centry', appUrl: `${appUrl}/`, redirectUris: [`${appUrl}/auth/callback`] }],
    stores: [{ code: 'tienda-uno', name: 'Tienda Uno' }],
  });
  t.teardown(() => jumpseller.close());
  const images = `${jumpseller.url}/_sandbox/images`;
  const centryApp = { clientId: 'centry-app', clientSecret: 'centry-secret', redirectUris: [`${appUrl}/catalogo/centry/callback`] };
  // Centry holds 25 products (seed 7); the demo catalog has 40 (seed 1): same brand names and SKUs, other ids.
  const centry = await startCentrySandbox({ apps: [centryApp], demo: { size: 25, seed: 7, imageBaseUrl: images, now: NOW } });
  t.teardown(() => centry.close());
  const config = testConfig({ sandboxUrl: jumpseller.url, appUrl, databaseUrl: database.url });
  config.centry = { clientId: centryApp.clientId, clientSecret: centryApp.clientSecret, url: centry.url };
  const db = database.db;
  const catalog = createCatalogRepository(db);
  const sources = createCatalogSourceRepository(db);
  // As in local mode: the company created by the first install gets the demo catalog.
  const app = await buildApp({
    config, db, now: () => NOW,
    onCompanyCreated: async (company) => { await seedDemoCatalog({ catalog, sources, now: () => NOW }, { companyId: company, size: 40, imageBaseUrl: images, now: NOW }); },
  });
  t.teardown(() => app.close());
  await app.listen({ port, host: '127.0.0.1' });

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${jumpseller.url}/admin/cl/apps/app/centry-desarrollo?store=tienda-uno`);
  const frame = page.frameLocator('iframe[title="Centry"]');
  await frame.getByRole('button', { name: 'Autorizar' }).click();
  await frame.getByRole('heading', { name: '¡Tienda autorizada!' }).waitFor();
  const integration = await db('integrations').first();

  await page.goto(`${appUrl}/empresa`);
  await page.getByText('Catálogo de demostración').waitFor();
  t.match(await page.locator('.catalog-counts').textContent(), /40\s+productos/);

  // The brand most of Centry's active products carry, and one demo product, are excluded on Editar.
  const centryProducts = [...centry.catalog.products.values()];
  const byBrand = new Map<string, number>();
  for (const p of centryProducts) byBrand.set(p.brand_name as string, (byBrand.get(p.brand_name as string) ?? 0) + 1);
  const brand = [...byBrand.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  await page.getByRole('link', { name: 'Editar' }).click();
  await page.getByLabel('Exclusión por Marca', { exact: true }).fill(brand.slice(0, 3));
  await page.locator('#results-brandIds').getByRole('button', { name: brand, exact: true }).click();
  const demo = await db('catalog_products').where({ company_id: integration.company_id }).orderBy('id').first('id', 'sku');
  await page.getByLabel('Exclusión por Producto', { exact: true }).fill(demo.sku);
  await page.locator(`#results-productIds button[data-id="${demo.id}"]`).click();
  await page.getByRole('button', { name: 'Guardar' }).click();
  await page.getByText(/Cambios guardados|guardad/).first().waitFor();

  // "Vincular cuenta de Centry" (under Cuentas vinculadas, and again in the catalog block) → Centry's
  // consent screen → back to Mi Empresa.
  await page.goto(`${appUrl}/empresa`);
  await page.getByRole('region', { name: 'Catálogo' }).getByRole('link', { name: 'Vincular cuenta de Centry' }).click();
  await page.getByRole('button', { name: 'Autorizar' }).click();
  await page.waitForURL(`${appUrl}/empresa#catalogo`);
  await app.catalogTasks.idle();
  await page.reload();
  t.match(await page.locator('#catalogo').textContent(), /Centry \(API\)/);
  t.match(await page.locator('.catalog-counts').textContent(), /25\s+productos/, 'exactly Centry\'s products, nothing merged');
  await page.getByText('El catálogo fue reemplazado por el de Centry').waitFor();
  await page.locator('.missing-exclusions', { hasText: '1 ya no está en el catálogo' }).waitFor();
  t.notOk(await page.locator('input[name="modo"]').count(), 'no upload as an add-on while Centry is the source');
  await screenshot(page, 'centry-link-replaced');

  await page.locator('.missing-exclusions').getByRole('link', { name: 'Editar' }).click();
  const chips = page.locator('#h-exclusions ~ .pickers .chip-label');
  const labels = await chips.allTextContents();
  t.ok(labels.includes(brand), `the brand exclusion carried to Centry's "${brand}" by name`);
  t.ok(labels.some((l) => l.endsWith('(ya no está en el catálogo)')), 'the demo product is flagged, not dropped');
  t.equal(await page.locator('.chip.missing').count(), 1);

  // Sync (as the worker would run it) and look at the store.
  const services = createSyncServices(config, db, { now: () => NOW });
  const sync = { ...services, access: fastAccess({ config }, services) };
  await request(`${jumpseller.url}/_sandbox/api/settings`, {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ perSecond: 2000, perMinute: 200_000 }),
  }).then((r) => r.body.dump());
  const queued = await sync.runs.enqueue(integrationId(integration.id), 'manual');
  if (!queued.ok) return t.fail('a run is already active');
  await runSync(sync, queued.run.id, { workerId: 'browser-journey', tuning: { tickMs: 50 } });
  t.match(await sync.runs.get(queued.run.id), { status: 'completed' });

  const store = apiStateFor(jumpseller.state).store('tienda-uno');
  const inStore = store.catalog.list();
  const expected = centryProducts.filter((p) => p.status !== false && p.brand_name !== brand);
  t.same(inStore.map((p) => String(p.fields.sku)).sort(), expected.map((p) => String(p.sku)).sort(), 'exactly Centry\'s products minus the exclusions');
  t.ok(inStore.every((p) => p.fields.status === 'available'));
  const names = inStore.map((p) => String(p.fields.name));
  t.same(names.sort(), expected.map((p) => String(p.name)).sort(), 'each name once, as in Centry');
  t.notOk(inStore.some((p) => p.fields.brand === brand), 'nothing of the excluded brand');
});
