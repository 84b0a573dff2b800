import t from 'tap';
import { waitFor } from './wait-for.js';

t.test('waitFor returns the first value, fails by name when bounded out, and stops on a throw', async (t) => {
  let n = 0;
  t.equal(await waitFor(() => (++n >= 3 ? n : false), { what: 'three polls', intervalMs: 1 }), 3);
  t.equal(await waitFor(async () => 0, { what: 'zero is a value' }), 0);
  await t.rejects(waitFor(() => null, { what: 'something that never comes', timeoutMs: 30, intervalMs: 5 }),
    { message: 'timed out after 30 ms waiting for something that never comes' });
  let polls = 0;
  await t.rejects(waitFor(() => { polls++; throw new Error('the child died'); }, { what: 'x' }), { message: 'the child died' });
  t.equal(polls, 1, 'a throwing predicate is not polled again');
});
