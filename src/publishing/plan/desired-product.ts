// The state a catalog product should have in Jumpseller (SPEC §4), as plain data. Money is integer
// minor units of `currency` (docs/adr/0002-money-in-minor-units.md) all the way through plans and
// storage; it becomes the API's decimal only where a request body is written (to-api.ts) and, for
// fingerprints recorded before that rule, in `asApiDecimals` (desired-fingerprints.ts).
import type { CatalogVariantId } from '../../catalog/model.js';
import { toApiDecimal } from '../../pricing/money.js';

export interface DesiredProductFields {
  name: string;
  description: string;
  /** Minor units of the store currency (CLP pesos, USD cents). */
  price: number;
  compare_at_price: number | null;
  stock: number;
  sku: string | null;
  barcode: string | null;
  brand: string | null;
  weight: number | null;
  length: number | null;
  width: number | null;
  height: number | null;
  status: 'available' | 'disabled';
  page_title: string | null;
  meta_description: string | null;
}
export interface VariantOption { name: 'Talla' | 'Color'; value: string }
export interface DesiredVariant {
  catalogVariantId: CatalogVariantId;
  sku: string;
  barcode: string | null;
  /** Minor units, as the product's. */
  price: number;
  compare_at_price: number | null;
  stock: number;
  options: VariantOption[];
}
export interface DesiredImage { url: string; position: number; fingerprint: string }
export interface DesiredProduct {
  /** The currency of every amount below (the store's, ADR 0009). */
  currency: string;
  product: DesiredProductFields;
  /** Category names from the root to the product's category; empty when it has none. */
  categoryPath: string[];
  /** Empty for a simple product (price, SKU and stock live on the product). */
  variants: DesiredVariant[];
  images: DesiredImage[];
}

/** The keys that hold money, on a product and on a variant alike. */
export const MONEY_KEYS: ReadonlySet<string> = new Set(['price', 'compare_at_price']);

/** Minor units → the decimal Jumpseller takes; null (no amount) stays null. */
export function apiAmount(minor: number | null, currency: string): number | null {
  return minor === null ? null : toApiDecimal(minor, currency);
}
