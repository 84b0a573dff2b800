// Mappings against a real PostgreSQL: load with variants and images, removed/unmapped catalog
// products, the category cache.
import t from 'tap';
import { companyId, integrationId } from '../../src/company/model.js';
import type { JumpsellerCategoryId, JumpsellerImageId, JumpsellerProductId, JumpsellerVariantId } from '../../src/jumpseller/ids.js';
import { createMappingRepository } from '../../src/publishing/storage/mapping-repository.js';
import { UNKNOWN_STATE } from '../../src/publishing/plan/pushed-state.js';
import { openTestDatabase } from '../helpers/database.js';

t.test('mapping repository', async (t) => {
  const { db } = await openTestDatabase(t);
  const maps = createMappingRepository(db);
  const [c] = await db('companies').insert({ name: 'Uno' }).returning('id');
  const [i] = await db('integrations').insert({ company_id: c.id, store_code: 'uno', store_name: 'Uno' }).returning('id');
  const company = companyId(c.id);
  const integration = integrationId(i.id);
  const product = (id: string) => ({
    company_id: c.id, id, name: id, centry_updated_at: new Date(), content_hash: id,
  });
  await db('catalog_products').insert([product('p1'), product('p2'), product('p3')]);

  const pushed = { ...UNKNOWN_STATE, all: 'abc', sku: 'A-1', name: 'Uno' };
  await maps.saveProduct(integration, 'p1', { jumpsellerProductId: 11 as JumpsellerProductId, published: true, pushed, runId: null, outcome: 'created' });
  await maps.saveVariant(integration, 'p1', 'v1', 111 as JumpsellerVariantId);
  await maps.saveImage(integration, 'p1', { jumpsellerImageId: 902 as JumpsellerImageId, position: 2, url: 'u2', fingerprint: 'f2' });
  await maps.saveImage(integration, 'p1', { jumpsellerImageId: 901 as JumpsellerImageId, position: 1, url: 'u1', fingerprint: 'f1' });
  await maps.saveProduct(integration, 'gone', { jumpsellerProductId: 12 as JumpsellerProductId, published: true, pushed, runId: null, outcome: 'created' });

  const loaded = await maps.load(integration, ['p1', 'p2']);
  t.same([...loaded.keys()], ['p1']);
  const m = loaded.get('p1')!;
  t.equal(m.jumpsellerProductId, 11);
  t.equal(m.pushed.all, 'abc');
  t.same([...m.variants], [['v1', 111]]);
  t.same(m.images.map((x) => x.jumpsellerImageId), [901, 902], 'images in store order');
  t.equal(m.lastOutcome, 'created');

  await maps.removeImage(integration, 'p1', 901 as JumpsellerImageId);
  t.equal((await maps.load(integration, ['p1'])).get('p1')!.images.length, 1);
  t.same(await maps.mappedJumpsellerIds(integration, [11, 12, 13]), new Set([11, 12]));

  t.equal(await maps.countUnmapped(integration, company), 2, 'p2 and p3 have never been pushed');
  t.equal(await maps.countRemoved(integration, company), 1);
  t.same((await maps.removedPage(integration, company, null, 10)).map(([id]) => id), ['gone']);
  t.same(await maps.removedPage(integration, company, 'gone', 10), []);
  await maps.remove(integration, 'p1');
  t.equal((await db('sync_variant_mappings')).length, 0);

  await maps.saveCategory(integration, 'Ropa', 'Ropa', 301 as JumpsellerCategoryId);
  await maps.saveCategory(integration, 'Ropa > Poleras', 'Poleras', 302 as JumpsellerCategoryId);
  t.same([...await maps.categories(integration)], [['Ropa', 301], ['Ropa > Poleras', 302]]);
});
