import t from 'tap';
import { request } from 'undici';
import { openTestDatabase } from '../helpers/database.js';
import { centryAuthorizeUrl, exchangeCentryCode } from '../../src/catalog/centry/centry-oauth.js';
import { pullAllCentrySources, pullCentryChanges, pullCentryProduct } from '../../src/catalog/centry/centry-source.js';
import { catalogProductId } from '../../src/catalog/model.js';
import { CENTRY_APP, openCentryHarness } from './centry-harness.js';

const APP = CENTRY_APP;

t.test('Centry source against the Centry sandbox', async (t) => {
  const { db } = await openTestDatabase(t);
  const { sandbox, creds, catalog, sources, company, deps, link } = await openCentryHarness(t, db, { size: 230, seed: 5 });

  t.test('authorization code flow: consent, code, tokens that live 7200 s', async (t) => {
    const authorize = centryAuthorizeUrl(creds, { redirectUri: APP.redirectUris[0]!, state: 'st4te' });
    const page = await request(authorize);
    t.match(await page.body.text(), /Autorizar/);
    const consent = await request(`${sandbox.url}/oauth/authorize`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...Object.fromEntries(new URL(authorize).searchParams), decision: 'allow' }).toString(),
    });
    await consent.body.dump();
    const back = new URL(consent.headers.location as string);
    t.equal(back.searchParams.get('state'), 'st4te');
    const before = Date.now();
    const r = await exchangeCentryCode(creds, back.searchParams.get('code')!, APP.redirectUris[0]!);
    if (!r.ok) return t.fail(r.description);
    t.ok(Math.abs(r.tokens.expiresAt.getTime() - before - 7200_000) < 5000, 'expires_in is seconds');
    t.match(r.tokens.scope, /read_products/);
    const reused = await exchangeCentryCode(creds, back.searchParams.get('code')!, APP.redirectUris[0]!);
    t.match(reused, { ok: false, error: 'invalid_grant' }, 'codes are single-use');
    await link(r.tokens);
  });

  t.test('first pull takes everything with after= keyset paging; the next only the changes', async (t) => {
    const first = await pullCentryChanges(deps, company, { pageSize: 50 });
    if (!first.ok) return t.fail(first.message);
    t.match(first.report, { created: 230, updated: 0, rejected: 0, references: { brands: { created: 20 } } });
    t.equal(first.pages, 5);
    const lists = sandbox.requests.filter((r) => r.url.startsWith('/conexion/v1/products.json'));
    t.notOk(lists[0]!.url.includes('updated_at_gte'), 'the first pass asks for everything');
    t.ok(lists.slice(1).every((r) => /after=[0-9a-f]{24}/.test(r.url)), 'later pages continue after the last _id');
    t.equal((await catalog.summary(company)).products, 230);

    const [a, b] = [...sandbox.catalog.products.keys()];
    sandbox.catalog.saveProduct({ _id: a, name: 'Polera Editada en Centry' });
    sandbox.catalog.saveProduct({ _id: b, price_compare: 12990 });
    const added = sandbox.catalog.saveProduct({ name: 'Producto Nuevo', sku: 'NEW-1', price_compare: 9990, variants: [{ sku: 'NEW-1-U', quantity: 3 }] });
    sandbox.requests.length = 0;
    const second = await pullCentryChanges(deps, company, { pageSize: 50 });
    if (!second.ok) return t.fail(second.message);
    t.match(second.report, { created: 1, updated: 2, unchanged: 0, rejected: 0 });
    t.match(sandbox.requests.find((r) => r.url.startsWith('/conexion/v1/products.json'))!.url, /updated_at_gte=/);
    t.equal((await catalog.getProduct(company, catalogProductId(a!)))!.name, 'Polera Editada en Centry');
    t.equal((await catalog.getProduct(company, catalogProductId(added._id as string)))!.variants[0]!.stock, 3);
    t.ok((await sources.get(company))!.pullUpdatedSince!.getTime() >= first.updatedSince.getTime(), 'the cursor never goes back');
  });

  t.test('an expired access token is refreshed once on 401 and the call retried; the refresh token rotates', async (t) => {
    const before = (await sources.get(company))!;
    sandbox.oauth.expireAccessTokens();
    const refreshes = sandbox.oauth.refreshes;
    sandbox.requests.length = 0;
    const r = await pullCentryChanges(deps, company);
    t.ok(r.ok);
    t.equal(sandbox.oauth.refreshes, refreshes + 1, 'one refresh');
    t.equal(sandbox.requests.filter((x) => x.status === 401).length >= 1, true, 'Centry said 401 first');
    const after = (await sources.get(company))!;
    t.not(after.centryRefreshTokenEnc, before.centryRefreshTokenEnc, 'the new refresh token is stored (encrypted)');
    t.notMatch(after.centryAccessTokenEnc!, /centry_at_/, 'never in clear');
  });

  t.test('a token about to expire is refreshed before the call', async (t) => {
    await db('catalog_sources').where({ company_id: company }).update({ centry_token_expires_at: new Date(Date.now() - 1000) });
    const refreshes = sandbox.oauth.refreshes;
    sandbox.requests.length = 0;
    t.ok((await pullCentryChanges(deps, company)).ok);
    t.equal(sandbox.oauth.refreshes, refreshes + 1);
    t.equal(sandbox.requests.filter((x) => x.status === 401).length, 0, 'no 401 needed');
  });

  t.test('the scheduler tick pulls every Centry-linked company', async (t) => {
    const results = await pullAllCentrySources(deps);
    t.same([...results.keys()], [company]);
    t.match(results.get(company), { ok: true, report: { rejected: 0 } });
  });

  t.test('webhook pulls: a saved product is read back, a deleted one removed', async (t) => {
    const id = [...sandbox.catalog.products.keys()][5]!;
    sandbox.catalog.saveProduct({ _id: id, name: 'Cambiado por webhook' });
    t.same(await pullCentryProduct(deps, company, { topic: 'on_product_save', product_id: id }), { ok: true, outcome: 'updated' });
    t.equal((await catalog.getProduct(company, catalogProductId(id)))!.name, 'Cambiado por webhook');
    t.same(await pullCentryProduct(deps, company, { topic: 'on_product_save', product_id: id }), { ok: true, outcome: 'unchanged' }, 'a retried webhook is a no-op');
    sandbox.catalog.deleteProduct(id);
    t.same(await pullCentryProduct(deps, company, { topic: 'on_product_delete', product_id: id }), { ok: true, outcome: 'deleted' });
    t.equal(await catalog.getProduct(company, catalogProductId(id)), null);
    t.same((await catalog.changesSince(company, 0, 100_000)).deleted, [id]);
    t.same(await pullCentryProduct(deps, company, { topic: 'on_order_save', product_id: 'x' }), { ok: true, outcome: 'ignored' });
  });

  t.test('a revoked grant marks the source "reauth required" and stops pulling', async (t) => {
    sandbox.oauth.revokeAll();
    const r = await pullCentryChanges(deps, company);
    t.match(r, { ok: false, error: 'REAUTH_REQUIRED' });
    t.match(await sources.get(company), { status: 'reauth_required', lastError: /invalid_grant/ });
    sandbox.requests.length = 0;
    t.match(await pullCentryChanges(deps, company), { ok: false, error: 'REAUTH_REQUIRED' });
    t.equal(sandbox.requests.length, 0, 'no call to Centry while the grant is gone');
    t.same(await sources.centryCompanies(), []);
  });
});
