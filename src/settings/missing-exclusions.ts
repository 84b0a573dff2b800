// Exclusions that point at nothing in the catalog any more (SPEC §3: "shown as such"): a brand,
// category, gender or product that left with a change of source or a deletion in Centry. Such an
// exclusion excludes nothing, so Mi Empresa says so per store and Editar marks each one — it is
// never silently bypassed.
import type { CatalogReferences } from '../catalog/model.js';
import { integrationId } from '../company/model.js';
import type { CatalogLookup } from '../catalog/store/catalog-lookup.js';
import type { SettingsRepository } from './settings-repository.js';
import type { ExclusionIds } from './settings.schema.js';

export interface StoreMissingExclusions { integrationId: number; storeName: string; missing: number }

/** How many of these exclusions point at nothing: references by id, products by id. */
export function countMissing(exclusions: ExclusionIds, refs: CatalogReferences, presentProducts: ReadonlySet<string>): number {
  return exclusions.brandIds.filter((id) => !refs.brands.has(id)).length
    + exclusions.categoryIds.filter((id) => !refs.categories.has(id)).length
    + exclusions.genderIds.filter((id) => !refs.genders.has(id)).length
    + exclusions.productIds.filter((id) => !presentProducts.has(id)).length;
}

export interface MissingExclusionsDeps {
  integrations(companyId: number): Promise<{ id: number; storeName: string }[]>;
  settings: Pick<SettingsRepository, 'get'>;
  lookup: Pick<CatalogLookup, 'presentProductIds'>;
}

export async function missingExclusions(deps: MissingExclusionsDeps, companyId: number, refs: CatalogReferences): Promise<StoreMissingExclusions[]> {
  const out: StoreMissingExclusions[] = [];
  for (const i of await deps.integrations(companyId)) {
    const { exclusions } = (await deps.settings.get(integrationId(i.id))).settings;
    const missing = countMissing(exclusions, refs, await deps.lookup.presentProductIds(companyId, exclusions.productIds));
    if (missing > 0) out.push({ integrationId: i.id, storeName: i.storeName, missing });
  }
  return out;
}
