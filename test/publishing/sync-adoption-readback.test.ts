// SPEC §7.6 "a field the store already holds is not re-sent": after adopting a product (lost
// mappings, a store that already has it) the store's JSON is read back and only what differs is
// written — never the whole product, never a null (docs/adr/0011).
import t from 'tap';
import { expectedProjection, openSyncHarness, projectionDiff } from '../helpers/sync.js';

type Body = Record<string, unknown>;

t.test('adoption sends only the fields the store does not hold', async (t) => {
  const h = await openSyncHarness(t, { size: 12 });
  const expected = await expectedProjection(h);
  t.match((await h.sync()).run, { status: 'completed', failed: 0 });
  // The store drifts: the merchant edits one product's price and weight, and one variant's stock.
  const [drifted, withVariants] = [h.store.catalog.list()[0]!, h.store.catalog.list().find((p) => p.variants.length > 1)!];
  h.store.catalog.update(drifted.id, { price: Number(drifted.fields.price) + 1000, weight: 9.5 });
  const variant = withVariants.variants[0]!;
  h.store.catalog.updateVariant(withVariants.id, variant.id, { stock: Number(variant.fields.stock) + 7 });

  const puts: { id: number; body: Body }[] = [];
  const variantPuts: { id: number; body: Body }[] = [];
  const update = h.store.catalog.update.bind(h.store.catalog);
  const updateVariant = h.store.catalog.updateVariant.bind(h.store.catalog);
  h.store.catalog.update = (id, body) => { puts.push({ id, body }); return update(id, body); };
  h.store.catalog.updateVariant = (id, vid, body) => { variantPuts.push({ id: vid, body }); return updateVariant(id, vid, body); };

  // The mappings are lost: every product is adopted by SKU.
  await h.database.db('sync_product_mappings').delete();
  const relinked = await h.sync();
  t.match(relinked.run, { status: 'completed', created: 0, failed: 0 });
  t.same(projectionDiff(h.store, expected), [], 'the store equals the projection again');
  const nulls = [...puts, ...variantPuts].filter((p) => Object.values(p.body).some((v) => v === null));
  t.same(nulls, [], 'no null is ever sent');
  // meta_description is not in Jumpseller's product JSON (openapi.json ProductFields): it cannot be
  // read back, so it is the one field an adoption always sends.
  const unreadable = ['meta_description'];
  const extra = (body: Body) => Object.keys(body).filter((k) => !unreadable.includes(k)).sort();
  t.same(puts.filter((p) => p.id !== drifted.id).map((p) => extra(p.body)).filter((k) => k.length > 0), [], 'products the store holds as they are: nothing but the unreadable field');
  t.same(extra(puts.find((p) => p.id === drifted.id)?.body ?? {}), ['price', 'weight'], 'the drifted product: only its price and weight');
  t.same(variantPuts, [{ id: variant.id, body: { stock: Number(variant.fields.stock) } }], 'one variant PUT: the drifted stock, nothing else');
  t.equal((await h.sync()).writes, 0, 'and then nothing left to do');
});

t.test('a mapping whose fingerprints were lost reads the product back instead of re-sending it', async (t) => {
  const h = await openSyncHarness(t, { size: 8 });
  t.match((await h.sync()).run, { status: 'completed', failed: 0 });
  const puts: Body[] = [];
  const update = h.store.catalog.update.bind(h.store.catalog);
  h.store.catalog.update = (id, body) => { puts.push(body); return update(id, body); };
  await h.database.db('sync_product_mappings').update({ fingerprints: JSON.stringify({}) });
  const resumed = await h.sync();
  t.match(resumed.run, { status: 'completed', created: 0, failed: 0 });
  const gets = h.store.log.slice(-resumed.calls).filter((c) => c.method === 'GET' && /^\/products\/\d+\.json$/.test(c.path)).length;
  t.ok(gets >= h.store.catalog.products.size, `each product read back (${gets} GETs)`);
  t.same(puts.map((b) => Object.keys(b).sort()).filter((k) => k.join() !== 'meta_description'), [], 'only the field the store cannot show is sent');
  t.same(projectionDiff(h.store, await expectedProjection(h)), []);
  t.equal((await h.sync()).writes, 0, 'and then nothing left to do');
});
