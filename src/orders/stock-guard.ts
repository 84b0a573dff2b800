// SPEC §10 "Stock guard": until Centry has accepted an order — and its new stock is back in our
// catalog — the units the order took in Jumpseller are held back from the stock this app pushes for
// those variants, so a catalog push never raises the store above what is sellable. Pure: the rows and
// the clock come in, a catalog product with lowered variant stock goes out (the planner sees a
// different product, so its no-change fast path cannot skip the hold).
//
// An order holds its matched lines while Jumpseller has the units out (paid or pending payment) and
//   - Centry has not accepted it, or
//   - Centry accepted it but the catalog product was not refreshed from Centry since (its
//     `updatedAt` is older than the acceptance), for at most HOLD_AFTER_ACCEPT_MS — if Centry does
//     not move stock on orders (unverified on live), its catalog is the truth after that.
import type { CatalogProduct } from '../catalog/model.js';
import type { HeldLine, OrderSync } from './order-repository.js';

export const HOLD_AFTER_ACCEPT_MS = 15 * 60_000;
const OUT_OF_STORE = new Set(['paid', 'pending_payment']);

export interface Hold { qty: number; acceptedAt: Date | null }
/** By catalog variant id. */
export type StockHolds = ReadonlyMap<string, readonly Hold[]>;

export function stockHolds(rows: readonly Pick<OrderSync, 'jumpsellerStatus' | 'state' | 'acceptedAt' | 'lines'>[], now: Date): StockHolds {
  const out = new Map<string, Hold[]>();
  for (const r of rows) {
    if (r.state === 'skipped' || !r.jumpsellerStatus || !OUT_OF_STORE.has(r.jumpsellerStatus)) continue;
    if (r.acceptedAt && now.getTime() - r.acceptedAt.getTime() >= HOLD_AFTER_ACCEPT_MS) continue;
    for (const l of r.lines as HeldLine[]) {
      const list = out.get(l.catalogVariantId) ?? [];
      list.push({ qty: l.qty, acceptedAt: r.acceptedAt });
      out.set(l.catalogVariantId, list);
    }
  }
  return out;
}

/** Units of this variant held now, given when its product was last refreshed from Centry. */
export function heldFor(holds: readonly Hold[] | undefined, productUpdatedAt: Date): number {
  let n = 0;
  for (const h of holds ?? []) if (h.acceptedAt === null || productUpdatedAt.getTime() < h.acceptedAt.getTime()) n += h.qty;
  return n;
}

/** The product with each variant's stock lowered by its held units (never below 0); the same object when nothing is held. */
export function withHeldStock(p: CatalogProduct, holds: StockHolds | undefined): CatalogProduct {
  if (!holds || holds.size === 0 || !p.variants.some((v) => holds.has(v.id))) return p;
  return {
    ...p,
    variants: p.variants.map((v) => {
      const held = heldFor(holds.get(v.id), p.updatedAt);
      return held > 0 ? { ...v, stock: Math.max(0, v.stock - held) } : v;
    }),
  };
}
