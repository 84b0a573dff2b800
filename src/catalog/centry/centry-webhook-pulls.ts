// Centry's webhook deliveries as pulls (SPEC §7.5, API-NOTES "Webhooks"): each delivery names a
// product; the product is read back from Centry and, when it changed, the company's stores are asked
// for a targeted run. Replays coalesce per product: while a pull of it is pending, another delivery
// only asks for one more pull after it (a change made meanwhile is not lost) — never a Centry read
// per delivery. The route answers 200 at once and runs the returned pull after the response.
import { pullCentryProduct, type CentrySourceDeps, type CentryWebhook } from './centry-source.js';

export interface CentryWebhookPulls {
  /** The pull to run for this delivery, or undefined when it joined one already pending. */
  receive(company: number, hook: CentryWebhook): (() => Promise<void>) | undefined;
}

export function centryWebhookPulls(
  deps: CentrySourceDeps, onProductChanged: (company: number, productId: string) => Promise<unknown>,
): CentryWebhookPulls {
  const pending = new Map<string, { again: boolean }>();
  return {
    receive(company, hook) {
      const key = `${company}:${hook.product_id ?? hook.topic}`;
      const waiting = pending.get(key);
      if (waiting) {
        waiting.again = true;
        return undefined;
      }
      const entry = { again: true };
      pending.set(key, entry);
      return async () => {
        try {
          while (entry.again) {
            entry.again = false;
            const pulled = await pullCentryProduct(deps, company, hook);
            // §7.5: a product that changed reaches the stores in a targeted run, not at the next schedule.
            if (pulled.ok && ['created', 'updated', 'deleted'].includes(pulled.outcome) && hook.product_id) {
              await onProductChanged(company, hook.product_id);
            }
          }
        } finally {
          pending.delete(key);
        }
      };
    },
  };
}
