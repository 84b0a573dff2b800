// The embedded PostgreSQL of `npm start` (SPEC §8): its cluster and port are remembered in
// DATA_DIR/postgres.json, so the next start (or a CLI tool) finds the same database, and two
// checkouts with their own DATA_DIR run side by side — each on a port free when it first started.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded-postgres.js';

export interface LocalDatabaseRecord {
  /** The port it last listened on (kept while it stays free). */
  port: number;
  /** Where the cluster is: DATA_DIR/postgres, or its stand-in under /var/tmp as root (ADR 0014). */
  dataDir: string;
}

const recordFile = (dataDir: string) => path.join(dataDir, 'postgres.json');

export async function readLocalDatabaseRecord(dataDir: string): Promise<LocalDatabaseRecord | undefined> {
  try {
    const r = JSON.parse(await readFile(recordFile(dataDir), 'utf8')) as Partial<LocalDatabaseRecord>;
    return typeof r.port === 'number' && typeof r.dataDir === 'string' ? { port: r.port, dataDir: r.dataDir } : undefined;
  } catch {
    return undefined;
  }
}

async function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export async function startLocalDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  const record = await readLocalDatabaseRecord(dataDir);
  const cluster = record && existsSync(path.join(record.dataDir, 'PG_VERSION')) ? record.dataDir : path.join(dataDir, 'postgres');
  const port = record && await isFree(record.port) ? record.port : undefined;
  const db = await startEmbeddedPostgres({ dataDir: cluster, port });
  await mkdir(dataDir, { recursive: true });
  await writeFile(recordFile(dataDir), `${JSON.stringify({ port: db.port, dataDir: db.dataDir } satisfies LocalDatabaseRecord, null, 2)}\n`);
  return db;
}
