// Small read-only lookups the exclusion pickers need and the catalog repository does not offer:
// brand and gender search by name (paged in the database, a reference list can be long) and the
// names of chosen products for their chips (no variants or images loaded). Tenant-scoped by company.
import type { Knex } from 'knex';
import type { Db } from '../../db/knex.js';
import { escapeLike } from './catalog-search.js';

export interface NamedRef { id: string; name: string }
export interface NamedPage { items: NamedRef[]; hasMore: boolean }
export interface ProductLabel { id: string; name: string; sku: string | null }

export const LOOKUP_LIMIT = 50;

export interface CatalogLookup {
  /** Brands or genders whose name contains `query` (case-insensitive), by name. */
  searchReferences(kind: 'brands' | 'genders', companyId: number, query: string, offset?: number): Promise<NamedPage>;
  /** Name and SKU of these products (for chips); unknown ids are left out. */
  productLabels(companyId: number, ids: readonly string[]): Promise<ProductLabel[]>;
  /** Which of these product ids the catalog holds. */
  presentProductIds(companyId: number, ids: readonly string[]): Promise<Set<string>>;
}

const TABLES = { brands: 'catalog_brands', genders: 'catalog_genders' } as const;

export function createCatalogLookup(db: Db): CatalogLookup {
  return {
    async searchReferences(kind, companyId, query, offset = 0) {
      const term = query.trim();
      const rows: NamedRef[] = await db(TABLES[kind])
        .where({ company_id: companyId })
        .modify((b: Knex.QueryBuilder) => { if (term !== '') b.whereRaw('name ilike ?', [`%${escapeLike(term)}%`]); })
        .select('id', 'name').orderByRaw('lower(name), id').limit(LOOKUP_LIMIT + 1).offset(Math.max(0, Math.trunc(offset)));
      return { items: rows.slice(0, LOOKUP_LIMIT).map((r) => ({ id: r.id, name: r.name })), hasMore: rows.length > LOOKUP_LIMIT };
    },
    async productLabels(companyId, ids) {
      if (ids.length === 0) return [];
      const rows: ProductLabel[] = await db('catalog_products').where({ company_id: companyId }).whereIn('id', [...ids]).select('id', 'name', 'sku');
      return rows.map((r) => ({ id: r.id, name: r.name, sku: r.sku }));
    },
    async presentProductIds(companyId, ids) {
      if (ids.length === 0) return new Set();
      return new Set<string>(await db('catalog_products').where({ company_id: companyId }).whereIn('id', [...ids]).pluck('id'));
    },
  };
}
