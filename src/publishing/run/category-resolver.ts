// Catalog category path → Jumpseller category id (SPEC §4 "Categoría": created by name when missing,
// parents first, cached). A category the store already has under the same parent is adopted rather
// than created twice; concurrent products needing the same new category wait for one creation.
import type { IntegrationId } from '../../company/model.js';
import { AmbiguousCreateError } from '../../jumpseller/errors.js';
import type { JumpsellerCategoryId } from '../../jumpseller/ids.js';
import type { JumpsellerCategory } from '../../jumpseller/schemas.js';
import type { MappingRepository } from '../storage/mapping-repository.js';
import type { StoreApi } from './ports.js';

/** The identity of a category in sync_category_mappings: names from the root. */
export const pathKey = (path: readonly string[]) => path.join(' > ');

export class CategoryResolver {
  private cache: Promise<Map<string, JumpsellerCategoryId>> | null = null;
  private store: Promise<JumpsellerCategory[]> | null = null;
  private readonly inflight = new Map<string, Promise<JumpsellerCategoryId>>();

  constructor(private readonly deps: { api: StoreApi; mappings: MappingRepository; integration: IntegrationId }) {}

  /** The ids to send as `categories` for a product in `path`: its own category (the leaf), or none. */
  async resolve(path: readonly string[]): Promise<JumpsellerCategoryId[]> {
    if (path.length === 0) return [];
    let parent: JumpsellerCategoryId | null = null;
    for (let depth = 1; depth <= path.length; depth++) parent = await this.one(path.slice(0, depth), parent);
    return [parent!];
  }

  private async one(path: string[], parent: JumpsellerCategoryId | null): Promise<JumpsellerCategoryId> {
    const key = pathKey(path);
    this.cache ??= this.deps.mappings.categories(this.deps.integration);
    const known = (await this.cache).get(key);
    if (known !== undefined) return known;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.findOrCreate(path[path.length - 1]!, parent).then(async (id) => {
        await this.deps.mappings.saveCategory(this.deps.integration, key, path[path.length - 1]!, id);
        (await this.cache!).set(key, id);
        return id;
      }).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async findOrCreate(name: string, parent: JumpsellerCategoryId | null): Promise<JumpsellerCategoryId> {
    const existing = await this.lookup(name, parent, false);
    if (existing !== undefined) return existing;
    for (let attempt = 1; ; attempt++) {
      try {
        // A root category is sent without `parent_id` (the spec types it integer, never null: SPEC §7.6).
        return (await this.deps.api.createCategory(parent === null ? { name } : { name, parent_id: parent })).id;
      } catch (err) {
        // Created or not? Look before trying again (SPEC §7.3: never blindly retry a create).
        if (!(err instanceof AmbiguousCreateError) || attempt >= 3) throw err;
        const found = await this.lookup(name, parent, true);
        if (found !== undefined) return found;
      }
    }
  }

  private async lookup(name: string, parent: JumpsellerCategoryId | null, fresh: boolean): Promise<JumpsellerCategoryId | undefined> {
    // A failed listing is not cached: the next product asks again.
    if (fresh || !this.store) this.store = this.deps.api.listCategories().catch((e) => { this.store = null; throw e; });
    const list = await this.store;
    return list.find((c) => c.name === name && (c.parent_id ?? null) === parent)?.id;
  }
}
