// Identity of what this app put in a store (SPEC §7.2): catalog product/variant/image ↔ Jumpseller
// ids, with the fingerprints of the last push (pushed-state.ts) and the category cache. Every id a
// create returns is written here at once, so a crash never forgets a product the store already has.
import type { Db, Tx } from '../../db/knex.js';
import type { CompanyId, IntegrationId } from '../../company/model.js';
import type { JumpsellerCategoryId, JumpsellerImageId, JumpsellerProductId, JumpsellerVariantId } from '../../jumpseller/ids.js';
import type { MappedImage, MappingState } from '../plan/plan-types.js';
import { parsePushedState, type PushedState } from '../plan/pushed-state.js';
import type { RunId } from '../run-model.js';

/** What a run did to a product, kept on its mapping so a resumed run counts it exactly once. */
export type ProductOutcome = 'created' | 'updated' | 'unpublished' | 'unchanged';

/** A create that may have happened, of a product the store cannot find by SKU (migrations 0301, 0340). */
export interface PendingCreate {
  name: string;
  /** Minor units of the store currency, as the plan carried it (bigint column). */
  price: number;
  /** The first attempt (database clock): nothing created before it can be ours. */
  attemptedAt: Date;
}

export interface StoredMapping extends MappingState {
  lastRunId: number | null;
  lastOutcome: ProductOutcome | null;
}

export interface MappingRepository {
  /** Mappings of these catalog products (absent = never pushed). */
  load(integration: IntegrationId, catalogProductIds: readonly string[], tx?: Tx): Promise<Map<string, StoredMapping>>;
  saveProduct(integration: IntegrationId, catalogProductId: string, m: {
    jumpsellerProductId: JumpsellerProductId; published: boolean; pushed: PushedState; runId: RunId | null; outcome: ProductOutcome | null;
  }, tx?: Tx): Promise<void>;
  saveVariant(integration: IntegrationId, catalogProductId: string, catalogVariantId: string, id: JumpsellerVariantId, tx?: Tx): Promise<void>;
  /** A product the store now holds, with its variants, in one transaction (which also clears its pending create). */
  saveWithVariants(integration: IntegrationId, catalogProductId: string, m: Parameters<MappingRepository['saveProduct']>[2],
    variants: ReadonlyMap<string, JumpsellerVariantId>, images?: readonly MappedImage[]): Promise<void>;
  saveImage(integration: IntegrationId, catalogProductId: string, image: MappedImage, tx?: Tx): Promise<void>;
  removeImage(integration: IntegrationId, catalogProductId: string, id: JumpsellerImageId): Promise<void>;
  /** Forgets the product (deleted, or gone from the store): variants and images go with it. */
  remove(integration: IntegrationId, catalogProductId: string): Promise<void>;
  /**
   * A mapped product was deleted in the store (a `product_deleted` webhook): forgets it, its variants
   * and images, so the planner creates it again. The catalog product id, or undefined when no mapping
   * had that Jumpseller id (already forgotten: a retried delivery changes nothing).
   */
  forgetStoreProduct(integration: IntegrationId, jumpsellerProductId: JumpsellerProductId): Promise<string | undefined>;
  /** Which of these Jumpseller products are already mapped (to any catalog product) here. */
  mappedJumpsellerIds(integration: IntegrationId, ids: readonly number[]): Promise<Set<number>>;
  /** Mapped products whose catalog product no longer exists, by catalog id after `after`. */
  removedPage(integration: IntegrationId, company: CompanyId, after: string | null, limit: number): Promise<[string, StoredMapping][]>;
  countRemoved(integration: IntegrationId, company: CompanyId): Promise<number>;
  /** Catalog products with no mapping yet: the creates (and SKU look-ups) a run will need. */
  countUnmapped(integration: IntegrationId, company: CompanyId): Promise<number>;
  /**
   * Records, before the POST, a create of a product without a SKU identity. A record already there
   * (an earlier attempt, already looked for) keeps its first `attemptedAt` and takes what is sent now.
   * Returns the record in force.
   */
  markPendingCreate(integration: IntegrationId, catalogProductId: string, sent: { name: string; price: number }): Promise<PendingCreate>;
  pendingCreate(integration: IntegrationId, catalogProductId: string): Promise<PendingCreate | undefined>;
  categories(integration: IntegrationId): Promise<Map<string, JumpsellerCategoryId>>;
  saveCategory(integration: IntegrationId, path: string, name: string, id: JumpsellerCategoryId): Promise<void>;
}

interface ProductRow {
  catalog_product_id: string; jumpseller_product_id: number; fingerprints: unknown; published: boolean;
  last_run_id: number | null; last_outcome: ProductOutcome | null;
}

export function createMappingRepository(db: Db): MappingRepository {
  const q = (tx?: Tx) => tx ?? db;

  async function assemble(integration: IntegrationId, rows: ProductRow[], tx?: Tx): Promise<Map<string, StoredMapping>> {
    const out = new Map<string, StoredMapping>();
    if (rows.length === 0) return out;
    const ids = rows.map((r) => r.catalog_product_id);
    const [variants, images] = await Promise.all([
      q(tx)('sync_variant_mappings').where({ integration_id: integration }).whereIn('catalog_product_id', ids),
      q(tx)('sync_image_mappings').where({ integration_id: integration }).whereIn('catalog_product_id', ids).orderBy(['catalog_product_id', 'position', 'jumpseller_image_id']),
    ]);
    for (const r of rows) {
      out.set(r.catalog_product_id, {
        jumpsellerProductId: r.jumpseller_product_id as JumpsellerProductId, published: r.published, pushed: parsePushedState(r.fingerprints),
        variants: new Map(), images: [], lastRunId: r.last_run_id, lastOutcome: r.last_outcome,
      });
    }
    for (const v of variants) (out.get(v.catalog_product_id)!.variants as Map<string, JumpsellerVariantId>).set(v.catalog_variant_id, v.jumpseller_variant_id);
    for (const i of images) {
      (out.get(i.catalog_product_id)!.images as MappedImage[]).push({
        jumpsellerImageId: i.jumpseller_image_id, position: i.position, url: i.url, fingerprint: i.fingerprint,
      });
    }
    return out;
  }

  const unmappedOrRemoved = (removed: boolean) => removed
    ? `from sync_product_mappings m where m.integration_id = :i
       and not exists (select 1 from catalog_products p where p.company_id = :c and p.id = m.catalog_product_id)`
    : `from catalog_products p where p.company_id = :c
       and not exists (select 1 from sync_product_mappings m where m.integration_id = :i and m.catalog_product_id = p.id)`;

  const repo: MappingRepository = {
    async load(integration, ids, tx) {
      if (ids.length === 0) return new Map();
      const rows: ProductRow[] = await q(tx)('sync_product_mappings').where({ integration_id: integration }).whereIn('catalog_product_id', [...ids]);
      return assemble(integration, rows, tx);
    },
    async saveProduct(integration, catalogProductId, m, tx) {
      await q(tx)('sync_product_mappings').insert({
        integration_id: integration, catalog_product_id: catalogProductId, jumpseller_product_id: m.jumpsellerProductId,
        fingerprints: JSON.stringify(m.pushed), published: m.published, last_pushed_at: db.fn.now(), last_run_id: m.runId, last_outcome: m.outcome,
      }).onConflict(['integration_id', 'catalog_product_id']).merge();
    },
    async saveWithVariants(integration, catalogProductId, m, variants, images = []) {
      // One statement, so atomic without a transaction: the product, its pending create done, and
      // every variant and image (a create answers them all at once; a run writes one per create).
      await db.raw(
        `with p as (
           insert into sync_product_mappings (integration_id, catalog_product_id, jumpseller_product_id, fingerprints, published, last_pushed_at, last_run_id, last_outcome)
           values (?, ?, ?, cast(? as jsonb), ?, now(), ?, ?)
           on conflict (integration_id, catalog_product_id) do update set jumpseller_product_id = excluded.jumpseller_product_id,
             fingerprints = excluded.fingerprints, published = excluded.published, last_pushed_at = excluded.last_pushed_at,
             last_run_id = excluded.last_run_id, last_outcome = excluded.last_outcome
           returning integration_id, catalog_product_id
         ), pending as (
           delete from sync_pending_creates where integration_id = ? and catalog_product_id = ?
         ), v as (
           insert into sync_variant_mappings (integration_id, catalog_product_id, catalog_variant_id, jumpseller_variant_id)
           select p.integration_id, p.catalog_product_id, x.cv, x.jv from p, jsonb_to_recordset(cast(? as jsonb)) as x(cv text, jv bigint)
           on conflict (integration_id, catalog_product_id, catalog_variant_id) do update set jumpseller_variant_id = excluded.jumpseller_variant_id
         ), i as (
           insert into sync_image_mappings (integration_id, catalog_product_id, jumpseller_image_id, position, url, fingerprint)
           select p.integration_id, p.catalog_product_id, x.id, x.position, x.url, x.fingerprint
             from p, jsonb_to_recordset(cast(? as jsonb)) as x(id bigint, position int, url text, fingerprint text)
           on conflict (integration_id, catalog_product_id, jumpseller_image_id) do update set position = excluded.position, url = excluded.url, fingerprint = excluded.fingerprint
         )
         select 1`,
        [
          integration, catalogProductId, m.jumpsellerProductId, JSON.stringify(m.pushed), m.published, m.runId, m.outcome,
          integration, catalogProductId,
          JSON.stringify([...variants].map(([cv, jv]) => ({ cv, jv }))),
          JSON.stringify(images.map((x) => ({ id: x.jumpsellerImageId, position: x.position, url: x.url, fingerprint: x.fingerprint }))),
        ],
      );
    },
    async saveVariant(integration, catalogProductId, catalogVariantId, id, tx) {
      await q(tx)('sync_variant_mappings').insert({
        integration_id: integration, catalog_product_id: catalogProductId, catalog_variant_id: catalogVariantId, jumpseller_variant_id: id,
      }).onConflict(['integration_id', 'catalog_product_id', 'catalog_variant_id']).merge();
    },
    async saveImage(integration, catalogProductId, image, tx) {
      await q(tx)('sync_image_mappings').insert({
        integration_id: integration, catalog_product_id: catalogProductId, jumpseller_image_id: image.jumpsellerImageId,
        position: image.position, url: image.url, fingerprint: image.fingerprint,
      }).onConflict(['integration_id', 'catalog_product_id', 'jumpseller_image_id']).merge();
    },
    async removeImage(integration, catalogProductId, id) {
      await db('sync_image_mappings').where({ integration_id: integration, catalog_product_id: catalogProductId, jumpseller_image_id: id }).delete();
    },
    async remove(integration, catalogProductId) {
      await db('sync_product_mappings').where({ integration_id: integration, catalog_product_id: catalogProductId }).delete();
    },
    async forgetStoreProduct(integration, jumpsellerProductId) {
      const [row] = await db('sync_product_mappings').where({ integration_id: integration, jumpseller_product_id: jumpsellerProductId })
        .delete().returning('catalog_product_id');
      return row?.catalog_product_id as string | undefined;
    },
    async mappedJumpsellerIds(integration, ids) {
      if (ids.length === 0) return new Set();
      const rows = await db('sync_product_mappings').where({ integration_id: integration }).whereIn('jumpseller_product_id', [...ids]).select('jumpseller_product_id');
      return new Set(rows.map((r) => Number(r.jumpseller_product_id)));
    },
    async removedPage(integration, company, after, limit) {
      const r = await db.raw(
        `select m.* ${unmappedOrRemoved(true)} and (:a::text is null or m.catalog_product_id > :a::text) order by m.catalog_product_id limit :n`,
        { i: integration, c: company, a: after, n: limit },
      );
      return [...(await assemble(integration, r.rows))];
    },
    async countRemoved(integration, company) {
      const r = await db.raw(`select count(*)::int as n ${unmappedOrRemoved(true)}`, { i: integration, c: company });
      return r.rows[0].n;
    },
    async countUnmapped(integration, company) {
      const r = await db.raw(`select count(*)::int as n ${unmappedOrRemoved(false)}`, { i: integration, c: company });
      return r.rows[0].n;
    },
    async markPendingCreate(integration, catalogProductId, sent) {
      await db('sync_pending_creates').insert({ integration_id: integration, catalog_product_id: catalogProductId, name: sent.name, price: sent.price })
        .onConflict(['integration_id', 'catalog_product_id']).merge(['name', 'price']);
      return (await repo.pendingCreate(integration, catalogProductId))!;
    },
    async pendingCreate(integration, catalogProductId) {
      const row = await db('sync_pending_creates').where({ integration_id: integration, catalog_product_id: catalogProductId }).first();
      return row ? { name: row.name, price: Number(row.price), attemptedAt: row.attempted_at } : undefined;
    },
    async categories(integration) {
      const rows = await db('sync_category_mappings').where({ integration_id: integration });
      return new Map(rows.map((r) => [r.path as string, Number(r.jumpseller_category_id) as JumpsellerCategoryId]));
    },
    async saveCategory(integration, path, name, id) {
      await db('sync_category_mappings').insert({ integration_id: integration, path, name, jumpseller_category_id: id })
        .onConflict(['integration_id', 'path']).merge();
    },
  };
  return repo;
}
