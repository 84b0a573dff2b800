// The upload use case's decisions before any import (src/catalog/import/catalog-upload-import.ts): what the
// merchant may not do now is refused with its message and nothing recorded; a file that is not a
// catalog is recorded as the import's problem; the temporary file is discarded either way. The
// import itself, end to end, is covered through the route (test/web/catalog-*.test.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { startCatalogUpload, type CatalogUpload, type UploadImportDeps } from '../../src/catalog/import/catalog-upload-import.js';

async function harness(t: { teardown(fn: () => unknown): void }, content: string | Buffer, source: 'centry' | 'import' | null) {
  const dir = await mkdtemp(path.join(tmpdir(), 'upload-import-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'catalogo.ndjson');
  await writeFile(file, content);
  const recorded: unknown[] = [];
  let discarded = 0;
  const deps = {
    sources: {
      get: async () => (source ? { kind: source } : undefined),
      startImport: async () => { recorded.push('start'); },
      finishImport: async (_c: number, outcome: unknown) => { recorded.push(outcome); },
      switchToImport: async () => { throw new Error('not in these cases'); },
    },
    catalog: {}, replacer: {},
  } as unknown as UploadImportDeps;
  const upload = (over: Partial<CatalogUpload> = {}): CatalogUpload => ({
    companyId: 1, file, discard: async () => { discarded++; }, truncated: false, mode: 'replace', switchFromCentry: false, confirmed: false, ...over,
  });
  return { deps, upload, recorded, discarded: () => discarded };
}

const REFUSED: { name: string; source: 'centry' | null; upload: Partial<CatalogUpload>; message: RegExp }[] = [
  { name: 'Centry is the source and the merchant did not switch', source: 'centry', upload: {}, message: /El catálogo viene de Centry: no se importó el archivo/ },
  { name: 'switching from Centry without the confirmation', source: 'centry', upload: { switchFromCentry: true }, message: /marca la confirmación/ },
  { name: 'a truncated file for a replacement', source: null, upload: { truncated: true }, message: /supera 512 MB y un reemplazo/ },
  { name: 'a truncated file to switch from Centry', source: 'centry', upload: { truncated: true, switchFromCentry: true, confirmed: true, mode: 'add' }, message: /supera 512 MB/ },
];

for (const c of REFUSED) {
  t.test(`refused: ${c.name}`, async (t) => {
    const h = await harness(t, '{"_id":"1"}\n', c.source);
    const r = await startCatalogUpload(h.deps, h.upload(c.upload));
    t.equal(r.outcome, 'refused');
    t.match((r as { message: string }).message, c.message);
    t.same(h.recorded, [], 'nothing recorded');
    t.equal(h.discarded(), 1, 'the temporary file is discarded');
  });
}

t.test('not a catalog (a PNG): recorded as the import\'s problem, the file discarded', async (t) => {
  const h = await harness(t, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'import');
  const r = await startCatalogUpload(h.deps, h.upload());
  t.equal(r.outcome, 'not_a_catalog');
  t.equal(h.recorded[0], 'start');
  t.match(h.recorded[1], { ok: false, error: /imagen|PNG/i });
  t.equal(h.discarded(), 1);
});

t.test('a truncated file may still be added (not a replacement): the import starts', async (t) => {
  const h = await harness(t, '{"_id":"1"}\n', 'import');
  const r = await startCatalogUpload(h.deps, h.upload({ truncated: true, mode: 'add' }));
  t.equal(r.outcome, 'importing');
  t.same(h.recorded, ['start'], 'recorded "en curso"');
  t.equal(h.discarded(), 0, 'the file stays for the import');
});
