import t from 'tap';
import { openTestDatabase } from './helpers/database.js';
t.test('embedded postgres answers', async (t) => {
  const { db } = await openTestDatabase(t, { migrate: false });
  const r = await db.raw('select 1 + 1 as two');
  t.equal(r.rows[0].two, 2);
});
