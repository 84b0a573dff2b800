// Per-store rate limiting of the API stand-in, like live (../shared/jumpseller/API-NOTES.md "Rate
// limits"): 20/s and 800/min by default, the four Jumpseller-Per…RateLimit-… headers on every answer,
// 429 with no Retry-After, and after repeated abuse (~2000 refusals) a ban announced by
// `Jumpseller-BannedByRateLimit-Reset: <UTC timestamp>`. Live does not document whether its windows
// are fixed or sliding: fixed (clock-aligned, as Rack::Attack) is the default, sliding on request,
// so the client can be proven against both. Only accepted requests count toward a window.

export type WindowSemantics = 'fixed' | 'sliding';

export interface RateLimitSettings {
  perSecond: number;
  perMinute: number;
  window: WindowSemantics;
  /** Refusals within an hour that trigger a ban. */
  banAfter: number;
  banSeconds: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = { perSecond: 20, perMinute: 800, window: 'fixed', banAfter: 2000, banSeconds: 3600 };

export interface LimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

const HOUR_MS = 3_600_000;

/** "2026-03-26 12:00:30 UTC", what a Rails app prints for a UTC time. */
export function utcTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
}

export class SandboxRateLimiter {
  private accepted: number[] = [];
  private refusals: number[] = [];
  bannedUntil = 0;
  readonly stats = { accepted: 0, refused: 0, bans: 0 };

  constructor(private readonly now: () => number, public settings: RateLimitSettings = { ...DEFAULT_RATE_LIMITS }) {}

  /** Counts the request if it is allowed and says which headers the answer carries. */
  check(): LimitDecision {
    const now = this.now();
    this.prune(now);
    const s = this.settings;
    if (this.bannedUntil > now) return this.refuse(now, 0, 0);
    const minute = this.used(now, 60_000);
    const second = this.used(now, 1000);
    if (minute >= s.perMinute || second >= s.perSecond) return this.refuse(now, s.perMinute - minute, s.perSecond - second);
    this.accepted.push(now);
    this.stats.accepted++;
    return { allowed: true, headers: this.headers(s.perMinute - minute - 1, s.perSecond - second - 1) };
  }

  reset(): void {
    this.accepted = [];
    this.refusals = [];
    this.bannedUntil = 0;
    this.stats.accepted = this.stats.refused = this.stats.bans = 0;
  }

  private refuse(now: number, minuteLeft: number, secondLeft: number): LimitDecision {
    this.stats.refused++;
    this.refusals.push(now);
    if (this.bannedUntil <= now && this.refusals.length >= this.settings.banAfter) {
      this.bannedUntil = now + this.settings.banSeconds * 1000;
      this.stats.bans++;
    }
    const headers = this.headers(Math.max(0, minuteLeft), Math.max(0, secondLeft));
    if (this.bannedUntil > now) headers['Jumpseller-BannedByRateLimit-Reset'] = utcTimestamp(this.bannedUntil);
    return { allowed: false, headers };
  }

  private headers(minuteRemaining: number, secondRemaining: number): Record<string, string> {
    return {
      'Jumpseller-PerMinuteRateLimit-Limit': String(this.settings.perMinute),
      'Jumpseller-PerMinuteRateLimit-Remaining': String(minuteRemaining),
      'Jumpseller-PerSecondRateLimit-Limit': String(this.settings.perSecond),
      'Jumpseller-PerSecondRateLimit-Remaining': String(secondRemaining),
    };
  }

  private used(now: number, windowMs: number): number {
    const from = this.settings.window === 'fixed' ? Math.floor(now / windowMs) * windowMs : now - windowMs + 1;
    let n = 0;
    for (let i = this.accepted.length - 1; i >= 0 && this.accepted[i]! >= from; i--) n++;
    return n;
  }

  private prune(now: number): void {
    let i = 0;
    while (i < this.accepted.length && this.accepted[i]! <= now - 60_000) i++;
    if (i > 0) this.accepted.splice(0, i);
    let j = 0;
    while (j < this.refusals.length && this.refusals[j]! <= now - HOUR_MS) j++;
    if (j > 0) this.refusals.splice(0, j);
  }
}
