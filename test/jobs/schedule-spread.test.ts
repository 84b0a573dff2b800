// The scheduler's per-store offset (issue 13: no thundering herd): stable, inside the period, whole
// minutes, and a fleet spread evenly; dueSlot moves each store's slots by its offset.
import t from 'tap';
import { spreadMinutes, spreadOffsetMs } from '../../src/jobs/schedule-spread.js';
import { dueSlot } from '../../src/jobs/schedule-slot.js';

const MIN = 60_000;

t.test('offsets: stable, whole minutes inside the period', async (t) => {
  const cases: [string, Parameters<typeof spreadOffsetMs>[1], number][] = [
    ['hourly', { mode: 'hourly' }, 60], ['every 15 minutes', { mode: 'every_15_minutes' }, 15],
    ['daily: within the chosen hour', { mode: 'daily', hour: 3 }, 60], ['off', { mode: 'off' }, 1],
  ];
  for (const [name, schedule, minutes] of cases) {
    t.equal(spreadMinutes(schedule), minutes, `${name}: ${minutes} minutes to spread over`);
    for (let id = 1; id <= 500; id++) {
      const off = spreadOffsetMs(id, schedule);
      if (off < 0 || off >= minutes * MIN || off % MIN !== 0) t.fail(`${name}: id ${id} → ${off}`);
    }
    t.equal(spreadOffsetMs(42, schedule), spreadOffsetMs(42, schedule), `${name}: the same store, the same offset`);
  }
  t.same([1, 2, 3, 4, 5].map((id) => spreadOffsetMs(id, { mode: 'hourly' }) / MIN), [37, 14, 51, 28, 5], 'consecutive ids land far apart');
});

t.test('a fleet is spread evenly over the hour', async (t) => {
  for (const [stores, maxPerMinute] of [[50, 2], [60, 2], [600, 11], [10_000, 170]] as const) {
    const perMinute = new Map<number, number>();
    for (let id = 1; id <= stores; id++) {
      const m = spreadOffsetMs(id, { mode: 'hourly' }) / MIN;
      perMinute.set(m, (perMinute.get(m) ?? 0) + 1);
    }
    const worst = Math.max(...perMinute.values());
    t.ok(worst <= maxPerMinute, `${stores} stores: at most ${worst} in one minute (goal ≤ ${maxPerMinute}; all at :00 would be ${stores})`);
  }
});

t.test('dueSlot with a store offset', async (t) => {
  const at = (iso: string) => new Date(iso);
  const cases: [string, Parameters<typeof dueSlot>[0], string, string | null, number, string | null][] = [
    ['hourly +37: not at :00', { mode: 'hourly' }, '2025-03-10T15:00:30Z', null, 37, null],
    ['hourly +37: due at :37', { mode: 'hourly' }, '2025-03-10T15:37:10Z', null, 37, '2025-03-10T15:37:00.000Z'],
    ['hourly +37: still due at :41', { mode: 'hourly' }, '2025-03-10T15:41:59Z', null, 37, '2025-03-10T15:37:00.000Z'],
    ['hourly +37: past grace', { mode: 'hourly' }, '2025-03-10T15:42:00Z', null, 37, null],
    ['hourly +58: grace crosses the hour', { mode: 'hourly' }, '2025-03-10T16:01:00Z', null, 58, '2025-03-10T15:58:00.000Z'],
    ['every 15 +7', { mode: 'every_15_minutes' }, '2025-03-10T15:38:00Z', null, 7, '2025-03-10T15:37:00.000Z'],
    ['daily 3 h +45 in Santiago', { mode: 'daily', hour: 3 }, '2025-03-10T06:46:00Z', 'America/Santiago', 45, '2025-03-10T06:45:00.000Z'],
    ['daily 3 h +45: not at 3:00', { mode: 'daily', hour: 3 }, '2025-03-10T06:01:00Z', 'America/Santiago', 45, null],
    ['daily 23 h +59 UTC: due after local midnight', { mode: 'daily', hour: 23 }, '2025-03-11T00:01:00Z', null, 59, '2025-03-10T23:59:00.000Z'],
  ];
  for (const [name, schedule, now, zone, minutes, want] of cases) {
    t.equal(dueSlot(schedule, at(now), zone, minutes * MIN)?.toISOString() ?? null, want, name);
  }
});
