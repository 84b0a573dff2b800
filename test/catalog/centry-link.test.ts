// The Centry OAuth callback, one test per named reason (src/catalog/centry/centry-link.ts): each refusal
// stores nothing and has its own Spanish message; only a callback that passes every check links.
import t from 'tap';
import { CENTRY_LINK_MESSAGES, CENTRY_STATE_TTL_MS, centryLinkState, linkCentryAccount, type CentryCallbackInput, type CentryLinkDeps } from '../../src/catalog/centry/centry-link.js';
import type { CentryTokenResult } from '../../src/catalog/centry/centry-oauth.js';

const SECRET = 'session-secret-for-tests';
const NOW = new Date('2026-03-01T12:00:00Z');
const COMPANY = 4;
const NONCE = 'nonce-in-the-cookie';
const TOKENS: CentryTokenResult = { ok: true, tokens: { accessToken: 'at', refreshToken: 'rt', expiresAt: new Date('2026-03-01T14:00:00Z'), scope: 'public' } };

function harness(opts: { exchange?: CentryTokenResult; now?: Date } = {}) {
  const linked: unknown[][] = [];
  const codes: string[] = [];
  const deps: CentryLinkDeps = {
    sources: { linkCentry: async (...args: unknown[]) => { linked.push(args); } } as CentryLinkDeps['sources'],
    cipher: { encrypt: (v: string) => `enc(${v})` } as CentryLinkDeps['cipher'],
    exchangeCode: async (code) => { codes.push(code); return opts.exchange ?? TOKENS; },
    stateSecret: SECRET,
    newWebhookSecret: () => 'hook-secret',
    webhookSecretHash: (s) => `hash(${s})`,
    now: () => opts.now ?? NOW,
  };
  return { deps, linked, codes };
}

const goodState = (company = COMPANY, issuedAt = NOW) => centryLinkState(SECRET, company, issuedAt, NONCE);
const input = (over: Partial<CentryCallbackInput> & { query?: CentryCallbackInput['query'] } = {}): CentryCallbackInput => ({
  company: COMPANY, query: { state: goodState(), code: 'the-code' }, cookie: { valid: true, value: NONCE }, ...over,
});

const REFUSALS: { reason: keyof typeof CENTRY_LINK_MESSAGES; input: () => CentryCallbackInput; exchange?: CentryTokenResult; now?: Date }[] = [
  { reason: 'STATE_MISSING', input: () => input({ query: { code: 'the-code' } }) },
  { reason: 'STATE_INVALID', input: () => input({ query: { state: `${goodState()}x`, code: 'the-code' } }) },
  { reason: 'STATE_INVALID', input: () => input({ query: { state: centryLinkState('another-secret', COMPANY, NOW, NONCE), code: 'the-code' } }) },
  { reason: 'STATE_OTHER_COMPANY', input: () => input({ query: { state: goodState(COMPANY + 1), code: 'the-code' } }) },
  { reason: 'STATE_EXPIRED', input: () => input(), now: new Date(NOW.getTime() + CENTRY_STATE_TTL_MS + 1) },
  { reason: 'COOKIE_MISSING', input: () => input({ cookie: null }) },
  { reason: 'COOKIE_MISSING', input: () => input({ cookie: { valid: false, value: null } }) },
  { reason: 'STATE_MISMATCH', input: () => input({ cookie: { valid: true, value: 'an-older-nonce' } }) },
  { reason: 'AUTHORIZATION_DENIED', input: () => input({ query: { state: goodState(), error: 'access_denied' } }) },
  { reason: 'CODE_MISSING', input: () => input({ query: { state: goodState() } }) },
  { reason: 'CODE_REJECTED', input: () => input(), exchange: { ok: false, rejected: true, status: 400, error: 'invalid_grant', description: 'used' } },
  { reason: 'CENTRY_UNREACHABLE', input: () => input(), exchange: { ok: false, rejected: false, status: 503, error: 'http_503', description: 'Service Unavailable' } },
];

for (const r of REFUSALS) {
  t.test(`refused: ${r.reason}`, async (t) => {
    const h = harness({ exchange: r.exchange, now: r.now });
    const result = await linkCentryAccount(h.deps, r.input());
    t.match(result, { ok: false, reason: r.reason });
    t.same(h.linked, [], 'nothing is stored');
    if (r.reason !== 'CODE_REJECTED' && r.reason !== 'CENTRY_UNREACHABLE') t.same(h.codes, [], 'the code is not exchanged');
  });
}

t.test('every reason has its own Spanish message', async (t) => {
  const messages = Object.values(CENTRY_LINK_MESSAGES);
  t.equal(new Set(messages).size, messages.length, 'no two reasons share a message');
  for (const m of messages) t.match(m, /Centry/);
  t.same(new Set(REFUSALS.map((r) => r.reason)), new Set(Object.keys(CENTRY_LINK_MESSAGES)), 'each reason is tested');
});

t.test('a callback that passes every check links the account', async (t) => {
  const h = harness();
  const result = await linkCentryAccount(h.deps, input());
  t.same(result, { ok: true, webhookSecret: 'hook-secret' });
  t.same(h.codes, ['the-code']);
  t.same(h.linked, [[COMPANY, { accessTokenEnc: 'enc(at)', refreshTokenEnc: 'enc(rt)', expiresAt: new Date('2026-03-01T14:00:00Z'), scope: 'public' }, 'hash(hook-secret)']]);
});

t.test('the state is accepted until its last millisecond', async (t) => {
  const h = harness({ now: new Date(NOW.getTime() + CENTRY_STATE_TTL_MS) });
  t.match(await linkCentryAccount(h.deps, input()), { ok: true });
});
