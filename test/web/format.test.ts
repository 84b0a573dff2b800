import t from 'tap';
import { formatWhen } from '../../src/web/format.js';

t.test('dates show four-digit years, Chile time, 24-hour clock', async (t) => {
  const cases: [string, string][] = [
    ['2025-03-10T15:04:00Z', '10-03-2025, 12:04'], // CLST (UTC−3)
    ['2025-07-01T03:30:00Z', '30-06-2025, 23:30'], // CLT (UTC−4), the day before
    ['2026-12-31T23:59:00Z', '31-12-2026, 20:59'],
  ];
  for (const [iso, want] of cases) t.equal(formatWhen(new Date(iso)), want, iso);
  t.equal(formatWhen(null), null);
});
