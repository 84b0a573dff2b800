// One rate governor per store (SPEC §7.3; ../shared/jumpseller/API-NOTES.md "Rate limits": 20/s and
// 800/min per store, 429 beyond, a ban after repeated abuse). Callers `await acquire()` before each
// request and `observe()` each answer. The algorithm and why it is safe under either fixed or
// sliding server windows are in docs/adr/0003-rate-governor-and-retries.md; in short:
//   1. pace locally (GCRA) at `utilization` × the per-minute limit, with a small burst;
//   2. never exceed, by our own sends, the per-second or per-minute cap in any sliding window;
//      requests the server counted that we did not send (another app, a previous process) enter
//      a log of stand-ins that counts with ours, so we leave them their share (and are dropped
//      when the server's count falls below ours: its window reset);
//   3. never spend what the server says remains (Remaining minus what we sent since), and when
//      that runs out wait for a newer answer or until the window must have reset;
//   4. a ban (or a 429 we cannot explain) blocks everyone until its end.
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { BannedError } from './errors.js';
import type { StoreCode } from '../company/model.js';
import { readRateHeaders, type HeaderMap } from './rate-headers.js';
import { combinedFreeAt, SlidingLog } from './sliding-log.js';

export interface RateGovernorOptions {
  clock?: Clock;
  /** Until the server's headers say otherwise. */
  minuteLimit?: number;
  secondLimit?: number;
  /** Fraction of the per-minute limit we pace at (default 0.98 → 784/min of 800). */
  utilization?: number;
  /** Requests per second left unused to absorb network jitter (default 2 → 18/s of 20). */
  secondHeadroom?: number;
  /** Requests allowed back to back after idling (default 4). */
  burst?: number;
  /** Server-reported Remaining we never spend, for answers that arrive out of order (default 1). */
  reserve?: number;
  /** A ban longer than this throws BannedError instead of waiting (default 5 min). */
  maxWaitMs?: number;
  /** Pause after a 429 whose headers do not say why (default 1000 ms). */
  throttleCooldownMs?: number;
}

/** Handed out by acquire() and given back to observe(): which send an answer belongs to. */
export interface Permit { readonly seq: number; readonly sentAt: number }

interface Observation { remaining: number; seq: number; at: number }

const MINUTE_MS = 60_000;
const SECOND_MS = 1_000;
// Our count and the server's differ by the requests crossing the window edges during one round
// trip; only a larger gap is taken as someone else's consumption.
const FOREIGN_SLACK = 3;

export class RateGovernor {
  private readonly clock: Clock;
  private readonly o: Required<Omit<RateGovernorOptions, 'clock'>>;
  private minuteLimit: number;
  private secondLimit: number;
  private seq = 0;
  private tat = Number.NEGATIVE_INFINITY; // GCRA theoretical arrival time
  private readonly minuteLog = new SlidingLog(MINUTE_MS);
  private readonly foreignLog = new SlidingLog(MINUTE_MS);
  private readonly secondLog = new SlidingLog(SECOND_MS);
  private minuteObs: Observation | null = null;
  private secondObs: Observation | null = null;
  private lastMinuteObsAt = Number.NEGATIVE_INFINITY;
  private blockedUntil = 0;
  private bannedUntil = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private wake: () => void = () => {};
  readonly stats = { sent: 0, throttled: 0, waitedMs: 0, foreign: 0 };

  constructor(opts: RateGovernorOptions = {}) {
    this.clock = opts.clock ?? systemClock;
    this.o = {
      minuteLimit: 800, secondLimit: 20, utilization: 0.98, secondHeadroom: 2, burst: 4, reserve: 1,
      maxWaitMs: 5 * MINUTE_MS, throttleCooldownMs: SECOND_MS, ...stripUndefined(opts),
    };
    this.minuteLimit = this.o.minuteLimit;
    this.secondLimit = this.o.secondLimit;
  }

  get minuteCap(): number { return Math.max(1, Math.floor(this.minuteLimit * this.o.utilization)); }
  get secondCap(): number { return Math.max(1, this.secondLimit - this.o.secondHeadroom); }
  /** Spacing between sends in ms: the per-minute budget spread evenly, never faster than the per-second cap. */
  get intervalMs(): number { return Math.max(MINUTE_MS / this.minuteCap, SECOND_MS / this.secondCap); }

  /** Waits (FIFO across concurrent callers) until one more request may be sent now. */
  acquire(): Promise<Permit> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Feed every answer (any status) back; `status` 0 when no answer came. */
  observe(permit: Permit, headers: HeaderMap, status: number): void {
    const now = this.clock.now();
    const r = readRateHeaders(headers);
    if (r.minuteLimit) this.minuteLimit = r.minuteLimit;
    if (r.secondLimit) this.secondLimit = r.secondLimit;
    if (r.minuteRemaining !== null) {
      this.minuteObs = newer(this.minuteObs, { remaining: r.minuteRemaining, seq: permit.seq, at: now });
      const gap = this.minuteLimit - r.minuteRemaining - this.minuteLog.count(now) - this.foreignLog.count(now);
      if (gap > FOREIGN_SLACK) {
        // They happened since the previous answer (or within the last minute): spread them there, so
        // a previous process's steady minute frees up as steadily as it was spent.
        this.foreignLog.addSpread(Math.max(this.lastMinuteObsAt, now - MINUTE_MS), now, gap);
        this.stats.foreign += gap;
      } else if (gap < -FOREIGN_SLACK) {
        this.foreignLog.drop(-gap - FOREIGN_SLACK);
      }
      this.lastMinuteObsAt = now;
    }
    if (r.secondRemaining !== null) this.secondObs = newer(this.secondObs, { remaining: r.secondRemaining, seq: permit.seq, at: now });
    if (r.bannedUntilMs !== null && r.bannedUntilMs > now) {
      this.bannedUntil = Math.max(this.bannedUntil, r.bannedUntilMs);
      this.blockedUntil = Math.max(this.blockedUntil, r.bannedUntilMs);
    }
    if (status === 429) {
      this.stats.throttled++;
      const explained = r.bannedUntilMs !== null || r.minuteRemaining === 0 || r.secondRemaining === 0;
      if (!explained) this.blockedUntil = Math.max(this.blockedUntil, now + this.o.throttleCooldownMs);
    }
    this.wake();
  }

  /** Milliseconds to wait before the next send may go, as of `now` (0 = go). Pure over the state. */
  delayMs(now: number): number {
    const waits = [
      this.blockedUntil - now,
      this.tat - (this.o.burst - 1) * this.intervalMs - now,
      this.secondLog.count(now) >= this.secondCap ? this.secondLog.freeAt(now, this.secondCap) - now : 0,
      this.minuteLog.count(now) + this.foreignLog.count(now) >= this.minuteCap
        ? combinedFreeAt(this.minuteLog, this.foreignLog, now, this.minuteCap) - now
        : 0,
      this.serverWait(this.secondObs, SECOND_MS, now),
      this.serverWait(this.minuteObs, MINUTE_MS, now),
    ];
    return Math.max(0, Math.ceil(Math.max(...waits)));
  }

  private serverWait(obs: Observation | null, windowMs: number, now: number): number {
    if (!obs || now >= obs.at + windowMs) return 0; // the window must have reset since
    const available = obs.remaining - (this.seq - obs.seq);
    return available > this.o.reserve ? 0 : obs.at + windowMs - now;
  }

  private async waitForSlot(): Promise<Permit> {
    for (;;) {
      const now = this.clock.now();
      if (this.bannedUntil > now && this.bannedUntil - now > this.o.maxWaitMs) throw new BannedError(new Date(this.bannedUntil));
      const wait = this.delayMs(now);
      if (wait === 0) return this.issue(now);
      this.stats.waitedMs += wait;
      // A newer answer may lift a server-side wait early, so observe() wakes the sleeper.
      await Promise.race([this.clock.sleep(wait), new Promise<void>((resolve) => { this.wake = resolve; })]);
    }
  }

  private issue(now: number): Permit {
    this.seq++;
    this.stats.sent++;
    this.tat = Math.max(this.tat, now) + this.intervalMs;
    this.minuteLog.add(now);
    this.secondLog.add(now);
    return { seq: this.seq, sentAt: now };
  }
}

/** Keep the answer to the latest send: it reflects the most recent server state. */
function newer(current: Observation | null, next: Observation): Observation {
  return !current || next.seq >= current.seq ? next : current;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** One governor per store code, shared by every client of that store in this process. */
export class RateGovernorRegistry {
  private readonly governors = new Map<StoreCode, RateGovernor>();
  constructor(private readonly defaults: RateGovernorOptions = {}) {}

  for(store: StoreCode): RateGovernor {
    let g = this.governors.get(store);
    if (!g) this.governors.set(store, (g = new RateGovernor(this.defaults)));
    return g;
  }
}
