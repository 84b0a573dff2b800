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

  /** Record `n` entries spread evenly over (from, to] — sends we know happened then, not exactly when. */
  addSpread(from: number, to: number, n: number): void {
    const step = (to - from) / n;
    const spread = Array.from({ length: n }, (_, i) => from + step * (i + 1));
    this.times = [...this.times.slice(this.head), ...spread].sort((a, b) => a - b);
    this.head = 0;
  }

  /** Forget the `n` oldest entries still in the window. */
  drop(n: number): void {
    this.head = Math.min(this.times.length, this.head + Math.max(0, n));
  }

  /** The entries still in the window, oldest first. */
  live(now: number): number[] {
    this.prune(now);
    return this.times.slice(this.head);
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

/** When the combined count of two logs of the same window drops below `cap`. */
export function combinedFreeAt(a: SlidingLog, b: SlidingLog, now: number, cap: number): number {
  const merged = [...a.live(now), ...b.live(now)].sort((x, y) => x - y);
  return merged.length < cap ? now : merged[merged.length - cap]! + a.windowMs;
}
