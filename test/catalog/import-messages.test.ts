// What the merchant reads about an uploaded file: told apart by its first bytes, in Spanish, with
// what to do; the parser's reason kept apart as technical detail.
import t from 'tap';
import { checkUpload, notJsonProblem, readProblem, sniffBinary, storeProblem, wrongShapeProblem } from '../../src/catalog/import/import-messages.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (s: string) => new TextEncoder().encode(s);

t.test('first bytes tell what a file is', async (t) => {
  const cases: [string, Uint8Array, string | undefined][] = [
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'una imagen PNG'],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0), 'una imagen JPEG'],
    ['GIF', text('GIF89a'), 'una imagen GIF'],
    ['WebP', text('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '), 'una imagen WebP'],
    ['PDF', text('%PDF-1.7'), 'un documento PDF'],
    ['ZIP / xlsx', bytes(0x50, 0x4b, 0x03, 0x04), 'un archivo comprimido ZIP (o una planilla Excel .xlsx)'],
    ['gzip', bytes(0x1f, 0x8b, 8), 'un archivo comprimido .gz'],
    ['xls', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1), 'una planilla Excel antigua (.xls) o un documento de Office'],
    ['UTF-16', bytes(0xff, 0xfe, 0x5b, 0x00), 'un texto en UTF-16 (guárdalo como UTF-8)'],
    ['other binary', bytes(0x01, 0x02, 0x00, 0x03), 'un archivo binario'],
    ['JSON', text('[{"name":"x"}]'), undefined],
    ['NDJSON with a BOM', text('\uFEFF{"name":"x"}\n'), undefined],
    ['CSV', text('sku;name\n1;x\n'), undefined],
  ];
  for (const [name, head, want] of cases) t.equal(sniffBinary(head), want, name);
});

t.test('checkUpload: an empty file or a binary one is refused before importing', async (t) => {
  t.same(checkUpload(bytes(), 0), { message: 'El archivo está vacío. Sube un archivo .json o .ndjson con productos de Centry.', detail: null });
  t.same(checkUpload(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 2048), {
    message: 'El archivo no es JSON: parece una imagen PNG. Sube un archivo .json o .ndjson con productos de Centry.',
    detail: 'primeros bytes: 89 50 4e 47 0d 0a 1a 0a',
  });
  t.equal(checkUpload(text('{"name":"x"}'), 12), null, 'text goes on to the importer');
});

t.test('text that is not JSON: what it looks like, the parser reason as detail', async (t) => {
  const cases: [string, string][] = [
    ['sku;name\n1;x\n', 'El archivo no es JSON: parece una planilla CSV. Sube un archivo .json o .ndjson con productos de Centry.'],
    ['sku,name\n1,x\n', 'El archivo no es JSON: parece una planilla CSV.'],
    ['<html><body>', 'El archivo no es JSON: parece una página HTML o un XML.'],
    ['hola mundo', 'El archivo no es JSON: su contenido no es JSON.'],
    ['   \n\n', 'El archivo está vacío.'],
  ];
  for (const [head, want] of cases) {
    const p = notJsonProblem(head, 'not JSON: expected "[" or "{" at line 1');
    t.match(p.message, want, JSON.stringify(head));
    t.equal(p.detail, 'not JSON: expected "[" or "{" at line 1');
  }
  t.match(wrongShapeProblem(3).message, /^Ningún registro del archivo es un producto de Centry \(3 rechazados\)/);
});

t.test('stored in one column and read back', async (t) => {
  const p = { message: 'El archivo no es JSON: parece una imagen PNG.', detail: 'primeros bytes: 89 50' };
  t.same(readProblem(storeProblem(p)), p);
  t.same(readProblem('un error de antes'), { message: 'un error de antes', detail: null }, 'rows written before have no detail');
});
