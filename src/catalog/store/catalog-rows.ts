// Catalog model ⇄ table rows; each product row carries its content hash (catalog/content-hash.ts).
// A batch travels to PostgreSQL as one typed array per column (`unnest($1::text[], …)`): a dozen
// bind parameters instead of tens of thousands, and in our measurements (ADR 0004) PostgreSQL
// reads arrays 2–3× faster than the same rows as a JSON document (jsonb_to_recordset).
import type { Knex } from 'knex';
import {
  catalogProductId, catalogVariantId,
  type CatalogImage, type CatalogProduct, type CatalogVariant,
} from '../model.js';
import { productContentHash } from '../content-hash.js';

/** Column name and SQL type, in the order of the recordset: one list drives insert and update. */
export const PRODUCT_COLUMNS = [
  ['id', 'text'], ['name', 'text'], ['sku', 'text'], ['barcode', 'text'], ['description', 'text'],
  ['short_description', 'text'], ['condition', 'text'], ['warranty', 'text'], ['brand_id', 'text'],
  ['category_id', 'text'], ['gender_id', 'text'], ['active', 'boolean'], ['price_compare', 'bigint'],
  ['price', 'bigint'], ['sale_start', 'timestamptz'], ['sale_end', 'timestamptz'],
  ['package_height', 'numeric'], ['package_length', 'numeric'], ['package_width', 'numeric'],
  ['package_weight', 'numeric'], ['seo_title', 'text'], ['seo_description', 'text'],
  ['centry_updated_at', 'timestamptz'], ['content_hash', 'text'],
] as const;
export const VARIANT_COLUMNS = [
  ['product_id', 'text'], ['id', 'text'], ['sku', 'text'], ['barcode', 'text'], ['size_id', 'text'],
  ['size_name', 'text'], ['color_id', 'text'], ['color_name', 'text'], ['stock', 'integer'],
  ['price_compare', 'bigint'], ['price', 'bigint'], ['position', 'integer'],
] as const;
export const IMAGE_COLUMNS = [
  ['product_id', 'text'], ['id', 'text'], ['url', 'text'], ['position', 'integer'], ['fingerprint', 'text'],
] as const;

type Columns = readonly (readonly [string, string])[];
export const columnList = (cols: Columns) => cols.map(([c]) => c).join(', ');
/** `unnest(?::text[], ?::bigint[], …) as r(id, price, …)`: the rows of a batch as a table. */
export const unnestFrom = (cols: Columns) =>
  `unnest(${cols.map(([, t]) => `?::${t}[]`).join(', ')}) as r(${columnList(cols)})`;
/** The bindings `unnestFrom` expects: one array per column. */
export const columnArrays = (cols: Columns, rows: readonly Record<string, unknown>[]): Knex.Value[] =>
  cols.map(([c]) => rows.map((r) => r[c] ?? null) as Knex.Value);

/** A product as its three kinds of rows, with its content hash: computed once, hashed and written. */
export interface PreparedProduct {
  row: Record<string, unknown>;
  variants: Record<string, unknown>[];
  images: Record<string, unknown>[];
  hash: string;
}

/** A product as its rows, with its content hash (catalog/content-hash.ts) in the product row. */
export function prepareProduct(p: CatalogProduct): PreparedProduct {
  const hash = productContentHash(p);
  return { row: productRow(p, hash), variants: p.variants.map((v) => variantRow(p.id, v)), images: p.images.map((i) => imageRow(p.id, i)), hash };
}

export function productRow(p: CatalogProduct, hash: string): Record<string, unknown> {
  return {
    id: p.id, name: p.name, sku: p.sku, barcode: p.barcode, description: p.description,
    short_description: p.shortDescription, condition: p.condition, warranty: p.warranty,
    brand_id: p.brandId, category_id: p.categoryId, gender_id: p.genderId, active: p.active,
    price_compare: p.priceCompare, price: p.price, sale_start: p.saleStart, sale_end: p.saleEnd,
    package_height: p.packageHeight, package_length: p.packageLength, package_width: p.packageWidth,
    package_weight: p.packageWeight, seo_title: p.seoTitle, seo_description: p.seoDescription,
    centry_updated_at: p.updatedAt, content_hash: hash,
  };
}

export function variantRow(productId: string, v: CatalogVariant): Record<string, unknown> {
  return {
    product_id: productId, id: v.id, sku: v.sku, barcode: v.barcode, size_id: v.sizeId,
    size_name: v.sizeName, color_id: v.colorId, color_name: v.colorName, stock: v.stock,
    price_compare: v.priceCompare, price: v.price, position: v.position,
  };
}

export function imageRow(productId: string, i: CatalogImage): Record<string, unknown> {
  return { product_id: productId, id: i.id, url: i.url, position: i.position, fingerprint: i.fingerprint };
}

// Rows as pg returns them: numeric as string, bigint as number (src/db/knex.ts), timestamptz as Date.
type Row = Record<string, any>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function productFromRow(r: Row, variants: CatalogVariant[], images: CatalogImage[]): CatalogProduct {
  return {
    id: catalogProductId(r.id), name: r.name, sku: r.sku, barcode: r.barcode,
    description: r.description, shortDescription: r.short_description, condition: r.condition,
    warranty: r.warranty, brandId: r.brand_id, categoryId: r.category_id, genderId: r.gender_id,
    active: r.active, priceCompare: num(r.price_compare), price: num(r.price),
    saleStart: r.sale_start, saleEnd: r.sale_end,
    packageHeight: num(r.package_height), packageLength: num(r.package_length),
    packageWidth: num(r.package_width), packageWeight: num(r.package_weight),
    seoTitle: r.seo_title, seoDescription: r.seo_description,
    variants, images, updatedAt: r.centry_updated_at,
  };
}

export function variantFromRow(r: Row): CatalogVariant {
  return {
    id: catalogVariantId(r.id), sku: r.sku, barcode: r.barcode, sizeId: r.size_id,
    sizeName: r.size_name, colorId: r.color_id, colorName: r.color_name, stock: r.stock,
    priceCompare: num(r.price_compare), price: num(r.price), position: r.position,
  };
}

export function imageFromRow(r: Row): CatalogImage {
  return { id: r.id, url: r.url, position: r.position, fingerprint: r.fingerprint };
}
