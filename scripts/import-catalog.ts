// `npm run import-catalog -- --company <id> FILE` imports a Centry-shaped JSON / NDJSON catalog file
// (ADR 0004) and prints the report. The database is --database-url, else DATABASE_URL, else (local
// mode) the embedded PostgreSQL under DATA_DIR — the running one of `npm start` when there is one.
import { parseArgs } from 'node:util';
import { ConfigError } from '../src/config.js';
import { openCliDatabase } from '../src/local/cli-database.js';
import { createCatalogRepository } from '../src/catalog/catalog-repository.js';
import { createCatalogSourceRepository } from '../src/catalog/catalog-source-repository.js';
import { importCatalogFile, type ImportReport } from '../src/catalog/import.js';

const USAGE = 'usage: npm run import-catalog -- --company <id> [--currency CLP] [--batch-size 500] [--database-url URL] [--json] FILE';

function printReport(r: ImportReport): void {
  const refs = r.references;
  const lines = [
    `format: ${r.format}`,
    `products: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged; records rejected: ${r.rejected}`,
    `references: brands +${refs.brands.created}/~${refs.brands.updated}, categories +${refs.categories.created}/~${refs.categories.updated}, genders +${refs.genders.created}/~${refs.genders.updated}`,
    ...r.rejections.map((x) => `  rejected ${x.at.section ? `${x.at.section}[${x.at.index}] ` : x.at.index !== undefined ? `[${x.at.index}] ` : ''}line ${x.at.line}${x.id ? ` (${x.id})` : ''}: ${x.reason}`),
    ...(r.rejectionsNotListed ? [`  … and ${r.rejectionsNotListed} more rejected`] : []),
    ...(r.stoppedAt ? [`stopped at line ${r.stoppedAt.at.line}: ${r.stoppedAt.reason} (records before it were kept)`] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      company: { type: 'string' }, currency: { type: 'string', default: 'CLP' }, 'batch-size': { type: 'string' },
      'database-url': { type: 'string' }, json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const companyId = Number(values.company);
  const file = positionals[0];
  if (!Number.isSafeInteger(companyId) || companyId <= 0 || !file || positionals.length > 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const { db, close } = await openCliDatabase({ databaseUrl: values['database-url'] });
  try {
    if (!(await db('companies').where({ id: companyId }).first())) {
      process.stderr.write(`company ${companyId} does not exist\n`);
      return 1;
    }
    const started = Date.now();
    const result = await importCatalogFile({ catalog: createCatalogRepository(db) }, file, {
      companyId, currency: values.currency, batchSize: values['batch-size'] ? Number(values['batch-size']) : undefined,
    });
    if (!result.ok) {
      process.stderr.write(`${file} was not imported (nothing changed): ${result.message}\n`);
      return 1;
    }
    await createCatalogSourceRepository(db).recordImport(companyId, 'import', result.report);
    if (values.json) process.stdout.write(`${JSON.stringify(result.report, null, 2)}\n`);
    else printReport(result.report);
    process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return result.report.stoppedAt ? 1 : 0;
  } finally {
    await close();
  }
}

main().then((code) => process.exit(code), (e: unknown) => {
  process.stderr.write(`${e instanceof ConfigError ? e.message : (e as Error).stack}\n`);
  process.exit(1);
});
