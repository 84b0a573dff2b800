// Issue 10, item 2: behind the configured proxy the rate limits key on the real client, whatever the
// client writes in X-Forwarded-For; and unused OAuth states do not pile up forever.
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { openTestApp } from '../helpers/app.js';
import { STATE_KEPT_AFTER_EXPIRY_MS } from '../../src/web/jumpseller-oauth.js';

const PROXY = '10.0.0.1';

t.test('TRUST_PROXY=1 (one PaaS router): a rotating X-Forwarded-For does not escape the limit of its real address', async (t) => {
  const { app } = await openTestApp(t, { configure: (c) => { c.mode = 'production'; c.trustProxy = 1; } });
  const callback = (forwarded: string) => app.inject({
    url: '/auth/callback?code=x&state=y', remoteAddress: PROXY, headers: { 'x-forwarded-for': forwarded },
  });
  const statuses: number[] = [];
  for (let i = 0; i < 35; i++) statuses.push((await callback(`198.51.100.${i}, 203.0.113.7`)).statusCode);
  t.ok(statuses.includes(429), 'the client at 203.0.113.7 is limited although it wrote a new address each time');
  t.equal(statuses.filter((s) => s !== 429).length, 30, 'after 30 a minute');
  t.not((await callback('203.0.113.8')).statusCode, 429, 'another client behind the same router has its own limit');
});

t.test('unused OAuth states are purged once they can no longer be used', async (t) => {
  const { app, database } = await openTestApp(t);
  const db = database.db;
  const ago = (ms: number) => new Date(Date.now() - ms);
  await db('oauth_states').insert([
    { nonce: randomBytes(8).toString('hex'), purpose: 'install', expires_at: ago(STATE_KEPT_AFTER_EXPIRY_MS + 60_000) },
    { nonce: randomBytes(8).toString('hex'), purpose: 'install', expires_at: ago(STATE_KEPT_AFTER_EXPIRY_MS + 3_600_000) },
    { nonce: 'recently-expired', purpose: 'install', expires_at: ago(60_000) },
  ]);
  for (let i = 0; i < 3; i++) t.equal((await app.inject({ url: '/' })).statusCode, 302);
  const left = await db('oauth_states').select('nonce', 'expires_at');
  t.equal(left.length, 4, 'the three new states and the one that expired a minute ago (a late callback is told it expired)');
  t.ok(left.some((r) => r.nonce === 'recently-expired'));
});
