// Finding the store product a create may already have made (SPEC §7.2, §7.3): by SKU among the
// matches no other catalog product maps, or — for a create sent without SKU — by exact name and price
// since the recorded attempt (docs/adr/0007).
import type { JumpsellerProduct } from '../../jumpseller/schemas.js';
import { chooseMatch, unconfirmedCreateMatches, type SkuDirectory } from './adoption.js';
import type { PendingCreate } from '../storage/mapping-repository.js';
import type { ProductRunDeps } from './product-executor.js';

/** The store product an earlier create of this SKU-less product made, if any: searched fresh by name. */
export async function unconfirmedCreate(deps: ProductRunDeps, pending: PendingCreate): Promise<JumpsellerProduct | undefined> {
  const matches = unconfirmedCreateMatches(await deps.api.searchProducts(pending.name, ['name']), pending, deps.ctx.currency);
  const taken = await deps.mappings.mappedJumpsellerIds(deps.integration, matches.map((m) => m.id));
  return matches.find((m) => !taken.has(m.id));
}

export async function adoptable(deps: ProductRunDeps, matches: Awaited<ReturnType<SkuDirectory['find']>>): Promise<JumpsellerProduct | undefined> {
  if (matches.length === 0) return undefined;
  const taken = await deps.mappings.mappedJumpsellerIds(deps.integration, matches.map((m) => m.product.id));
  return chooseMatch(matches, taken);
}
