// A failed start names its cause and the fix, never `undefined` (SPEC §8).
import t from 'tap';
import { ConfigError } from '../src/config.js';
import { EmbeddedPostgresError } from '../src/db/embedded-postgres.js';
import { explainStartFailure } from '../src/db/embedded-postgres-errors.js';
import { describeStartupFailure } from '../src/startup-failure.js';

const inUse = (port: number) => Object.assign(new Error(`listen EADDRINUSE: address already in use 127.0.0.1:${port}`), { code: 'EADDRINUSE', port });
const ports = { 3000: 'PORT', 3100: 'SANDBOX_PORT', 3200: 'CENTRY_SANDBOX_PORT' };

const cases: [string, unknown, RegExp][] = [
  ['web port in use', inUse(3000), /puerto 3000 ya está en uso \(PORT\).*PORT=3001 npm start/],
  ['Jumpseller sandbox port in use', inUse(3100), /puerto 3100 .*\(SANDBOX_PORT\).*SANDBOX_PORT=3101/],
  ['Centry sandbox port in use', inUse(3200), /\(CENTRY_SANDBOX_PORT\).*CENTRY_SANDBOX_PORT=3201/],
  ['a port of no variable', inUse(4444), /puerto 4444 ya está en uso/],
  ['configuration', new ConfigError(['PORT: expected a number']), /PORT: expected a number[\s\S]*\.env\.example/],
  ['the embedded database', new EmbeddedPostgresError('PostgreSQL embebido ya está corriendo sobre X'), /^PostgreSQL embebido ya está corriendo/],
  ['a rejection without a value', undefined, /sin detalle/],
  ['a rejection with a string', 'boom', /"boom"/],
  ['any other error keeps its stack', new TypeError('x is not a function'), /TypeError: x is not a function\n\s+at /],
];

for (const [name, error, expected] of cases) {
  t.test(name, async (t) => {
    const text = describeStartupFailure(error, ports);
    t.match(text, expected, text);
    t.notMatch(text, /undefined/, 'never "undefined"');
  });
}

t.test('the embedded PostgreSQL\'s own output, explained', async (t) => {
  const ctx = { port: 5555, dir: '/d/postgres', why: 'terminó con código 1' };
  const table: [string, RegExp][] = [
    ['FATAL:  lock file "postmaster.pid" already exists\nHINT:  Is another postmaster (PID 4242) running in data directory "/d/postgres"?', /ya está corriendo sobre \/d\/postgres \(PID 4242\).*kill 4242.*DATA_DIR/],
    ['LOG:  could not bind IPv4 address "127.0.0.1": Address already in use\nFATAL:  could not create any TCP/IP sockets', /puerto 5555: lo usa otro programa/],
    ['FATAL:  could not open file "global/pg_control": Permission denied', /no tiene permiso.*pg_control/],
    ['', /no arrancó \(terminó con código 1\) en \/d\/postgres\./],
  ];
  for (const [output, expected] of table) t.match(explainStartFailure(output, ctx), expected);
});
