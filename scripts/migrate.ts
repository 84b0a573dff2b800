// `npm run migrate` (release phase): applies pending migrations and exits. `-- --down` rolls all back.
import { ConfigError, parseEnv } from '../src/config.js';
import { createDb, migrateLatest, migrateRollbackAll } from '../src/db/knex.js';
import { startLocalDatabase } from '../src/local/local-stack.js';

try {
  const env = parseEnv(process.env);
  let url = env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const pg = await startLocalDatabase(env.DATA_DIR);
    url = pg.url;
    stop = pg.stop;
  }
  const db = createDb(url, 2);
  try {
    if (process.argv.includes('--down')) {
      await migrateRollbackAll(db);
      process.stdout.write('rolled back every migration\n');
    } else {
      const applied = await migrateLatest(db);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
    }
  } finally {
    await db.destroy();
    await stop();
  }
} catch (e) {
  process.stderr.write(`${e instanceof ConfigError ? e.message : (e as Error).stack}\n`);
  process.exit(1);
}
