// `npm run import-catalog -- --company <id> FILE` imports a Centry-shaped JSON / NDJSON catalog file
// (ADR 0004) and prints the report. The database is --database-url, else DATABASE_URL, else (local
// mode) the embedded PostgreSQL under DATA_DIR — the running one of `npm start` when there is one.
import { parseArgs } from 'node:util';
import { ConfigError } from '../src/config.js';
import { openCliDatabase } from '../src/local/cli-database.js';
import { composeServices } from '../src/composition.js';
import { companyId as companyIdOf } from '../src/company/model.js';
import { createReadStream } from 'node:fs';
import type { ImportReport } from '../src/catalog/import/import.js';
import { IMPORT_MODES, importCatalogFileAs, type ImportMode } from '../src/catalog/import/catalog-file-import.js';

const USAGE = 'usage: npm run import-catalog -- --company <id> [--mode replace|add] [--switch-from-centry] [--currency CLP] [--batch-size 500] [--database-url URL] [--json] FILE';

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
      mode: { type: 'string', default: 'replace' }, 'switch-from-centry': { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const companyId = Number(values.company);
  const file = positionals[0];
  const mode = values.mode as ImportMode;
  if (!Number.isSafeInteger(companyId) || companyId <= 0 || !file || positionals.length > 1 || !IMPORT_MODES.includes(mode)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const { config, db, close } = await openCliDatabase({ databaseUrl: values['database-url'] });
  const services = composeServices(config, db);
  try {
    if (!(await services.companies.findCompany(companyIdOf(companyId)))) {
      process.stderr.write(`company ${companyId} does not exist\n`);
      return 1;
    }
    const started = Date.now();
    const { sources } = services;
    const result = await importCatalogFileAs(
      { catalog: services.catalog, replacer: services.replacer, sources },
      createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 }),
      {
        companyId, currency: values.currency, batchSize: values['batch-size'] ? Number(values['batch-size']) : undefined,
        mode, switchFromCentry: values['switch-from-centry'],
      },
    );
    if (!result.ok) {
      const why = result.error === 'INCOMPLETE'
        ? `it stopped at line ${result.report.stoppedAt!.at.line}: ${result.report.stoppedAt!.reason}, and a replacement needs the whole file`
        : result.error === 'CENTRY_SOURCE' ? 'the company\'s catalog comes from Centry (pass --switch-from-centry to replace it with this file)'
          : result.error === 'NO_PRODUCTS' ? `none of its ${result.report.rejected} records is a Centry product, so it would have emptied the catalog`
            : result.message;
      process.stderr.write(`${file} was not imported (nothing changed): ${why}\n`);
      return 1;
    }
    await sources.recordImport(companyId, 'import', result.report);
    if (result.replacement) {
      const r = result.replacement.removed;
      process.stdout.write(`replaced the catalog: ${r.products} products, ${r.brands} brands, ${r.categories} categories, ${r.genders} genders left it\n`);
    }
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
