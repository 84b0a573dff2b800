// The content hash of a catalog product: SHA-256 of everything a sync could publish — the product,
// its variants and images — but not Centry's `updated_at` (touching a product in Centry without
// changing it is not a change). Stored with every product (catalog_products.content_hash) so a
// re-import of unchanged data writes nothing, and part of the planner's no-change key. Values go in
// a fixed order (the order of the catalog tables' columns), so the hash never depends on key order
// and the hashes already stored stay valid. Pure, over the model alone.
import { createHash } from 'node:crypto';
import type { CatalogImage, CatalogProduct, CatalogVariant } from './model.js';

const productContent = (p: CatalogProduct) => [
  p.id, p.name, p.sku, p.barcode, p.description, p.shortDescription, p.condition, p.warranty, p.brandId,
  p.categoryId, p.genderId, p.active, p.priceCompare, p.price, p.saleStart, p.saleEnd,
  p.packageHeight, p.packageLength, p.packageWidth, p.packageWeight, p.seoTitle, p.seoDescription,
];
// '' where the table has the product id: it is the product's already.
const variantContent = (v: CatalogVariant) => [
  '', v.id, v.sku, v.barcode, v.sizeId, v.sizeName, v.colorId, v.colorName, v.stock, v.priceCompare, v.price, v.position,
];
const imageContent = (i: CatalogImage) => ['', i.id, i.url, i.position, i.fingerprint];

export function productContentHash(p: CatalogProduct): string {
  const content = [productContent(p), p.variants.map(variantContent), p.images.map(imageContent)];
  return createHash('sha256').update(JSON.stringify(content)).digest('base64url');
}
