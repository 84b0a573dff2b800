// Writes of the catalog repository: idempotent batch upserts keyed by Centry ids.
import type { Db, Tx } from '../db/knex.js';
import type { CatalogBrand, CatalogCategory, CatalogGender, CatalogProduct, CatalogProductId } from './model.js';
import type {
  CatalogRepository, ProductOutcome, ProductUpsertResult, ReferenceUpsertOptions, UpsertCounts,
} from './catalog-repository.js';
import {
  IMAGE_COLUMNS, PRODUCT_COLUMNS, VARIANT_COLUMNS, columnList, imageRow, productContentHash, productRow,
  recordsetType, variantRow,
} from './catalog-rows.js';

/** Advisory lock class for catalog writes: concurrent imports of one company take turns per batch. */
const LOCK_CLASS = 4100;
const NEXT_SEQ = "nextval('catalog_change_seq')";

type Writes = Pick<CatalogRepository, 'upsertBrands' | 'upsertCategories' | 'upsertGenders' | 'upsertProducts' | 'deleteProduct'>;

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
       select ?::int, ${names} from jsonb_to_recordset(?::jsonb) as r(${recordsetType(columns)})
       on conflict (company_id, id) ${onConflict}
       returning (xmax = 0) as inserted`,
      [companyId, JSON.stringify(unique)],
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
      const hashes = products.map(productContentHash);
      return within(tx, async (trx) => {
        await trx.raw('select pg_advisory_xact_lock(?::int, ?::int)', [LOCK_CLASS, companyId]);
        const existing = await trx.raw(
          'select id, content_hash from catalog_products where company_id = ? and id = any(?::text[])', [companyId, ids],
        );
        const stored = new Map<string, string>(existing.rows.map((r: { id: string; content_hash: string }) => [r.id, r.content_hash]));
        const outcomes: ProductOutcome[] = products.map((p, i) => {
          const hash = stored.get(p.id);
          return hash === undefined ? 'created' : hash === hashes[i] ? 'unchanged' : 'updated';
        });
        const dirty = products.map((_, i) => i).filter((i) => outcomes[i] !== 'unchanged');
        if (dirty.length > 0) await writeProducts(trx, companyId, dirty.map((i) => products[i]!), dirty.map((i) => hashes[i]!));
        const count = (o: ProductOutcome) => outcomes.filter((x) => x === o).length;
        return { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), outcomes };
      });
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

/** Writes new or changed products and replaces their variants and images. */
async function writeProducts(trx: Tx, companyId: number, products: CatalogProduct[], hashes: string[]): Promise<void> {
  const ids = products.map((p) => p.id);
  const productCols = columnList(PRODUCT_COLUMNS);
  const updates = PRODUCT_COLUMNS.filter(([c]) => c !== 'id').map(([c]) => `${c} = excluded.${c}`).join(', ');
  await trx.raw(
    `insert into catalog_products (company_id, ${productCols})
     select ?::int, ${productCols} from jsonb_to_recordset(?::jsonb) as r(${recordsetType(PRODUCT_COLUMNS)})
     on conflict (company_id, id) do update set ${updates}, change_seq = ${NEXT_SEQ}, updated_at = now()`,
    [companyId, JSON.stringify(products.map((p, i) => productRow(p, hashes[i]!)))],
  );
  await trx.raw('delete from catalog_variants where company_id = ? and product_id = any(?::text[])', [companyId, ids]);
  await trx.raw('delete from catalog_images where company_id = ? and product_id = any(?::text[])', [companyId, ids]);
  await trx.raw('delete from catalog_product_tombstones where company_id = ? and product_id = any(?::text[])', [companyId, ids]);

  const variants = products.flatMap((p) => p.variants.map((v) => variantRow(p.id, v)));
  if (variants.length > 0) {
    // A variant that moves here from a product outside this batch changes that product too: void
    // its hash so its next import is written instead of being taken as unchanged.
    await trx.raw(
      `update catalog_products set content_hash = '', change_seq = ${NEXT_SEQ}, updated_at = now()
       where company_id = ? and id in (
         select product_id from catalog_variants where company_id = ? and id = any(?::text[]) and product_id <> all(?::text[]))`,
      [companyId, companyId, variants.map((v) => v.id as string), ids],
    );
    const cols = columnList(VARIANT_COLUMNS);
    // A variant id already held by another product moves here (Centry ids are unique per company).
    const updates = VARIANT_COLUMNS.filter(([c]) => c !== 'id').map(([c]) => `${c} = excluded.${c}`).join(', ');
    await trx.raw(
      `insert into catalog_variants (company_id, ${cols})
       select ?::int, ${cols} from jsonb_to_recordset(?::jsonb) as r(${recordsetType(VARIANT_COLUMNS)})
       on conflict (company_id, id) do update set ${updates}`,
      [companyId, JSON.stringify(variants)],
    );
  }
  const images = products.flatMap((p) => p.images.map((i) => imageRow(p.id, i)));
  if (images.length > 0) {
    const cols = columnList(IMAGE_COLUMNS);
    await trx.raw(
      `insert into catalog_images (company_id, ${cols})
       select ?::int, ${cols} from jsonb_to_recordset(?::jsonb) as r(${recordsetType(IMAGE_COLUMNS)})`,
      [companyId, JSON.stringify(images)],
    );
  }
}
