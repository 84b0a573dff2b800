// The governor against simulated Jumpseller rate limiters on a fake clock: the server's per-minute
// window semantics are unknown (fixed buckets or sliding), so both are simulated, with concurrent
// callers and network latency. Normal operation must see zero 429s at ≥ 95% of 800/min.
import t from 'tap';
import { RateGovernor } from '../../src/jumpseller/rate-governor.js';
import type { HeaderMap } from '../../src/jumpseller/rate-headers.js';
import { FakeClock } from './fake-clock.js';

type Semantics = 'fixed' | 'sliding';

/** A server limiter: 20/s and 800/min, counting accepted requests, answering the four headers. */
class SimulatedLimiter {
  private accepted: number[] = [];
  rejected = 0;
  constructor(private readonly semantics: Semantics, private readonly perSecond = 20, private readonly perMinute = 800) {}

  private used(t: number, windowMs: number): number {
    const from = this.semantics === 'fixed' ? Math.floor(t / windowMs) * windowMs : t - windowMs + 1;
    let n = 0;
    for (let i = this.accepted.length - 1; i >= 0 && this.accepted[i]! >= from; i--) n++;
    return n;
  }

  handle(t: number, foreign = false): { status: number; headers: HeaderMap } {
    const minute = this.used(t, 60_000);
    const second = this.used(t, 1000);
    const ok = minute < this.perMinute && second < this.perSecond;
    if (ok) this.accepted.push(t);
    else if (!foreign) this.rejected++;
    return {
      status: ok ? 200 : 429,
      headers: {
        'jumpseller-perminuteratelimit-limit': String(this.perMinute),
        'jumpseller-perminuteratelimit-remaining': String(this.perMinute - minute - (ok ? 1 : 0)),
        'jumpseller-persecondratelimit-limit': String(this.perSecond),
        'jumpseller-persecondratelimit-remaining': String(this.perSecond - second - (ok ? 1 : 0)),
      },
    };
  }
}

/** A deterministic pseudo-random generator (mulberry32), so latencies are reproducible. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

async function simulate(semantics: Semantics, opts: { requests: number; concurrency: number; start: number; foreignPerMinute?: number }) {
  const clock = new FakeClock(opts.start);
  const server = new SimulatedLimiter(semantics);
  const gov = new RateGovernor({ clock });
  const random = rng(42);
  let issued = 0;
  const sendTimes: number[] = [];
  const worker = async () => {
    while (issued < opts.requests) {
      issued++;
      const permit = await gov.acquire();
      sendTimes.push(clock.now());
      await clock.sleep(5 + Math.floor(random() * 60)); // uplink + processing
      const answer = server.handle(clock.now());
      await clock.sleep(5 + Math.floor(random() * 60)); // downlink
      gov.observe(permit, answer.headers, answer.status);
    }
  };
  const foreign = async () => {
    // Another app of the same store, spending its share evenly (abnormal for us, but it happens).
    const every = 60_000 / (opts.foreignPerMinute ?? 1);
    while (issued < opts.requests) {
      await clock.sleep(every);
      server.handle(clock.now(), true);
    }
  };
  const ours = Promise.all(Array.from({ length: opts.concurrency }, worker));
  await clock.run(opts.foreignPerMinute ? Promise.race([ours, Promise.all([ours, foreign()])]) : ours);
  const minutes = (sendTimes.at(-1)! - sendTimes[0]!) / 60_000;
  return { perMinute: (sendTimes.length - 1) / minutes, rejected: server.rejected, gov };
}

for (const semantics of ['fixed', 'sliding'] as const) {
  t.test(`${semantics} windows: zero 429s and ≥ 95% of 800/min with 8 concurrent callers`, async (t) => {
    // Start 17 s into a minute so that fixed buckets and our pacing are out of phase.
    const r = await simulate(semantics, { requests: 4000, concurrency: 8, start: Date.parse('2026-03-26T12:00:17Z') });
    t.equal(r.rejected, 0, 'no 429');
    t.equal(r.gov.stats.foreign, 0, 'our own requests are not mistaken for someone else\'s');
    t.ok(r.perMinute >= 760 && r.perMinute <= 800, `${r.perMinute.toFixed(1)} requests/min`);
  });
}

for (const semantics of ['fixed', 'sliding'] as const) {
  t.test(`another app spends 120/min of the store's budget (${semantics}): we leave it its share`, async (t) => {
    const r = await simulate(semantics, { requests: 3000, concurrency: 4, start: Date.parse('2026-03-26T12:00:00Z'), foreignPerMinute: 120 });
    t.ok(r.perMinute >= 0.85 * 680 && r.perMinute <= 700, `${r.perMinute.toFixed(1)} requests/min of the 680 left`);
    t.ok(r.rejected <= 5, `${r.rejected} of our requests refused in ${(3000 / r.perMinute).toFixed(1)} minutes`);
  });
}

for (const semantics of ['fixed', 'sliding'] as const) {
  t.test(`a restart (${semantics}): the previous process spent the minute, the new one waits instead of hitting 429`, async (t) => {
    const clock = new FakeClock(Date.parse('2026-03-26T12:00:30Z'));
    const server = new SimulatedLimiter(semantics);
    for (let i = 0; i < 784; i++) server.handle(clock.now() - 59_000 + i * 75, true); // the predecessor's last minute
    const gov = new RateGovernor({ clock });
    const worker = async () => {
      for (let i = 0; i < 200; i++) {
        const p = await gov.acquire();
        await clock.sleep(20);
        const a = server.handle(clock.now());
        gov.observe(p, a.headers, a.status);
      }
    };
    const started = clock.now();
    await clock.run(Promise.all([worker(), worker()]));
    t.equal(server.rejected, 0, 'no 429');
    // The predecessor's minute frees up as it was spent (~784/min): 400 requests in ~31 s, not 60 s + 31 s.
    t.ok(clock.now() - started < 45_000, `400 requests in ${((clock.now() - started) / 1000).toFixed(1)} s`);
    // A fixed window only remembers the predecessor's requests since the minute began.
    t.ok(gov.stats.foreign > (semantics === 'sliding' ? 700 : 350), `${gov.stats.foreign} requests of the predecessor accounted for`);
  });
}
