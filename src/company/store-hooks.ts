// The store's webhooks this app relies on (SPEC §7.2, §9): `product_deleted`, so a product the
// merchant deletes in Jumpseller is recreated within seconds instead of when it next changes.
// Registered from the sync run (src/jobs/run-sync.ts), not from the install: a run already holds a
// working client for the store, retries naturally every schedule, and covers stores installed before
// the hook existed. Idempotent: the table integration_hooks says what is known, the store's list is
// read before creating, so nothing is created twice; a known hook costs no call, and is confirmed
// again once a day (the merchant may have removed it). The hooks_token that signs the deliveries
// is refreshed from the store info at the same time.
import type { JumpsellerClient } from '../jumpseller/http-client.js';
import { MAX_PAGE_SIZE } from '../jumpseller/http-client.js';
import type { JumpsellerHookId } from '../jumpseller/ids.js';
import type { HookEvent } from '../jumpseller/requests.js';
import type { JumpsellerHook } from '../jumpseller/schemas.js';
import type { CompanyRepository } from './company-repository.js';
import type { Integration } from './model.js';
import type { StoreHookRepository } from './store-hook-repository.js';

/** Where Jumpseller delivers (src/web/jumpseller-webhook-routes.ts), under APP_URL. */
export const JUMPSELLER_WEBHOOK_PATH = '/webhooks/jumpseller';
export const STORE_HOOK_EVENTS: readonly HookEvent[] = ['product_deleted'];
/** A hook known to exist is confirmed in the store again after this long. */
export const HOOK_RECHECK_MS = 24 * 3600 * 1000;

export interface StoreHookDeps {
  api: Pick<JumpsellerClient, 'listHooks' | 'createHook' | 'deleteHook' | 'storeInfo'>;
  hooks: StoreHookRepository;
  companies: Pick<CompanyRepository, 'readHooksToken' | 'saveHooksToken'>;
  now(): Date;
}

export type HookCheck =
  | { outcome: 'current' }
  /** The store's grant predates the hook scopes: "Reautorizar" fixes it. */
  | { outcome: 'no_scope' }
  | { outcome: 'registered'; created: number; adopted: number };

/** Whether an OAuth scope string (space- or comma-separated) grants `scope`; unknown (null) is tried. */
export function grants(scopes: string | null, scope: string): boolean {
  return scopes === null || scopes.split(/[\s,]+/).includes(scope);
}

/** `events`: the product hooks by default; the orders module registers its own at its own URL (src/orders/order-poller.ts). */
export async function ensureStoreHooks(
  deps: StoreHookDeps, integration: Pick<Integration, 'id' | 'scope'>, url: string, events: readonly HookEvent[] = STORE_HOOK_EVENTS,
): Promise<HookCheck> {
  if (!grants(integration.scope, 'write_hooks')) return { outcome: 'no_scope' };
  const now = deps.now();
  const known = await deps.hooks.list(integration.id);
  const due = events.filter((event) => {
    const k = known.get(event);
    return !k || k.url !== url || now.getTime() - k.verifiedAt.getTime() >= HOOK_RECHECK_MS;
  });
  if (due.length === 0) return { outcome: 'current' };

  const info = await deps.api.storeInfo();
  if (info.hooks_token && info.hooks_token !== (await deps.companies.readHooksToken(integration.id))) {
    await deps.companies.saveHooksToken(integration.id, info.hooks_token);
  }
  const existing = await allHooks(deps.api);
  let created = 0;
  let adopted = 0;
  for (const event of due) {
    const stale = known.get(event);
    // Ours, pointing at a URL the app no longer answers on (APP_URL changed): remove it.
    if (stale && stale.url !== url) await deps.api.deleteHook(stale.jumpsellerHookId);
    let hook = existing.find((h) => (h.event ?? h.name) === event && h.url === url);
    if (hook) adopted += stale?.jumpsellerHookId === hook.id ? 0 : 1;
    else {
      hook = await deps.api.createHook({ event, url });
      created += 1;
    }
    await deps.hooks.save(integration.id, { event, url, jumpsellerHookId: hook.id as JumpsellerHookId, verifiedAt: now });
  }
  return { outcome: 'registered', created, adopted };
}

async function allHooks(api: Pick<JumpsellerClient, 'listHooks'>): Promise<JumpsellerHook[]> {
  const out: JumpsellerHook[] = [];
  for (let page = 1; page <= 20; page++) {
    const batch = await api.listHooks(page);
    out.push(...batch);
    if (batch.length < MAX_PAGE_SIZE) break;
  }
  return out;
}
