// Secrets never reach the logs: tokens, cookies, OAuth codes and states (SPEC §9).
import t from 'tap';
import { buildApp, loggerOptions } from '../../src/app.js';
import { startJumpsellerSandbox } from '../../src/sandbox/jumpseller/sandbox.js';
import { install, TEST_CLIENT, testConfig } from '../helpers/app.js';
import { openTestDatabase } from '../helpers/database.js';

t.test('an install logs requests without tokens, cookies, codes or states', async (t) => {
  const database = await openTestDatabase(t);
  const sandbox = await startJumpsellerSandbox({
    apps: [{ clientId: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, handle: 'centry-desarrollo', name: 'Centry', appUrl: 'http://localhost:3999/', redirectUris: ['http://localhost:3999/auth/callback'] }],
    stores: [{ code: 'tienda-uno', name: 'Tienda Uno' }],
  });
  t.teardown(() => sandbox.close());
  const lines: string[] = [];
  const config = testConfig({ sandboxUrl: sandbox.url, databaseUrl: database.url });
  const app = await buildApp({ config, db: database.db, logger: loggerOptions('debug', { write: (l) => void lines.push(l) }) });
  t.teardown(() => app.close());

  const { back, callback, jar } = await install(app, 'tienda-uno');
  await app.inject({ url: '/empresa', cookies: jar.header() });
  t.equal(callback.statusCode, 302);
  const log = lines.join('');
  t.ok(lines.length > 4, `${lines.length} log lines`);
  t.match(log, '"path":"/auth/callback"', 'requests are logged');
  const secrets = [back.searchParams.get('code')!, back.searchParams.get('state')!, jar.get('cj_session')!];
  const row = await database.db('integrations').first();
  const { createTokenCipher } = await import('../../src/security/token-crypto.js');
  const cipher = createTokenCipher(config.encryptionKeys);
  secrets.push(cipher.decrypt(row.access_token_enc), cipher.decrypt(row.refresh_token_enc));
  for (const s of secrets) t.notOk(log.includes(s), `secret ${s.slice(0, 6)}… is not in the logs`);
});

t.test('the status poll and static assets are not logged at info; a failing poll is', async (t) => {
  const database = await openTestDatabase(t);
  const sandbox = await startJumpsellerSandbox({
    apps: [{ clientId: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, handle: 'centry-desarrollo', name: 'Centry', appUrl: 'http://localhost:3999/', redirectUris: ['http://localhost:3999/auth/callback'] }],
    stores: [{ code: 'tienda-uno', name: 'Tienda Uno' }],
  });
  t.teardown(() => sandbox.close());
  const config = testConfig({ sandboxUrl: sandbox.url, databaseUrl: database.url });
  for (const level of ['info', 'debug'] as const) {
    const lines: string[] = [];
    const app = await buildApp({ config, db: database.db, logger: loggerOptions(level, { write: (l) => void lines.push(l) }) });
    t.teardown(() => app.close());
    const { jar } = await install(app, 'tienda-uno');
    const polls = [];
    for (let i = 0; i < 3; i++) polls.push(await app.inject({ url: '/sincronizar/estado.json', cookies: jar.header() }));
    t.same(polls.map((p) => p.statusCode), [200, 200, 200], 'the poll answers');
    await app.inject({ url: '/static/sync.js' });
    const paths = (text: string) => lines.filter((l) => l.includes(text)).length;
    if (level === 'info') {
      t.equal(paths('estado.json'), 0, 'no line per poll at info');
      t.equal(paths('/static/'), 0, 'no line per asset at info');
      t.ok(paths('"path":"/empresa"') + paths('/auth/callback') > 0, 'pages are still logged');
      await app.inject({ url: '/sincronizar/estado.json' }); // no session: refused
      t.ok(paths('estado.json') >= 1, 'a failing poll is logged at info');
    } else {
      t.equal(lines.filter((l) => l.includes('estado.json') && l.includes('"level":20')).length, 3, 'at debug, one line per poll');
    }
  }
});
