// The catalog of the local Centry stand-in: one company's products, brands and categories, shaped
// like Centry's product JSON, and the webhooks it sends when a product changes
// (../shared/centry/API-NOTES.md: payload {"topic","product_id"}; the receiver must answer 200).
import { demoCatalogRecords, type DemoCatalogOptions } from '../../catalog/demo/demo-catalog.js';

export type Json = Record<string, unknown>;
export interface CentryWebhook { _id: string; callback_url: string; on_product_save: boolean; on_product_delete: boolean }
export interface WebhookDelivery { url: string; body: { topic: string; product_id: string }; status: number | null; error?: string }
export interface ListQuery { updatedAtGte?: Date; updatedAtGt?: Date; updatedAtLte?: Date; updatedAtLt?: Date; after?: string; limit: number }

export class CentryCatalogState {
  readonly products = new Map<string, Json>();
  readonly brands: Json[] = [];
  readonly categories: Json[] = [];
  readonly webhooks: CentryWebhook[] = [];
  readonly deliveries: WebhookDelivery[] = [];
  private serial = 0;
  private pending = new Set<Promise<void>>();

  constructor(readonly now: () => number = Date.now) {}

  /** Loads the demo catalog (the same records the importer reads) as this company's data. */
  seedDemo(opts: DemoCatalogOptions): void {
    for (const r of demoCatalogRecords(opts)) {
      if ('brand' in r) this.brands.push(r.brand as Json);
      else if ('category' in r) this.categories.push(r.category as Json);
      else if (!('gender' in r)) this.products.set(r._id as string, r);
    }
  }

  /** Creates or changes a product as a Centry user would: `updated_at` moves, webhooks go out. */
  saveProduct(input: Json): Json {
    const now = new Date(this.now()).toISOString();
    const id = typeof input._id === 'string' ? input._id : this.nextId();
    const before = this.products.get(id);
    const product: Json = { ...before, ...input, _id: id, created_at: before?.created_at ?? now, updated_at: now };
    this.products.set(id, product);
    this.notify('on_product_save', id);
    return product;
  }

  deleteProduct(id: string): boolean {
    if (!this.products.delete(id)) return false;
    this.notify('on_product_delete', id);
    return true;
  }

  /** `products.json`: keyset paging by `_id` (`after=`), `updated_at_*` filters, ascending ids. */
  list(q: ListQuery): Json[] {
    return this.filtered(q).slice(0, q.limit);
  }

  count(q: Omit<ListQuery, 'limit' | 'after'>): number {
    return this.filtered({ ...q, limit: Number.POSITIVE_INFINITY }).length;
  }

  private filtered(q: ListQuery): Json[] {
    const t = (p: Json) => new Date(p.updated_at as string).getTime();
    return [...this.products.values()]
      .filter((p) => (q.after === undefined || (p._id as string) > q.after)
        && (!q.updatedAtGte || t(p) >= q.updatedAtGte.getTime()) && (!q.updatedAtGt || t(p) > q.updatedAtGt.getTime())
        && (!q.updatedAtLte || t(p) <= q.updatedAtLte.getTime()) && (!q.updatedAtLt || t(p) < q.updatedAtLt.getTime()))
      .sort((a, b) => ((a._id as string) < (b._id as string) ? -1 : 1));
  }

  addWebhook(w: Omit<CentryWebhook, '_id'>): CentryWebhook {
    const hook = { _id: this.nextId(), ...w };
    this.webhooks.push(hook);
    return hook;
  }

  /** Resolves when every webhook sent so far has been answered (tests wait on it). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private notify(topic: 'on_product_save' | 'on_product_delete', productId: string): void {
    for (const hook of this.webhooks.filter((h) => h[topic])) {
      const body = { topic, product_id: productId };
      const delivery: WebhookDelivery = { url: hook.callback_url, body, status: null };
      this.deliveries.push(delivery);
      const p = fetch(hook.callback_url, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000),
      }).then(
        async (res) => { delivery.status = res.status; await res.arrayBuffer(); },
        (e: unknown) => { delivery.error = (e as Error).message; },
      ).finally(() => this.pending.delete(p));
      this.pending.add(p);
    }
  }

  private nextId(): string {
    // 24 hex digits like Centry's ObjectIds, above any seeded id so new products sort last.
    this.serial += 1;
    return `ff${Math.floor(this.now() / 1000).toString(16).padStart(8, '0')}${this.serial.toString(16).padStart(14, '0')}`;
  }
}
