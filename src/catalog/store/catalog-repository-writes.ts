// Writes of the catalog repository: idempotent batch upserts keyed by Centry ids.
import type { Db, Tx } from '../../db/knex.js';
import type { CatalogBrand, CatalogCategory, CatalogGender, CatalogProduct, CatalogProductId } from '../model.js';
import type {
  CatalogRepository, ProductOutcome, ProductUpsertResult, ReferenceUpsertOptions, UpsertCounts,
} from './catalog-repository.js';
import {
  IMAGE_COLUMNS, PRODUCT_COLUMNS, VARIANT_COLUMNS, columnArrays, columnList, prepareProduct, unnestFrom,
  type PreparedProduct,
} from './catalog-rows.js';

/** Advisory lock class for catalog writes: concurrent imports of one company take turns per batch. */
const LOCK_CLASS = 4100;
const NEXT_SEQ = "nextval('catalog_change_seq')";

type Writes = Pick<CatalogRepository, 'upsertBrands' | 'upsertCategories' | 'upsertGenders' | 'upsertProducts' | 'deleteProduct' | 'refreshStatistics'>;

export function catalogWrites(db: Db): Writes {
  const within = <T>(tx: Tx | undefined, fn: (trx: Tx) => Promise<T>): Promise<T> => (tx ? fn(tx) : db.transaction(fn));

  async function upsertReferences(
    table: string, columns: readonly (readonly [string, string])[], companyId: number,
    rows: readonly Record<string, unknown>[], opts: ReferenceUpsertOptions | undefined, tx: Tx | undefined,
  ): Promise<UpsertCounts> {
    // Last one wins within a call, as it would across calls; PostgreSQL refuses to touch a row twice.
    const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
    if (unique.length === 0) return { created: 0, updated: 0, unchanged: 0 };
    const names = columnList(columns);
    const changed = columns.filter(([c]) => c !== 'id').map(([c]) => c);
    const onConflict = opts?.mode === 'keep'
      ? 'do nothing'
      : `do update set ${changed.map((c) => `${c} = excluded.${c}`).join(', ')}, change_seq = ${NEXT_SEQ}, updated_at = now()
         where (${changed.map((c) => `${table}.${c}`).join(', ')}) is distinct from (${changed.map((c) => `excluded.${c}`).join(', ')})`;
    const res = await (tx ?? db).raw(
      `insert into ${table} (company_id, ${names})
       select ?::int, ${names} from ${unnestFrom(columns)}
       on conflict (company_id, id) ${onConflict}
       returning (xmax = 0) as inserted`,
      [companyId, ...columnArrays(columns, unique)],
    );
    const created = res.rows.filter((r: { inserted: boolean }) => r.inserted).length;
    const updated = res.rows.length - created;
    return { created, updated, unchanged: unique.length - res.rows.length };
  }

  const NAME: readonly (readonly [string, string])[] = [['id', 'text'], ['name', 'text']];
  const CATEGORY: readonly (readonly [string, string])[] = [['id', 'text'], ['name', 'text'], ['parent_id', 'text']];

  return {
    upsertBrands: (companyId, brands: readonly CatalogBrand[], opts, tx) =>
      upsertReferences('catalog_brands', NAME, companyId, brands.map((b) => ({ id: b.id, name: b.name })), opts, tx),
    upsertGenders: (companyId, genders: readonly CatalogGender[], opts, tx) =>
      upsertReferences('catalog_genders', NAME, companyId, genders.map((g) => ({ id: g.id, name: g.name })), opts, tx),
    upsertCategories: (companyId, categories: readonly CatalogCategory[], opts, tx) =>
      upsertReferences('catalog_categories', CATEGORY, companyId,
        categories.map((c) => ({ id: c.id, name: c.name, parent_id: c.parentId })), opts, tx),

    async upsertProducts(companyId, products: readonly CatalogProduct[], tx): Promise<ProductUpsertResult> {
      if (products.length === 0) return { created: 0, updated: 0, unchanged: 0, outcomes: [] };
      const ids = products.map((p) => p.id as string);
      if (new Set(ids).size !== ids.length) throw new RangeError('upsertProducts: product ids must be unique within one call');
      const prepared = products.map(prepareProduct);
      return within(tx, async (trx) => {
        await trx.raw('select pg_advisory_xact_lock(?::int, ?::int)', [LOCK_CLASS, companyId]);
        const found = await trx.raw(
          `select id, content_hash, false as tombstone from catalog_products where company_id = :c and id = any(:ids::text[])
           union all
           select product_id, null, true from catalog_product_tombstones where company_id = :c and product_id = any(:ids::text[])`,
          { c: companyId, ids },
        );
        const stored = new Map<string, string>();
        const tombstones: string[] = [];
        for (const r of found.rows as { id: string; content_hash: string; tombstone: boolean }[]) {
          if (r.tombstone) tombstones.push(r.id);
          else stored.set(r.id, r.content_hash);
        }
        const outcomes: ProductOutcome[] = products.map((p, i) => {
          const hash = stored.get(p.id);
          return hash === undefined ? 'created' : hash === prepared[i]!.hash ? 'unchanged' : 'updated';
        });
        const dirty = products.map((_, i) => i).filter((i) => outcomes[i] !== 'unchanged');
        const existed = ids.filter((_, i) => outcomes[i] === 'updated');
        if (existed.length > 0 || tombstones.length > 0) {
          // Children of changed products are replaced; a product that comes back is no longer deleted.
          await trx.raw(
            `with v as (delete from catalog_variants where company_id = :c and product_id = any(:existed::text[])),
                  i as (delete from catalog_images where company_id = :c and product_id = any(:existed::text[]))
             delete from catalog_product_tombstones where company_id = :c and product_id = any(:tombstones::text[])`,
            { c: companyId, existed, tombstones },
          );
        }
        if (dirty.length > 0) await insertProducts(trx, companyId, dirty.map((i) => prepared[i]!));
        const count = (o: ProductOutcome) => outcomes.filter((x) => x === o).length;
        return { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), outcomes };
      });
    },

    async refreshStatistics(scope = 'all') {
      await db.raw(scope === 'products' ? 'analyze catalog_products, catalog_product_tombstones'
        : 'analyze catalog_products, catalog_product_tombstones, catalog_variants, catalog_images');
    },

    async deleteProduct(companyId, id: CatalogProductId, tx) {
      return within(tx, async (trx) => {
        await trx.raw('select pg_advisory_xact_lock(?::int, ?::int)', [LOCK_CLASS, companyId]);
        const n = await trx('catalog_products').where({ company_id: companyId, id }).delete();
        if (n === 0) return false;
        await trx.raw(
          `insert into catalog_product_tombstones (company_id, product_id) values (?, ?)
           on conflict (company_id, product_id) do update set change_seq = ${NEXT_SEQ}, updated_at = now()`,
          [companyId, id],
        );
        return true;
      });
    },
  };
}

/**
 * Upserts products with their (already cleared) variants and images in one statement: one round
 * trip per batch, so parsing the next batch in this process never leaves PostgreSQL waiting long.
 */
async function insertProducts(trx: Tx, companyId: number, products: PreparedProduct[]): Promise<void> {
  const productCols = columnList(PRODUCT_COLUMNS);
  const variantCols = columnList(VARIANT_COLUMNS);
  const imageCols = columnList(IMAGE_COLUMNS);
  const updates = PRODUCT_COLUMNS.filter(([c]) => c !== 'id').map(([c]) => `${c} = excluded.${c}`).join(', ');
  const variants = products.flatMap((p) => p.variants);
  const images = products.flatMap((p) => p.images);
  await trx.raw(
    `with p as (
       insert into catalog_products (company_id, ${productCols})
       select ?::int, ${productCols} from ${unnestFrom(PRODUCT_COLUMNS)}
       on conflict (company_id, id) do update set ${updates}, change_seq = ${NEXT_SEQ}, updated_at = now()
     ), v as (
       insert into catalog_variants (company_id, ${variantCols}) select ?::int, ${variantCols} from ${unnestFrom(VARIANT_COLUMNS)}
     )
     insert into catalog_images (company_id, ${imageCols}) select ?::int, ${imageCols} from ${unnestFrom(IMAGE_COLUMNS)}`,
    [
      companyId, ...columnArrays(PRODUCT_COLUMNS, products.map((p) => p.row)),
      companyId, ...columnArrays(VARIANT_COLUMNS, variants),
      companyId, ...columnArrays(IMAGE_COLUMNS, images),
    ],
  );
}
