// Executes one sync run (SPEC §7.1–§7.4): pages of the catalog are planned against their mappings
// and carried out with bounded concurrency (the store's rate governor paces the calls), then the
// mapped products that left the catalog are unpublished. Counters reach the database every second
// with the heartbeat (one statement for all the process's runs, run-beats.ts);
// a checkpoint after each page makes the run resumable; cancel stops it at the next product.
import type { CatalogProduct } from '../../catalog/model.js';
import type { CompanyRepository } from '../../company/company-repository.js';
import type { Integration } from '../../company/model.js';
import { AuthRevokedError, BannedError } from '../../jumpseller/errors.js';
import type { IntegrationSettings } from '../../settings/settings.schema.js';
import { SkuDirectory } from './adoption.js';
import { CategoryResolver } from './category-resolver.js';
import { findDuplicateSkus } from '../plan/duplicate-skus.js';
import { buildExclusionFilter } from '../plan/exclusion-filter.js';
import type { MappingRepository, StoredMapping } from '../storage/mapping-repository.js';
import type { PlanContext, ProductPlan } from '../plan/plan-types.js';
import { contextKey, planProduct, planRemoved } from '../plan/planner.js';
import type { CatalogReader, StoreApi } from './ports.js';
import { runProductPlan, type ProductResult, type ProductRunDeps } from './product-executor.js';
import { zeroCounters, type Checkpoint, type RunCounters, type SyncRun } from '../run-model.js';
import type { RunRepository } from '../storage/run-repository.js';
import { startRunBeats, type RunBeats } from './run-beats.js';
import { currencyMismatch, currencyMismatchMessage } from '../plan/store-units.js';
import { withHeldStock, type StockHolds } from '../../orders/stock-guard.js';

/**
 * Products planned per page (and per checkpoint). A run holds about one page of catalog products,
 * desired products and plans; with 50 runs in one worker, 200 a page peaked at 333–418 MB RSS and
 * 100 at 275–362 MB (bench:fleet, 50 stores × 200 products, docs/adr/0022), at no cost in rate: a page
 * of 100 is read in milliseconds and planned in tens of them, against minutes of API calls.
 */
export const PAGE_SIZE = 100;

export interface ExecutorDeps {
  runs: RunRepository;
  mappings: MappingRepository;
  catalog: CatalogReader;
  api: StoreApi;
  companies: Pick<CompanyRepository, 'setStatus'>;
  integration: Integration;
  settings: IntegrationSettings;
  workerId: string;
  now?: () => Date;
  /** Products in flight at once; the rate governor, not this, sets the pace (default 8). */
  concurrency?: number;
  /** Products planned per page, and per checkpoint (default PAGE_SIZE). */
  pageSize?: number;
  /** Counters and heartbeat reach the database this often (default 1000 ms), when `beats` is not given. */
  tickMs?: number;
  /** The process's one heartbeat for all its runs (run-beats.ts); without it this run beats on its own. */
  beats?: RunBeats;
  /** Graceful shutdown: stop at a product boundary and leave the run for another worker. */
  signal?: AbortSignal;
  /** Units held back by orders Centry has not accepted yet (SPEC §10 "Stock guard", src/orders/stock-guard.ts), read per page. */
  stockHolds?: () => Promise<StockHolds>;
}

/** How the run ended here: a final status, or handed back unfinished (shutdown) or taken by another worker. */
export type RunEnd = 'completed' | 'completed_with_errors' | 'failed' | 'cancelled' | 'released' | 'lost';

type Item = { product: CatalogProduct | null; id: string; mapping: StoredMapping | undefined };

export async function executeRun(deps: ExecutorDeps, run: SyncRun): Promise<RunEnd> {
  const { runs, mappings, catalog, api, integration, settings } = deps;
  const company = integration.companyId;
  // A checkpoint written before "skipped" existed has none: it was counted in `processed` only.
  const counters: RunCounters = run.checkpoint ? { ...zeroCounters(), ...run.checkpoint.counters } : { ...zeroCounters(), total: run.total };
  // Catalog prices are not converted (ADR 0002): in a store of another currency they would be wrong
  // prices, so nothing is published there — the run fails before any call, saying why (ADR 0009).
  const mismatch = currencyMismatch(integration.currency);
  if (mismatch) {
    await runs.finish(run.id, 'failed', counters, currencyMismatchMessage(mismatch));
    return 'failed';
  }
  // Lines after the checkpoint (all of them, for a run resumed before its first checkpoint) belong
  // to products that are executed again now.
  await runs.dropErrorsAfter(run.id, run.checkpoint?.lastErrorId ?? 0);
  const references = await catalog.references(company);
  const ctx: PlanContext = {
    toggles: settings.fields, rules: settings.prices, currency: integration.currency, weightUnit: integration.weightUnit,
    now: (deps.now ?? (() => new Date()))(),
    references, isExcluded: buildExclusionFilter(settings.exclusions, references.categories), onRemoved: settings.onDelete,
  };
  ctx.contextKey = contextKey(ctx);
  // Catalog-wide, also for a targeted run: which of the products sharing a SKU is withheld (docs/adr/0012).
  const sharing = await catalog.productsSharingSkus(company, run.productIds ? { around: run.productIds } : {});
  if (sharing.length > 0) ctx.duplicates = findDuplicateSkus(sharing, await mappings.load(integration.id, sharing.map((p) => p.id)), ctx);
  if (!run.checkpoint) {
    counters.total = run.productIds
      ? run.productIds.length
      : (await catalog.summary(company)).products + (await mappings.countRemoved(integration.id, company));
  }
  let stop: 'cancelled' | 'released' | 'lost' | null = null;
  let fatal: unknown = null;
  const beats = deps.beats ?? startRunBeats(runs, deps.workerId, deps.tickMs);
  const leave = beats.join(run.id, () => counters, (signal) => {
    if (signal === 'lost') stop = 'lost';
    else stop ??= 'cancelled';
  });
  const onAbort = () => { stop ??= 'released'; };
  deps.signal?.addEventListener('abort', onAbort);
  if (deps.signal?.aborted) onAbort();

  try {
    const creates = run.productIds ? run.productIds.length : await mappings.countUnmapped(integration.id, company);
    const productDeps: ProductRunDeps = {
      api, mappings, integration: integration.id, runId: run.id, ctx,
      categories: new CategoryResolver({ api, mappings, integration: integration.id }),
      skus: new SkuDirectory(api, creates),
    };
    const execute = async (item: Item) => {
      const plan: ProductPlan = item.product
        ? planProduct(item.product, item.mapping, ctx)
        : item.mapping ? planRemoved(item.id as CatalogProduct['id'], item.mapping, ctx)
          : { catalogProductId: item.id as CatalogProduct['id'], sku: null, name: '', writes: 0, action: 'none', why: 'unchanged' };
      await tally(await runProductPlan(productDeps, plan, item.product, item.mapping), plan);
    };
    const tally = async (r: ProductResult, plan: ProductPlan) => {
      counters.processed += 1;
      if (r.outcome !== 'failed') return void (counters[r.outcome] += 1);
      counters.failed += 1;
      await runs.recordError(run.id, { catalogProductId: plan.catalogProductId, sku: plan.sku, name: plan.name, operation: r.operation, message: r.message });
    };
    const runPage = async (items: Item[]): Promise<boolean> => {
      await eachLimit(items, deps.concurrency ?? 8, async (item) => {
        if (stop || fatal) return;
        try { await execute(item); } catch (err) { fatal ??= err; }
      });
      if (fatal) throw fatal;
      return stop === null;
    };
    const checkpoint = async (phase: Checkpoint['phase'], after: string | null) => {
      const cp: Checkpoint = { phase, after, counters: { ...counters }, lastErrorId: await runs.lastErrorId(run.id) };
      await runs.saveProgress(run.id, counters, cp);
    };

    for await (const { items, last } of catalogPages(deps, run)) {
      if (!(await runPage(items))) break;
      await checkpoint('catalog', last);
    }
    if (!stop && !run.productIds) {
      let after = run.checkpoint?.phase === 'removed' ? run.checkpoint.after : null;
      for (;;) {
        const page = await mappings.removedPage(integration.id, company, after, deps.pageSize ?? PAGE_SIZE);
        if (page.length === 0) break;
        if (!(await runPage(page.map(([id, mapping]) => ({ id, product: null, mapping }))))) break;
        after = page[page.length - 1]![0];
        await checkpoint('removed', after);
      }
    }
  } catch (err) {
    fatal = err;
  } finally {
    leave();
    if (!deps.beats) beats.stop();
    deps.signal?.removeEventListener('abort', onAbort);
  }
  return finish(deps, run, counters, fatal, stop);
}

async function finish(deps: ExecutorDeps, run: SyncRun, counters: RunCounters, fatal: unknown, stop: RunEnd | null): Promise<RunEnd> {
  const { runs } = deps;
  if (fatal instanceof AuthRevokedError) {
    await deps.companies.setStatus(deps.integration.id, 'reauth_required');
    await runs.finish(run.id, 'failed', counters, 'Jumpseller revocó la autorización de la tienda: la integración requiere reautorización ("Reautorizar").');
    return 'failed';
  }
  if (fatal instanceof BannedError) {
    await runs.finish(run.id, 'failed', counters, `Jumpseller bloqueó la tienda por exceso de solicitudes hasta ${fatal.until.toISOString()}.`);
    return 'failed';
  }
  if (fatal) throw fatal; // the worker records it as a failed run and logs the bug
  if (stop === 'lost') return 'lost';
  if (stop === 'released') {
    await runs.saveProgress(run.id, counters);
    await runs.release(run.id, deps.workerId);
    return 'released';
  }
  const status = stop === 'cancelled' ? 'cancelled' : counters.failed > 0 ? 'completed_with_errors' : 'completed';
  await runs.finish(run.id, status, counters);
  return status;
}

/** Catalog pages after the checkpoint, with their mappings; a targeted run pages through its ids. */
async function* catalogPages(deps: ExecutorDeps, run: SyncRun): AsyncGenerator<{ items: Item[]; last: string }> {
  if (run.checkpoint?.phase === 'removed') return;
  const { catalog, mappings, integration } = deps;
  const pageSize = deps.pageSize ?? PAGE_SIZE;
  const after = run.checkpoint?.after ?? null;
  let holds: StockHolds | undefined;
  const held = (p: CatalogProduct | null) => (p ? withHeldStock(p, holds) : null);
  if (run.productIds) {
    const ids = [...new Set(run.productIds)].sort().filter((id) => after === null || id > after);
    for (let i = 0; i < ids.length; i += pageSize) {
      const chunk = ids.slice(i, i + pageSize);
      const [products, maps, h] = await Promise.all([
        catalog.getProducts(integration.companyId, chunk as CatalogProduct['id'][]), mappings.load(integration.id, chunk), deps.stockHolds?.(),
      ]);
      holds = h;
      const byId = new Map(products.map((p) => [p.id as string, p]));
      yield { items: chunk.map((id) => ({ id, product: held(byId.get(id) ?? null), mapping: maps.get(id) })), last: chunk[chunk.length - 1]! };
    }
    return;
  }
  for await (const page of catalog.streamProducts(integration.companyId, { pageSize, ...(after ? { afterId: after } : {}) })) {
    const [maps, h] = await Promise.all([mappings.load(integration.id, page.map((p) => p.id)), deps.stockHolds?.()]);
    holds = h;
    yield { items: page.map((p) => ({ id: p.id, product: held(p), mapping: maps.get(p.id) })), last: page[page.length - 1]!.id };
  }
}

async function eachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(lanes);
}
