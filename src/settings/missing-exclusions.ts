// Exclusions that point at nothing in the catalog any more (SPEC §3: "shown as such"): a brand,
// category, gender or product that left with a change of source or a deletion in Centry. Such an
// exclusion excludes nothing, so Mi Empresa says so per store and Editar marks each one — it is
// never silently bypassed.
import type { Db } from '../db/knex.js';
import type { CatalogReferences } from '../catalog/model.js';
import { integrationId } from '../company/model.js';
import { createSettingsRepository } from './settings-repository.js';
import type { ExclusionIds } from './settings.schema.js';

export interface StoreMissingExclusions { integrationId: number; storeName: string; missing: number }

/** How many of these exclusions point at nothing: references by id, products by id. */
export function countMissing(exclusions: ExclusionIds, refs: CatalogReferences, presentProducts: ReadonlySet<string>): number {
  return exclusions.brandIds.filter((id) => !refs.brands.has(id)).length
    + exclusions.categoryIds.filter((id) => !refs.categories.has(id)).length
    + exclusions.genderIds.filter((id) => !refs.genders.has(id)).length
    + exclusions.productIds.filter((id) => !presentProducts.has(id)).length;
}

export async function missingExclusions(db: Db, companyId: number, refs: CatalogReferences): Promise<StoreMissingExclusions[]> {
  const settings = createSettingsRepository(db);
  const integrations: { id: number; store_name: string }[] = await db('integrations').where({ company_id: companyId }).orderBy('id').select('id', 'store_name');
  const out: StoreMissingExclusions[] = [];
  for (const i of integrations) {
    const { exclusions } = (await settings.get(integrationId(i.id))).settings;
    const present = new Set<string>(exclusions.productIds.length === 0 ? [] : await db('catalog_products')
      .where({ company_id: companyId }).whereIn('id', exclusions.productIds).pluck('id'));
    const missing = countMissing(exclusions, refs, present);
    if (missing > 0) out.push({ integrationId: i.id, storeName: i.store_name, missing });
  }
  return out;
}
