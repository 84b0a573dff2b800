// Key rotation for tokens at rest: prepend a new key to ENCRYPTION_KEY, run this (scripts/rotate-key.ts),
// then drop the old key. Every ciphertext not written with the current key is re-encrypted, row by
// row under a lock, so a concurrent token refresh is never overwritten with a stale value.
import type { Db } from '../db/knex.js';
import type { TokenCipher } from './token-crypto.js';

/** Every encrypted column, by table and primary key. */
export const ENCRYPTED_COLUMNS: { table: string; key: string; columns: string[] }[] = [
  { table: 'integrations', key: 'id', columns: ['access_token_enc', 'refresh_token_enc', 'hooks_token_enc'] },
  { table: 'catalog_sources', key: 'company_id', columns: ['centry_access_token_enc', 'centry_refresh_token_enc'] },
];

export interface RotationReport { table: string; rowsRewritten: number }

export async function rotateEncryptedColumns(db: Db, cipher: TokenCipher): Promise<RotationReport[]> {
  const report: RotationReport[] = [];
  for (const { table, key, columns } of ENCRYPTED_COLUMNS) {
    if (!(await db.schema.hasTable(table))) continue;
    let rowsRewritten = 0;
    const ids = (await db(table).select(key)).map((r: Record<string, string | number>) => r[key]!);
    for (const id of ids) {
      await db.transaction(async (tx) => {
        const row = await tx(table).where(key, id).forUpdate().first(columns);
        const changes: Record<string, string> = {};
        for (const c of columns) {
          const value = row?.[c] as string | null | undefined;
          if (value && cipher.keyIdOf(value) !== cipher.currentKeyId) changes[c] = cipher.encrypt(cipher.decrypt(value));
        }
        if (Object.keys(changes).length) {
          await tx(table).where(key, id).update(changes);
          rowsRewritten++;
        }
      });
    }
    report.push({ table, rowsRewritten });
  }
  return report;
}
