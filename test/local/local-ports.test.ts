// Local mode beside another instance (src/local/local-ports.ts): a default port another program
// holds moves to the next free one; a port the operator set, or a PORT the APP_URL names, stays.
import net from 'node:net';
import t from 'tap';
import type { LocalEnv } from '../../src/config.js';
import { chooseLocalPorts, portFree } from '../../src/local/local-ports.js';
import { freePort } from '../helpers/database.js';

const base = (ports: Partial<Pick<LocalEnv, 'PORT' | 'SANDBOX_PORT' | 'CENTRY_SANDBOX_PORT'>> = {}) =>
  ({ APP_MODE: 'local', HOST: '127.0.0.1', PORT: 3000, SANDBOX_PORT: 3100, CENTRY_SANDBOX_PORT: 3200, ...ports }) as LocalEnv;
/** A machine where only `busy` ports are held. */
const held = (...busy: number[]) => async (_host: string, port: number) => !busy.includes(port);

t.test('a default port another program holds moves to the next free one', async (t) => {
  const r = await chooseLocalPorts(base(), {}, held(3000, 3001, 3100));
  t.same([r.env.PORT, r.env.SANDBOX_PORT, r.env.CENTRY_SANDBOX_PORT], [3002, 3101, 3200]);
  t.same(r.moved, ['PORT', 'SANDBOX_PORT'], 'the banner can say which');
});

t.test('nothing held: the defaults stay', async (t) => {
  const r = await chooseLocalPorts(base(), {}, held());
  t.same([r.env.PORT, r.env.SANDBOX_PORT, r.env.CENTRY_SANDBOX_PORT, r.moved], [3000, 3100, 3200, []]);
});

t.test('a moved port never lands on another default', async (t) => {
  const busy = Array.from({ length: 100 }, (_, i) => 3000 + i); // 3000–3099 held: 3100 is SANDBOX_PORT's
  const r = await chooseLocalPorts(base(), {}, held(...busy));
  t.equal(r.env.PORT, 3000, 'no free port in reach without taking a sibling\'s: the default stays (and start-up names PORT)');
  t.equal(r.env.SANDBOX_PORT, 3100);
});

t.test('a port the operator set is kept, even when held (start-up then names it)', async (t) => {
  const r = await chooseLocalPorts(base({ PORT: 3000, SANDBOX_PORT: 3100 }), { PORT: '3000', SANDBOX_PORT: '3100' }, held(3000, 3100, 3200));
  t.same([r.env.PORT, r.env.SANDBOX_PORT, r.env.CENTRY_SANDBOX_PORT], [3000, 3100, 3201], 'only the unset one moves');
});

t.test('APP_URL given: PORT stays, since the public URL names it', async (t) => {
  const r = await chooseLocalPorts(base(), { APP_URL: 'http://localhost:3000' }, held(3000));
  t.equal(r.env.PORT, 3000);
});

t.test('with real sockets: a held port is seen and skipped', async (t) => {
  const port = await freePort();
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
  t.teardown(() => holder.close());
  t.equal(await portFree('127.0.0.1', port), false, 'held');
  const r = await chooseLocalPorts(base({ PORT: port }), {});
  t.ok(r.env.PORT > port && r.env.PORT <= port + 100, `moved to ${r.env.PORT}`);
  t.equal(await portFree('127.0.0.1', r.env.PORT), true, 'and that one is free');
});
