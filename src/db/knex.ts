// Knex wiring: one pool per process, migrations from ./migrations run under one runtime (tsx).
import path from 'node:path';
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';

// bigint (int8) and numeric come back as strings by default; our ids fit in JS numbers.
pg.types.setTypeParser(20, (v) => Number(v));

export type Db = Knex;
export type Tx = Knex.Transaction;

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export function createDb(url: string, poolMax = 10): Db {
  return knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: poolMax } });
}

interface Migration { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> }

/**
 * Migration names are recorded without extension, so the same database can be migrated from .ts
 * (tsx) or compiled .js without "migration directory is corrupt" (TOOLING.md).
 */
class MigrationSource implements Knex.MigrationSource<string> {
  async getMigrations(): Promise<string[]> {
    const files = await readdir(MIGRATIONS_DIR);
    return files.filter((f) => /^\d+.*\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).map((f) => f.replace(/\.(ts|js)$/, '')).sort();
  }
  getMigrationName(name: string): string {
    return name;
  }
  async getMigration(name: string): Promise<Migration> {
    const files = await readdir(MIGRATIONS_DIR);
    const file = files.find((f) => f === `${name}.ts` || f === `${name}.js`);
    if (!file) throw new Error(`migration ${name} not found`);
    return (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as Migration;
  }
}

export const migrationConfig: Knex.MigratorConfig = { migrationSource: new MigrationSource(), tableName: 'knex_migrations' };

export async function migrateLatest(db: Db): Promise<string[]> {
  const [, log] = (await db.migrate.latest(migrationConfig)) as [number, string[]];
  return log;
}

export async function migrateRollbackAll(db: Db): Promise<void> {
  await db.migrate.rollback(migrationConfig, true);
}
