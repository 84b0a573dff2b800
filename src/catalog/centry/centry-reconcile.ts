// Daily reconciliation with Centry (ADR 0004 "Missed deletions"): a delta pull (`updated_at_gte`)
// cannot see a product deleted in Centry whose `on_product_delete` webhook was lost. This lists every
// product id Centry has (keyset paging with `after=`) and deletes from the catalog — through
// deleteProduct, leaving tombstones — the ones Centry no longer has. Only a COMPLETE listing deletes:
// any failure while listing (an error, a page that does not move forward, an id missing) deletes
// nothing.
import type { CentrySourceDeps } from './centry-source.js';
import { CENTRY_PAGE_SIZE } from './centry-source.js';
import { CentryAuthError } from './centry-client.js';
import type { CatalogProductId } from '../model.js';

export type ReconcileResult =
  | { ok: true; listed: number; known: number; deleted: CatalogProductId[]; pages: number }
  | { ok: false; error: 'NOT_LINKED' | 'REAUTH_REQUIRED' | 'INCOMPLETE'; message: string };

/** Ids kept in the stored report (the count is always complete). */
const REPORTED_IDS = 100;

export async function reconcileCentryCatalog(
  deps: CentrySourceDeps, companyId: number, opts: { pageSize?: number } = {},
): Promise<ReconcileResult> {
  const source = await deps.sources.get(companyId);
  if (!source || source.kind !== 'centry') return { ok: false, error: 'NOT_LINKED', message: 'the company has not linked a Centry account' };
  if (source.status === 'reauth_required') return { ok: false, error: 'REAUTH_REQUIRED', message: source.lastError ?? 'link Centry again' };
  // Before the first complete pull replaced the catalog, what Centry lacks is the old catalog: its
  // removal belongs to that replacement (which carries exclusions), never to a reconciliation.
  if (source.replacePending) return incomplete('the catalog has not been replaced by a complete Centry pull yet');
  const client = deps.client(companyId);
  const pageSize = opts.pageSize ?? CENTRY_PAGE_SIZE;

  // The catalog's ids are read BEFORE the listing: a product that arrives (webhook, pull) while
  // Centry is being listed is not in this snapshot, so it can never be deleted by this pass.
  const known = await deps.catalog.productIds(companyId);
  const listed = new Set<string>();
  let missing: CatalogProductId[];
  let pages = 0;
  try {
    let after: string | undefined;
    // Until an EMPTY page, not a short one: a server that caps `limit` below what was asked would
    // otherwise end the listing early and make every product after the first page look deleted.
    for (;;) {
      const page = await client.listProducts({ after, limit: pageSize });
      pages += 1;
      if (page.products.length === 0) break;
      let last: string | undefined;
      for (const p of page.products) {
        const raw = (p as { _id?: unknown; id?: unknown } | null)?._id ?? (p as { id?: unknown } | null)?.id;
        const id = typeof raw === 'number' ? String(raw) : raw;
        if (typeof id !== 'string' || id === '') return incomplete(`a product on page ${pages} has no _id`);
        listed.add(id);
        last = id;
      }
      if (after !== undefined && !(last! > after)) return incomplete(`page ${pages} did not move past ${after}`);
      after = last;
    }
    missing = known.filter((id) => !listed.has(id));
    // Deleting most of a catalog on a listing's word alone is too much trust: Centry's own count
    // must agree that it has no more products than were listed.
    if (missing.length > 0 && missing.length * 2 >= known.length) {
      const count = await client.countProducts();
      if (count > listed.size) return incomplete(`Centry counts ${count} products but listed ${listed.size}`);
    }
  } catch (e) {
    if (e instanceof CentryAuthError) {
      await deps.sources.markReauthRequired(companyId, e.message);
      return { ok: false, error: 'REAUTH_REQUIRED', message: e.message };
    }
    return incomplete(`listing failed after ${pages} page(s): ${(e as Error).message ?? String(e)}`);
  }

  const deleted: CatalogProductId[] = [];
  for (const id of missing) {
    if (await deps.catalog.deleteProduct(companyId, id)) deleted.push(id);
  }
  await deps.sources.recordReconcile(companyId, {
    listed: listed.size, known: known.length, deleted: deleted.length, deletedIds: deleted.slice(0, REPORTED_IDS), pages,
  });
  return { ok: true, listed: listed.size, known: known.length, deleted, pages };
}

function incomplete(message: string): ReconcileResult {
  return { ok: false, error: 'INCOMPLETE', message };
}
