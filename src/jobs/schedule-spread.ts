// No thundering herd (docs/adr/0017-fleet.md): a store's scheduled slots start at a stable offset
// into its period instead of every store at :00, so 50 hourly stores arrive about one a minute rather
// than 50 at once. Pure. The offset is a whole number of minutes (the scheduler ticks every minute),
// chosen by Fibonacci hashing of the integration id: consecutive ids land far apart and a fleet of
// any size covers the period evenly; the same store keeps its minute across restarts and processes.
import type { Schedule } from '../settings/settings.schema.js';

const MINUTE = 60_000;
const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** Minutes a slot may move within: the period, and for daily runs the merchant's chosen hour. */
export function spreadMinutes(schedule: Schedule): number {
  switch (schedule.mode) {
    case 'every_15_minutes': return 15;
    case 'hourly': return 60;
    case 'daily': return 60;
    default: return 1;
  }
}

/** The stable offset of a store's slots in milliseconds, in [0, spreadMinutes) whole minutes. */
export function spreadOffsetMs(integrationId: number, schedule: Schedule): number {
  const buckets = spreadMinutes(schedule);
  const frac = (integrationId * GOLDEN) % 1;
  return Math.floor(frac * buckets) * MINUTE;
}
