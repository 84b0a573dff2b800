// SPEC §3 / issue 14 §1: linking Centry over a demo catalog. The first complete pull REPLACES the
// catalog (exactly Centry's products, no duplicate brand/category/gender), leaves tombstones for
// what left, and carries exclusions by id or exact name; a pull that fails midway, or lists fewer
// products than Centry counts, replaces nothing. Real PostgreSQL, the Centry sandbox over HTTP.
import t from 'tap';
import { openTestDatabase } from '../helpers/database.js';
import { CentryHttpError } from '../../src/catalog/centry/centry-client.js';
import { pullCentryChanges, type CentrySourceDeps } from '../../src/catalog/centry/centry-source.js';
import { demoCatalogRecords, seedDemoCatalog } from '../../src/catalog/demo/demo-catalog.js';
import { categoryPath } from '../../src/publishing/plan/payload-parts.js';
import { createSettingsRepository } from '../../src/settings/settings-repository.js';
import { defaultSettings } from '../../src/settings/settings.schema.js';
import { integrationId } from '../../src/company/model.js';
import { openCentryHarness } from './centry-harness.js';

const NOW = new Date('2025-03-01T00:00:00Z');
const IMAGES = 'http://img.test/_sandbox/images';

t.test('linking Centry replaces a demo catalog', async (t) => {
  const { db } = await openTestDatabase(t);
  // Centry holds 30 products (seed 7); the company starts with the 40-product demo catalog (seed 1):
  // the same brand and category names under other ids, the same SKUs on other products.
  const h = await openCentryHarness(t, db, { size: 30, seed: 7 });
  const { sandbox, catalog, sources, company } = h;
  await seedDemoCatalog({ catalog, sources, now: () => NOW }, { companyId: company, size: 40, imageBaseUrl: IMAGES, now: NOW });
  const demoIds = await catalog.productIds(company);
  const demoRefs = await catalog.references(company);
  // One demo product that Centry also has, under the same id.
  const shared = [...demoCatalogRecords({ size: 40, imageBaseUrl: IMAGES, now: NOW })].find((r) => r._id === demoIds[3]);
  sandbox.catalog.products.set(shared!._id as string, shared!);
  const centryIds = [...sandbox.catalog.products.keys()].sort();

  // A store with exclusions chosen on the demo catalog: a brand, a category, a gender, two products.
  const [row] = await db('integrations').insert({ company_id: company, store_code: 'tienda-uno', store_name: 'Tienda Uno' }).returning('id');
  const integration = integrationId(row.id);
  const settings = createSettingsRepository(db);
  const byName = (m: ReadonlyMap<string, { id: string; name: string }>, name: string) => [...m.values()].find((x) => x.name === name)!.id;
  const botines = [...demoRefs.categories.values()].find((c) => categoryPath(c.id, demoRefs.categories).join(' › ') === 'Calzado › Botines')!.id;
  const excluded = {
    brandIds: [byName(demoRefs.brands, 'Altiplano')], categoryIds: [botines], genderIds: [byName(demoRefs.genders, 'Mujer')],
    productIds: [demoIds[3]!, demoIds[5]!],
  };
  await settings.save(integration, 0, { ...defaultSettings(), exclusions: excluded });
  await h.linkDirectly();
  t.equal((await sources.get(company))!.replacePending, true, 'linking leaves a replacement pending');

  t.test('a pull that fails midway replaces nothing', async (t) => {
    let calls = 0;
    const failing: CentrySourceDeps = {
      ...h.deps,
      client: (c) => {
        const real = h.deps.client(c);
        return { ...real, async listProducts(q) { if (++calls === 2) throw new CentryHttpError(502, 'products.json', 'Bad Gateway'); return real.listProducts(q); } };
      },
    };
    await t.rejects(pullCentryChanges(failing, company, { pageSize: 10 }), CentryHttpError);
    t.same(await catalog.productIds(company), demoIds, 'the demo catalog is intact: nothing written, nothing removed');
    t.same((await catalog.changesSince(company, 0, 100_000)).deleted, [], 'no tombstone');
    t.equal((await catalog.references(company)).brands.size, demoRefs.brands.size, 'no Centry brand merged in');
    t.same((await settings.get(integration)).settings.exclusions, { ...excluded }, 'exclusions untouched');
    t.match(await sources.get(company), { replacePending: true, pullUpdatedSince: null });
  });

  t.test('a listing shorter than Centry\'s count replaces nothing', async (t) => {
    const capped: CentrySourceDeps = {
      ...h.deps,
      // A server that silently serves only the first page, as if there were no more products.
      client: (c) => { const real = h.deps.client(c); return { ...real, listProducts: async (q) => (q.after ? { products: [], serverDate: null } : real.listProducts(q)) }; },
    };
    t.match(await pullCentryChanges(capped, company, { pageSize: 10 }), { ok: false, error: 'INCOMPLETE', message: /counts 31 products but listed 10/ });
    t.same(await catalog.productIds(company), demoIds);
    t.equal((await sources.get(company))!.replacePending, true);
  });

  t.test('the first complete pull holds exactly Centry\'s catalog', async (t) => {
    const r = await pullCentryChanges(h.deps, company, { pageSize: 10 });
    if (!r.ok) return t.fail(r.message);
    t.same(await catalog.productIds(company), centryIds, 'exactly Centry\'s products');
    const deleted = (await catalog.changesSince(company, 0, 100_000)).deleted.sort();
    t.same(deleted, demoIds.filter((id) => id !== shared!._id).sort(), 'every demo product Centry lacks left with a tombstone');
    const refs = await catalog.references(company);
    const names = (m: ReadonlyMap<string, { name: string }>) => [...m.values()].map((x) => x.name);
    t.equal(new Set(names(refs.brands)).size, refs.brands.size, 'no brand twice');
    t.equal(new Set(names(refs.genders)).size, refs.genders.size, 'no gender twice');
    const paths = [...refs.categories.keys()].map((id) => categoryPath(id, refs.categories).join(' › '));
    t.equal(new Set(paths).size, paths.length, 'no category path twice');
    t.ok([...refs.brands.keys()].every((id) => sandbox.catalog.brands.some((b) => b._id === id) || id === shared!.brand_id), 'brands are Centry\'s');
    t.match(r.replacement, { by: 'centry', removed: { products: 39 } });
    t.match(await sources.get(company), { replacePending: false, lastReplaceReport: { by: 'centry' } });

    // Exclusions: references carried to Centry's by exact name, the shared product by id, the other flagged.
    const now = (await settings.get(integration)).settings.exclusions;
    t.same(now.brandIds, [byName(refs.brands, 'Altiplano')], 'the brand, by name');
    t.not(now.brandIds[0], excluded.brandIds[0]);
    t.same(now.categoryIds.map((id) => categoryPath(id, refs.categories).join(' › ')), ['Calzado › Botines'], 'the category, by its path');
    const mujer = [...refs.genders.values()].find((g) => g.name === 'Mujer');
    t.same(now.genderIds, mujer ? [mujer.id] : excluded.genderIds, 'the gender, by name when Centry has it');
    t.same(now.productIds, excluded.productIds, 'product exclusions kept as they were');
    t.match(r.replacement!.stores, [{ integrationId: integration, byName: mujer ? 3 : 2, missing: { productIds: 1, brandIds: 0, categoryIds: 0, genderIds: mujer ? 0 : 1 } }],
      'the product Centry does not have is reported as no longer in the catalog');
  });

  t.test('later pulls are deltas: nothing more is replaced', async (t) => {
    const seq = (await catalog.changesSince(company, 0, 100_000)).lastSeq;
    const r = await pullCentryChanges(h.deps, company, { pageSize: 10 });
    t.match(r, { ok: true, replacement: null });
    t.same((await catalog.changesSince(company, seq, 100_000)).deleted, []);
    t.same(await catalog.productIds(company), centryIds);
  });
});
