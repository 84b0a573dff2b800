import t from 'tap';
import { openTestDatabase } from '../helpers/database.js';
import { CentryHttpError } from '../../src/catalog/centry/centry-client.js';
import { pullCentryChanges, type CentrySourceDeps } from '../../src/catalog/centry/centry-source.js';
import { openCentryHarness } from './centry-harness.js';
import { reconcileCentryCatalog } from '../../src/catalog/centry/centry-reconcile.js';
import { pullCentryCatalogs } from '../../src/jobs/centry-pulls.js';
import { catalogProductId } from '../../src/catalog/model.js';

const silent = { info() {}, warn() {}, error() {} };

t.test('reconciliation with Centry\'s complete listing removes products whose deletion webhook was lost', async (t) => {
  const { db } = await openTestDatabase(t);
  const { sandbox, catalog, sources, company, deps, linkDirectly } = await openCentryHarness(t, db, { size: 230, seed: 7 });
  await linkDirectly();
  t.ok((await pullCentryChanges(deps, company)).ok);
  t.equal((await catalog.summary(company)).products, 230);
  const ids = [...sandbox.catalog.products.keys()].sort();

  t.test('deleted in Centry without a webhook: a delta pull keeps them, the reconciliation deletes them with tombstones', async (t) => {
    const gone = [ids[0]!, ids[117]!, ids[229]!];
    for (const id of gone) sandbox.catalog.deleteProduct(id); // no webhook registered: the deletions are "lost"
    t.ok((await pullCentryChanges(deps, company)).ok);
    t.equal((await catalog.summary(company)).products, 230, 'updated_at_gte cannot see a deletion');

    const seq = (await catalog.changesSince(company, 0, 100_000)).lastSeq;
    sandbox.requests.length = 0;
    // Asking for more than Centry serves (it caps limit at 100): the listing goes on until an empty page.
    const r = await reconcileCentryCatalog(deps, company, { pageSize: 150 });
    if (!r.ok) return t.fail(r.message);
    t.same([...r.deleted].sort(), [...gone].sort());
    t.equal(r.listed, 227);
    t.equal(r.pages, 4, 'pages of 100, 100, 27, then an empty one');
    const lists = sandbox.requests.filter((x) => x.url.startsWith('/conexion/v1/products.json'));
    t.notOk(lists.some((x) => x.url.includes('updated_at')), 'the whole catalog is listed');
    t.ok(lists.slice(1).every((x) => /after=[0-9a-f]{24}/.test(x.url)), 'keyset paging with after=');
    t.equal((await catalog.summary(company)).products, 227);
    for (const id of gone) t.equal(await catalog.getProduct(company, catalogProductId(id)), null);
    t.same([...(await catalog.changesSince(company, seq, 100_000)).deleted].sort(), [...gone].sort(), 'tombstones tell the sync what disappeared');
    const source = (await sources.get(company))!;
    t.ok(source.lastReconcileAt, 'the reconciliation time is stored');
    t.match(source.lastReconcileReport, { listed: 227, deleted: 3 });

    const again = await reconcileCentryCatalog(deps, company);
    t.match(again, { ok: true, deleted: [] }, 'nothing more to delete');
  });

  t.test('a listing that fails midway deletes nothing', async (t) => {
    const gone = [ids[10]!, ids[150]!];
    for (const id of gone) sandbox.catalog.deleteProduct(id);
    let calls = 0;
    const failing: CentrySourceDeps = {
      ...deps,
      client: (c) => {
        const real = deps.client(c);
        return {
          ...real,
          async listProducts(q) {
            calls += 1;
            if (calls === 2) throw new CentryHttpError(502, 'products.json', 'Bad Gateway');
            return real.listProducts(q);
          },
        };
      },
    };
    const before = (await sources.get(company))!.lastReconcileAt;
    t.match(await reconcileCentryCatalog(failing, company), { ok: false, error: 'INCOMPLETE', message: /502/ });
    t.equal((await catalog.summary(company)).products, 227, 'nothing deleted');
    for (const id of gone) t.ok(await catalog.getProduct(company, catalogProductId(id)));
    t.same((await sources.get(company))!.lastReconcileAt, before, 'an incomplete listing is not recorded as a reconciliation');

    // A page that does not move forward (a broken `after=`) is incomplete too.
    const stuck: CentrySourceDeps = {
      ...deps,
      client: (c) => {
        const real = deps.client(c);
        return { ...real, listProducts: (q) => real.listProducts({ ...q, after: undefined }) };
      },
    };
    t.match(await reconcileCentryCatalog(stuck, company), { ok: false, error: 'INCOMPLETE', message: /did not move/ });
    t.equal((await catalog.summary(company)).products, 227);
  });

  t.test('the scheduler round reconciles once a day and asks for a sync of what it deleted', async (t) => {
    await db('catalog_sources').where({ company_id: company }).update({ last_reconcile_at: new Date(Date.now() - 25 * 3600_000) });
    const changed: [number, readonly string[]][] = [];
    const onCatalogChanged = async (c: number, productIds: readonly string[]) => { changed.push([c, productIds]); };
    t.equal(await pullCentryCatalogs(db, deps, silent, { onCatalogChanged }), true);
    t.equal((await catalog.summary(company)).products, 225);
    t.same(changed.map(([c, p]) => [c, [...p].sort()]), [[company, [ids[10]!, ids[150]!].sort()]]);

    sandbox.catalog.deleteProduct(ids[20]!);
    sandbox.requests.length = 0;
    t.equal(await pullCentryCatalogs(db, deps, silent, { onCatalogChanged }), true);
    t.equal((await catalog.summary(company)).products, 225, 'reconciled less than 24 h ago: not again');
    t.equal(changed.length, 1);
    t.notOk(sandbox.requests.some((x) => x.url.startsWith('/conexion/v1/products.json') && !x.url.includes('updated_at')), 'only the delta pull asked Centry');
  });
});
