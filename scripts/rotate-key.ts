// `node --import tsx scripts/rotate-key.ts`: re-encrypts every stored token with the first key of
// ENCRYPTION_KEY. Run after prepending a new key; remove the old key only after this succeeds.
import { ConfigError, parseEnv, productionConfig, type ProductionEnv } from '../src/config.js';
import { createDb } from '../src/db/knex.js';
import { createTokenCipher } from '../src/security/token-crypto.js';
import { rotateEncryptedColumns } from '../src/security/rotate-keys.js';
import { createEncryptedColumnsRepository } from '../src/db/encrypted-columns-repository.js';

try {
  const env = parseEnv(process.env);
  if (env.APP_MODE !== 'production') throw new Error('rotate-key runs against a configured database (APP_MODE=production with DATABASE_URL and ENCRYPTION_KEY)');
  const config = productionConfig(env as ProductionEnv);
  const db = createDb(config.databaseUrl!, 2);
  try {
    for (const r of await rotateEncryptedColumns(createEncryptedColumnsRepository(db), createTokenCipher(config.encryptionKeys))) {
      process.stdout.write(`${r.table}: ${r.rowsRewritten} rows re-encrypted with key "${config.encryptionKeys[0]!.id}"\n`);
    }
  } finally {
    await db.destroy();
  }
} catch (e) {
  process.stderr.write(`${e instanceof ConfigError ? e.message : (e as Error).message}\n`);
  process.exit(1);
}
