// Fingerprints of a desired product (SPEC §7.1), what the planner compares with what it pushed last.
// They hash money as the API's decimal — the form every mapping stored before amounts stayed minor
// units through plans (ADR 0002) — so unchanged data keeps its fingerprints and nothing is re-pushed.
// `asApiDecimals` is that one boundary; everything else here only reads keys. Pure.
import { apiAmount, type DesiredProduct } from './desired-product.js';
import { fingerprint } from './payload-fingerprint.js';
import { PRODUCT_KEYS, productKeysFor, SYNC_FIELDS, VARIANT_KEYS, type SyncField } from './sync-fields.js';

/** What fingerprints hash: the desired product with amounts as API decimals, and no currency member. */
export type HashedProduct = Omit<DesiredProduct, 'currency'>;

export function asApiDecimals(d: DesiredProduct): HashedProduct {
  const c = d.currency;
  return {
    product: { ...d.product, price: apiAmount(d.product.price, c)!, compare_at_price: apiAmount(d.product.compare_at_price, c) },
    categoryPath: d.categoryPath,
    variants: d.variants.map((v) => ({ ...v, price: apiAmount(v.price, c)!, compare_at_price: apiAmount(v.compare_at_price, c) })),
    images: d.images,
  };
}

/** The value a field stands for, product and variant parts together, for change detection. */
export function fieldValue(hashed: HashedProduct, field: SyncField): unknown {
  if (field === 'images') return hashed.images;
  if (field === 'categories') return hashed.categoryPath;
  const product = Object.fromEntries(PRODUCT_KEYS[field].map((k) => [k, hashed.product[k]]));
  const vKeys = VARIANT_KEYS[field];
  const variants = hashed.variants.map((v) => [v.catalogVariantId, ...vKeys.map((k) => v[k])]);
  return vKeys.length > 0 ? { product, variants } : product;
}

export interface DesiredFingerprints {
  fields: Record<SyncField, string>;
  /** The whole variant group, and each variant (by catalog variant id). */
  variants: string;
  variant: Record<string, string>;
  images: string;
}

export function fieldFingerprints(desired: DesiredProduct): DesiredFingerprints {
  return hashedFingerprints(asApiDecimals(desired));
}

function hashedFingerprints(hashed: HashedProduct): DesiredFingerprints {
  const fields = Object.fromEntries(SYNC_FIELDS.map((f) => [f, fingerprint(fieldValue(hashed, f))])) as Record<SyncField, string>;
  return {
    fields,
    variants: fingerprint(hashed.variants),
    variant: Object.fromEntries(hashed.variants.map((v) => [v.catalogVariantId, fingerprint(v)])),
    images: fingerprint(hashed.images),
  };
}

/** The product-level part of a field (no variants), as hashed. */
export function productPart(hashed: HashedProduct, field: SyncField): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of productKeysFor(hashed, field)) out[k] = hashed.product[k];
  return out;
}

/** Every fingerprint of a desired product, as the planner compares and the mapping stores them. */
export interface DesiredState {
  all: string;
  fields: Record<SyncField, string>;
  product: Record<SyncField, string>;
  variant: Record<string, string>;
  images: string;
}

export function desiredState(desired: DesiredProduct): DesiredState {
  const hashed = asApiDecimals(desired);
  const f = hashedFingerprints(hashed);
  const product = {} as Record<SyncField, string>;
  for (const field of SYNC_FIELDS) product[field] = fingerprint(productPart(hashed, field));
  return { all: fingerprint(hashed), fields: f.fields, product, variant: f.variant, images: f.images };
}

export function wholeFingerprint(desired: DesiredProduct): string {
  return fingerprint(asApiDecimals(desired));
}
