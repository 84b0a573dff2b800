// The planner's vocabulary (SPEC §7.1): what Jumpseller should receive for one catalog product.
// Plain data, so plans can be tested as tables and executed by any adapter.
import type { CatalogProductId, CatalogReferences, CatalogVariantId } from '../../catalog/model.js';
import type { JumpsellerImageId, JumpsellerProductId, JumpsellerVariantId } from '../../jumpseller/ids.js';
import type { PriceRules } from '../../pricing/price-rules.js';
import type { DuplicateSku } from './duplicate-skus.js';
import type { ExclusionFilter, ExclusionReason } from './exclusion-filter.js';
import type { DesiredImage, DesiredProduct, DesiredProductFields, DesiredVariant } from './desired-product.js';
import type { FieldToggles } from './sync-fields.js';
import type { PushedState } from './pushed-state.js';

/** "Despublicar" (default) or "Eliminar": what happens to a published product that leaves the catalog (§6). */
export type OnRemoved = 'unpublish' | 'delete';

export interface PlanContext {
  toggles: FieldToggles;
  rules: PriceRules;
  currency: string;
  /** The store's `weight_unit`: weights are converted to it (store-units.ts); absent = kg. */
  weightUnit?: string;
  /** The clock is an input: an offer window opening or closing changes the plan by itself (§5). */
  now: Date;
  references: CatalogReferences;
  isExcluded: ExclusionFilter;
  onRemoved: OnRemoved;
  /** `contextKey(...)` of this run: arms the no-build fast path of a resync (planner.ts `inputsKey`). */
  contextKey?: string;
  /** Products withheld because another catalog product keeps their SKU (duplicate-skus.ts), by catalog id. */
  duplicates?: ReadonlyMap<string, DuplicateSku>;
}

export interface MappedImage {
  jumpsellerImageId: JumpsellerImageId;
  position: number;
  url: string;
  fingerprint: string;
}

/** What the mapping tables know about a product this app created or adopted. */
export interface MappingState {
  jumpsellerProductId: JumpsellerProductId;
  published: boolean;
  pushed: PushedState;
  /** Catalog variant id → Jumpseller variant id. */
  variants: ReadonlyMap<string, JumpsellerVariantId>;
  /** In store order (position). */
  images: readonly MappedImage[];
}

export type VariantPatch = Partial<Omit<DesiredVariant, 'catalogVariantId'>>;

/** The writes of an update; each non-empty part is one or more calls. */
export interface UpdateOps {
  /** Product PUT body (changed product-level fields); with `categoryPath` or republish in the same PUT. */
  product: Partial<DesiredProductFields>;
  /** Set when the category changed: the path to resolve into Jumpseller category ids ([] = none). */
  categoryPath: string[] | null;
  variantUpdates: { catalogVariantId: CatalogVariantId; jumpsellerVariantId: JumpsellerVariantId; patch: VariantPatch }[];
  variantCreates: { catalogVariantId: CatalogVariantId; body: VariantPatch }[];
  /** Variants gone from the catalog: stock 0 (the API cannot delete variants, §4). */
  variantRemovals: { catalogVariantId: string; jumpsellerVariantId: JumpsellerVariantId }[];
  imageRemovals: MappedImage[];
  imageAdds: DesiredImage[];
}

/** The create body: product fields, category path, variants with their options, then images. */
export interface CreateOps {
  product: Partial<DesiredProductFields> & Pick<DesiredProductFields, 'name' | 'price'>;
  categoryPath: string[] | null;
  variants: { catalogVariantId: CatalogVariantId; body: VariantPatch }[];
  images: DesiredImage[];
}

interface Base {
  catalogProductId: CatalogProductId;
  sku: string | null;
  name: string;
  /** Write calls this plan makes at least (category creations not counted). 0 for none/invalid. */
  writes: number;
}

export type ProductPlan =
  | (Base & { action: 'none'; why: 'unchanged' | 'excluded' | 'not_published' })
  | (Base & {
      action: 'invalid';
      catalogVariantId: CatalogVariantId | null;
      /**
       * §5 "not published": a product this app has published is unpublished (`status: disabled`,
       * whatever "Eliminar" says: it is not excluded, only unpriceable or a duplicate) and reported;
       * null = nothing in the store to take down (never created, or already unpublished).
       */
      unpublish: JumpsellerProductId | null;
    } & (
      | { reason: 'NO_NORMAL_PRICE' | 'PRICE_OUT_OF_RANGE' }
      /** Another catalog product keeps its SKU (duplicate-skus.ts). */
      | { reason: 'DUPLICATE_SKU'; duplicate: DuplicateSku }
    ))
  | (Base & {
      action: 'create';
      /** Look for a store product with this SKU first and adopt it (§7.2); null = nothing to look for. */
      adoptSku: string | null;
      desired: DesiredProduct;
      ops: CreateOps;
      /** `inputsKey` of the product, recorded once its push is complete (`pushedAfterCreate`). */
      inputs: string | null;
    })
  | (Base & {
      action: 'update';
      jumpsellerProductId: JumpsellerProductId;
      /** It was unpublished by this app and is no longer excluded: `status: available` is in the PUT. */
      republish: boolean;
      ops: UpdateOps;
      next: PushedState;
    })
  | (Base & { action: 'unpublish' | 'delete'; jumpsellerProductId: JumpsellerProductId; why: RemovalReason });

/** Why a published product leaves the store: an exclusion (§6) or its deletion from the catalog. */
export type RemovalReason = ExclusionReason | 'DELETED';

export type PlanAction = ProductPlan['action'];
