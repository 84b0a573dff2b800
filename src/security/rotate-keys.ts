// Key rotation for tokens at rest: prepend a new key to ENCRYPTION_KEY, run this (scripts/rotate-key.ts),
// then drop the old key. Every ciphertext not written with the current key is re-encrypted, row by
// row under the repository's lock, so a concurrent token refresh is never overwritten with a stale value.
import type { EncryptedColumnsRepository } from '../db/encrypted-columns-repository.js';
import type { TokenCipher } from './token-crypto.js';

export interface RotationReport { table: string; rowsRewritten: number }

/** The columns of one row that were not written with the current key, re-encrypted with it. Pure. */
export function reencrypted(row: Record<string, string | null | undefined>, cipher: TokenCipher): Record<string, string> {
  const changes: Record<string, string> = {};
  for (const [column, value] of Object.entries(row)) {
    if (value && cipher.keyIdOf(value) !== cipher.currentKeyId) changes[column] = cipher.encrypt(cipher.decrypt(value));
  }
  return changes;
}

export async function rotateEncryptedColumns(repo: EncryptedColumnsRepository, cipher: TokenCipher): Promise<RotationReport[]> {
  const report: RotationReport[] = [];
  for (const table of await repo.tables()) {
    let rowsRewritten = 0;
    for (const id of await repo.rowIds(table)) {
      if (await repo.updateRow(table, id, (row) => reencrypted(row, cipher))) rowsRewritten++;
    }
    report.push({ table, rowsRewritten });
  }
  return report;
}
