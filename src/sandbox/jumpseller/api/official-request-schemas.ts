// The request bodies the API stand-in accepts, derived at runtime from Jumpseller's official
// specification (../shared/jumpseller/openapi.json, read by path, never copied into the project):
// each write schema exactly as written — a field typed `number` is a number, `null` only where the
// file says `nullable` — with the live deviations of ../shared/jumpseller/API-NOTES.md and nothing
// else (docs/adr/0011-clearing-values-and-the-official-schema.md):
//   - product updates are partial (the spec's `required` applies to creates only);
//   - `brand` is accepted on product writes (it is in responses; API-NOTES: "send it");
// and a few deliberate strictnesses, each a typo in the app that live would silently drop or refuse:
//   - unknown attributes are refused (`additionalProperties: false` at every level);
//   - the wrapper (`product`, `variant`, …) is required, and so are an image's `url`, a new
//     category's `name` and a product category's `id`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

type Json = Record<string, unknown>;
export type Schema = Json;

export interface RequestSchemas {
  productCreate: Schema;
  productUpdate: Schema;
  variant: Schema;
  image: Schema;
  categoryCreate: Schema;
  categoryUpdate: Schema;
  hook: Schema;
}

/** Where the official file lives: `../shared/jumpseller/openapi.json` beside the project. */
export const OFFICIAL_SPEC_FILE = path.resolve(import.meta.dirname, '../../../../../shared/jumpseller/openapi.json');

/**
 * One schema of the spec as plain JSON Schema: `$ref`s inlined, `nullable` turned into a `null`
 * type, documentation keywords (description, default, format, example) dropped, every object closed.
 */
export function normalize(schema: Json, components: Record<string, Json>, seen: readonly string[] = []): Schema {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (seen.includes(name)) throw new Error(`recursive schema ${name}`);
    const target = components[name];
    if (!target) throw new Error(`${schema.$ref} is not in the spec`);
    return normalize(target, components, [...seen, name]);
  }
  const type = schema.type as string | undefined;
  const out: Schema = {};
  if (type) out.type = schema.nullable === true ? [type, 'null'] : type;
  if (Array.isArray(schema.enum)) out.enum = [...schema.enum];
  if (type === 'array' && schema.items) out.items = normalize(schema.items as Json, components, seen);
  if (type === 'object' || schema.properties) {
    out.type ??= 'object';
    out.additionalProperties = false;
    const props = (schema.properties ?? {}) as Record<string, Json>;
    out.properties = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, normalize(v, components, seen)]));
    if (Array.isArray(schema.required) && schema.required.length > 0) out.required = [...schema.required];
  }
  return out;
}

const wrapper = (key: string, inner: Schema): Schema =>
  ({ type: 'object', additionalProperties: false, required: [key], properties: { [key]: inner } });

const requiring = (s: Schema, ...keys: string[]): Schema => ({ ...s, required: [...new Set([...((s.required as string[]) ?? []), ...keys])] });

const withoutRequired = (s: Schema): Schema => {
  const { required: _required, ...rest } = s;
  return rest;
};

const props = (s: Schema) => s.properties as Record<string, Schema>;

/** The sandbox's request schemas from the parsed official document (see the header for the deviations). */
export function deriveRequestSchemas(spec: Json): RequestSchemas {
  const components = (spec.components as { schemas: Record<string, Json> }).schemas;
  const of = (name: string) => normalize({ $ref: `#/components/schemas/${name}` }, components);

  const productWrite = (fields: string, partial: boolean): Schema => {
    const s = of(fields);
    const p = props(s);
    // API-NOTES "brand appears in product responses; the spec does not list it on writes (send it)".
    p.brand = { type: 'string' };
    // A category is linked by its id: without one there is nothing to link.
    const categories = p.categories as Schema;
    categories.items = requiring(categories.items as Schema, 'id');
    // Inline variants: wrapped on create (VariantEdit), unwrapped with ids on update (VariantFields).
    const variants = p.variants as Schema;
    if (!partial) variants.items = requiring(variants.items as Schema, 'variant');
    return wrapper('product', partial ? withoutRequired(s) : s);
  };

  return {
    productCreate: productWrite('ProductCreateFields', false),
    productUpdate: productWrite('ProductEditFields', true),
    variant: wrapper('variant', of('VariantEditFields')),
    image: wrapper('image', requiring(of('ImageEditFields'), 'url')),
    categoryCreate: wrapper('category', requiring(of('CategoryEditFields'), 'name')),
    categoryUpdate: wrapper('category', of('CategoryEditFields')),
    hook: wrapper('hook', of('HookEditFields')),
  };
}

export type SchemaSource = { source: 'official'; file: string } | { source: 'built-in'; reason: string };

/**
 * The official file's schemas, or null (with why) when it is absent or unreadable. The caller
 * decides the fallback (request-schemas.ts: the built-in copy, kept equal to this by a test).
 */
export function loadOfficialRequestSchemas(file = OFFICIAL_SPEC_FILE): { schemas: RequestSchemas; file: string } | { schemas: null; reason: string } {
  if (!existsSync(file)) return { schemas: null, reason: `${file} not found` };
  try {
    return { schemas: deriveRequestSchemas(JSON.parse(readFileSync(file, 'utf8')) as Json), file };
  } catch (err) {
    return { schemas: null, reason: `${file} unusable: ${err instanceof Error ? err.message : String(err)}` };
  }
}
