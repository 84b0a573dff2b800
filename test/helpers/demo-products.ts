// The demo catalog (src/catalog/demo/demo-catalog.ts) as plain catalog data, without a database: its
// records through the import's own parsers, so pure tests see exactly what a sync would read.
import { demoCatalogRecords } from '../../src/catalog/demo/demo-catalog.js';
import { parseCentryBrand, parseCentryCategory, parseCentryGender, parseCentryProduct } from '../../src/catalog/centry/centry-product.schema.js';
import type { CatalogBrand, CatalogCategory, CatalogGender, CatalogProduct, CatalogReferences } from '../../src/catalog/model.js';

export interface DemoProducts { products: CatalogProduct[]; references: CatalogReferences }

export function demoProducts(opts: { seed: number; size: number; now: Date }): DemoProducts {
  const brands = new Map<string, CatalogBrand>();
  const categories = new Map<string, CatalogCategory>();
  const genders = new Map<string, CatalogGender>();
  const products: CatalogProduct[] = [];
  const must = <T>(r: { ok: true; value: T } | { ok: false; reason: string }): T => {
    if (!r.ok) throw new Error(`demo record refused: ${r.reason}`);
    return r.value;
  };
  for (const record of demoCatalogRecords({ ...opts, imageBaseUrl: 'http://127.0.0.1:1/_sandbox/images' })) {
    if ('brand' in record) { const b = must(parseCentryBrand(record.brand)); brands.set(b.id, b); }
    else if ('gender' in record) { const g = must(parseCentryGender(record.gender)); genders.set(g.id, g); }
    else if ('category' in record) { const c = must(parseCentryCategory(record.category)); categories.set(c.id, c); }
    else products.push(must(parseCentryProduct(record, { currency: 'CLP', now: opts.now })).product);
  }
  return { products, references: { brands, categories, genders } };
}
