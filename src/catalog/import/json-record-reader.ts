// Reads an import file as a stream of records without holding it in memory (ADR 0004):
// NDJSON (one value per line), a JSON array of records, or an envelope object whose
// "brands" / "categories" / "genders" / "products" members are arrays. The format is told by the
// first non-blank character and, for "{", by whether the first line is a complete value.
import { scanJsonContainer, type ScanItem } from './json-container-scanner.js';

export type Section = 'products' | 'brands' | 'categories' | 'genders';
export const SECTIONS: readonly Section[] = ['products', 'brands', 'categories', 'genders'];
export type FileFormat = 'ndjson' | 'array' | 'envelope';

/**
 * Where a record sits: in a file its line (1-based) always, for arrays also its index (0-based) in
 * its list; records pulled from Centry's API have only section and index.
 */
export interface RecordPosition { line?: number; index?: number; section?: Section }

export type ReadItem =
  | { kind: 'format'; format: FileFormat }
  /** `section` is set inside an envelope; elsewhere the record's shape tells what it is. */
  | { kind: 'record'; value: unknown; at: RecordPosition; section?: Section }
  /** A record that is not valid JSON: reported and skipped, reading goes on. */
  | { kind: 'invalid'; reason: string; at: RecordPosition }
  /** The file cannot be read further (or at all, before the first record): reading stops. */
  | { kind: 'fatal'; reason: string; at: RecordPosition };

/** A record longer than this is refused: it bounds memory whatever the file holds. */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;

export async function* readJsonRecords(chunks: AsyncIterable<string>): AsyncGenerator<ReadItem> {
  const it = chunks[Symbol.asyncIterator]();
  // Peek until the first line is complete, to tell the format.
  let head = '';
  let eof = false;
  while (!head.includes('\n') && head.length <= MAX_RECORD_CHARS) {
    const next = await it.next();
    if (next.done) { eof = true; break; }
    head += next.value;
  }
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1); // a BOM from Windows editors
  const first = head.search(/\S/);
  const rest: AsyncIterable<string> = { [Symbol.asyncIterator]: () => prepend(head, eof ? null : it) };
  if (first < 0) {
    yield { kind: 'fatal', reason: 'the file is empty', at: { line: 1 } };
    return;
  }
  const c = head[first];
  if (c === '[') {
    yield { kind: 'format', format: 'array' };
    yield* mapScan(scanJsonContainer(rest, 'array', MAX_RECORD_CHARS));
    return;
  }
  if (c !== '{') {
    const line = head.slice(0, first).split('\n').length;
    yield { kind: 'fatal', reason: `not JSON: expected "[" or "{" at line ${line}, found ${JSON.stringify(head.slice(first, first + 20))}`, at: { line } };
    return;
  }
  const lineEnd = head.indexOf('\n', first);
  const firstLine = head.slice(first, lineEnd < 0 ? undefined : lineEnd);
  if (lineEnd < 0 && !eof) {
    yield { kind: 'fatal', reason: `the first line is longer than ${MAX_RECORD_CHARS} characters`, at: { line: 1 } };
    return;
  }
  if (opensMoreThanItCloses(firstLine)) {
    yield { kind: 'format', format: 'envelope' };
    yield* mapScan(scanJsonContainer(rest, 'envelope', MAX_RECORD_CHARS));
    return;
  }
  yield { kind: 'format', format: 'ndjson' };
  yield* readNdjson(rest);
}

async function* mapScan(items: AsyncGenerator<ScanItem>): AsyncGenerator<ReadItem> {
  for await (const s of items) {
    if (s.kind === 'value') {
      const at: RecordPosition = { line: s.line, index: s.index, ...(s.section ? { section: s.section as Section } : {}) };
      try {
        yield { kind: 'record', value: JSON.parse(s.text), at, ...(s.section ? { section: s.section as Section } : {}) };
      } catch (e) {
        yield { kind: 'invalid', reason: `no es JSON válido (${(e as Error).message})`, at };
      }
    } else {
      yield { kind: 'fatal', reason: s.reason, at: { line: s.line } };
    }
  }
}

async function* readNdjson(chunks: AsyncIterable<string>): AsyncGenerator<ReadItem> {
  let line = 0;
  let carry = '';
  const parse = (text: string): ReadItem | null => {
    line += 1;
    const t = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (t.trim() === '') return null;
    try {
      return { kind: 'record', value: JSON.parse(t), at: { line } };
    } catch (e) {
      return { kind: 'invalid', reason: `no es JSON válido (${(e as Error).message})`, at: { line } };
    }
  };
  for await (const chunk of chunks) {
    const s = carry + chunk;
    let start = 0;
    for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', start)) {
      const item = parse(s.slice(start, nl));
      if (item) yield item;
      start = nl + 1;
    }
    carry = s.slice(start);
    if (carry.length > MAX_RECORD_CHARS) {
      yield { kind: 'fatal', reason: `line ${line + 1} is longer than ${MAX_RECORD_CHARS} characters`, at: { line: line + 1 } };
      return;
    }
  }
  const item = parse(carry);
  if (item) yield item;
}

/** True when a line leaves brackets open: a pretty-printed object, not one NDJSON record. */
function opensMoreThanItCloses(line: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return depth > 0;
}

async function* prepend(head: string, rest: AsyncIterator<string> | null): AsyncGenerator<string> {
  if (head) yield head;
  if (!rest) return;
  for (let n = await rest.next(); !n.done; n = await rest.next()) yield n.value;
}
