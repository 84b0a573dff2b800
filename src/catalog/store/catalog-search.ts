// Name/SKU search for the "Exclusión por Producto" picker (SPEC §2.4): a catalog may hold 100 000
// products, so the database finds and pages them. SKUs compare exactly and case-sensitively
// (SPEC §4): exact matches first, then prefixes (by SKU); then names that contain the query,
// case-insensitively, newest first (ADR 0004). A name fragment needs 3 characters: the trigram
// index cannot serve fewer, and one or two letters match a good part of any catalog anyway.
import type { Db } from '../../db/knex.js';
import { catalogProductId } from '../model.js';
import type { CatalogRepository, CatalogSearchHit, CatalogSearchPage } from './catalog-repository.js';

export const SEARCH_DEFAULT_LIMIT = 20;
export const SEARCH_MAX_LIMIT = 100;
export const NAME_SEARCH_MIN_CHARS = 3;
/**
 * Variant SKUs scanned per page for prefix matches. Variants of one product usually share a prefix,
 * so several rows collapse into one product; a window this wide keeps pages full for any catalog
 * with fewer than ~40 variants per product.
 */
const VARIANT_WINDOW_FACTOR = 40;

const MATCH = ['sku', 'variant_sku', 'sku', 'variant_sku', 'name'] as const;

/** `%`, `_` and `\` typed by the user are literal characters, not patterns. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function catalogSearch(db: Db): Pick<CatalogRepository, 'search'> {
  return {
    async search(companyId, q, tx): Promise<CatalogSearchPage> {
      const limit = Math.min(Math.max(1, Math.trunc(q.limit ?? SEARCH_DEFAULT_LIMIT)), SEARCH_MAX_LIMIT);
      const offset = Math.max(0, Math.trunc(q.offset ?? 0));
      const n = offset + limit + 1; // one extra row tells whether there is a next page
      const term = q.query.trim();
      const conn = tx ?? db;
      let rows: Record<string, any>[];
      if (term === '') {
        const r = await conn.raw(
          `select id, name, sku, active, brand_id, category_id, 4 as rank, null as variant_sku
           from catalog_products where company_id = ? order by id desc limit ? offset ?`,
          [companyId, limit + 1, offset],
        );
        rows = r.rows;
      } else {
        // Each branch is cut to the rows a page could need and ordered the way the page is, so the
        // planner can walk an index (SKU pattern index, primary key, trigram GIN) and stop early.
        // Name matches come in id order (Centry ids grow with creation time: newest first), not
        // name order: matches are spread evenly over ids, so walking the key stops early for a
        // common word and the trigram index serves a rare one — ordered by name, a word whose
        // products all sort late ("zapatillas…") would walk nearly the whole index first.
        const r = await conn.raw(
          `with hits as (
             (select id, 0 as rank, sku as sort_key, null::text as variant_sku from catalog_products
               where company_id = :c and sku = :q limit :n)
             union all
             (select product_id, 1, sku, sku from catalog_variants where company_id = :c and sku = :q limit :n)
             union all
             (select id, 2, sku, null from catalog_products
               where company_id = :c and sku like :prefix and sku <> :q order by sku limit :n)
             union all
             (select product_id, 3, min(sku), min(sku) from (
                select product_id, sku from catalog_variants
                 where company_id = :c and sku like :prefix and sku <> :q order by sku limit :window) v
               group by product_id order by min(sku) limit :n)
             union all
             (select id, 4, '', null from catalog_products
               where :byName and company_id = :c and name ilike :contains order by id desc limit :n)
           ), best as (
             select distinct on (id) id, rank, sort_key, variant_sku from hits order by id, rank, sort_key
           )
           select p.id, p.name, p.sku, p.active, p.brand_id, p.category_id, b.rank, b.variant_sku
           from best b join catalog_products p on p.company_id = :c and p.id = b.id
           order by b.rank, b.sort_key, p.id desc
           limit :limit offset :offset`,
          {
            c: companyId, q: term, prefix: `${escapeLike(term)}%`, contains: `%${escapeLike(term)}%`,
            n, window: n * VARIANT_WINDOW_FACTOR, limit: limit + 1, offset, byName: [...term].length >= NAME_SEARCH_MIN_CHARS,
          },
        );
        rows = r.rows;
      }
      const items: CatalogSearchHit[] = rows.slice(0, limit).map((r) => ({
        id: catalogProductId(r.id),
        name: r.name,
        sku: r.sku,
        active: r.active,
        brandId: r.brand_id,
        categoryId: r.category_id,
        match: MATCH[r.rank as number] ?? 'name',
        variantSku: r.variant_sku,
      }));
      return { items, hasMore: rows.length > limit };
    },
  };
}
