// The API stand-in's in-memory state, per store: catalog (store-catalog.ts), categories, hooks, rate
// limiter, queued faults, a request log and the webhook deliveries its changes fire. Attached to the lead's SandboxAuthState through a
// WeakMap, so tests reach it with `apiStateFor(sandbox.state)` and the accounts code stays untouched.
import type { SandboxAuthState } from '../auth-state.js';
import { FaultQueue } from './faults.js';
import { DEFAULT_RATE_LIMITS, SandboxRateLimiter, type RateLimitSettings } from './rate-limiter.js';
import { productFields } from './render.js';
import { slug, StoreCatalog, type Outcome, type ProductEvent, type ProductRecord } from './store-catalog.js';
import { StoreOrders, wrapOrder, type OrderEvent, type OrderRecord } from './store-orders.js';
import { addError } from './validate.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';

export interface CategoryRecord { id: number; name: string; parent_id: number | null; permalink: string }
export interface HookRecord { id: number; event: string; url: string; created_at: string }
export interface RequestLogEntry { at: number; method: string; path: string; status: number; fault?: string }

const LOG_LIMIT = 20_000;

export class StoreApiState {
  readonly catalog: StoreCatalog;
  readonly orders: StoreOrders;
  readonly categories = new Map<number, CategoryRecord>();
  readonly hooks = new Map<number, HookRecord>();
  readonly limiter: SandboxRateLimiter;
  readonly faults = new FaultQueue();
  readonly log: RequestLogEntry[] = [];
  readonly webhooks: WebhookDispatcher;
  /** Added to every answer, to make a benchmark's round trips realistic. */
  latencyMs = 0;
  private nextId = { category: 301, hook: 701 };

  constructor(readonly code: string, private readonly now: () => number, limits: RateLimitSettings, hooksToken: () => string | undefined = () => undefined, currency: () => string = () => 'CLP') {
    this.catalog = new StoreCatalog(now, (id) => this.categories.has(id), (event, p) => this.notify(event, p));
    this.orders = new StoreOrders(this.catalog, now, currency, (event, o) => this.notifyOrder(event, o));
    this.limiter = new SandboxRateLimiter(now, { ...limits });
    this.webhooks = new WebhookDispatcher({ storeCode: code, hooksToken, now });
  }

  /** Fires the hooks registered for this event with the product as the API renders it, after the change. */
  private notify(event: ProductEvent, p: ProductRecord): void {
    const hooks = [...this.hooks.values()].filter((h) => h.event === event);
    if (hooks.length === 0) return;
    const payload = { product: productFields(p, this.categories) };
    for (const hook of hooks) this.webhooks.send(hook, event, payload);
  }

  /** Order hooks get `{"order":{…}}` as `GET /orders/{id}.json` renders it (API-NOTES "Orders and their webhooks"). */
  private notifyOrder(event: OrderEvent, o: OrderRecord): void {
    const payload = wrapOrder(o);
    for (const hook of [...this.hooks.values()].filter((h) => h.event === event)) this.webhooks.send(hook, event, payload);
  }

  record(entry: RequestLogEntry): void {
    this.log.push(entry);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
  }

  createCategory(input: { name: string; parent_id?: number | null }): Outcome<CategoryRecord> {
    const errors = this.categoryErrors(input.name, input.parent_id ?? null, null);
    if (errors) return { ok: false, errors };
    const taken = new Set([...this.categories.values()].map((c) => c.permalink));
    let permalink = slug(input.name);
    for (let i = 2; taken.has(permalink); i++) permalink = `${slug(input.name)}-${i}`;
    const c = { id: this.nextId.category++, name: input.name, parent_id: input.parent_id ?? null, permalink };
    this.categories.set(c.id, c);
    return { ok: true, value: c };
  }

  updateCategory(id: number, patch: { name?: string; parent_id?: number | null }): Outcome<CategoryRecord> {
    const c = this.categories.get(id);
    if (!c) return { ok: false, notFound: 'Category not found.' };
    const name = patch.name ?? c.name;
    const parent = patch.parent_id !== undefined ? patch.parent_id : c.parent_id;
    const errors = this.categoryErrors(name, parent, id);
    if (errors) return { ok: false, errors };
    Object.assign(c, { name, parent_id: parent });
    return { ok: true, value: c };
  }

  createHook(input: { event: string; url: string }): Outcome<HookRecord> {
    if (!/^https?:\/\/\S+$/i.test(input.url)) return { ok: false, errors: { url: ['is not a valid URL'] } };
    const h = { id: this.nextId.hook++, event: input.event, url: input.url, created_at: new Date(this.now()).toISOString() };
    this.hooks.set(h.id, h);
    return { ok: true, value: h };
  }

  reset(): void {
    this.catalog.products.clear();
    this.orders.clear();
    this.categories.clear();
    this.hooks.clear();
    this.faults.clear();
    this.limiter.reset();
    this.log.length = 0;
    this.webhooks.reset();
  }

  private categoryErrors(name: string, parent: number | null, self: number | null) {
    const errors = {};
    if (!name.trim()) addError(errors, 'name', "can't be blank");
    if (parent !== null && !this.categories.has(parent)) addError(errors, 'parent_id', 'not found');
    // A category cannot sit under itself or its own descendants.
    for (let p = parent; p !== null && self !== null; p = this.categories.get(p)?.parent_id ?? null) {
      if (p === self) {
        addError(errors, 'parent_id', 'would create a cycle');
        break;
      }
    }
    return Object.keys(errors).length ? errors : null;
  }
}

export class SandboxApiState {
  private readonly stores = new Map<string, StoreApiState>();
  /** Limits for stores seen from now on (and, through settings, for all). */
  defaults: RateLimitSettings = { ...DEFAULT_RATE_LIMITS };

  /** `hooksToken(code)`: the secret that signs the store's webhooks (accounts side, store info). */
  constructor(
    readonly now: () => number,
    private readonly hooksToken: (code: string) => string | undefined = () => undefined,
    private readonly currency: (code: string) => string = () => 'CLP',
  ) {}

  store(code: string): StoreApiState {
    let s = this.stores.get(code);
    if (!s) this.stores.set(code, (s = new StoreApiState(code, this.now, this.defaults, () => this.hooksToken(code), () => this.currency(code))));
    return s;
  }

  all(): StoreApiState[] {
    return [...this.stores.values()];
  }

  /** Stops webhook retries and deliveries in flight (the sandbox is closing). */
  async close(): Promise<void> {
    await Promise.all(this.all().map((s) => s.webhooks.close()));
  }
}

const states = new WeakMap<SandboxAuthState, SandboxApiState>();

export function apiStateFor(auth: SandboxAuthState): SandboxApiState {
  let s = states.get(auth);
  if (!s) states.set(auth, (s = new SandboxApiState(auth.now, (code) => auth.stores.get(code)?.hooks_token, (code) => auth.stores.get(code)?.currency ?? 'CLP')));
  return s;
}
