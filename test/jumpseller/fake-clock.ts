// Virtual time for the governor, retry and refresher tests: sleep() registers a timer, run() fires
// timers in order (letting promise chains settle in between) until the awaited work is done.
import type { Clock } from '../../src/jumpseller/clock.js';

interface Timer { at: number; order: number; resolve: () => void }

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FakeClock implements Clock {
  private t: number;
  private order = 0;
  private timers: Timer[] = [];
  /** Every sleep requested, in ms, in order (to pin units). */
  readonly sleeps: number[] = [];

  constructor(start = 0) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => this.timers.push({ at: this.t + ms, order: this.order++, resolve }));
  }

  /** Advance virtual time (firing due timers in order) until `work` settles. */
  async run<T>(work: Promise<T>, maxMs = 24 * 3600_000): Promise<T> {
    let done = false;
    work.then(() => { done = true; }, () => { done = true; });
    const limit = this.t + maxMs;
    for (;;) {
      await settle();
      if (done) return work;
      this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.timers.shift();
      if (!next) throw new Error(`deadlock at t=${this.t}: work pending with no timer`);
      if (next.at > limit) throw new Error(`work still pending after ${maxMs} ms of virtual time`);
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
  }

  /** Advance by `ms`, firing timers due meanwhile. */
  async advance(ms: number): Promise<void> {
    await this.run(this.sleepRaw(ms));
  }

  private sleepRaw(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.push({ at: this.t + ms, order: this.order++, resolve }));
  }
}
