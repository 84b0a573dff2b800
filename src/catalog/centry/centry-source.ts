// The Centry API road into the catalog (SPEC §3): delta pulls with `updated_at_gte` and `after=`
// keyset paging, and one-product pulls for Centry's webhooks. Records go through the importer's
// validation and writes, so a product reads the same whether it came from a file or from Centry.
import { z } from 'zod';
import type { TokenCipher } from '../../security/token-crypto.js';
import type { CatalogRepository } from '../store/catalog-repository.js';
import type { CatalogSourceRepository } from '../store/catalog-source-repository.js';
import { CentryAuthError, type CentryClient, type CentryTokenStore } from './centry-client.js';
import { importCatalogRecords, type ImportReport, type SourceRecord } from '../import/import.js';
import { catalogProductId } from '../model.js';
import type { CatalogReplacer, ReplacementReport } from '../store/catalog-replacement.js';

export interface CentrySourceDeps {
  catalog: CatalogRepository;
  sources: CatalogSourceRepository;
  /** The first complete pull after linking replaces the catalog (SPEC §3, catalog-replacement.ts). */
  replacer: CatalogReplacer;
  /** A client acting for the company (its tokens come from `centryTokenStore`). */
  client(companyId: number): CentryClient;
  now?: () => Date;
  /** Catalog currency (Centry prices are in its major units). Default CLP. */
  currency?: string;
}

export type PullResult =
  | { ok: true; report: ImportReport; updatedSince: Date; pages: number; replacement: ReplacementReport | null }
  | { ok: false; error: 'NOT_LINKED' | 'REAUTH_REQUIRED' | 'INCOMPLETE'; message: string };

/** Products per page asked of Centry (its list endpoint caps `limit`). */
export const CENTRY_PAGE_SIZE = 100;
/**
 * The next pass starts this long before Centry's clock read at the start of this one: a product
 * saved while a pass pages past its id is caught by the next pass (the overlap re-reads a few
 * products, which the content hash reports as unchanged).
 */
const OVERLAP_MS = 60_000;

/**
 * Pulls every product changed since the last pass, with brands and categories. The first pass
 * after linking Centry pulls everything and REPLACES the catalog (SPEC §3): in one transaction,
 * so an error while paging — or a listing shorter than Centry's own count — replaces nothing.
 */
export async function pullCentryChanges(deps: CentrySourceDeps, companyId: number, opts: { pageSize?: number } = {}): Promise<PullResult> {
  const source = await deps.sources.get(companyId);
  if (!source || source.kind !== 'centry') return { ok: false, error: 'NOT_LINKED', message: 'the company has not linked a Centry account' };
  if (source.status === 'reauth_required') return { ok: false, error: 'REAUTH_REQUIRED', message: source.lastError ?? 'link Centry again' };
  const client = deps.client(companyId);
  const now = deps.now ?? (() => new Date());
  const pageSize = opts.pageSize ?? CENTRY_PAGE_SIZE;
  const replacing = source.replacePending;
  const since = replacing ? null : source.pullUpdatedSince;
  let passStart: Date | null = null;
  let pages = 0;
  async function* records(): AsyncGenerator<SourceRecord> {
    const [brands, categories] = await Promise.all([client.listBrands(), client.listCategories()]);
    for (const [i, value] of brands.entries()) yield { value, at: { section: 'brands', index: i }, section: 'brands' };
    for (const [i, value] of categories.entries()) yield { value, at: { section: 'categories', index: i }, section: 'categories' };
    let after: string | undefined;
    let index = 0;
    for (;;) {
      const page = await client.listProducts({ updatedSince: since ?? undefined, after, limit: pageSize });
      passStart ??= page.serverDate ?? now();
      pages += 1;
      for (const value of page.products) yield { value, at: { section: 'products', index: index++ }, section: 'products' };
      const last = page.products.at(-1) as { _id?: unknown } | undefined;
      if (page.products.length < pageSize || typeof last?._id !== 'string') break;
      after = last._id;
    }
  }
  const importOpts = { companyId, currency: deps.currency };
  try {
    let report: ImportReport;
    let replacement: ReplacementReport | null = null;
    if (replacing) {
      // Centry's count, read before listing: a listing that ends early (a server capping `limit`
      // below what was asked, a broken page) must not make the rest of the catalog look gone.
      const expected = await client.countProducts();
      const r = await deps.replacer.replace(companyId, async (scope) => {
        const imported = await importCatalogRecords({ catalog: scope.catalog, now }, records(), { ...importOpts, listed: scope.listed });
        return { complete: scope.listed.products.size >= expected, value: { imported, listed: scope.listed.products.size } };
      }, { by: 'centry', beforeRemoving: (tx) => deps.sources.claimReplacement(companyId, tx) });
      if (!r.replaced && r.value.listed < expected) {
        return { ok: false, error: 'INCOMPLETE', message: `Centry counts ${expected} products but listed ${r.value.listed}: nothing replaced` };
      }
      report = r.value.imported;
      replacement = r.replaced ? r.report : null;
    } else {
      report = await importCatalogRecords({ catalog: deps.catalog, now }, records(), importOpts);
    }
    const updatedSince = new Date((passStart ?? now()).getTime() - OVERLAP_MS);
    await deps.sources.recordPull(companyId, updatedSince, report);
    return { ok: true, report, updatedSince, pages, replacement };
  } catch (e) {
    if (!(e instanceof CentryAuthError)) throw e;
    await deps.sources.markReauthRequired(companyId, e.message);
    return { ok: false, error: 'REAUTH_REQUIRED', message: e.message };
  }
}

/**
 * One delta pass for every company whose catalog comes from Centry (the scheduler's tick). A
 * company's failure is logged by the caller and does not stop the others.
 */
export async function pullAllCentrySources(
  deps: CentrySourceDeps, onError: (companyId: number, err: unknown) => void = () => {},
): Promise<Map<number, PullResult>> {
  const results = new Map<number, PullResult>();
  for (const companyId of await deps.sources.centryCompanies()) {
    try {
      results.set(companyId, await pullCentryChanges(deps, companyId));
    } catch (err) {
      onError(companyId, err);
    }
  }
  return results;
}

export const centryWebhookSchema = z.object({
  topic: z.string().min(1),
  product_id: z.union([z.string().min(1), z.number().transform(String)]).optional(),
});
export type CentryWebhook = z.infer<typeof centryWebhookSchema>;

export type ProductPullResult =
  | { ok: true; outcome: 'created' | 'updated' | 'unchanged' | 'deleted' | 'absent' | 'rejected' | 'ignored' }
  | { ok: false; error: 'REAUTH_REQUIRED'; message: string };

/**
 * A webhook from Centry (`on_product_save`, `on_product_delete`): whatever the topic, the product
 * is read back from Centry and stored — or deleted when Centry answers 404. Reading it back makes
 * the outcome independent of delivery order and of retries (Centry retries for 48 h).
 */
export async function pullCentryProduct(deps: CentrySourceDeps, companyId: number, hook: CentryWebhook): Promise<ProductPullResult> {
  if (!hook.product_id || !/^on_product_(save|delete)$/.test(hook.topic)) return { ok: true, outcome: 'ignored' };
  const id = hook.product_id;
  // Until the first complete pull has replaced the catalog, a single product would be merged into
  // the old one; that pull brings it anyway (and the next delta pull anything saved meanwhile).
  if ((await deps.sources.get(companyId))?.replacePending) return { ok: true, outcome: 'ignored' };
  try {
    const json = await deps.client(companyId).getProduct(id);
    if (json === null) {
      return { ok: true, outcome: (await deps.catalog.deleteProduct(companyId, catalogProductId(id))) ? 'deleted' : 'absent' };
    }
    const report = await importCatalogRecords({ catalog: deps.catalog, now: deps.now }, [{ value: json, at: { section: 'products', index: 0 }, section: 'products' }], { companyId, currency: deps.currency });
    const outcome = report.created ? 'created' : report.updated ? 'updated' : report.unchanged ? 'unchanged' : 'rejected';
    return { ok: true, outcome };
  } catch (e) {
    if (!(e instanceof CentryAuthError)) throw e;
    await deps.sources.markReauthRequired(companyId, e.message);
    return { ok: false, error: 'REAUTH_REQUIRED', message: e.message };
  }
}

/** The company's Centry tokens, decrypted on load and encrypted on save. */
export function centryTokenStore(sources: CatalogSourceRepository, cipher: TokenCipher, companyId: number): CentryTokenStore {
  return {
    async load() {
      const s = await sources.get(companyId);
      if (!s?.centryAccessTokenEnc || !s.centryRefreshTokenEnc || !s.centryTokenExpiresAt) {
        throw new CentryAuthError('no Centry tokens stored for this company');
      }
      return {
        accessToken: cipher.decrypt(s.centryAccessTokenEnc), refreshToken: cipher.decrypt(s.centryRefreshTokenEnc),
        expiresAt: s.centryTokenExpiresAt, scope: s.centryScope,
      };
    },
    async save(t) {
      await sources.saveCentryTokens(companyId, {
        accessTokenEnc: cipher.encrypt(t.accessToken), refreshTokenEnc: cipher.encrypt(t.refreshToken), expiresAt: t.expiresAt, scope: t.scope,
      });
    },
  };
}
