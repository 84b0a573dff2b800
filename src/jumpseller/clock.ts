// Time as a port, so that the rate governor, the retry loop and the token refresher can be tested on
// a fake clock (STYLE §10: the unit of every wait is pinned by a test). All values are milliseconds.
import { setTimeout as delay } from 'node:timers/promises';

export interface Clock {
  /** Milliseconds since the epoch (like Date.now()). */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => (ms > 0 ? delay(ms) : Promise.resolve()),
};
