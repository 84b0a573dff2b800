// "No SKU is ever published twice" (issue 14 §3, docs/adr/0012): Jumpseller does not enforce unique
// SKUs and the app adopts by SKU, so two catalog products sharing one (their own or a variant's) would
// both reach the store. Pure: which of the products that would be published keeps each SKU.
//   1. A product this app has published keeps it (the store product stays where it is), then one it
//      maps but unpublished, then one not in the store yet;
//   2. among equals, the lower catalog id (Centry ids begin with their creation time: the older one).
// A product claims all its SKUs or none: greedy in that order, a product whose SKUs are free keeps
// them, one with any SKU already kept is withheld — reported, not published, and unpublished if this
// app had published it. Products that would not be published anyway (excluded, no price) claim nothing.
// SKUs compare exactly, case-sensitively ("AB-1" ≠ "ab-1"), as adoption does.
import type { CatalogProduct } from '../../catalog/model.js';
import { buildDesiredProduct } from './payload-builder.js';
import type { MappingState, PlanContext } from './plan-types.js';

/** Why a product is withheld: its SKU and the product that keeps it. */
export interface DuplicateSku {
  sku: string;
  keptBy: { id: string; name: string };
}

type Ctx = Pick<PlanContext, 'toggles' | 'rules' | 'currency' | 'weightUnit' | 'now' | 'references' | 'isExcluded'>;

/** The SKUs the store product would carry (its own and its variants'), or null when it would not be published. */
export function storeSkus(product: CatalogProduct, ctx: Ctx): string[] | null {
  if (ctx.isExcluded(product).excluded) return null;
  const built = buildDesiredProduct(product, ctx);
  if (!built.ok) return null;
  const skus = [built.desired.product.sku, ...built.desired.variants.map((v) => v.sku)];
  return [...new Set(skus.filter((s): s is string => typeof s === 'string' && s.trim() !== ''))];
}

/**
 * The withheld products among `candidates` (any superset of the products sharing a SKU), by catalog
 * product id. `mappings` holds the candidates' mappings (absent = not in the store).
 */
export function findDuplicateSkus(
  candidates: readonly CatalogProduct[], mappings: ReadonlyMap<string, Pick<MappingState, 'published'>>, ctx: Ctx,
): Map<string, DuplicateSku> {
  const standing = (id: string) => { const m = mappings.get(id); return m ? (m.published ? 2 : 1) : 0; };
  const ranked = candidates
    .map((product) => ({ product, skus: storeSkus(product, ctx), standing: standing(product.id) }))
    .filter((c): c is typeof c & { skus: string[] } => c.skus !== null && c.skus.length > 0)
    .sort((a, b) => b.standing - a.standing || (a.product.id < b.product.id ? -1 : a.product.id > b.product.id ? 1 : 0));
  const keeper = new Map<string, CatalogProduct>();
  const withheld = new Map<string, DuplicateSku>();
  for (const { product, skus } of ranked) {
    const taken = skus.find((s) => keeper.has(s));
    if (taken !== undefined) {
      const by = keeper.get(taken)!;
      withheld.set(product.id, { sku: taken, keptBy: { id: by.id, name: by.name } });
      continue;
    }
    for (const s of skus) keeper.set(s, product);
  }
  return withheld;
}

/** The line of the sync errors and of "Vista previa". */
export function duplicateSkuMessage(d: DuplicateSku): string {
  return `SKU duplicado en el catálogo: ${d.sku} (también en «${d.keptBy.name}», que es el que se publica); este producto no se publica.`;
}
