// `npm run migrate` (release phase): applies pending migrations and exits. `-- --down` rolls all back.
import { ConfigError } from '../src/config.js';
import { migrateLatest, migrateRollbackAll } from '../src/db/knex.js';
import { openCliDatabase } from '../src/local/cli-database.js';

try {
  const { db, close } = await openCliDatabase({ migrate: false });
  try {
    if (process.argv.includes('--down')) {
      await migrateRollbackAll(db);
      process.stdout.write('rolled back every migration\n');
    } else {
      const applied = await migrateLatest(db);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
    }
  } finally {
    await close();
  }
} catch (e) {
  process.stderr.write(`${e instanceof ConfigError ? e.message : (e as Error).stack}\n`);
  process.exit(1);
}
