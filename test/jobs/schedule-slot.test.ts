import t from 'tap';
import { dueSlot, GRACE_MS, zonedToUtc } from '../../src/jobs/schedule-slot.js';

const at = (iso: string) => new Date(iso);

t.test('slots per schedule', async (t) => {
  const cases: [string, Parameters<typeof dueSlot>[0], string, string | null, string | null][] = [
    ['off is never due', { mode: 'off' }, '2025-03-10T15:00:30Z', null, null],
    ['hourly: the hour that just started', { mode: 'hourly' }, '2025-03-10T15:00:30Z', null, '2025-03-10T15:00:00.000Z'],
    ['hourly: still due a few minutes late', { mode: 'hourly' }, '2025-03-10T15:04:59Z', null, '2025-03-10T15:00:00.000Z'],
    ['hourly: past the grace window, wait for the next hour', { mode: 'hourly' }, '2025-03-10T15:05:00Z', null, null],
    ['every 15 minutes', { mode: 'every_15_minutes' }, '2025-03-10T15:31:00Z', null, '2025-03-10T15:30:00.000Z'],
    ['every 15 minutes, between slots', { mode: 'every_15_minutes' }, '2025-03-10T15:41:00Z', null, null],
    ['daily at 3 in Santiago (UTC-3 in March)', { mode: 'daily', hour: 3 }, '2025-03-10T06:01:00Z', 'America/Santiago', '2025-03-10T06:00:00.000Z'],
    ['daily: not yet', { mode: 'daily', hour: 3 }, '2025-03-10T05:59:00Z', 'America/Santiago', null],
    ['daily: hours later, not replayed', { mode: 'daily', hour: 3 }, '2025-03-10T12:00:00Z', 'America/Santiago', null],
    ['daily in winter (UTC-4)', { mode: 'daily', hour: 3 }, '2025-07-10T07:02:00Z', 'America/Santiago', '2025-07-10T07:00:00.000Z'],
    ['daily with no zone: UTC', { mode: 'daily', hour: 0 }, '2025-03-10T00:03:00Z', null, '2025-03-10T00:00:00.000Z'],
    ['daily with an unknown zone: UTC', { mode: 'daily', hour: 0 }, '2025-03-10T00:03:00Z', 'Mars/Olympus', '2025-03-10T00:00:00.000Z'],
  ];
  for (const [name, schedule, now, zone, want] of cases) {
    t.equal(dueSlot(schedule, at(now), zone)?.toISOString() ?? null, want, name);
  }
  t.equal(GRACE_MS, 300_000, 'five minutes of grace (unit pinned: milliseconds)');
});

t.test('wall clock to UTC across a DST change', async (t) => {
  // Santiago left DST on 2025-04-06 (UTC-3 → UTC-4).
  t.equal(new Date(zonedToUtc(2025, 4, 5, 12, 'America/Santiago')).toISOString(), '2025-04-05T15:00:00.000Z');
  t.equal(new Date(zonedToUtc(2025, 4, 7, 12, 'America/Santiago')).toISOString(), '2025-04-07T16:00:00.000Z');
  t.equal(new Date(zonedToUtc(2025, 1, 1, 0, 'UTC')).toISOString(), '2025-01-01T00:00:00.000Z');
});
