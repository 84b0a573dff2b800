// Response schemas of Jumpseller API v1, lenient like live (../shared/jumpseller/API-NOTES.md):
// numbers may arrive as strings ("discount": "0.0"), nulls appear where the spec has none, and
// unknown keys are kept (looseObject) so nothing the store sends is lost. Only ids are strict: an
// answer without an id is unusable. Shapes: ../shared/jumpseller/openapi-light.json (components).
import { z } from 'zod';
import type {
  JumpsellerCategoryId, JumpsellerHookId, JumpsellerImageId, JumpsellerProductId, JumpsellerVariantId,
} from './ids.js';

const numeric = (v: unknown) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

/** A number that may arrive as a numeric string; anything unusable becomes null instead of failing. */
export const lenientNumber = z.preprocess(numeric, z.number()).nullable().optional().catch(null);
const text = z.string().nullable().optional().catch(null);
const flag = z.boolean().nullable().optional().catch(null);
const id = <B>() => z.preprocess(numeric, z.number().int()).transform((n) => n as B);
const optionalId = <B>() => z.preprocess(numeric, z.number().int()).transform((n) => n as B).nullable().optional().catch(null);

export const imageSchema = z.looseObject({ id: id<JumpsellerImageId>(), position: lenientNumber, url: text });

export const variantOptionSchema = z.looseObject({ name: text, value: text, option_type: text });

export const variantSchema = z.looseObject({
  id: id<JumpsellerVariantId>(),
  sku: text,
  price: lenientNumber,
  compare_at_price: lenientNumber,
  stock: lenientNumber,
  stock_unlimited: flag,
  barcode: text,
  options: z.array(variantOptionSchema).nullable().optional().catch(null),
  image: z.looseObject({ id: optionalId<JumpsellerImageId>(), url: text }).nullable().optional().catch(null),
});

export const categorySchema = z.looseObject({
  id: id<JumpsellerCategoryId>(),
  name: text,
  parent_id: optionalId<JumpsellerCategoryId>(),
  permalink: text,
});

export const productSchema = z.looseObject({
  id: id<JumpsellerProductId>(),
  name: text,
  sku: text,
  price: lenientNumber,
  compare_at_price: lenientNumber,
  discount: lenientNumber,
  stock: lenientNumber,
  stock_unlimited: flag,
  status: text,
  brand: text,
  barcode: text,
  description: text,
  weight: lenientNumber,
  permalink: text,
  categories: z.array(categorySchema.partial({ id: true })).nullable().optional().catch(null),
  images: z.array(imageSchema).nullable().optional().catch(null),
  // Nested variants come unwrapped in product answers (spec: Product.variants items).
  variants: z.array(variantSchema).nullable().optional().catch(null),
});

export const hookSchema = z.looseObject({ id: id<JumpsellerHookId>(), event: text, url: text, name: text, created_at: text });

export const storeSchema = z.looseObject({
  code: z.string(),
  name: text,
  currency: text,
  country: text,
  timezone: text,
  hooks_token: text,
  url: text,
  weight_unit: text,
  email: text,
});

export const countSchema = z.looseObject({ count: z.preprocess(numeric, z.number().int()) });

/** `{"<key>": {...}}` → the inner object (API v1 wraps every resource). */
export const wrapped = <S extends z.ZodType>(key: string, inner: S) =>
  z.object({ [key]: inner }).transform((o) => (o as Record<string, z.output<S>>)[key]!);

export type JumpsellerProduct = z.output<typeof productSchema>;
export type JumpsellerVariant = z.output<typeof variantSchema>;
export type JumpsellerImage = z.output<typeof imageSchema>;
export type JumpsellerCategory = z.output<typeof categorySchema>;
export type JumpsellerHook = z.output<typeof hookSchema>;
export type JumpsellerStore = z.output<typeof storeSchema>;
