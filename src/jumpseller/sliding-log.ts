// The times of our own sends in the last `windowMs`, so the governor can promise that no window of
// that length — wherever the server's window starts, fixed or sliding — holds more than a cap.
// An entry sent at t counts while now < t + windowMs.
export class SlidingLog {
  private times: number[] = [];
  private head = 0;

  constructor(readonly windowMs: number) {}

  /** Record `n` sends at `at` (non-decreasing times). */
  add(at: number, n = 1): void {
    for (let i = 0; i < n; i++) this.times.push(at);
  }

  count(now: number): number {
    this.prune(now);
    return this.times.length - this.head;
  }

  /** When the count drops below `cap` if nothing else is added (call when count(now) >= cap). */
  freeAt(now: number, cap: number): number {
    const n = this.count(now);
    if (n < cap) return now;
    return this.times[this.head + (n - cap)]! + this.windowMs;
  }

  private prune(now: number): void {
    while (this.head < this.times.length && this.times[this.head]! + this.windowMs <= now) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}
