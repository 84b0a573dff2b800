// What the merchant is told about an uploaded catalog file (SPEC §3: in Spanish, saying what is
// wrong and what to do — never a parser's English or the file's bytes). Pure: the first bytes of
// the file tell an image, a PDF, a spreadsheet (ZIP) or an empty file apart before any parsing; the
// importer's own reason (technical, English) is kept as the "Detalle técnico" shown collapsed.

const WHAT_TO_DO = 'Sube un archivo .json o .ndjson con productos de Centry.';

export interface ImportProblem {
  /** Spanish: what is wrong and what to do. */
  message: string;
  /** Technical detail (the parser's reason), shown collapsed; null when there is none. */
  detail: string | null;
}

const SIGNATURES: { bytes: number[]; offset?: number; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'una imagen PNG' },
  { bytes: [0xff, 0xd8, 0xff], what: 'una imagen JPEG' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'una imagen GIF' },
  { bytes: [0x57, 0x45, 0x42, 0x50], offset: 8, what: 'una imagen WebP' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'un documento PDF' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'un archivo comprimido ZIP (o una planilla Excel .xlsx)' },
  { bytes: [0x1f, 0x8b], what: 'un archivo comprimido .gz' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'una planilla Excel antigua (.xls) o un documento de Office' },
];

/** What the first bytes say the file is, when they say it is not text (undefined: looks like text). */
export function sniffBinary(head: Uint8Array): string | undefined {
  for (const s of SIGNATURES) {
    const at = s.offset ?? 0;
    if (head.length >= at + s.bytes.length && s.bytes.every((b, i) => head[at + i] === b)) return s.what;
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 'un texto en UTF-16 (guárdalo como UTF-8)';
  if (head.subarray(0, 512).includes(0)) return 'un archivo binario';
  return undefined;
}

/** A refusal decided from the file's size and first bytes, before importing; null to go on. */
export function checkUpload(head: Uint8Array, size: number): ImportProblem | null {
  if (size === 0) return { message: `El archivo está vacío. ${WHAT_TO_DO}`, detail: null };
  const kind = sniffBinary(head);
  if (kind) return { message: `El archivo no es JSON: parece ${kind}. ${WHAT_TO_DO}`, detail: `primeros bytes: ${hex(head.subarray(0, 8))}` };
  return null;
}

/** The importer found no JSON record: say what the text looks like instead. */
export function notJsonProblem(firstText: string, reason: string): ImportProblem {
  const t = firstText.replace(/^\uFEFF/, '').trimStart();
  const looksLike = t === '' ? 'está vacío o solo tiene espacios'
    : t.startsWith('<') ? 'parece una página HTML o un XML'
      : /^[^\n{}[\]]*[;,\t][^\n{}[\]]*\n/.test(t) ? 'parece una planilla CSV'
        : 'su contenido no es JSON';
  const message = t === '' ? `El archivo está vacío. ${WHAT_TO_DO}` : `El archivo no es JSON: ${looksLike}. ${WHAT_TO_DO}`;
  return { message, detail: reason };
}

/** No record at all had the shape of a Centry product (JSON, but something else). */
export function wrongShapeProblem(rejected: number): ImportProblem {
  return {
    message: `Ningún registro del archivo es un producto de Centry (${rejected} rechazados). Revisa que cada registro tenga el formato de la API de productos de Centry (name, sku, price_compare…) y vuelve a subirlo.`,
    detail: null,
  };
}

// The import state keeps one text column (catalog_sources.import_error): the message, then the
// detail on the lines after the first. Rows written before have no detail.
export const storeProblem = (p: ImportProblem) => (p.detail ? `${p.message}\n${p.detail}` : p.message);
export function readProblem(stored: string): ImportProblem {
  const nl = stored.indexOf('\n');
  return nl < 0 ? { message: stored, detail: null } : { message: stored.slice(0, nl), detail: stored.slice(nl + 1) };
}

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');

/** Where in the file a record is, as the merchant reads it: "línea 7, registro 3". */
export function describePosition(at: { line?: number; index?: number; section?: string }): string {
  const parts: string[] = [];
  if (at.line) parts.push(`línea ${at.line}`);
  if (at.section && at.section !== 'products') parts.push(at.section);
  if (at.index !== undefined) parts.push(`registro ${at.index + 1}`); // counted from 1, like lines
  return parts.join(', ');
}
