// When a scheduled sync is due (SPEC §7.5): off, every 15 minutes, hourly, or daily at an hour of
// the store's day. Pure. A schedule is a sequence of slots; a slot is due during a short grace
// window after it starts, so a scheduler that ticks every minute enqueues each slot once (the slot
// table dedupes across processes) and a process that was down does not replay a day of slots.
import type { Schedule } from '../settings/settings.schema.js';

const MINUTE = 60_000;
const PERIOD: Record<Exclude<Schedule['mode'], 'off' | 'daily'>, number> = { every_15_minutes: 15 * MINUTE, hourly: 60 * MINUTE };
/** How late a slot may still be enqueued: a few missed ticks, never a whole period. */
export const GRACE_MS = 5 * MINUTE;

/**
 * The slot due at `now`, or null. `timezone` is the store's (IANA); unknown zones count as UTC.
 * `offsetMs` moves every slot of this store later by that much (`spreadOffsetMs`, schedule-spread.ts).
 */
export function dueSlot(schedule: Schedule, now: Date, timezone: string | null, offsetMs = 0): Date | null {
  const t = now.getTime() - offsetMs;
  let slot: number;
  if (schedule.mode === 'off') return null;
  if (schedule.mode === 'daily') {
    const zone = validZone(timezone);
    const local = zonedParts(new Date(t), zone);
    slot = zonedToUtc(local.year, local.month, local.day, schedule.hour, zone);
    if (slot > t) return null; // today's hour has not come yet
  } else {
    const period = PERIOD[schedule.mode];
    slot = Math.floor(t / period) * period;
  }
  return t - slot < GRACE_MS ? new Date(slot + offsetMs) : null;
}

function validZone(zone: string | null): string {
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

function zonedParts(at: Date, zone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: n('year'), month: n('month'), day: n('day'), hour: n('hour'), minute: n('minute'), second: n('second') };
}

/** The instant when the wall clock in `zone` reads year-month-day hour:00 (the earlier one on a DST overlap). */
export function zonedToUtc(year: number, month: number, day: number, hour: number, zone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour);
  let guess = wall;
  // Two corrections settle the zone's offset at that instant, DST changes included.
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(new Date(guess), zone);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += wall - seen;
  }
  return guess;
}
