// Fault injection of the API stand-in (never part of live Jumpseller): tests queue faults per store
// and each matching request consumes one. The kinds are the failures the client must survive
// (SPEC §7.3): a 5xx, a hang (the client's timeout fires), a connection reset after the request
// body arrived, a create that happens but is answered 500, and plain slowness.
import { z } from 'zod';

export const faultSchema = z.object({
  kind: z.enum(['status', 'hang', 'reset', 'created-then-500', 'delay']),
  /** For `status`: the status to answer (5xx or 4xx); default 500. */
  status: z.number().int().min(400).max(599).optional(),
  /** For `delay`: milliseconds before handling; for `hang`: how long before the socket is destroyed. */
  ms: z.number().int().min(0).max(600_000).optional(),
  /** Only requests with this method… */
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
  /** …and whose path (after /v1) contains this text. */
  path: z.string().optional(),
  /** How many matching requests it applies to (default 1). */
  times: z.number().int().min(1).max(100_000).default(1),
});
export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema>;

export class FaultQueue {
  private faults: Fault[] = [];
  /** Faults served so far, by kind. */
  readonly served: Record<string, number> = {};

  add(faults: Fault[]): void {
    this.faults.push(...faults);
  }

  clear(): void {
    this.faults = [];
  }

  pending(): readonly Fault[] {
    return this.faults;
  }

  /** The first queued fault matching this request, consumed once; undefined when none. */
  take(method: string, path: string): Fault | undefined {
    const i = this.faults.findIndex((f) => (!f.method || f.method === method) && (!f.path || path.includes(f.path)));
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    if (--f.times <= 0) this.faults.splice(i, 1);
    this.served[f.kind] = (this.served[f.kind] ?? 0) + 1;
    return { ...f };
  }
}
