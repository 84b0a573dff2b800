// Local logs are for a person at a terminal, JSON for anything else (SPEC §8).
import t from 'tap';
import { formatMessage, logStream } from '../../src/local/log-stream.js';

t.test('pretty only in local mode at a terminal', async (t) => {
  t.ok(logStream('local', true), 'local, terminal: pretty');
  t.equal(logStream('local', false), undefined, 'local, piped: JSON');
  t.equal(logStream('production', true), undefined, 'production: JSON even at a terminal');
});

t.test('a request reads as one short line', async (t) => {
  t.equal(formatMessage({ msg: 'incoming request', req: { method: 'GET', path: '/empresa' } }), 'GET /empresa');
  t.equal(formatMessage({ msg: 'request completed', res: { statusCode: 200 }, responseTime: 12.37 }), '→ 200 (12 ms)');
  t.equal(formatMessage({ msg: 'request completed', req: { method: 'GET', path: '/sincronizar/estado.json' }, res: { statusCode: 401 }, responseTime: 3.2 }), 'GET /sincronizar/estado.json → 401 (3 ms)');
  t.equal(formatMessage({ msg: 'migrations applied' }), 'migrations applied');
});
