// The catalog port (STYLE §4): what import, the Centry source, Mi Empresa, the pickers and the sync
// planner need from storage. One Knex implementation, assembled from the write, read and search halves.
import type { Db, Tx } from '../../db/knex.js';
import type {
  CatalogBrand, CatalogCategory, CatalogGender, CatalogProduct, CatalogProductId, CatalogReferences,
} from '../model.js';
import { catalogWrites } from './catalog-repository-writes.js';
import { catalogReads } from './catalog-repository-reads.js';
import { catalogSearch } from './catalog-search.js';

export type ProductOutcome = 'created' | 'updated' | 'unchanged';
export interface UpsertCounts { created: number; updated: number; unchanged: number }
/** Counts plus one outcome per input product, in input order. */
export interface ProductUpsertResult extends UpsertCounts { outcomes: ProductOutcome[] }

export interface ReferenceUpsertOptions {
  /**
   * `replace` (default) takes the given names as the truth (a reference list); `keep` only adds
   * missing entries, for names that merely ride along on a product (`brand_name`).
   */
  mode?: 'replace' | 'keep';
}

/** What Mi Empresa shows about the catalog. */
export interface CatalogSummary {
  products: number;
  activeProducts: number;
  variants: number;
  brands: number;
  categories: number;
  genders: number;
  /** Last time a product, variant set or reference changed here; null for an empty catalog. */
  lastUpdate: Date | null;
}

export interface CatalogSearchQuery {
  /**
   * SKU (case-sensitive, exact or prefix; product or variant) or name fragment (case-insensitive,
   * anywhere; 3 characters or more). Blank lists every product, newest first.
   */
  query: string;
  limit?: number;
  offset?: number;
}
export interface CatalogSearchHit {
  id: CatalogProductId;
  name: string;
  sku: string | null;
  active: boolean;
  brandId: string | null;
  categoryId: string | null;
  /** Why it matched: SKU matches (by SKU) rank before name matches (newest first). */
  match: 'sku' | 'variant_sku' | 'name';
  /** The variant SKU that matched, when `match` is `variant_sku`. */
  variantSku: string | null;
}
export interface CatalogSearchPage { items: CatalogSearchHit[]; hasMore: boolean }

/** Product changes after a point of the catalog change sequence ("changed since"). */
export interface CatalogChanges {
  changed: CatalogProductId[];
  deleted: CatalogProductId[];
  /** Pass back as `afterSeq` to continue; unchanged when nothing was found. */
  lastSeq: number;
}

export interface CatalogRepository {
  upsertBrands(companyId: number, brands: readonly CatalogBrand[], opts?: ReferenceUpsertOptions, tx?: Tx): Promise<UpsertCounts>;
  upsertCategories(companyId: number, categories: readonly CatalogCategory[], opts?: ReferenceUpsertOptions, tx?: Tx): Promise<UpsertCounts>;
  upsertGenders(companyId: number, genders: readonly CatalogGender[], opts?: ReferenceUpsertOptions, tx?: Tx): Promise<UpsertCounts>;
  /**
   * Idempotent batch upsert; ids must be unique within one call. A product whose content hash
   * is unchanged is not written at all. Variants and images are replaced with the given ones.
   */
  upsertProducts(companyId: number, products: readonly CatalogProduct[], tx?: Tx): Promise<ProductUpsertResult>;
  /**
   * Refreshes the planner statistics of the catalog tables. A bulk write changes a table's size by
   * orders of magnitude faster than autovacuum notices, and plans made for a 500-row table walk
   * the wrong index at 100 000 rows (ADR 0004): imports call this as they grow the catalog.
   * `products` covers what an import itself queries; `all` (default) also variants and images.
   */
  refreshStatistics(scope?: 'products' | 'all'): Promise<void>;
  /** Deletes a product with its variants and images, leaving a tombstone; false when absent. */
  deleteProduct(companyId: number, id: CatalogProductId, tx?: Tx): Promise<boolean>;

  getProduct(companyId: number, id: CatalogProductId, tx?: Tx): Promise<CatalogProduct | null>;
  /**
   * Products that share a SKU (their own or a variant's) with another product of the company, ordered
   * by id; with `around`, only those ids and the products sharing a SKU with them, transitively (a
   * targeted run), plus the `around` products themselves.
   */
  productsSharingSkus(companyId: number, opts?: { around?: readonly string[] }, tx?: Tx): Promise<CatalogProduct[]>;
  /** Products found among `ids`, ordered by id; unknown ids are left out. */
  getProducts(companyId: number, ids: readonly CatalogProductId[], tx?: Tx): Promise<CatalogProduct[]>;
  /**
   * Every product of the company in pages ordered by id (keyset paging, bounded memory): each page
   * holds at most `pageSize` (default 1 000) fully assembled products.
   */
  streamProducts(companyId: number, opts?: { pageSize?: number; afterId?: string }, tx?: Tx): AsyncGenerator<CatalogProduct[]>;
  /** Every product id of the company (ids only, ordered): what a reconciliation compares with Centry's listing. */
  productIds(companyId: number, tx?: Tx): Promise<CatalogProductId[]>;
  references(companyId: number, tx?: Tx): Promise<CatalogReferences>;
  summary(companyId: number, tx?: Tx): Promise<CatalogSummary>;
  changesSince(companyId: number, afterSeq: number, limit?: number, tx?: Tx): Promise<CatalogChanges>;
  search(companyId: number, q: CatalogSearchQuery, tx?: Tx): Promise<CatalogSearchPage>;
}

export function createCatalogRepository(db: Db): CatalogRepository {
  return { ...catalogWrites(db), ...catalogReads(db), ...catalogSearch(db) };
}
