// The sandbox store against the independent projection (independent-projection.ts): what the sync
// journeys assert. Reads the store as a merchant would see it — available products by SKU, their
// fields, the category tree, variants and images — and says every difference in a readable line.
import type { StoreApiState } from '../../src/sandbox/jumpseller/api/api-state.js';
import type { ExpectedStoreProduct } from './independent-projection.js';
import { descriptionProblems } from './independent-text.js';

// "No value" is null, or how the app clears one (docs/adr/0011): 0 for numbers, '' for text.
const none = (v: unknown) => (v === undefined || v === 0 || v === '' ? null : v);
const same = (a: unknown, b: unknown) => a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 0.0006);

const FIELDS = ['name', 'price', 'compare_at_price', 'sku', 'barcode', 'brand', 'weight', 'length', 'width', 'height', 'page_title', 'meta_description'] as const;

/** Differences between the store's available products and the projection, as readable lines. */
export function projectionDiff(store: StoreApiState, expected: ReadonlyMap<string, ExpectedStoreProduct>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const pathOf = (id: number | undefined): string[] => {
    const names: string[] = [];
    for (let c = id === undefined ? undefined : store.categories.get(id); c; c = c.parent_id === null ? undefined : store.categories.get(c.parent_id)) {
      names.unshift(c.name);
      if (names.length > 50) break;
    }
    return names;
  };
  for (const p of store.catalog.list()) {
    if (p.fields.status !== 'available') continue;
    // A cleared SKU is "" (docs/adr/0011): the product is then known by its first variant's.
    const key = String((p.fields.sku || null) ?? p.variants[0]?.fields.sku ?? `name:${String(p.fields.name)}`);
    if (seen.has(key)) problems.push(`${key}: duplicated in the store`);
    seen.add(key);
    const want = expected.get(key);
    if (!want) { problems.push(`${key}: in the store but not expected`); continue; }
    const d = want.product;
    for (const k of FIELDS) {
      const shown = d[k] === null ? none(p.fields[k]) : p.fields[k] ?? null;
      if (!same(shown, d[k])) problems.push(`${key}: ${k} ${JSON.stringify(p.fields[k])} ≠ ${JSON.stringify(d[k])}`);
    }
    for (const line of descriptionProblems(p.fields.description as string | undefined, d.description)) problems.push(`${key}: ${line}`);
    if (want.variants.length === 0 && p.fields.stock !== d.stock) problems.push(`${key}: stock ${String(p.fields.stock)} ≠ ${d.stock}`);
    // §4 "Categoría: categories (created in Jumpseller by name …)", "the tree's parents created as parent categories".
    const path = pathOf(p.categoryIds[0]);
    if (JSON.stringify(path) !== JSON.stringify(want.categoryPath)) problems.push(`${key}: category ${JSON.stringify(path)} ≠ ${JSON.stringify(want.categoryPath)}`);
    // §4 "A variant removed from the catalog is set to stock 0 in the store (the API cannot delete variants)".
    const wanted = new Set(want.variants.map((v) => v.sku));
    for (const v of p.variants) {
      if (!wanted.has(String(v.fields.sku)) && v.fields.stock !== 0) problems.push(`${key}: variant ${String(v.fields.sku)} is gone from the catalog but has stock ${String(v.fields.stock)}`);
    }
    const variants = p.variants.filter((v) => wanted.has(String(v.fields.sku))).map((v) => `${String(v.fields.sku)}|${String(v.fields.price)}|${String(none(v.fields.compare_at_price))}|${String(v.fields.stock)}|${v.options.map((o) => `${o.name}=${o.value}`).join(',')}`);
    const wantVariants = want.variants.map((v) => `${v.sku}|${v.price}|${String(v.compare_at_price)}|${v.stock}|${v.options.map((o) => `${o.name}=${o.value}`).join(',')}`);
    if (JSON.stringify(variants) !== JSON.stringify(wantVariants)) problems.push(`${key}: variants ${JSON.stringify(variants)} ≠ ${JSON.stringify(wantVariants)}`);
    const images = p.images.map((i) => i.url);
    if (JSON.stringify(images) !== JSON.stringify(want.images)) problems.push(`${key}: images ${JSON.stringify(images)} ≠ ${JSON.stringify(want.images)}`);
  }
  for (const key of expected.keys()) if (!seen.has(key)) problems.push(`${key}: expected but not published`);
  return problems;
}
