// The one Jumpseller token client against the sandbox's real token endpoint with faults injected
// (src/sandbox/token-faults.ts): what the refresher and the install callback receive for a 5xx, a
// reset, a body that is not JSON, a 429 and invalid_grant — and that a grant is never sent twice
// after an answer that may have consumed it (docs/adr/0019).
import t from 'tap';
import { AuthRevokedError, JumpsellerApiError, NetworkError } from '../../src/jumpseller/errors.js';
import { STATUS_LABELS, type IntegrationId } from '../../src/company/model.js';
import { createOAuthTokenEndpoint } from '../../src/jumpseller/oauth-token-endpoint.js';
import { TokenRefresher } from '../../src/jumpseller/token-refresher.js';
import { startJumpsellerSandbox } from '../../src/sandbox/jumpseller/sandbox.js';
import { InMemoryTokenLock } from './in-memory-token-lock.js';

const APP = { clientId: 'cid', clientSecret: 'secret', handle: 'app', name: 'App', appUrl: 'http://app', redirectUris: ['http://app/cb'] };
const NOW = new Date('2026-03-26T12:00:00Z');

t.test('Jumpseller token client: faults of the accounts token endpoint', async (t) => {
  const sandbox = await startJumpsellerSandbox({ apps: [APP], stores: [{ code: 'demo' }] });
  t.teardown(() => sandbox.close());
  const faults = sandbox.state.tokenFaults;
  const waits: number[] = [];
  const client = createOAuthTokenEndpoint({
    accountsUrl: sandbox.accountsUrl, clientId: 'cid', clientSecret: 'secret', sleep: async (ms) => { waits.push(ms); }, random: () => 0.5,
  });
  const code = () => sandbox.state.issueCode('cid', 'demo', 'http://app/cb', ['read_products']);
  const refreshToken = async () => {
    const r = await client.exchangeCode(code(), 'http://app/cb', NOW);
    if (!r.ok) throw new Error(r.detail);
    return r.tokens.refreshToken;
  };

  t.test('a granted exchange: tokens, lifetime counted from the call, scope', async (t) => {
    const r = await client.exchangeCode(code(), 'http://app/cb', NOW);
    if (!r.ok) return t.fail(r.detail);
    t.equal(r.tokens.expiresAt.getTime(), NOW.getTime() + 3_600_000, '3600 s');
    t.match(r.tokens.accessToken, /^at_/);
  });

  for (const fault of ['server_error', 'reset', 'not_json'] as const) {
    t.test(`exchange meets ${fault}: a failed exchange (not a refused code), sent once`, async (t) => {
      faults.push(fault, fault);
      const c = code();
      const r = await client.exchangeCode(c, 'http://app/cb', NOW);
      t.match(r, { ok: false, rejected: false });
      t.same(faults, [fault], 'not retried: the code may already be spent');
      faults.length = 0;
      t.ok((await client.exchangeCode(c, 'http://app/cb', NOW)).ok, 'the code was not consumed by the fault, so it still works');
    });
  }

  t.test('exchange meets 429: retried after Retry-After (0 s), then granted', async (t) => {
    waits.length = 0;
    faults.push('rate_limited');
    const r = await client.exchangeCode(code(), 'http://app/cb', NOW);
    t.ok(r.ok);
    t.same(waits, [0], 'waited what Retry-After asked');
    t.same(faults, []);
  });

  t.test('exchange of a used code: refused (invalid_grant)', async (t) => {
    const c = code();
    await client.exchangeCode(c, 'http://app/cb', NOW);
    t.same(await client.exchangeCode(c, 'http://app/cb', NOW), { ok: false, rejected: true, detail: 'invalid_grant' });
  });

  t.test('refresh: 5xx and not-JSON → JumpsellerApiError, reset → NetworkError; never retried', async (t) => {
    const rt = await refreshToken();
    faults.push('server_error', 'server_error');
    await t.rejects(client.refresh(rt), { name: 'JumpsellerApiError', status: 500 });
    t.same(faults, ['server_error'], 'one attempt: a refresh rotates the token, a retry could be refused for a refresh that happened');
    faults.length = 0;
    faults.push('not_json');
    await t.rejects(client.refresh(rt), { name: 'JumpsellerApiError', status: 200 });
    faults.push('reset');
    await t.rejects(client.refresh(rt), NetworkError);
    const ok = await client.refresh(rt);
    t.ok(ok.ok, 'none of them used the refresh token');
  });

  t.test('the refresher over these faults: keeps a still-valid token, fails an expired one, marks only invalid_grant', async (t) => {
    const rt = await refreshToken();
    const clock = { now: () => NOW.getTime(), sleep: async () => undefined };
    const valid = new InMemoryTokenLock({ accessToken: 'at-old', refreshToken: rt, expiresAt: NOW.getTime() + 60_000 });
    const refresher = (lock: InMemoryTokenLock) => new TokenRefresher({ lock, endpoint: client, clock });
    faults.push('server_error');
    t.equal((await refresher(valid).refreshIfNeeded(1 as IntegrationId)).accessToken, 'at-old', 'accounts failing: the valid token keeps working');
    const expired = new InMemoryTokenLock({ accessToken: 'at-old', refreshToken: rt, expiresAt: NOW.getTime() - 1 });
    faults.push('reset');
    await t.rejects(refresher(expired).refreshIfNeeded(1 as IntegrationId), NetworkError);
    faults.push('not_json');
    await t.rejects(refresher(expired).refreshIfNeeded(1 as IntegrationId), JumpsellerApiError);
    t.equal(expired.status, 'connected', 'a failing accounts server is not a revocation');
    const revoked = new InMemoryTokenLock({ accessToken: 'at-old', refreshToken: 'rt_unknown', expiresAt: NOW.getTime() - 1 });
    await t.rejects(refresher(revoked).refreshIfNeeded(1 as IntegrationId), AuthRevokedError);
    t.equal(STATUS_LABELS[revoked.status as 'reauth_required'], 'Requiere reautorización', 'what Mi Empresa shows for it');
  });
});
