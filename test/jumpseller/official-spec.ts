// Jumpseller's official OpenAPI specification, read by path from ../shared/jumpseller (never copied
// into the project), compiled with Ajv, and patched in memory ONLY for the live deviations listed in
// ../shared/jumpseller/API-NOTES.md. Used by the sandbox contract tests.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

const DIR = path.resolve(import.meta.dirname, '../../../shared/jumpseller');
export const SPEC_FILES = { full: path.join(DIR, 'openapi.json'), light: path.join(DIR, 'openapi-light.json') };

/** Why the contract tests cannot run, or null when both spec files are present. */
export function missingSpec(): string | null {
  const absent = Object.values(SPEC_FILES).filter((f) => !existsSync(f));
  return absent.length ? `official Jumpseller spec not found (${absent.join(', ')}): contract tests skipped` : null;
}

type Json = Record<string, unknown>;

/**
 * Ajv compiles the whole document, and a few unrelated schemas (digital products, orders) and every
 * requestBody carry a boolean `required`, which is not JSON Schema. Drop only those, in a copy.
 */
function withoutBooleanRequired<T>(doc: T): T {
  const copy = structuredClone(doc);
  const walk = (o: unknown) => {
    if (!o || typeof o !== 'object') return;
    const r = o as Json;
    if ('required' in r && !Array.isArray(r.required)) delete r.required;
    for (const v of Object.values(r)) walk(v);
  };
  walk(copy);
  return copy;
}

/**
 * The documented live deviations, applied to every response schema (components and inline ones):
 * nulls where the spec declares none ("responses carry nulls"), and `discount` as a numeric string
 * ("discount": "0.0"). Nothing else is relaxed.
 */
function patchedForResponses(spec: Json): Json {
  const copy = structuredClone(spec);
  const relax = (schema: unknown): void => {
    if (!schema || typeof schema !== 'object') return;
    const s = schema as Json;
    const props = s.properties as Record<string, Json> | undefined;
    for (const [name, p] of Object.entries(props ?? {})) {
      if (name === 'discount' && p.type === 'number') props![name] = { anyOf: [{ type: 'number' }, { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' }, { type: 'null' }] };
      else if (typeof p.type === 'string') p.nullable = true;
      else if (typeof p.$ref === 'string') props![name] = { anyOf: [{ $ref: p.$ref }, { type: 'null' }] };
    }
    for (const v of Object.values(s)) if (v && typeof v === 'object') relax(v);
  };
  relax((copy.components as Json | undefined)?.schemas);
  for (const item of Object.values((copy.paths as Record<string, Json>) ?? {})) {
    for (const op of Object.values(item)) relax((op as Json | undefined)?.responses);
  }
  return copy;
}

export interface OfficialSpec {
  /** Validator for a response body of `method path` with `status` (JSON pointer into the patched spec). */
  response(which: 'full' | 'light', method: string, specPath: string, status: string): ValidateFunction | null;
  /** Validator for the request body of `method path` in the UNPATCHED spec (what the spec itself rejects). */
  request(method: string, specPath: string): ValidateFunction;
  /**
   * The same, with the one documented deviation of request bodies (API-NOTES "update (partial
   * bodies are fine, despite the spec's `required`)"): ProductEditFields without `required`.
   */
  partialUpdate(method: string, specPath: string): ValidateFunction;
  /** Validator for a named component schema of the patched full spec. */
  component(name: string): ValidateFunction;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export function loadOfficialSpec(): OfficialSpec {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const read = (f: string) => withoutBooleanRequired(JSON.parse(readFileSync(f, 'utf8')) as Json);
  const raw = { full: read(SPEC_FILES.full), light: read(SPEC_FILES.light) };
  ajv.addSchema(patchedForResponses(raw.full), 'full');
  ajv.addSchema(patchedForResponses(raw.light), 'light');
  ajv.addSchema(raw.full, 'full-request');
  const partial = structuredClone(raw.full);
  delete ((partial.components as Json).schemas as Record<string, Json>).ProductEditFields!.required;
  ajv.addSchema(partial, 'full-request-partial');
  const has = (doc: Json, ...parts: string[]) => parts.reduce<unknown>((o, k) => (o as Json | undefined)?.[k], doc) !== undefined;
  return {
    response(which, method, specPath, status) {
      const parts = ['paths', specPath, method, 'responses', status, 'content', 'application/json', 'schema'];
      return has(raw[which], ...parts) ? ajv.getSchema(`${which}#/${pointer(...parts)}`)! : null;
    },
    request(method, specPath) {
      return ajv.getSchema(`full-request#/${pointer('paths', specPath, method, 'requestBody', 'content', 'application/json', 'schema')}`)!;
    },
    partialUpdate(method, specPath) {
      return ajv.getSchema(`full-request-partial#/${pointer('paths', specPath, method, 'requestBody', 'content', 'application/json', 'schema')}`)!;
    },
    component(name) {
      return ajv.getSchema(`full#/components/schemas/${name}`)!;
    },
  };
}
