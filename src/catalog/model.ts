// The catalog as the rest of the app sees it (SPEC §3): Centry-shaped, normalized, framework-free.
// Money is integer minor units of the company's catalog currency (CLP: pesos). Ids are Centry ids.

import type { Brand } from '../lib/brand.js';

/** A Centry product id (24-hex `_id`), never to be confused with a Jumpseller product id. */
export type CatalogProductId = Brand<string, 'CatalogProductId'>;
export type CatalogVariantId = Brand<string, 'CatalogVariantId'>;
export const catalogProductId = (s: string): CatalogProductId => s as CatalogProductId;
export const catalogVariantId = (s: string): CatalogVariantId => s as CatalogVariantId;

export interface CatalogBrand { id: string; name: string }
export interface CatalogGender { id: string; name: string }
export interface CatalogCategory { id: string; name: string; parentId: string | null }

export interface CatalogVariant {
  id: CatalogVariantId;
  sku: string;
  barcode: string | null;
  sizeId: string | null;
  sizeName: string | null;
  colorId: string | null;
  colorName: string | null;
  /** Units in stock (Centry's `quantity`). */
  stock: number;
  /** Own normal price (`price_compare`), minor units; null = use the product's. */
  priceCompare: number | null;
  /** Own offer price (`price`), minor units; null = use the product's. */
  price: number | null;
  position: number;
}

export interface CatalogImage {
  id: string;
  url: string;
  position: number;
  fingerprint: string | null;
}

export interface CatalogProduct {
  id: CatalogProductId;
  name: string;
  sku: string | null;
  barcode: string | null;
  /** HTML. */
  description: string | null;
  /** HTML list of features ("Características"). */
  shortDescription: string | null;
  condition: string | null;
  warranty: string | null;
  brandId: string | null;
  categoryId: string | null;
  genderId: string | null;
  /** true = Activo, false = Pausado. */
  active: boolean;
  /** Precio normal (Centry `price_compare`), minor units; null when missing. */
  priceCompare: number | null;
  /** Precio de oferta (Centry `price`), minor units; null when none. */
  price: number | null;
  saleStart: Date | null;
  saleEnd: Date | null;
  /** Package dimensions in cm, weight in kg (decimals allowed). */
  packageHeight: number | null;
  packageLength: number | null;
  packageWidth: number | null;
  packageWeight: number | null;
  seoTitle: string | null;
  seoDescription: string | null;
  variants: CatalogVariant[];
  images: CatalogImage[];
  updatedAt: Date;
}

/** Reference lists a product points into, by id. */
export interface CatalogReferences {
  brands: ReadonlyMap<string, CatalogBrand>;
  categories: ReadonlyMap<string, CatalogCategory>;
  genders: ReadonlyMap<string, CatalogGender>;
}
