// Request validation of the API stand-in: Ajv over request-schemas.ts, errors shaped like a Rails
// app's 422 (`{"message", "errors": {"<attribute>": ["<problem>"]}}`), plus the list parameters
// (`limit` ≤ 100, `page` ≥ 1: API-NOTES "Pagination").
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

export type FieldErrors = Record<string, string[]>;

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

function attribute(e: ErrorObject): string {
  const parts = e.instancePath.split('/').filter(Boolean).slice(1); // drop the wrapper ("product")
  if (e.keyword === 'additionalProperties') parts.push(String(e.params.additionalProperty));
  if (e.keyword === 'required') parts.push(String(e.params.missingProperty));
  return parts.join('.') || 'base';
}

function problem(e: ErrorObject): string {
  switch (e.keyword) {
    case 'required': return "can't be blank";
    case 'additionalProperties': return 'is not a known attribute';
    case 'enum': return `is not included in the list (${(e.params.allowedValues as unknown[]).join(', ')})`;
    case 'type': return `must be ${String(e.params.type).replace(',', ' or ')}`;
    default: return e.message ?? 'is invalid';
  }
}

/** Field errors, or null when `body` satisfies `schema`. */
export function validateBody(schema: object, body: unknown): FieldErrors | null {
  let fn = compiled.get(schema);
  if (!fn) compiled.set(schema, (fn = ajv.compile(schema)));
  if (fn(body)) return null;
  const errors: FieldErrors = {};
  for (const e of fn.errors ?? []) (errors[attribute(e)] ??= []).push(problem(e));
  return errors;
}

export function addError(errors: FieldErrors, field: string, message: string): FieldErrors {
  (errors[field] ??= []).push(message);
  return errors;
}

export interface ListParams { limit: number; page: number }

/** `limit` (default 50, 1…100) and `page` (default 1, ≥ 1), as integers. */
export function listParams(query: Record<string, string | undefined>): { ok: true; params: ListParams } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const read = (name: 'limit' | 'page', fallback: number, max: number): number => {
    const raw = query[name];
    if (raw === undefined || raw === '') return fallback;
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > max) addError(errors, name, `must be an integer from 1 to ${max}`);
    return n;
  };
  const params = { limit: read('limit', 50, 100), page: read('page', 1, 1_000_000) };
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, params };
}

export function pageOf<T>(items: T[], { limit, page }: ListParams): T[] {
  return items.slice((page - 1) * limit, page * limit);
}
