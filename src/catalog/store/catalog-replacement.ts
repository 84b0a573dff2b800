// One catalog source at a time (SPEC §3, issue 14): a replacement fills the catalog from the new
// source — a Centry pull from scratch, or a file that declared itself a replacement — and then
// removes what that source does not have: products (with tombstones, so the next sync unpublishes
// or deletes them per §6 "Al eliminar"), then the brands, categories and genders no product uses.
// It all happens in ONE transaction: a source that fails midway (a Centry error while paging, a
// file that breaks) replaces nothing, and no sync ever sees the two catalogs merged. Exclusions of
// every store of the company are carried to the new references (exclusion-carry.ts) in the same
// transaction, and what could not be carried is reported, never dropped.
import type { Db, Tx } from '../../db/knex.js';
import { carryExclusions, referenceKey, type ExclusionList } from '../../settings/exclusion-carry.js';
import { createSettingsRepository } from '../../settings/settings-repository.js';
import { integrationId } from '../../company/model.js';
import { createCatalogRepository, type CatalogRepository } from './catalog-repository.js';
import type { CatalogReferences } from '../model.js';

/** The same advisory lock as catalog writes (catalog-repository-writes.ts): one writer per company. */
const LOCK_CLASS = 4100;

export type ReplacedBy = 'centry' | 'import' | 'demo';

/** Ids the new source listed, valid or not: a listed record is never removed by its replacement. */
export interface ListedIds { products: Set<string>; brands: Set<string>; categories: Set<string>; genders: Set<string> }

export interface ReplacementScope {
  /** The catalog inside the replacement's transaction: the new source writes through it. */
  catalog: CatalogRepository;
  tx: Tx;
  listed: ListedIds;
}

export interface StoreExclusionReport {
  integrationId: number;
  storeName: string;
  /** Exclusions that now point at the new catalog's reference with the same exact name. */
  byName: number;
  /** Exclusions that point at nothing in the new catalog ("ya no está en el catálogo"), per list. */
  missing: Record<ExclusionList, number>;
}

export interface ReplacementReport {
  by: ReplacedBy;
  removed: { products: number; brands: number; categories: number; genders: number };
  stores: StoreExclusionReport[];
}

export type Filled<T> = { complete: boolean; value: T };
export type ReplaceResult<T> = { replaced: true; value: T; report: ReplacementReport } | { replaced: false; value: T };

export interface ReplaceOptions {
  by: ReplacedBy;
  /**
   * Last word inside the transaction once the source was read completely: false keeps what was
   * written but removes nothing (e.g. another pass already replaced the catalog).
   */
  beforeRemoving?: (tx: Tx) => Promise<boolean>;
}

export interface CatalogReplacer {
  replace<T>(companyId: number, fill: (scope: ReplacementScope) => Promise<Filled<T>>, opts: ReplaceOptions): Promise<ReplaceResult<T>>;
}

class Incomplete<T> extends Error {
  constructor(readonly value: T) { super('incomplete source: nothing replaced'); }
}

export const emptyListed = (): ListedIds => ({ products: new Set(), brands: new Set(), categories: new Set(), genders: new Set() });

export function createCatalogReplacer(db: Db): CatalogReplacer {
  return {
    async replace(companyId, fill, opts) {
      try {
        return await db.transaction(async (tx) => {
          await tx.raw('select pg_advisory_xact_lock(?::int, ?::int)', [LOCK_CLASS, companyId]);
          const catalog = createCatalogRepository(tx);
          // What was there before the new source wrote anything: only that can be removed.
          const known = await catalog.productIds(companyId);
          const before = await referencesOf(tx, companyId);
          const listed = emptyListed();
          const filled = await fill({ catalog, tx, listed });
          if (!filled.complete) throw new Incomplete(filled.value);
          if (opts.beforeRemoving && !(await opts.beforeRemoving(tx))) {
            return { replaced: false as const, value: filled.value };
          }
          const report = await removeUnlisted(tx, catalog, companyId, known, before, listed, opts.by);
          await tx.raw(
            `insert into catalog_sources (company_id, kind, last_replace_at, last_replace_report, replace_pending)
             values (?, ?, now(), ?::jsonb, false)
             on conflict (company_id) do update set last_replace_at = now(), last_replace_report = excluded.last_replace_report,
               replace_pending = false, updated_at = now()`,
            [companyId, opts.by, JSON.stringify(report)],
          );
          return { replaced: true as const, value: filled.value, report };
        });
      } catch (e) {
        if (e instanceof Incomplete) return { replaced: false, value: e.value as never };
        throw e;
      }
    },
  };
}

async function removeUnlisted(
  tx: Tx, catalog: CatalogRepository, companyId: number, known: readonly string[], before: CatalogReferences,
  listed: ListedIds, by: ReplacedBy,
): Promise<ReplacementReport> {
  const gone = known.filter((id) => !listed.products.has(id));
  if (gone.length > 0) {
    await tx.raw(
      `with gone as (delete from catalog_products where company_id = :c and id = any(:ids::text[]) returning id)
       insert into catalog_product_tombstones (company_id, product_id) select :c, id from gone
       on conflict (company_id, product_id) do update set change_seq = nextval('catalog_change_seq'), updated_at = now()`,
      { c: companyId, ids: gone },
    );
  }
  // References stay when listed, used by a product that stays, new, or (categories) an ancestor
  // of one that stays; the rest leave with the old source.
  const used = (await tx.raw(
    `select array_agg(distinct brand_id) filter (where brand_id is not null) as brands,
            array_agg(distinct category_id) filter (where category_id is not null) as categories,
            array_agg(distinct gender_id) filter (where gender_id is not null) as genders
     from catalog_products where company_id = ?`, [companyId],
  )).rows[0] as Record<'brands' | 'categories' | 'genders', string[] | null>;
  const current = await referencesOf(tx, companyId);
  const removed = { products: gone.length, brands: 0, categories: 0, genders: 0 };
  for (const kind of ['brands', 'categories', 'genders'] as const) {
    const keep = new Set<string>([...listed[kind], ...(used[kind] ?? [])]);
    for (const id of current[kind].keys()) if (!before[kind].has(id)) keep.add(id);
    if (kind === 'categories') {
      for (const id of [...keep]) {
        let parent = current.categories.get(id)?.parentId ?? null;
        while (parent !== null && !keep.has(parent)) { keep.add(parent); parent = current.categories.get(parent)?.parentId ?? null; }
      }
    }
    const drop = [...current[kind].keys()].filter((id) => !keep.has(id));
    if (drop.length > 0) {
      removed[kind] = await tx(`catalog_${kind}`).where({ company_id: companyId }).whereIn('id', drop).delete();
    }
  }
  const merged = await mergeSameNamed(tx, companyId, await referencesOf(tx, companyId), listed, before);
  for (const kind of ['brands', 'categories', 'genders'] as const) removed[kind] += merged[kind];
  const after = await referencesOf(tx, companyId);
  return { by, removed, stores: await carryStoreExclusions(tx, companyId, before, after) };
}

const PRODUCT_COLUMN = { brands: 'brand_id', categories: 'category_id', genders: 'gender_id' } as const;

/**
 * References that stay and share a name (categories: a path of names) are one reference: a product
 * the new source kept under its old id may still point at the old source's "Altiplano" while the
 * new source lists its own. The one the source listed wins (else one it brought, else the lowest
 * id); products and child categories are pointed at it and the others leave.
 */
async function mergeSameNamed(
  tx: Tx, companyId: number, refs: CatalogReferences, listed: ListedIds, before: CatalogReferences,
): Promise<Record<'brands' | 'categories' | 'genders', number>> {
  const merged = { brands: 0, categories: 0, genders: 0 };
  for (const kind of ['brands', 'categories', 'genders'] as const) {
    const groups = new Map<string, string[]>();
    for (const id of refs[kind].keys()) {
      const key = referenceKey(kind, id, refs)!;
      groups.set(key, [...(groups.get(key) ?? []), id]);
    }
    for (const ids of groups.values()) {
      if (ids.length < 2) continue;
      ids.sort();
      const keep = ids.find((id) => listed[kind].has(id)) ?? ids.find((id) => !before[kind].has(id)) ?? ids[0]!;
      const others = ids.filter((id) => id !== keep);
      await tx.raw(
        `update catalog_products set ${PRODUCT_COLUMN[kind]} = :keep, change_seq = nextval('catalog_change_seq'), updated_at = now()
         where company_id = :c and ${PRODUCT_COLUMN[kind]} = any(:others::text[])`,
        { c: companyId, keep, others },
      );
      if (kind === 'categories') {
        await tx('catalog_categories').where({ company_id: companyId }).whereIn('parent_id', others).update({ parent_id: keep });
      }
      merged[kind] += await tx(`catalog_${kind}`).where({ company_id: companyId }).whereIn('id', others).delete();
    }
  }
  return merged;
}

async function carryStoreExclusions(tx: Tx, companyId: number, before: CatalogReferences, after: CatalogReferences): Promise<StoreExclusionReport[]> {
  const settings = createSettingsRepository(tx);
  const stores: StoreExclusionReport[] = [];
  const integrations: { id: number; store_name: string }[] = await tx('integrations').where({ company_id: companyId }).orderBy('id').select('id', 'store_name');
  for (const integration of integrations) {
    for (let attempt = 0; ; attempt++) {
      const current = await settings.get(integrationId(integration.id), tx);
      const excludedProducts = current.settings.exclusions.productIds;
      const present = new Set<string>(excludedProducts.length === 0 ? [] : await tx('catalog_products')
        .where({ company_id: companyId }).whereIn('id', excludedProducts).pluck('id'));
      const carried = carryExclusions(current.settings.exclusions, before, after, (id) => present.has(id));
      if (carried.changed) {
        const saved = await settings.save(integrationId(integration.id), current.version, { ...current.settings, exclusions: carried.exclusions }, tx);
        if (!saved.ok && attempt < 3) continue; // saved meanwhile from Editar: carry that version
        if (!saved.ok) throw new Error(`the exclusions of integration ${integration.id} kept changing while the catalog was replaced`);
      }
      const missing = Object.fromEntries(Object.entries(carried.missing).map(([k, v]) => [k, v.length])) as Record<ExclusionList, number>;
      stores.push({ integrationId: integration.id, storeName: integration.store_name, byName: carried.byName, missing });
      break;
    }
  }
  return stores;
}

/** The reference lists, one query after another: a transaction is one connection (no parallel queries on it). */
async function referencesOf(tx: Tx, companyId: number): Promise<CatalogReferences> {
  const rows = async (table: string, cols: string[]) => tx(table).where({ company_id: companyId }).select(...cols).orderBy('name');
  const brands = await rows('catalog_brands', ['id', 'name']);
  const categories = await rows('catalog_categories', ['id', 'name', 'parent_id']);
  const genders = await rows('catalog_genders', ['id', 'name']);
  return {
    brands: new Map(brands.map((b) => [b.id, { id: b.id, name: b.name }])),
    categories: new Map(categories.map((c) => [c.id, { id: c.id, name: c.name, parentId: c.parent_id }])),
    genders: new Map(genders.map((g) => [g.id, { id: g.id, name: g.name }])),
  };
}
