import t from 'tap';
import http from 'node:http';
import { request } from 'undici';
import { startCentrySandbox } from '../../src/sandbox/centry/centry-sandbox.js';

const APP = { clientId: 'c', clientSecret: 's', redirectUris: ['http://app.test/cb'] };

t.test('Centry sandbox: API shapes, paging, count, 401 on expiry, webhooks on change', async (t) => {
  const sandbox = await startCentrySandbox({ apps: [APP], demo: { size: 45, imageBaseUrl: 'http://img.test', now: new Date('2025-01-01T00:00:00Z') } });
  t.teardown(() => sandbox.close());
  const token = await request(`${sandbox.url}/oauth/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'c', client_secret: 's', scope: 'public read_products read_webhook write_webhook' }),
  });
  const { access_token: at, expires_in: ttl } = (await token.body.json()) as { access_token: string; expires_in: number };
  t.equal(ttl, 7200);
  const get = async (path: string) => {
    const r = await request(`${sandbox.url}/conexion/v1/${path}`, { headers: { authorization: `Bearer ${at}` } });
    return { status: r.statusCode, body: (await r.body.json()) as any };
  };

  const page1 = await get('products.json?limit=20');
  t.equal(page1.body.length, 20);
  const page3 = await get(`products.json?limit=20&after=${page1.body[19]._id}`);
  t.equal(page3.body[0]._id > page1.body[19]._id, true, 'after= is exclusive, ids ascend');
  t.equal((await get('products.json?limit=500')).body.length, 45, 'limit is capped at 100');
  t.same((await get('products/count.json')).body, { count: 45 });
  t.same((await get('products/count.json?updated_at_gte=2030-01-01T00:00:00Z')).body, { count: 0 });
  t.equal((await get(`products/${page1.body[0]._id}.json`)).body.name, page1.body[0].name);
  t.equal((await get('products/nope.json')).status, 404);
  t.equal((await get('brands.json')).body.length, 20);
  t.equal((await get('products.json?updated_at_gte=mañana')).status, 422);

  const received: unknown[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c)).on('end', () => { received.push(JSON.parse(body)); res.end('ok'); });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  t.teardown(() => receiver.close());
  const hook = await request(`${sandbox.url}/conexion/v1/webhooks.json`, {
    method: 'POST', headers: { authorization: `Bearer ${at}`, 'content-type': 'application/json' },
    body: JSON.stringify({ callback_url: `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`, on_product_save: true, on_product_delete: true }),
  });
  t.equal(hook.statusCode, 201);
  await hook.body.dump();
  const saved = sandbox.catalog.saveProduct({ _id: page1.body[0]._id, name: 'Nuevo nombre' });
  t.ok(new Date(saved.updated_at as string) > new Date('2025-01-01'), 'updated_at moves on save');
  sandbox.catalog.deleteProduct(page1.body[1]._id);
  await sandbox.catalog.idle();
  t.same(received, [
    { topic: 'on_product_save', product_id: page1.body[0]._id },
    { topic: 'on_product_delete', product_id: page1.body[1]._id },
  ]);
  t.same((await get(`products.json?updated_at_gte=${encodeURIComponent(saved.updated_at as string)}`)).body.map((p: { _id: string }) => p._id), [page1.body[0]._id]);

  sandbox.oauth.expireAccessTokens();
  const expired = await get('products.json');
  t.equal(expired.status, 401);
  t.equal(expired.body.error, 'invalid_token');
  t.equal((await request(`${sandbox.url}/conexion/v1/products.json`)).statusCode, 401, 'no token, no data');
});

t.test('local mode: the Centry stand-in starts with the app registered and the demo catalog', async (t) => {
  const { startLocalCentry } = await import('../../src/sandbox/centry/local-centry.js');
  const config = { appUrl: 'http://localhost:3000', centry: { clientId: 'local', clientSecret: 'secret', url: 'http://localhost:0' }, local: undefined } as unknown as import('../../src/config.js').Config;
  const sandbox = await startLocalCentry(config, { imageBaseUrl: 'http://localhost:3100/_sandbox/images' });
  t.teardown(() => sandbox.close());
  t.equal(sandbox.catalog.products.size, 500);
  t.same(sandbox.oauth.apps.get('local')?.redirectUris, ['http://localhost:3000/catalogo/centry/callback']);
});
