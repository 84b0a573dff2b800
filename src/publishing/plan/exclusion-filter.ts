// SPEC §6 "Exclusión de Productos": which catalog products must not be published. Pure; built
// once per run so the category-ancestor walk is memoized across a catalog of 100 000 products.
import type { CatalogCategory, CatalogProduct } from '../../catalog/model.js';

export interface Exclusions {
  categoryIds: Iterable<string>;
  brandIds: Iterable<string>;
  genderIds: Iterable<string>;
  productIds: Iterable<string>;
}

export type ExclusionReason = 'PAUSED' | 'PRODUCT' | 'CATEGORY' | 'BRAND' | 'GENDER';
export type ExclusionResult = { excluded: false } | { excluded: true; reason: ExclusionReason };

/** The product fields the filter reads, so light catalog rows can be filtered too. */
export type ExcludableProduct = Pick<CatalogProduct, 'id' | 'active' | 'categoryId' | 'brandId' | 'genderId'>;

export type ExclusionFilter = (product: ExcludableProduct) => ExclusionResult;

const INCLUDED: ExclusionResult = Object.freeze({ excluded: false });
const because = (reason: ExclusionReason): ExclusionResult => ({ excluded: true, reason });

/**
 * Reasons are checked in this order and the first one is reported: PAUSED (fixed in Centry),
 * PRODUCT (the merchant's most specific choice), then CATEGORY, BRAND, GENDER.
 */
export function buildExclusionFilter(
  exclusions: Exclusions, categories: ReadonlyMap<string, CatalogCategory>,
): ExclusionFilter {
  const products = new Set(exclusions.productIds);
  const brands = new Set(exclusions.brandIds);
  const genders = new Set(exclusions.genderIds);
  const categoryExcluded = categoryExclusion(new Set(exclusions.categoryIds), categories);
  return (product) => {
    if (!product.active) return because('PAUSED');
    if (products.has(product.id)) return because('PRODUCT');
    if (product.categoryId !== null && categoryExcluded(product.categoryId)) return because('CATEGORY');
    if (product.brandId !== null && brands.has(product.brandId)) return because('BRAND');
    if (product.genderId !== null && genders.has(product.genderId)) return because('GENDER');
    return INCLUDED;
  };
}

/** One-off check; for a whole run build the filter once with `buildExclusionFilter`. */
export function isExcluded(
  product: ExcludableProduct, exclusions: Exclusions, categories: ReadonlyMap<string, CatalogCategory>,
): ExclusionResult {
  return buildExclusionFilter(exclusions, categories)(product);
}

/**
 * "Is this category or one of its ancestors excluded?", memoized per category id. The walk stops
 * at a root, at a parent id missing from the tree, or when it meets a category already on the
 * path (a cycle in bad data), so it always ends; every category on the path shares the answer
 * because each one is a descendant of whatever excluded category the walk found.
 */
function categoryExclusion(
  excluded: ReadonlySet<string>, categories: ReadonlyMap<string, CatalogCategory>,
): (categoryId: string) => boolean {
  const memo = new Map<string, boolean>();
  return (categoryId) => {
    if (excluded.size === 0) return false;
    const known = memo.get(categoryId);
    if (known !== undefined) return known;
    const path: string[] = [];
    const onPath = new Set<string>();
    let answer = false;
    let id: string | null = categoryId;
    while (id !== null && !onPath.has(id)) {
      const cached = memo.get(id);
      if (cached !== undefined) { answer = cached; break; }
      path.push(id);
      onPath.add(id);
      if (excluded.has(id)) { answer = true; break; }
      id = categories.get(id)?.parentId ?? null;
    }
    for (const p of path) memo.set(p, answer);
    return answer;
  };
}
