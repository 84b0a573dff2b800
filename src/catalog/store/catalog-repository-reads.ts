// Reads of the catalog repository: assembled products, keyset streaming, references, counts, changes.
import type { Db, Tx } from '../../db/knex.js';
import {
  catalogProductId,
  type CatalogBrand, type CatalogCategory, type CatalogGender, type CatalogProduct, type CatalogProductId,
} from '../model.js';
import type { CatalogChanges, CatalogRepository, CatalogSummary } from './catalog-repository.js';
import { imageFromRow, productFromRow, variantFromRow } from './catalog-rows.js';

type Reads = Pick<CatalogRepository, 'getProduct' | 'getProducts' | 'streamProducts' | 'productIds' | 'references' | 'summary' | 'changesSince' | 'productsSharingSkus'>;

const DEFAULT_PAGE = 1000;

export function catalogReads(db: Db): Reads {
  /** Products by id with their variants and images: three queries whatever the count. */
  async function load(q: Db | Tx, companyId: number, productRows: Record<string, unknown>[]): Promise<CatalogProduct[]> {
    if (productRows.length === 0) return [];
    const ids = productRows.map((r) => r.id as string);
    const [variants, images] = await Promise.all([
      q.raw('select * from catalog_variants where company_id = ? and product_id = any(?::text[]) order by product_id, position, id', [companyId, ids]),
      q.raw('select * from catalog_images where company_id = ? and product_id = any(?::text[]) order by product_id, position, id', [companyId, ids]),
    ]);
    const variantsOf = groupBy(variants.rows, variantFromRow);
    const imagesOf = groupBy(images.rows, imageFromRow);
    return productRows.map((r) => productFromRow(r, variantsOf.get(r.id as string) ?? [], imagesOf.get(r.id as string) ?? []));
  }

  async function getProducts(companyId: number, ids: readonly CatalogProductId[], tx?: Tx): Promise<CatalogProduct[]> {
    if (ids.length === 0) return [];
    const q = tx ?? db;
    const rows = await q.raw('select * from catalog_products where company_id = ? and id = any(?::text[]) order by id', [companyId, [...ids]]);
    return load(q, companyId, rows.rows);
  }

  return {
    getProducts,
    async productsSharingSkus(companyId, opts = {}, tx) {
      // A superset (variants without options count, whitespace-only SKUs do not): duplicate-skus.ts decides exactly.
      const q = tx ?? db;
      if (opts.around) return getProducts(companyId, await skuNeighbourhood(q, companyId, opts.around), tx);
      const r = await q.raw(
        `with s as materialized (
           select id as product_id, sku from catalog_products where company_id = :c and btrim(coalesce(sku, '')) <> ''
           union all
           select product_id, sku from catalog_variants where company_id = :c and btrim(sku) <> ''
         )
         select distinct s.product_id from s
         join (select sku from s group by sku having min(product_id collate "C") <> max(product_id collate "C")) d on d.sku = s.sku`,
        { c: companyId },
      );
      return getProducts(companyId, (r.rows as { product_id: string }[]).map((x) => catalogProductId(x.product_id)), tx);
    },
    async getProduct(companyId, id, tx) {
      const [p] = await getProducts(companyId, [id], tx);
      return p ?? null;
    },

    async *streamProducts(companyId, opts = {}, tx) {
      const pageSize = opts.pageSize ?? DEFAULT_PAGE;
      const q = tx ?? db;
      let after = opts.afterId ?? null;
      for (;;) {
        // Keyset paging on the primary key: each page costs the same however deep it is, and
        // rows inserted meanwhile never shift a page the way offsets would.
        const rows = await q.raw(
          `select * from catalog_products where company_id = ? and (?::text is null or id > ?::text) order by id limit ?`,
          [companyId, after, after, pageSize],
        );
        if (rows.rows.length === 0) return;
        yield await load(q, companyId, rows.rows);
        if (rows.rows.length < pageSize) return;
        after = rows.rows[rows.rows.length - 1].id;
      }
    },

    async references(companyId, tx) {
      const q = tx ?? db;
      const [brands, categories, genders] = await Promise.all([
        q('catalog_brands').where({ company_id: companyId }).select('id', 'name').orderBy('name'),
        q('catalog_categories').where({ company_id: companyId }).select('id', 'name', 'parent_id').orderBy('name'),
        q('catalog_genders').where({ company_id: companyId }).select('id', 'name').orderBy('name'),
      ]);
      return {
        brands: new Map<string, CatalogBrand>(brands.map((b) => [b.id, { id: b.id, name: b.name }])),
        categories: new Map<string, CatalogCategory>(
          categories.map((c) => [c.id, { id: c.id, name: c.name, parentId: c.parent_id }]),
        ),
        genders: new Map<string, CatalogGender>(genders.map((g) => [g.id, { id: g.id, name: g.name }])),
      };
    },

    async productIds(companyId, tx) {
      const rows = await (tx ?? db)('catalog_products').where({ company_id: companyId }).orderBy('id').pluck('id');
      return (rows as string[]).map(catalogProductId);
    },

    async summary(companyId, tx): Promise<CatalogSummary> {
      const r = await (tx ?? db).raw(
        `select
           (select count(*) from catalog_products where company_id = :c)::int as products,
           (select count(*) from catalog_products where company_id = :c and active)::int as active_products,
           (select count(*) from catalog_variants where company_id = :c)::int as variants,
           (select count(*) from catalog_brands where company_id = :c)::int as brands,
           (select count(*) from catalog_categories where company_id = :c)::int as categories,
           (select count(*) from catalog_genders where company_id = :c)::int as genders,
           greatest(
             (select max(updated_at) from catalog_products where company_id = :c),
             (select max(updated_at) from catalog_product_tombstones where company_id = :c),
             (select max(updated_at) from catalog_brands where company_id = :c),
             (select max(updated_at) from catalog_categories where company_id = :c),
             (select max(updated_at) from catalog_genders where company_id = :c)
           ) as last_update`,
        { c: companyId },
      );
      const row = r.rows[0];
      return {
        products: row.products, activeProducts: row.active_products, variants: row.variants,
        brands: row.brands, categories: row.categories, genders: row.genders, lastUpdate: row.last_update,
      };
    },

    async changesSince(companyId, afterSeq, limit = 1000, tx): Promise<CatalogChanges> {
      const r = await (tx ?? db).raw(
        `(select id, change_seq, false as deleted from catalog_products where company_id = :c and change_seq > :s order by change_seq limit :n)
         union all
         (select product_id, change_seq, true from catalog_product_tombstones where company_id = :c and change_seq > :s order by change_seq limit :n)
         order by change_seq limit :n`,
        { c: companyId, s: afterSeq, n: limit },
      );
      const rows: { id: string; change_seq: number; deleted: boolean }[] = r.rows;
      return {
        changed: rows.filter((x) => !x.deleted).map((x) => catalogProductId(x.id)),
        deleted: rows.filter((x) => x.deleted).map((x) => catalogProductId(x.id)),
        lastSeq: rows.length ? rows[rows.length - 1]!.change_seq : afterSeq,
      };
    },
  };
}

function groupBy<T>(rows: Record<string, unknown>[], map: (r: Record<string, unknown>) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const key = r.product_id as string;
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    list.push(map(r));
  }
  return out;
}


/**
 * `ids` and every product that shares a SKU with them, transitively (whether a partner keeps a SKU may
 * depend on its own other SKUs): a few indexed look-ups, for a targeted run.
 */
async function skuNeighbourhood(q: Db | Tx, companyId: number, ids: readonly string[]): Promise<CatalogProductId[]> {
  const seen = new Set<string>();
  let frontier = [...new Set(ids)];
  while (frontier.length > 0) {
    for (const id of frontier) seen.add(id);
    const r = await q.raw(
      `with s as (
         select sku from catalog_products where company_id = :c and id = any(:ids::text[]) and btrim(coalesce(sku, '')) <> ''
         union
         select sku from catalog_variants where company_id = :c and product_id = any(:ids::text[]) and btrim(sku) <> ''
       )
       select id from catalog_products where company_id = :c and sku in (select sku from s)
       union
       select product_id from catalog_variants where company_id = :c and sku in (select sku from s)`,
      { c: companyId, ids: frontier },
    );
    frontier = (r.rows as { id: string }[]).map((x) => x.id).filter((id) => !seen.has(id));
  }
  return [...seen].sort().map(catalogProductId);
}
