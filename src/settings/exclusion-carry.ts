// Exclusions across a change of catalog source (SPEC §3, §6; issue 14): when a replacement takes
// brands, categories or genders away, an exclusion is carried to the new catalog's reference with
// the same id or, failing that, the same exact name (categories: the same path of names, since
// "Poleras" lives under Hombre, Mujer and Niños). Products are carried by id only: two catalogs'
// products with the same name are not the same product. What cannot be carried is kept as it is,
// so Editar shows it as "ya no está en el catálogo" — never silently dropped. Pure.
import type { CatalogReferences } from '../catalog/model.js';
import { categoryPath } from '../publishing/plan/payload-parts.js';
import type { ExclusionIds } from './settings.schema.js';

export type ExclusionList = keyof ExclusionIds;

export interface CarriedExclusions {
  exclusions: ExclusionIds;
  /** Exclusions that now point at another id with the same name. */
  byName: number;
  /** Ids that point at nothing in the new catalog, per list. */
  missing: Record<ExclusionList, string[]>;
  changed: boolean;
}

type RefKind = 'brands' | 'categories' | 'genders';
const LISTS: readonly [ExclusionList, RefKind][] = [['brandIds', 'brands'], ['categoryIds', 'categories'], ['genderIds', 'genders']];

/** The name an exclusion is matched by: a brand's or gender's name, a category's whole path. */
export function referenceKey(kind: RefKind, id: string, refs: CatalogReferences): string | undefined {
  if (kind === 'categories') return refs.categories.has(id) ? categoryPath(id, refs.categories).join(' › ') : undefined;
  return refs[kind].get(id)?.name;
}

export function carryExclusions(
  current: ExclusionIds, before: CatalogReferences, after: CatalogReferences, productExists: (id: string) => boolean,
): CarriedExclusions {
  const out: ExclusionIds = { ...current, productIds: [...current.productIds] };
  const missing: Record<ExclusionList, string[]> = { brandIds: [], categoryIds: [], genderIds: [], productIds: [] };
  let byName = 0;
  let changed = false;
  for (const [list, kind] of LISTS) {
    let idsByKey: Map<string, string[]> | null = null;
    const next: string[] = [];
    for (const id of current[list]) {
      if (after[kind].has(id)) { next.push(id); continue; }
      const key = referenceKey(kind, id, before);
      if (key !== undefined) {
        idsByKey ??= keyIndex(kind, after);
        const matches = idsByKey.get(key);
        if (matches?.length) {
          next.push(...matches);
          byName += 1;
          changed = true;
          continue;
        }
      }
      next.push(id);
      missing[list].push(id);
    }
    out[list] = [...new Set(next)];
  }
  missing.productIds = current.productIds.filter((id) => !productExists(id));
  return { exclusions: out, byName, missing, changed };
}

function keyIndex(kind: RefKind, refs: CatalogReferences): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const id of refs[kind].keys()) {
    const key = referenceKey(kind, id, refs)!;
    const list = index.get(key);
    if (list) list.push(id);
    else index.set(key, [id]);
  }
  return index;
}
