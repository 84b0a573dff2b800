// Tokens from the database, refreshed under the row lock, against the sandbox's real token endpoint.
import t from 'tap';
import { createCompanyRepository } from '../../src/company/company-repository.js';
import { createJumpsellerAccess } from '../../src/company/jumpseller-access.js';
import { AuthRevokedError } from '../../src/jumpseller/errors.js';
import { createTokenCipher } from '../../src/security/token-crypto.js';
import { install, openTestApp } from '../helpers/app.js';

t.test('an expiring token is refreshed once, even by concurrent callers; rotation is stored', async (t) => {
  const { app, sandbox, database, config } = await openTestApp(t);
  await install(app, 'tienda-uno');
  const companies = createCompanyRepository(database.db, createTokenCipher(config.encryptionKeys));
  const integration = (await companies.findIntegrationByStore('tienda-uno' as never))!;
  const before = (await companies.readTokens(integration.id))!;
  // Make the stored token look like it expires in one minute (inside the 5-minute skew).
  await companies.saveTokens(integration.id, { ...before, expiresAt: new Date(Date.now() + 60_000) });

  let refreshes = 0;
  sandbox.app.server.on('request', (req: { url?: string }) => {
    if (req.url === '/oauth/token') refreshes++;
  });
  const access = createJumpsellerAccess(config, companies);
  const [a, b, c] = await Promise.all([0, 1, 2].map(() => access.refresher.refreshIfNeeded(integration.id)));
  t.equal(refreshes, 1, 'one refresh for three concurrent callers');
  t.equal(a!.accessToken, b!.accessToken);
  t.equal(b!.accessToken, c!.accessToken);
  t.not(a!.accessToken, before.accessToken);
  const after = (await companies.readTokens(integration.id))!;
  t.equal(after.refreshToken, a!.refreshToken, 'the rotated refresh token is stored');
  t.not(after.refreshToken, before.refreshToken);
  t.ok(after.expiresAt.getTime() > Date.now() + 50 * 60_000, 'a fresh hour');

  const info = await access.clientFor(integration).storeInfo();
  t.equal(info.code, 'tienda-uno', 'the client works with the refreshed token');
});

t.test('a revoked app marks the integration "Requiere reautorización" and raises AuthRevokedError', async (t) => {
  const { app, sandbox, database, config } = await openTestApp(t);
  const { jar } = await install(app, 'tienda-uno');
  const companies = createCompanyRepository(database.db, createTokenCipher(config.encryptionKeys));
  const integration = (await companies.findIntegrationByStore('tienda-uno' as never))!;
  await (await fetch(`${sandbox.url}/_sandbox/stores/tienda-uno/revoke`, { method: 'POST' })).arrayBuffer();

  const access = createJumpsellerAccess(config, companies);
  await t.rejects(access.clientFor(integration).storeInfo(), AuthRevokedError);
  t.equal((await companies.getIntegration(integration.id))!.status, 'reauth_required');
  const page = await app.inject({ url: '/empresa', cookies: jar.header() });
  t.match(page.body, 'Requiere reautorización');
  t.match(page.body, 'Reautorizar');

  // Reauthorizing from the admin brings it back.
  const again = await install(app, 'tienda-uno', jar);
  t.equal(again.callback.statusCode, 302);
  t.equal((await companies.getIntegration(integration.id))!.status, 'connected');
});
