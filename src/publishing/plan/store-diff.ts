// After adopting or resuming a product whose pushed state is unknown (SPEC §7.2, §7.6), the update
// plan says "every enabled field"; the store's own product JSON, read back, says what it already
// holds. This reduces the plan to the fields that differ, so an adopted product that already
// matches costs no write, and one that differs in its price costs a PUT with only the price. Pure.
import type { JumpsellerCategoryId } from '../../jumpseller/ids.js';
import type { JumpsellerProduct } from '../../jumpseller/schemas.js';
import { fromApiDecimal } from '../../pricing/money.js';
import { MONEY_KEYS } from './desired-product.js';
import type { ProductPlan, UpdateOps, VariantPatch } from './plan-types.js';
import type { PushedState } from './pushed-state.js';
import { CLEARED } from './to-api.js';

type Update = Extract<ProductPlan, { action: 'update' }>;

const asNumber = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);

/**
 * An amount as the store answers it (a decimal in major units, a number or a numeric string) in
 * minor units of `currency`, read once here so every comparison of money is exact (ADR 0002).
 * Null when it is not an amount.
 */
export function storeMinor(value: unknown, currency: string): number | null {
  const n = asNumber(value);
  if (!Number.isFinite(n)) return null;
  try {
    return fromApiDecimal(n, currency);
  } catch {
    return null; // beyond the 15 digits an amount may have: not one of ours
  }
}

/**
 * Whether the store holds `want` for `key`: amounts (`want` in minor units of `currency`) compared
 * exactly in minor units, other numbers as numbers (live sends some as strings), "no value" as ADR
 * 0011 sends it (null, the empty string, 0 per `CLEARED`), options by name and value in order. A key
 * the store's JSON does not carry is unknown: not held.
 */
export function storeHolds(key: string, want: unknown, have: unknown, currency: string, present = true): boolean {
  if (!present) return false;
  if (want === null || want === undefined) {
    if (have === null || have === undefined) return true;
    const cleared = CLEARED[key];
    return cleared === 0 ? asNumber(have) === 0 : cleared === '' ? have === '' : false;
  }
  if (typeof want === 'number' && MONEY_KEYS.has(key)) return storeMinor(have, currency) === want;
  if (typeof want === 'number') return Math.abs(asNumber(have) - want) < 1e-9;
  if (key === 'options' && Array.isArray(want)) {
    const theirs = Array.isArray(have) ? (have as { name?: unknown; value?: unknown }[]) : [];
    return theirs.length === want.length && want.every((o: { name: string; value: string }, i) => theirs[i]?.name === o.name && theirs[i]?.value === o.value);
  }
  return want === have;
}

/** No field of the state is known: an adopted product, or a mapping whose fingerprints were lost. */
export function pushedUnknown(pushed: PushedState): boolean {
  return pushed.all === null && Object.keys(pushed.fields).length === 0 && Object.keys(pushed.product).length === 0;
}

/**
 * The plan without what `store` already holds. `categoryIds`: what the plan's category path resolves
 * to in this store (null when the plan does not touch categories). The fingerprints the plan records
 * (`next`) stay as they are: once the remaining writes succeed, the store holds all of it.
 */
export function trimToStore(plan: Update, store: JumpsellerProduct, categoryIds: readonly JumpsellerCategoryId[] | null, currency: string): Update {
  const fields = store as Record<string, unknown>;
  const product = Object.fromEntries(Object.entries(plan.ops.product).filter(([k, v]) => !storeHolds(k, v, fields[k], currency, k in fields)));
  let categoryPath = plan.ops.categoryPath;
  if (categoryPath !== null && categoryIds !== null) {
    const theirs = (store.categories ?? []).map((c) => c.id).filter((id) => id !== undefined).sort();
    if (JSON.stringify(theirs) === JSON.stringify([...categoryIds].sort())) categoryPath = null;
  }
  const variantsById = new Map((store.variants ?? []).map((v) => [v.id as number, v as Record<string, unknown>]));
  const variantUpdates = plan.ops.variantUpdates.flatMap((u) => {
    const theirs = variantsById.get(u.jumpsellerVariantId);
    if (!theirs) return [u]; // not in the answer: the write finds out (404 → created again)
    const patch = Object.fromEntries(Object.entries(u.patch).filter(([k, v]) => !storeHolds(k, v, theirs[k], currency, k in theirs))) as VariantPatch;
    return Object.keys(patch).length > 0 ? [{ ...u, patch }] : [];
  });
  const variantRemovals = plan.ops.variantRemovals.filter((r) => {
    const theirs = variantsById.get(r.jumpsellerVariantId);
    return !theirs || !storeHolds('stock', 0, theirs.stock, currency);
  });
  const ops: UpdateOps = { ...plan.ops, product, categoryPath, variantUpdates, variantRemovals };
  const productPut = Object.keys(product).length > 0 || categoryPath !== null ? 1 : 0;
  const writes = productPut + variantUpdates.length + ops.variantCreates.length + variantRemovals.length
    + ops.imageRemovals.length + ops.imageAdds.length;
  return { ...plan, ops, writes };
}
