// Token refresh: before expiry (5 min skew), one at a time per integration (the lock port), rotating
// refresh tokens, invalid_grant → "Requiere reautorización" + AuthRevokedError. The token endpoint
// adapter is exercised against the Jumpseller sandbox's accounts server.
import t from 'tap';
import { AuthRevokedError, JumpsellerApiError, NetworkError } from '../../src/jumpseller/errors.js';
import type { IntegrationId } from '../../src/company/model.js';
import { createOAuthTokenEndpoint } from '../../src/jumpseller/oauth-token-endpoint.js';
import { createTokenProvider, TokenRefresher, type TokenEndpoint, type TokenGrant } from '../../src/jumpseller/token-refresher.js';
import { startJumpsellerSandbox } from '../../src/sandbox/jumpseller/sandbox.js';
import { FakeClock } from './fake-clock.js';
import { InMemoryTokenLock } from './in-memory-token-lock.js';

const START = Date.parse('2026-03-26T12:00:00Z');
const ID = 1 as IntegrationId;

function endpoint(clock: FakeClock, answers: (TokenGrant | Error)[]) {
  const calls: string[] = [];
  const e: TokenEndpoint = {
    async refresh(refreshToken) {
      calls.push(refreshToken);
      await clock.sleep(200); // the round trip to accounts, while the lock is held
      const a = answers.shift() ?? new Error('no more answers');
      if (a instanceof Error) throw a;
      return a;
    },
  };
  return { e, calls };
}

const fresh = (n: number): TokenGrant => ({ ok: true, accessToken: `at${n}`, refreshToken: `rt${n}`, expiresInSeconds: 3600 });

t.test('no refresh while more than 5 minutes (300 000 ms) remain; refresh within them', async (t) => {
  const clock = new FakeClock(START);
  const lock = new InMemoryTokenLock({ accessToken: 'at0', refreshToken: 'rt0', expiresAt: START + 300_001 });
  const { e, calls } = endpoint(clock, [fresh(1)]);
  const refresher = new TokenRefresher({ lock, endpoint: e, clock });
  t.equal((await clock.run(refresher.refreshIfNeeded(ID))).accessToken, 'at0');
  await clock.advance(1);
  const t1 = await clock.run(refresher.refreshIfNeeded(ID));
  t.equal(t1.accessToken, 'at1');
  t.same(calls, ['rt0']);
  t.same(lock.tokens, { accessToken: 'at1', refreshToken: 'rt1', expiresAt: START + 1 + 3_600_000 }, 'the rotated refresh token is stored; 3600 s = 3 600 000 ms');
});

t.test('concurrent refreshes: one call to accounts, the second waiter sees the new token', async (t) => {
  const clock = new FakeClock(START);
  const lock = new InMemoryTokenLock({ accessToken: 'at0', refreshToken: 'rt0', expiresAt: START + 1000 });
  const { e, calls } = endpoint(clock, [fresh(1), fresh(2)]);
  const refresher = new TokenRefresher({ lock, endpoint: e, clock });
  const both = await clock.run(Promise.all([refresher.refreshIfNeeded(ID), refresher.refreshIfNeeded(ID)]));
  t.same(both.map((x) => x.accessToken), ['at1', 'at1']);
  t.equal(calls.length, 1);
});

t.test('after a 401: forced refresh, unless another process already rotated the rejected token', async (t) => {
  const clock = new FakeClock(START);
  const lock = new InMemoryTokenLock({ accessToken: 'at0', refreshToken: 'rt0', expiresAt: START + 3_600_000 });
  const { e, calls } = endpoint(clock, [fresh(1)]);
  const refresher = new TokenRefresher({ lock, endpoint: e, clock });
  const provider = createTokenProvider(refresher, ID, clock);
  t.equal(await clock.run(provider.getAccessToken()), 'at0');
  const [a, b] = await clock.run(Promise.all([provider.onUnauthorized(), refresher.refreshIfNeeded(ID, { force: true, rejectedAccessToken: 'at0' })]));
  t.equal(a, 'at1');
  t.equal(b!.accessToken, 'at1');
  t.equal(calls.length, 1, 'one refresh for two 401s on the same token');
  t.equal(await provider.getAccessToken(), 'at1', 'cached');
});

t.test('invalid_grant: marked "Requiere reautorización" (committed) and AuthRevokedError', async (t) => {
  const clock = new FakeClock(START);
  const lock = new InMemoryTokenLock({ accessToken: 'at0', refreshToken: 'rt0', expiresAt: START });
  const { e } = endpoint(clock, [{ ok: false, error: 'invalid_grant', description: 'The refresh token is invalid.', status: 400 }]);
  const refresher = new TokenRefresher({ lock, endpoint: e, clock });
  await t.rejects(clock.run(refresher.refreshIfNeeded(ID)), AuthRevokedError);
  t.equal(lock.status, 'reauth_required');
  await t.rejects(clock.run(refresher.refreshIfNeeded(ID)), AuthRevokedError, 'and stays so without calling accounts');
});

t.test('accounts unreachable: keep the still-valid token; fail only once it has expired', async (t) => {
  const clock = new FakeClock(START);
  const lock = new InMemoryTokenLock({ accessToken: 'at0', refreshToken: 'rt0', expiresAt: START + 60_000 });
  const down = new NetworkError('ECONNREFUSED', 'down');
  const { e } = endpoint(clock, [down, down, { ok: false, error: 'invalid_client', status: 401 }]);
  const refresher = new TokenRefresher({ lock, endpoint: e, clock });
  t.equal((await clock.run(refresher.refreshIfNeeded(ID))).accessToken, 'at0');
  await clock.advance(60_000);
  await t.rejects(clock.run(refresher.refreshIfNeeded(ID)), NetworkError);
  await t.rejects(clock.run(refresher.refreshIfNeeded(ID)), JumpsellerApiError, 'invalid_client is our configuration, not a revocation');
  t.equal(lock.status, 'connected');
});

t.test('the token endpoint against the sandbox accounts server: rotation and invalid_grant', async (t) => {
  const sandbox = await startJumpsellerSandbox({
    apps: [{ clientId: 'cid', clientSecret: 'secret', handle: 'app', name: 'App', appUrl: 'http://app', redirectUris: ['http://app/cb'] }],
    stores: [{ code: 'demo' }],
  });
  t.teardown(() => sandbox.close());
  const code = sandbox.state.issueCode('cid', 'demo', 'http://app/cb', ['read_products']);
  const first = sandbox.state.exchange({ grant_type: 'authorization_code', client_id: 'cid', client_secret: 'secret', code, redirect_uri: 'http://app/cb' });
  if (!first.ok) throw new Error('exchange failed');
  const e = createOAuthTokenEndpoint({ accountsUrl: sandbox.accountsUrl, clientId: 'cid', clientSecret: 'secret' });
  const r1 = await e.refresh(first.body.refresh_token);
  t.ok(r1.ok && r1.refreshToken !== first.body.refresh_token && r1.expiresInSeconds === 3600, 'new tokens');
  const again = await e.refresh(first.body.refresh_token);
  t.same(again.ok ? 'ok' : again.error, 'invalid_grant', 'a used refresh token is refused: always store the new one');
  const bad = await createOAuthTokenEndpoint({ accountsUrl: sandbox.accountsUrl, clientId: 'cid', clientSecret: 'nope' }).refresh('x');
  t.same(bad.ok ? 'ok' : bad.error, 'invalid_client');
});
