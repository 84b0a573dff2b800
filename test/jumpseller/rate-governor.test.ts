// The rate governor on a fake clock. Every wait is asserted in milliseconds with its unit spelled out
// (STYLE §10: a known bug elsewhere read seconds as milliseconds).
import t from 'tap';
import { RateGovernor, RateGovernorRegistry } from '../../src/jumpseller/rate-governor.js';
import { BannedError } from '../../src/jumpseller/errors.js';
import { parseStoreCode, type StoreCode } from '../../src/company/model.js';
import { FakeClock } from './fake-clock.js';

const START = Date.parse('2026-03-26T12:00:00Z');

async function sendTimes(clock: FakeClock, gov: RateGovernor, n: number): Promise<number[]> {
  const times: number[] = [];
  await clock.run(Promise.all(Array.from({ length: n }, async () => { await gov.acquire(); times.push(clock.now() - START); })));
  return times;
}

t.test('800/min is spread at 60 000 ms / 784 ≈ 76.5 ms per request after a burst of 4', async (t) => {
  const clock = new FakeClock(START);
  const gov = new RateGovernor({ clock });
  t.equal(gov.minuteCap, 784, '98% of 800');
  t.equal(gov.secondCap, 18, '20/s minus 2 headroom');
  t.equal(Math.round(gov.intervalMs * 100) / 100, 76.53, 'interval in ms, not seconds');
  const times = await sendTimes(clock, gov, 12);
  t.same(times.slice(0, 4), [0, 0, 0, 0], 'burst');
  const gaps = times.slice(4).map((x, i) => x - times[3 + i]!);
  for (const g of gaps.slice(1)) t.ok(g >= 76 && g <= 77, `gap ${g} ms ≈ 76.5 ms`);
  // 784 sends over a minute: the 788th (4 burst + 784 paced) goes out just after 60 000 ms.
  const clock2 = new FakeClock(START);
  const long = await sendTimes(clock2, new RateGovernor({ clock: clock2 }), 789);
  t.ok(long[787]! <= 60_000 + 100 && long[787]! >= 59_900, `788th send at ${long[787]} ms (≈ 60 s)`);
});

t.test('never more than the caps in any sliding window of our own sends', async (t) => {
  const clock = new FakeClock(START);
  const gov = new RateGovernor({ clock, burst: 50 }); // an exaggerated burst must still respect 18/s
  const times = await sendTimes(clock, gov, 1600);
  let maxSecond = 0;
  let maxMinute = 0;
  for (let i = 0, j = 0, k = 0; i < times.length; i++) {
    while (times[j]! <= times[i]! - 1000) j++;
    while (times[k]! <= times[i]! - 60_000) k++;
    maxSecond = Math.max(maxSecond, i - j + 1);
    maxMinute = Math.max(maxMinute, i - k + 1);
  }
  t.ok(maxSecond <= 18, `max ${maxSecond} per 1000 ms`);
  t.ok(maxMinute <= 784, `max ${maxMinute} per 60 000 ms`);
});

t.test('limits are read from the headers: 60/min → one request every ~1034 ms', async (t) => {
  const clock = new FakeClock(START);
  const gov = new RateGovernor({ clock, burst: 1 });
  const p = await gov.acquire();
  gov.observe(p, { 'jumpseller-perminuteratelimit-limit': '60', 'jumpseller-perminuteratelimit-remaining': '59' }, 200);
  t.equal(gov.minuteCap, 58);
  const times = await sendTimes(clock, gov, 3);
  t.ok(times[2]! - times[1]! >= 1034 && times[2]! - times[1]! <= 1035, `gap ${times[2]! - times[1]!} ms`);
});

t.test('a ban reset 30 s ahead means a 30 000 ms wait, whatever the timestamp format', async (t) => {
  for (const header of ['2026-03-26T12:00:30Z', '2026-03-26 12:00:30 UTC', String(START / 1000 + 30)]) {
    const clock = new FakeClock(START);
    const gov = new RateGovernor({ clock });
    const p = await gov.acquire();
    gov.observe(p, { 'jumpseller-bannedbyratelimit-reset': header }, 429);
    await clock.run(gov.acquire());
    t.equal(clock.now() - START, 30_000, `waited 30 000 ms for "${header}"`);
  }
});

t.test('a ban longer than maxWaitMs is a BannedError with its end, not a wait', async (t) => {
  const clock = new FakeClock(START);
  const gov = new RateGovernor({ clock, maxWaitMs: 60_000 });
  const p = await gov.acquire();
  gov.observe(p, { 'jumpseller-bannedbyratelimit-reset': '2026-03-26T13:00:00Z' }, 429);
  const err = await gov.acquire().catch((e: unknown) => e);
  t.ok(err instanceof BannedError);
  t.equal((err as BannedError).until.toISOString(), '2026-03-26T13:00:00.000Z');
  t.equal(clock.now(), START, 'no time spent');
});

t.test('server Remaining exhausted: wait until the window must have reset (60 000 ms) or a newer answer', async (t) => {
  const clock = new FakeClock(START);
  const gov = new RateGovernor({ clock });
  const p = await gov.acquire();
  gov.observe(p, { 'jumpseller-perminuteratelimit-remaining': '1', 'jumpseller-persecondratelimit-remaining': '15' }, 200);
  await clock.run(gov.acquire());
  t.equal(clock.now() - START, 60_000, 'reserve of 1 kept: waited one minute');

  const clock2 = new FakeClock(START);
  const gov2 = new RateGovernor({ clock: clock2 });
  const a = await gov2.acquire();
  const b = await gov2.acquire(); // in flight when a's answer arrives
  // Limit 100, 3 left: someone else spent 95; 3 − 1 sent since = 2 > reserve.
  gov2.observe(a, { 'jumpseller-perminuteratelimit-limit': '100', 'jumpseller-perminuteratelimit-remaining': '3' }, 200);
  await clock2.run(gov2.acquire());
  t.equal(clock2.now(), START, 'two left: go');
  const waiting = gov2.acquire();
  await clock2.advance(5_000);
  gov2.observe(b, { 'jumpseller-perminuteratelimit-limit': '100', 'jumpseller-perminuteratelimit-remaining': '70' }, 200); // a newer answer: the window reset
  await clock2.run(waiting);
  t.equal(clock2.now() - START, 5_000, 'woken by the newer answer after 5 000 ms');
});

t.test('per-second Remaining 0 waits 1000 ms; a bare 429 waits the 1000 ms cooldown', async (t) => {
  const clock = new FakeClock(START);
  const gov = new RateGovernor({ clock });
  const p = await gov.acquire();
  gov.observe(p, { 'jumpseller-persecondratelimit-remaining': '0', 'jumpseller-perminuteratelimit-remaining': '500' }, 429);
  await clock.run(gov.acquire());
  t.equal(clock.now() - START, 1000);

  const clock2 = new FakeClock(START);
  const gov2 = new RateGovernor({ clock: clock2 });
  gov2.observe(await gov2.acquire(), {}, 429);
  await clock2.run(gov2.acquire());
  t.equal(clock2.now() - START, 1000);
  t.equal(gov2.stats.throttled, 1);
});

t.test('concurrent callers are served in order', async (t) => {
  const clock = new FakeClock(START);
  const gov = new RateGovernor({ clock, burst: 1 });
  const order: number[] = [];
  await clock.run(Promise.all([0, 1, 2, 3, 4].map(async (i) => { const p = await gov.acquire(); order.push(i); return p; })));
  t.same(order, [0, 1, 2, 3, 4]);
});

t.test('one governor per store code', async (t) => {
  const reg = new RateGovernorRegistry();
  const storeCode = (s: string) => parseStoreCode(s) as StoreCode;
  t.equal(reg.for(storeCode('a')), reg.for(storeCode('a')));
  t.not(reg.for(storeCode('a')), reg.for(storeCode('b')));
});
