// "Vista previa" (SPEC §2.4): what a sync would do with the current, unsaved form — counts of
// create / update / unpublish / unchanged and a sample of price changes. The counts are the sync
// planner's own plans (planPage / planRemoved) against what was last pushed, so the preview and
// the sync cannot disagree. "What was last pushed" is a port: the mapping repository in the app,
// a fake in tests, NOTHING_PUSHED_YET for a store never synchronized.
import type { CatalogProduct, CatalogProductId, CatalogReferences } from '../catalog/model.js';
import type { CompanyId, IntegrationId } from '../company/model.js';
import { DEFAULT_PRICE_RULES, type PriceRules } from '../pricing/price-rules.js';
import { duplicateSkuMessage, findDuplicateSkus } from '../publishing/plan/duplicate-skus.js';
import { buildExclusionFilter } from '../publishing/plan/exclusion-filter.js';
import type { MappingRepository } from '../publishing/storage/mapping-repository.js';
import { buildDesiredProduct } from '../publishing/plan/payload-builder.js';
import type { MappingState, PlanContext } from '../publishing/plan/plan-types.js';
import { planPage, planRemoved } from '../publishing/plan/planner.js';
import type { IntegrationSettings } from './settings.schema.js';

/** The sync's memory of one integration, as the preview reads it. */
export interface LastPushedState {
  /** Mappings of these catalog products; a product never pushed is absent. */
  mappings(ids: readonly string[]): Promise<ReadonlyMap<string, MappingState>>;
  /** Mapped products whose catalog product no longer exists (deleted in Centry), in pages. */
  removed(): AsyncIterable<readonly (readonly [string, MappingState])[]>;
}

export const NOTHING_PUSHED_YET: LastPushedState = {
  mappings: async () => new Map(),
  async *removed() { /* nothing was ever pushed */ },
};

const REMOVED_PAGE = 500;
const DUPLICATES_SHOWN = 20;

/** The mapping tables of the sync (src/publishing/storage/mapping-repository.ts) as the preview's port. */
export function mappingPushedState(repo: MappingRepository, integration: IntegrationId, company: CompanyId): LastPushedState {
  return {
    mappings: (ids) => repo.load(integration, ids),
    async *removed() {
      let after: string | null = null;
      for (;;) {
        const page = await repo.removedPage(integration, company, after, REMOVED_PAGE);
        if (page.length === 0) return;
        yield page;
        if (page.length < REMOVED_PAGE) return;
        after = page[page.length - 1]![0];
      }
    },
  };
}

export interface PriceChange {
  id: CatalogProductId;
  sku: string | null;
  name: string;
  /** Minor units: as published with the saved rules (`store`), or the catalog's own price for a product not yet in the store (`catalog`). */
  before: number;
  after: number;
  beforeIs: 'store' | 'catalog';
}

export interface SyncPreview {
  create: number;
  update: number;
  /** Unpublished, or deleted under "Eliminar". */
  unpublish: number;
  unchanged: number;
  /** Excluded or paused and not published: nothing to do. */
  excluded: number;
  /** No normal price (or out of range): the sync would report them, publish nothing and unpublish those it had published (§5). */
  notPublishable: number;
  /** Withheld because another catalog product keeps their SKU (docs/adr/0012): reported like notPublishable. */
  duplicateSku: number;
  /** The first of them, with the line the sync would report ("SKU duplicado en el catálogo: …"). */
  duplicates: { id: CatalogProductId; name: string; sku: string; message: string }[];
  /** Catalog products looked at. */
  total: number;
  priceChanges: PriceChange[];
}

export interface PreviewInput {
  pages: AsyncIterable<readonly CatalogProduct[]>;
  references: CatalogReferences;
  /** The unsaved form. */
  settings: IntegrationSettings;
  /** The rules saved now: what a product already in the store was published with. */
  savedRules: PriceRules;
  currency: string;
  /** The store's `weight_unit` (Integration.weightUnit), as the sync converts weights to it; absent = kg. */
  weightUnit?: string;
  now: Date;
  pushed: LastPushedState;
  /** Products sharing a SKU with another (CatalogRepository.productsSharingSkus): which are withheld is decided here, with the form's exclusions. */
  sharingSkus?: readonly CatalogProduct[];
  sampleSize?: number;
}

export async function previewSync(input: PreviewInput): Promise<SyncPreview> {
  const { settings, currency, weightUnit, now, references, pushed } = input;
  const sampleSize = input.sampleSize ?? 10;
  const ctx: PlanContext = {
    toggles: settings.fields, rules: settings.prices, currency, weightUnit, now, references,
    isExcluded: buildExclusionFilter(settings.exclusions, references.categories), onRemoved: settings.onDelete,
  };
  const sharing = input.sharingSkus ?? [];
  if (sharing.length > 0) ctx.duplicates = findDuplicateSkus(sharing, await pushed.mappings(sharing.map((p) => p.id)), ctx);
  const out: SyncPreview = {
    create: 0, update: 0, unpublish: 0, unchanged: 0, excluded: 0, notPublishable: 0, duplicateSku: 0, duplicates: [], total: 0, priceChanges: [],
  };
  const priceWith = (p: CatalogProduct, rules: PriceRules) => {
    const built = buildDesiredProduct(p, { ...ctx, rules });
    return built.ok ? built.desired.product.price : undefined;
  };

  for await (const page of input.pages) {
    const mappings = await pushed.mappings(page.map((p) => p.id));
    const plans = planPage(page, mappings, ctx);
    plans.forEach((plan, i) => {
      out.total += 1;
      switch (plan.action) {
        case 'create': out.create += 1; break;
        case 'update': out.update += 1; break;
        case 'unpublish': case 'delete': out.unpublish += 1; break;
        case 'invalid':
          if (plan.reason !== 'DUPLICATE_SKU') { out.notPublishable += 1; break; }
          out.duplicateSku += 1;
          if (out.duplicates.length < DUPLICATES_SHOWN) {
            out.duplicates.push({ id: plan.catalogProductId, name: plan.name, sku: plan.duplicate.sku, message: duplicateSkuMessage(plan.duplicate) });
          }
          break;
        case 'none': if (plan.why === 'unchanged') out.unchanged += 1; else out.excluded += 1; break;
      }
      // Sampled: creates, and updates that really send a price (a price off "Al actualizar" is not sent).
      const sendsPrice = plan.action === 'create'
        || (plan.action === 'update' && ('price' in plan.ops.product || plan.ops.variantUpdates.some((v) => 'price' in v.patch)));
      if (out.priceChanges.length >= sampleSize || !sendsPrice) return;
      const p = page[i]!;
      const inStore = mappings.get(p.id)?.published === true;
      // A product not in the store yet is compared with the catalog's price as it is (no rules).
      const before = priceWith(p, inStore ? input.savedRules : { ...DEFAULT_PRICE_RULES, publishOffer: settings.prices.publishOffer });
      const after = priceWith(p, settings.prices);
      if (before !== undefined && after !== undefined && before !== after) {
        out.priceChanges.push({ id: p.id, sku: p.sku, name: p.name, before, after, beforeIs: inStore ? 'store' : 'catalog' });
      }
    });
  }
  for await (const page of pushed.removed()) {
    for (const [id, mapping] of page) {
      const plan = planRemoved(id as CatalogProductId, mapping, ctx);
      if (plan.action === 'unpublish' || plan.action === 'delete') out.unpublish += 1;
    }
  }
  return out;
}
