// Webhook deliveries of the API stand-in, like live (../shared/jumpseller/API-NOTES.md "Webhooks"):
// after the change that fires it (never inside the API answer), a POST of the resource as the API
// renders it (`{"product":{…}}`) to each hook registered for the event, with `Jumpseller-Hmac-Sha256`
// = base64(HMAC-SHA256(body bytes, the store's hooks_token)), `Jumpseller-Store-Code` and
// `Jumpseller-Event`; 15 s to answer; anything but a 2xx is retried with growing delays, the same
// bytes every time. Each attempt is logged for the inspection API.
import { createHmac } from 'node:crypto';
import { request } from 'undici';
import type { HookRecord } from './api-state.js';

export interface Delivery {
  at: number;
  hookId: number;
  event: string;
  url: string;
  attempt: number;
  /** The receiver's status, or null when it did not answer (see `error`). */
  status: number | null;
  error?: string;
}

export interface DispatcherOptions {
  storeCode: string;
  hooksToken: () => string | undefined;
  now: () => number;
}

const LOG_LIMIT = 5_000;

export class WebhookDispatcher {
  readonly deliveries: Delivery[] = [];
  /** Delay before each retry; live's schedule is undocumented ("growing delays"). */
  retryDelaysMs: number[] = [5_000, 30_000, 120_000];
  timeoutMs = 15_000;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  /** First attempts queued and not yet answered: what `idle()` waits for. */
  private readonly firsts = new Set<symbol>();
  private abort = new AbortController();

  constructor(private readonly opts: DispatcherOptions) {}

  /** Queues one delivery; returns at once. */
  send(hook: HookRecord, event: string, payload: unknown): void {
    const body = JSON.stringify(payload);
    const first = Symbol('first attempt');
    this.firsts.add(first);
    this.later(0, () => this.attempt(hook, event, body, 1).finally(() => this.firsts.delete(first)));
  }

  /** Resolves once every delivery queued so far has had its first attempt answered (retries may follow). */
  async idle(): Promise<void> {
    while (this.firsts.size > 0 || this.inFlight.size > 0) {
      if (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
      else await new Promise((r) => setImmediate(r));
    }
  }

  /** Drops pending retries and the log; cancels deliveries in flight. */
  reset(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.abort.abort();
    this.abort = new AbortController();
    this.firsts.clear();
    this.deliveries.length = 0;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.firsts.clear();
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private later(ms: number, fn: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const p = fn().finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private async attempt(hook: HookRecord, event: string, body: string, attempt: number): Promise<void> {
    const entry: Delivery = { at: this.opts.now(), hookId: hook.id, event, url: hook.url, attempt, status: null };
    const token = this.opts.hooksToken();
    try {
      if (!token) throw new Error('the store has no hooks_token');
      const signature = createHmac('sha256', token).update(body).digest('base64');
      const res = await request(hook.url, {
        method: 'POST', body, signal: this.abort.signal, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs,
        headers: {
          'content-type': 'application/json', 'user-agent': 'Jumpseller-Webhooks (sandbox)',
          'jumpseller-hmac-sha256': signature, 'jumpseller-store-code': this.opts.storeCode, 'jumpseller-event': event,
        },
      });
      await res.body.dump();
      entry.status = res.statusCode;
    } catch (err) {
      entry.error = err instanceof Error ? err.message : String(err);
    }
    this.deliveries.push(entry);
    if (this.deliveries.length > LOG_LIMIT) this.deliveries.splice(0, this.deliveries.length - LOG_LIMIT);
    const delivered = entry.status !== null && entry.status >= 200 && entry.status < 300;
    const delay = this.retryDelaysMs[attempt - 1];
    if (!delivered && delay !== undefined && !this.abort.signal.aborted) this.later(delay, () => this.attempt(hook, event, body, attempt + 1));
  }
}
