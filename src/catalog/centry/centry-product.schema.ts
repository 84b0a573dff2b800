// Centry's product JSON (../shared/centry/API-NOTES.md "Product JSON") read leniently — numbers may
// arrive as strings, empty strings mean "none", unknown keys are ignored — and mapped into the
// catalog model. Used by the file import, the demo catalog and the Centry API pull alike.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { imageUrl, list, optDate, optEndDate, optId, optInt, optNumber, optText, reqText, status } from './centry-fields.js';
import { fromApiDecimal } from '../../pricing/money.js';
import {
  catalogProductId, catalogVariantId,
  type CatalogBrand, type CatalogCategory, type CatalogGender, type CatalogImage, type CatalogProduct, type CatalogVariant,
} from '../model.js';

export const centryVariantSchema = z.object({
  _id: optId,
  sku: reqText,
  barcode: optText,
  size_id: optId,
  size_name: optText,
  color_id: optId,
  color_name: optText,
  quantity: optInt,
  price: optNumber,
  price_compare: optNumber,
  position: optInt,
});

export const centryAssetSchema = z.object({
  _id: optId,
  url: imageUrl,
  position: optInt,
  image_fingerprint: optText,
});

export const centryProductSchema = z.object({
  _id: optId,
  id: optId, // some exports spell the Centry id without the underscore
  name: reqText,
  sku: optText,
  barcode: optText,
  description: optText,
  shortdescription: optText,
  condition: optText,
  warranty: optText,
  brand_id: optId,
  brand_name: optText,
  category_id: optId,
  category_name: optText,
  gender_id: optId,
  gender_name: optText,
  status,
  price_compare: optNumber,
  price: optNumber,
  salestartdate: optDate,
  saleenddate: optEndDate,
  packageheight: optNumber,
  packagelength: optNumber,
  packagewidth: optNumber,
  packageweight: optNumber,
  seo_title: optText,
  seo_description: optText,
  updated_at: optDate,
  variants: list(centryVariantSchema),
  assets: list(centryAssetSchema),
});
export type CentryProductJson = z.input<typeof centryProductSchema>;

export const centryBrandSchema = z.object({ _id: optId, id: optId, name: reqText });
export const centryGenderSchema = centryBrandSchema;
export const centryCategorySchema = z.object({ _id: optId, id: optId, name: reqText, parent_id: optId });

export interface MapOptions {
  /** ISO code of the catalog's currency; Centry prices are in its major units. Default CLP. */
  currency?: string;
  /** Stands in for a missing `updated_at` (the mapping itself reads no clock). */
  now: Date;
}

/** A product plus the reference entries its `*_name` fields describe. */
export interface MappedProduct {
  product: CatalogProduct;
  brand: CatalogBrand | null;
  category: CatalogCategory | null;
  gender: CatalogGender | null;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Major units (as Centry sends them) into the catalog's integer minor units, half up. */
export function majorToMinor(value: number | null, currency: string): number | null {
  if (value === null) return null;
  return fromApiDecimal(value, currency);
}

/** "variants.2.sku: es obligatorio; price: se esperaba un número" — what the import report shows (Spanish: SPEC §3). */
/** Reasons a merchant reads on Mi Empresa (SPEC §3: never a parser's English): zod's Spanish messages. */
const SPANISH = { error: z.locales.es().localeError };

export function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 5).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  if (error.issues.length > 5) shown.push(`… ${error.issues.length - 5} más`);
  return shown.join('; ');
}

const shortHash = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 16);

export function parseCentryProduct(json: unknown, opts: MapOptions): ParseResult<MappedProduct> {
  const r = centryProductSchema.safeParse(json, SPANISH);
  if (!r.success) return { ok: false, reason: describeIssues(r.error) };
  const p = r.data;
  const id = p._id ?? p.id;
  if (id === null) return { ok: false, reason: '_id: es obligatorio' };
  const currency = opts.currency ?? 'CLP';
  try {
    const variants: CatalogVariant[] = p.variants.map((v, i) => ({
      // A variant without an id gets one derived from its SKU: stable across re-imports.
      id: catalogVariantId(v._id ?? `${id}:${v.sku}`),
      sku: v.sku,
      barcode: v.barcode,
      sizeId: v.size_id,
      sizeName: v.size_name,
      colorId: v.color_id,
      colorName: v.color_name,
      stock: v.quantity ?? 0,
      priceCompare: majorToMinor(v.price_compare, currency),
      price: majorToMinor(v.price, currency),
      position: v.position ?? i,
    }));
    const images: CatalogImage[] = p.assets.map((a, i) => ({
      id: a._id ?? `${id}:${shortHash(a.url)}`,
      url: a.url,
      position: a.position ?? i,
      fingerprint: a.image_fingerprint,
    }));
    const dupe = firstDuplicate(variants.map((v) => v.id)) ?? firstDuplicate(images.map((i) => i.id));
    if (dupe) return { ok: false, reason: `duplicate variant or image id ${dupe}` };
    const product: CatalogProduct = {
      id: catalogProductId(id),
      name: p.name,
      sku: p.sku,
      barcode: p.barcode,
      description: p.description,
      shortDescription: p.shortdescription,
      condition: p.condition,
      warranty: p.warranty,
      brandId: p.brand_id,
      categoryId: p.category_id,
      genderId: p.gender_id,
      active: p.status,
      priceCompare: majorToMinor(p.price_compare, currency),
      price: majorToMinor(p.price, currency),
      saleStart: p.salestartdate,
      saleEnd: p.saleenddate,
      packageHeight: p.packageheight,
      packageLength: p.packagelength,
      packageWidth: p.packagewidth,
      packageWeight: p.packageweight,
      seoTitle: p.seo_title,
      seoDescription: p.seo_description,
      variants,
      images,
      updatedAt: p.updated_at ?? opts.now,
    };
    return {
      ok: true,
      value: {
        product,
        brand: p.brand_id && p.brand_name ? { id: p.brand_id, name: p.brand_name } : null,
        category: p.category_id && p.category_name ? { id: p.category_id, name: p.category_name, parentId: null } : null,
        gender: p.gender_id && p.gender_name ? { id: p.gender_id, name: p.gender_name } : null,
      },
    };
  } catch (e) {
    // fromApiDecimal refuses amounts beyond 15 digits: a bad record, not a crash.
    return { ok: false, reason: e instanceof RangeError ? `price: ${e.message}` : String(e) };
  }
}

function firstDuplicate(ids: string[]): string | undefined {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return undefined;
}

export function parseCentryBrand(json: unknown): ParseResult<CatalogBrand> {
  const r = centryBrandSchema.safeParse(json, SPANISH);
  if (!r.success) return { ok: false, reason: describeIssues(r.error) };
  const id = r.data._id ?? r.data.id;
  return id === null ? { ok: false, reason: '_id: es obligatorio' } : { ok: true, value: { id, name: r.data.name } };
}
export const parseCentryGender: (json: unknown) => ParseResult<CatalogGender> = parseCentryBrand;

export function parseCentryCategory(json: unknown): ParseResult<CatalogCategory> {
  const r = centryCategorySchema.safeParse(json, SPANISH);
  if (!r.success) return { ok: false, reason: describeIssues(r.error) };
  const id = r.data._id ?? r.data.id;
  if (id === null) return { ok: false, reason: '_id: es obligatorio' };
  return { ok: true, value: { id, name: r.data.name, parentId: r.data.parent_id } };
}
