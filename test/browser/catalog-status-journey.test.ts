// The catalog block follows a background import by itself (issue 9 §3): "Importando el catálogo…"
// while it runs, then — without a reload — why nothing was imported, in Spanish, with the technical
// detail collapsed. Never a green "Importando…" left over an import that failed.
import t from 'tap';
import { openTestApp } from '../helpers/app.js';
import { openBrowser, screenshot } from '../helpers/browser.js';

t.test('an import that fails while Mi Empresa is open replaces "Importando…" with its reason', async (t) => {
  const browser = await openBrowser(t);
  if (!browser) return;
  const { sandbox, database, config } = await openTestApp(t, { listen: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${sandbox.url}/admin/cl/apps/app/centry-desarrollo?store=tienda-uno`);
  const frame = page.frameLocator('iframe[title="Centry"]');
  await frame.getByRole('button', { name: 'Autorizar' }).click();
  await frame.getByRole('heading', { name: '¡Tienda autorizada!' }).waitFor();
  const { company_id: company } = await database.db('integrations').first();

  // An upload is being imported in the background (the durable state the block reads).
  await database.db('catalog_sources').insert({ company_id: company, kind: 'import', import_state: 'running', import_started_at: new Date() });
  await page.goto(`${config.appUrl}/empresa#catalogo`);
  const block = page.locator('#catalogo');
  await block.getByText('Importando el catálogo… El resultado aparecerá aquí.').waitFor();
  t.equal(await page.locator('.flash').count(), 0, 'no flash that would outlive the import');

  await database.db('catalog_sources').where({ company_id: company }).update({
    import_state: 'failed',
    import_error: 'El archivo no es JSON: parece una imagen PNG. Sube un archivo .json o .ndjson con productos de Centry.\nprimeros bytes: 89 50 4e 47 0d 0a 1a 0a',
  });
  const fresh = page.locator('#catalogo');
  await fresh.getByText('No se importó nada. El archivo no es JSON: parece una imagen PNG. Sube un archivo .json o .ndjson con productos de Centry.').waitFor({ timeout: 15_000 });
  t.equal(await fresh.getByText('Importando el catálogo…').count(), 0, '"Importando…" is gone, without a reload');
  const detail = fresh.locator('details.tech-detail');
  t.equal(await detail.locator('summary').textContent(), 'Detalle técnico');
  t.notOk(await detail.getByText('primeros bytes').isVisible(), 'the technical detail is collapsed');
  await detail.locator('summary').click();
  t.ok(await detail.getByText('primeros bytes: 89 50 4e 47').isVisible(), 'and opens on click');
  await fresh.scrollIntoViewIfNeeded();
  await screenshot(page, 'catalog-import-failed');
});
