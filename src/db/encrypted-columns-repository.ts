// Every column that holds a token encrypted at rest, read and rewritten row by row under a row lock
// (for key rotation: src/security/rotate-keys.ts). The one place that knows where ciphertexts live.
import type { Db } from './knex.js';

/** Every encrypted column, by table and primary key. */
export const ENCRYPTED_COLUMNS: { table: string; key: string; columns: string[] }[] = [
  { table: 'integrations', key: 'id', columns: ['access_token_enc', 'refresh_token_enc', 'hooks_token_enc'] },
  { table: 'catalog_sources', key: 'company_id', columns: ['centry_access_token_enc', 'centry_refresh_token_enc'] },
];

type RowId = string | number;
type EncryptedRow = Record<string, string | null | undefined>;

export interface EncryptedColumnsRepository {
  /** The tables with encrypted columns that exist in this database. */
  tables(): Promise<string[]>;
  rowIds(table: string): Promise<RowId[]>;
  /** Locks the row, hands its encrypted columns to `change`, writes what it returns; true when it wrote. */
  updateRow(table: string, id: RowId, change: (row: EncryptedRow) => Record<string, string>): Promise<boolean>;
}

export function createEncryptedColumnsRepository(db: Db): EncryptedColumnsRepository {
  const spec = (table: string) => ENCRYPTED_COLUMNS.find((c) => c.table === table)!;
  return {
    async tables() {
      const present: string[] = [];
      for (const { table } of ENCRYPTED_COLUMNS) if (await db.schema.hasTable(table)) present.push(table);
      return present;
    },
    async rowIds(table) {
      const { key } = spec(table);
      return (await db(table).select(key)).map((r: Record<string, RowId>) => r[key]!);
    },
    async updateRow(table, id, change) {
      const { key, columns } = spec(table);
      return db.transaction(async (tx) => {
        const row = (await tx(table).where(key, id).forUpdate().first(columns)) as EncryptedRow | undefined;
        if (!row) return false;
        const changes = change(row);
        if (!Object.keys(changes).length) return false;
        await tx(table).where(key, id).update(changes);
        return true;
      });
    },
  };
}
