import t from 'tap';
import { ConfigError, parseEnv, productionConfig, type ProductionEnv } from '../src/config.js';

const KEY = Buffer.alloc(32, 7).toString('base64');
const PRODUCTION = {
  APP_MODE: 'production', APP_URL: 'https://centry-js.example.com', DATABASE_URL: 'postgres://u:p@db:5432/app',
  JUMPSELLER_CLIENT_ID: 'id', JUMPSELLER_CLIENT_SECRET: 'secret', ENCRYPTION_KEY: `k1:${KEY}`, SESSION_SECRET: 'x'.repeat(32),
};

function problems(env: Record<string, string>): string[] {
  try {
    parseEnv(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

t.test('no configuration at all is local mode', async (t) => {
  const env = parseEnv({});
  t.equal(env.APP_MODE, 'local');
  t.equal(env.PORT, 3000);
  t.equal(env.JUMPSELLER_API_URL, 'https://api.jumpseller.com/v1');
  t.equal(env.JUMPSELLER_ACCOUNTS_URL, 'https://accounts.jumpseller.com');
});

t.test('a complete production environment parses into a typed config', async (t) => {
  const config = productionConfig(parseEnv(PRODUCTION) as ProductionEnv);
  t.equal(config.mode, 'production');
  t.equal(config.appUrl, 'https://centry-js.example.com');
  t.equal(config.host, '0.0.0.0');
  t.same(config.roles, ['web', 'worker', 'scheduler']);
  t.equal(config.encryptionKeys[0]!.id, 'k1');
  t.equal(config.encryptionKeys[0]!.key.length, 32);
  t.same(config.jumpseller.adminOrigins, ['https://*.jumpseller.com']);
});

t.test('JUMPSELLER_CLIENT_ID alone implies production mode, which names what is missing', async (t) => {
  const p = problems({ JUMPSELLER_CLIENT_ID: 'id' });
  for (const name of ['APP_URL', 'DATABASE_URL', 'JUMPSELLER_CLIENT_SECRET', 'ENCRYPTION_KEY', 'SESSION_SECRET']) {
    t.ok(p.some((x) => x.startsWith(`${name}: is required`)), `${name} named as required`);
  }
});

const malformed: [string, Record<string, string>, RegExp][] = [
  ['APP_MODE', { APP_MODE: 'staging' }, /^APP_MODE: must be "local" or "production"/],
  ['PORT', { ...PRODUCTION, PORT: 'eighty' }, /^PORT:/],
  ['PORT range', { ...PRODUCTION, PORT: '70000' }, /^PORT:/],
  ['APP_URL', { ...PRODUCTION, APP_URL: 'not a url' }, /^APP_URL:/],
  ['DATABASE_URL', { ...PRODUCTION, DATABASE_URL: 'mysql://x' }, /^DATABASE_URL: must be a postgres:\/\/ URL/],
  ['ENCRYPTION_KEY short', { ...PRODUCTION, ENCRYPTION_KEY: `k1:${Buffer.alloc(16).toString('base64')}` }, /^ENCRYPTION_KEY: each entry must be/],
  ['ENCRYPTION_KEY no id', { ...PRODUCTION, ENCRYPTION_KEY: KEY }, /^ENCRYPTION_KEY:/],
  ['SESSION_SECRET', { ...PRODUCTION, SESSION_SECRET: 'short' }, /^SESSION_SECRET: must be at least 32 characters/],
  ['ROLES', { ...PRODUCTION, ROLES: 'web,cron' }, /^ROLES: roles are web, worker, scheduler/],
  ['LOG_LEVEL', { ...PRODUCTION, LOG_LEVEL: 'loud' }, /^LOG_LEVEL:/],
  ['JUMPSELLER_API_URL', { ...PRODUCTION, JUMPSELLER_API_URL: 'ftp//x' }, /^JUMPSELLER_API_URL:/],
  ['CENTRY secret', { ...PRODUCTION, CENTRY_CLIENT_ID: 'c' }, /^CENTRY_CLIENT_SECRET: is required when CENTRY_CLIENT_ID is set/],
  ['local DEMO_CATALOG_SIZE', { DEMO_CATALOG_SIZE: '-1' }, /^DEMO_CATALOG_SIZE:/],
];
for (const [name, env, pattern] of malformed) {
  t.test(`malformed ${name} stops with a message naming it`, async (t) => {
    const p = problems(env);
    t.ok(p.some((x) => pattern.test(x)), p.join(' | '));
  });
}

t.test('rotation: several keys, the first one encrypts', async (t) => {
  const other = Buffer.alloc(32, 9).toString('base64');
  const config = productionConfig(parseEnv({ ...PRODUCTION, ENCRYPTION_KEY: `k2:${other}, k1:${KEY}` }) as ProductionEnv);
  t.same(config.encryptionKeys.map((k) => k.id), ['k2', 'k1']);
});

t.test('the server exits with the message when configuration is bad', async (t) => {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { PATH: process.env.PATH, JUMPSELLER_CLIENT_ID: 'id' }, encoding: 'utf8', timeout: 30_000,
  });
  t.equal(r.status, 1);
  t.match(r.stderr, 'Invalid configuration');
  t.match(r.stderr, 'DATABASE_URL: is required');
});
