// The retry policy as a table (STYLE §5, §10): method × outcome → retry or not, and every delay in ms.
import t from 'tap';
import { backoffMs, decide, DEFAULT_RETRY, type AttemptOutcome, type HttpMethod } from '../../src/jumpseller/retry-policy.js';
import { parseRetryAfterMs } from '../../src/jumpseller/rate-headers.js';

const NOW = Date.parse('2026-03-26T12:00:00Z');
const env = { now: NOW, random: () => 0.5 };
const status = (s: number, retryAfter?: string): AttemptOutcome => ({ kind: 'response', status: s, retryAfter });
const net = (code: string, sent: boolean): AttemptOutcome => ({ kind: 'network', code, sent });

t.test('which outcomes are retried, per method', async (t) => {
  const table: [HttpMethod, AttemptOutcome, 'retry' | 'success' | 'not_retryable' | 'ambiguous'][] = [
    ['GET', status(200), 'success'],
    ['POST', status(201), 'success'],
    ['GET', status(429), 'retry'],
    ['GET', status(500), 'retry'],
    ['GET', status(502), 'retry'],
    ['GET', status(503), 'retry'],
    ['GET', status(504), 'retry'],
    ['GET', status(501), 'not_retryable'],
    ['GET', status(404), 'not_retryable'],
    ['GET', status(422), 'not_retryable'],
    ['PUT', status(503), 'retry'],
    ['DELETE', status(500), 'retry'],
    ['PUT', net('ECONNRESET', true), 'retry'],
    ['GET', net('UND_ERR_HEADERS_TIMEOUT', true), 'retry'],
    ['DELETE', net('UND_ERR_SOCKET', true), 'retry'],
    // A create: 429 and "never sent" are safe; anything that may have been processed is ambiguous.
    ['POST', status(429), 'retry'],
    ['POST', net('ECONNREFUSED', false), 'retry'],
    ['POST', status(500), 'ambiguous'],
    ['POST', status(503), 'ambiguous'],
    ['POST', net('UND_ERR_HEADERS_TIMEOUT', true), 'ambiguous'],
    ['POST', net('UND_ERR_SOCKET', true), 'ambiguous'],
    ['POST', net('ECONNRESET', true), 'ambiguous'],
    ['POST', status(422), 'not_retryable'],
  ];
  for (const [method, outcome, expected] of table) {
    const d = decide(1, method, outcome, DEFAULT_RETRY, env);
    const got = d.retry ? 'retry' : d.reason;
    t.equal(got, expected, `${method} ${JSON.stringify(outcome)} → ${expected}`);
  }
});

t.test('capped exponential backoff with full jitter, in milliseconds', async (t) => {
  const opts = { ...DEFAULT_RETRY, maxAttempts: 20 };
  // random() = 0.999… gives the ceiling: 500, 1000, 2000, 4000, … capped at 30 000 ms.
  const top = () => 0.999999;
  t.same([1, 2, 3, 4, 5, 6, 7, 10].map((a) => Math.round(backoffMs(a, opts, top) / 10) * 10), [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  t.equal(backoffMs(3, opts, () => 0), 0, 'full jitter reaches 0');
  t.equal(backoffMs(3, opts, () => 0.5), 1000, 'half of the 2000 ms ceiling');
  const d = decide(2, 'GET', status(503), opts, env);
  t.same(d, { retry: true, delayMs: 500 }, 'second retry of 503: half of 1000 ms');
});

t.test('attempts are bounded', async (t) => {
  t.same(decide(4, 'GET', status(500), DEFAULT_RETRY, env), { retry: true, delayMs: 2000 });
  t.same(decide(5, 'GET', status(500), DEFAULT_RETRY, env), { retry: false, reason: 'exhausted' });
  t.same(decide(2, 'GET', status(429), { ...DEFAULT_RETRY, maxAttempts: 2 }, env), { retry: false, reason: 'exhausted' });
});

t.test('Retry-After: "2" means 2000 ms; an HTTP date means the time until it', async (t) => {
  t.equal(parseRetryAfterMs('2', NOW), 2000);
  t.equal(parseRetryAfterMs('0', NOW), 0);
  t.equal(parseRetryAfterMs('Thu, 26 Mar 2026 12:00:30 GMT', NOW), 30_000);
  t.equal(parseRetryAfterMs('Thu, 26 Mar 2026 11:00:00 GMT', NOW), 0, 'a past date: now');
  t.equal(parseRetryAfterMs('soon', NOW), null);
  t.same(decide(1, 'GET', status(429, '2'), DEFAULT_RETRY, env), { retry: true, delayMs: 2000 });
  t.same(decide(1, 'POST', status(429, '2'), DEFAULT_RETRY, env), { retry: true, delayMs: 2000 });
  t.same(decide(1, 'GET', status(503, 'Thu, 26 Mar 2026 12:00:30 GMT'), DEFAULT_RETRY, env), { retry: true, delayMs: 30_000 });
  t.same(decide(1, 'GET', status(429, '120'), DEFAULT_RETRY, env), { retry: false, reason: 'exhausted' }, 'longer than 60 000 ms: give up');
});
