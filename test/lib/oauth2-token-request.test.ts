// The shared token request's retry budget (the one retry policy, as for a POST), against the Jumpseller
// sandbox's token endpoint: a 429 is waited for and retried up to the budget; a connection never made
// is retried; what comes back is the value the provider clients map (docs/adr/0019).
import t from 'tap';
import { requestToken, TOKEN_RETRY, type TokenEndpointOptions } from '../../src/lib/oauth2-token-request.js';
import { startJumpsellerSandbox } from '../../src/sandbox/jumpseller/sandbox.js';
import { freePort } from '../helpers/database.js';

const APP = { clientId: 'cid', clientSecret: 'secret', handle: 'app', name: 'App', appUrl: 'http://app', redirectUris: ['http://app/cb'] };

t.test('retries of one token request', async (t) => {
  const sandbox = await startJumpsellerSandbox({ apps: [APP], stores: [{ code: 'demo' }] });
  t.teardown(() => sandbox.close());
  const waits: number[] = [];
  const options = (url = `${sandbox.accountsUrl}/oauth/token`): TokenEndpointOptions => ({
    url, clientId: 'cid', clientSecret: 'secret', defaultExpiresInSeconds: 3600, sleep: async (ms) => { waits.push(ms); }, random: () => 0.5,
  });
  const grant = () => ({ grant_type: 'authorization_code' as const, code: sandbox.state.issueCode('cid', 'demo', 'http://app/cb', ['read_products']), redirect_uri: 'http://app/cb' });

  t.test('429 on every attempt: three attempts (the budget), then a failure with the status', async (t) => {
    waits.length = 0;
    sandbox.state.tokenFaults.push('rate_limited', 'rate_limited', 'rate_limited', 'rate_limited');
    t.match(await requestToken(options(), grant()), { kind: 'failed', status: 429 });
    t.equal(TOKEN_RETRY.maxAttempts, 3);
    t.same(sandbox.state.tokenFaults, ['rate_limited'], 'three requests reached the endpoint');
    t.same(waits, [0, 0], 'Retry-After: 0 honoured between them');
    sandbox.state.tokenFaults.length = 0;
  });

  t.test('a connection never made is retried with capped jittered backoff, then unanswered', async (t) => {
    waits.length = 0;
    const closed = `http://127.0.0.1:${await freePort()}/oauth/token`;
    t.match(await requestToken(options(closed), grant()), { kind: 'unanswered', code: 'ECONNREFUSED' });
    t.same(waits, [250, 500], 'half of 500 ms, then of 1000 ms (random = 0.5)');
  });

  t.test('granted: the lifetime and the scope of the answer', async (t) => {
    const r = await requestToken(options(), grant());
    t.match(r, { kind: 'granted', expiresInSeconds: 3600, scope: 'read_products' });
  });

  t.test('client refused: a §5.2 error with its description', async (t) => {
    const r = await requestToken({ ...options(), clientSecret: 'nope' }, grant());
    t.match(r, { kind: 'refused', status: 401, error: 'invalid_client' });
  });
});
