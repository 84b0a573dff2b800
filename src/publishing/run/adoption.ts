// Adopt by SKU (SPEC §7.2): before creating, look for a store product with the same SKU (exact,
// case-sensitive) so a first sync into a store that already has the products, a lost mapping or a
// create whose answer was lost never duplicates. Looking each SKU up costs one search per new
// product; when the store is small next to the number of new products, listing it once (100 per
// call) costs fewer calls, and an empty store needs no look-up at all (docs/adr/0007).
import type { JumpsellerImageId, JumpsellerProductId, JumpsellerVariantId } from '../../jumpseller/ids.js';
import type { SkuMatch } from '../../jumpseller/http-client.js';
import type { JumpsellerProduct } from '../../jumpseller/schemas.js';
import type { PendingCreate } from '../storage/mapping-repository.js';
import type { DesiredProduct } from '../plan/desired-product.js';
import type { MappedImage, MappingState } from '../plan/plan-types.js';
import type { StoreApi } from './ports.js';
import { UNKNOWN_STATE } from '../plan/pushed-state.js';
import { storeMinor } from '../plan/store-diff.js';

/** Live caps pages at 100 (API-NOTES "Pagination"). */
const PAGE = 100;

export type LookupMode = 'empty' | 'listed' | 'search';

export class SkuDirectory {
  private state: Promise<{ mode: LookupMode; index: Map<string, SkuMatch[]> }> | null = null;

  /** `creates`: how many products the run may create (catalog products with no mapping). */
  constructor(private readonly api: StoreApi, private readonly creates: number) {}

  /** How `find` answers; decided on the first look-up, so a run that creates nothing reads nothing. */
  async mode(): Promise<LookupMode> {
    return (await this.ready()).mode;
  }

  /** Store products carrying this SKU, as known at the first look-up of the run (or searched now). */
  async find(sku: string): Promise<SkuMatch[]> {
    const { mode, index } = await this.ready();
    if (mode === 'search') return this.api.findBySku(sku);
    return index.get(sku) ?? [];
  }

  /** Always asks the store: after an ambiguous create, or when the run-start listing may be stale. */
  findFresh(sku: string): Promise<SkuMatch[]> {
    return this.api.findBySku(sku);
  }

  private ready() {
    this.state ??= this.choose().catch((e) => { this.state = null; throw e; });
    return this.state;
  }

  private async choose(): Promise<{ mode: LookupMode; index: Map<string, SkuMatch[]> }> {
    const index = new Map<string, SkuMatch[]>();
    const count = await this.api.countProducts();
    if (count === 0) return { mode: 'empty', index };
    if (Math.ceil(count / PAGE) >= this.creates) return { mode: 'search', index };
    const add = (sku: string | null | undefined, match: SkuMatch) => {
      if (!sku) return;
      const list = index.get(sku);
      if (list) list.push(match);
      else index.set(sku, [match]);
    };
    for await (const product of this.api.allProducts()) {
      const slim = slimProduct(product);
      add(slim.sku, { product: slim, variant: null });
      for (const v of slim.variants ?? []) add(v.sku, { product: slim, variant: v });
    }
    return { mode: 'listed', index };
  }
}

const SLIM = new WeakSet<object>();

/** A product from the run-start listing: ids, SKUs and images only, to be read in full before comparing. */
export function isSlim(p: JumpsellerProduct): boolean {
  return SLIM.has(p);
}

/** What adoption needs of a listed product; descriptions of a whole store would not fit in memory. */
function slimProduct(p: JumpsellerProduct): JumpsellerProduct {
  const slim = {
    id: p.id, sku: p.sku, name: p.name, status: p.status,
    variants: (p.variants ?? []).map((v) => ({ id: v.id, sku: v.sku })),
    images: (p.images ?? []).map((i) => ({ id: i.id, position: i.position, url: i.url })),
  } as JumpsellerProduct;
  SLIM.add(slim);
  return slim;
}

/**
 * The store product to adopt among matches: a product whose own SKU matches first, then one whose
 * variant does; never one already mapped to another catalog product.
 */
export function chooseMatch(matches: readonly SkuMatch[], taken: ReadonlySet<number>): JumpsellerProduct | undefined {
  const free = matches.filter((m) => !taken.has(m.product.id));
  return (free.find((m) => m.variant === null) ?? free[0])?.product;
}

/**
 * The mapping an adopted product starts from: nothing known of its fields (everything enabled is
 * planned, then trimmed to what the store does not hold: store-diff.ts), variants paired by SKU, images kept where the URL and position already match ours.
 */
export function adoptedMapping(store: JumpsellerProduct, desired: DesiredProduct): MappingState {
  const bySku = new Map<string, JumpsellerVariantId>();
  for (const v of store.variants ?? []) if (v.sku) bySku.set(v.sku, v.id);
  const variants = new Map<string, JumpsellerVariantId>();
  for (const v of desired.variants) {
    const id = bySku.get(v.sku);
    if (id !== undefined) variants.set(v.catalogVariantId, id);
  }
  const images: MappedImage[] = [...(store.images ?? [])]
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || a.id - b.id)
    .map((img, i) => {
      const ours = desired.images[i];
      const same = ours !== undefined && img.url === ours.url;
      return {
        jumpsellerImageId: img.id as JumpsellerImageId, position: i + 1, url: img.url ?? '',
        fingerprint: same ? ours.fingerprint : `adopted:${img.id}`,
      };
    });
  return {
    jumpsellerProductId: store.id as JumpsellerProductId, published: store.status !== 'disabled',
    pushed: { ...UNKNOWN_STATE, sku: desired.product.sku, name: desired.product.name },
    variants, images,
  };
}

/** How far the app's clock and Jumpseller's may disagree when comparing `created_at` with an attempt. */
export const CLOCK_SKEW_MS = 10 * 60 * 1000;

/**
 * Store products that an unconfirmed create of a product without SKU may have made (docs/adr/0007):
 * exactly the name and price it sent (minor units; the store's decimal read once with `storeMinor`),
 * no SKU, and created no earlier than its first attempt (less clock skew). A `created_at` the store does not give, or that does not parse, excludes nothing.
 * Oldest first: if two attempts both happened, the first is the one to keep.
 */
export function unconfirmedCreateMatches(found: readonly JumpsellerProduct[], pending: PendingCreate, currency: string): JumpsellerProduct[] {
  const since = pending.attemptedAt.getTime() - CLOCK_SKEW_MS;
  return found
    .filter((p) => p.name === pending.name && !p.sku && typeof p.price === 'number' && storeMinor(p.price, currency) === pending.price)
    .filter((p) => {
      const created = typeof p.created_at === 'string' ? Date.parse(p.created_at) : NaN;
      return Number.isNaN(created) || created >= since;
    })
    .sort((a, b) => a.id - b.id);
}
