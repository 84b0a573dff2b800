// What one peer, and all of them, may hold at once before being authenticated (src/web/body-guard.ts,
// ADR 0020): bytes of bodies being buffered, and look-ups of who a sender claims to be. A peer is the
// client address as TRUST_PROXY resolves it (req.ip). Each answers 'peer' when this peer holds its
// share, 'total' when everything is taken; a lone request is always let through.
export type Admission = 'ok' | 'total' | 'peer';

export interface BodyBudget {
  tryReserve(peer: string, bytes: number): Admission;
  release(peer: string, bytes: number): void;
  readonly inFlight: number;
}

/** Counts per peer and in all; `weight` units are taken and given back. */
function createShares(max: number, perPeer: number) {
  let total = 0;
  const byPeer = new Map<string, number>();
  return {
    take(peer: string, weight: number): Admission {
      const held = byPeer.get(peer) ?? 0;
      if (held + weight > perPeer && held > 0) return 'peer';
      if (total + weight > max && total > 0) return 'total';
      total += weight;
      byPeer.set(peer, held + weight);
      return 'ok';
    },
    give(peer: string, weight: number): void {
      total = Math.max(0, total - weight);
      const left = (byPeer.get(peer) ?? 0) - weight;
      if (left > 0) byPeer.set(peer, left);
      else byPeer.delete(peer);
    },
    get total() { return total; },
  };
}

/** One budget of `maxBytes`; a peer may hold `peerShare` of it (half by default). */
export function createBodyBudget(maxBytes: number, peerShare = maxBytes / 2): BodyBudget {
  const shares = createShares(maxBytes, peerShare);
  return {
    tryReserve: (peer, bytes) => shares.take(peer, bytes),
    release: (peer, bytes) => shares.give(peer, bytes),
    get inFlight() { return shares.total; },
  };
}

export interface LookupGate {
  tryEnter(peer: string): Admission;
  leave(peer: string): void;
}

/** At most `max` look-ups at once, `perPeer` of them by one peer. */
export function createLookupGate(max: number, perPeer: number): LookupGate {
  const shares = createShares(max, perPeer);
  return { tryEnter: (peer) => shares.take(peer, 1), leave: (peer) => shares.give(peer, 1) };
}

export interface ByteRate {
  /** Takes `bytes` from this peer's allowance; false (nothing taken) when it has not that many left. */
  tryTake(peer: string, bytes: number, nowMs: number): boolean;
}

/**
 * A peer's allowance of bytes read before authentication: `burst` bytes, refilled at `perSecond`
 * (a token bucket per peer). A lone body larger than the burst passes when the allowance is full.
 */
export function createByteRate(perSecond: number, burst: number): ByteRate {
  const buckets = new Map<string, { left: number; at: number }>();
  return {
    tryTake(peer, bytes, nowMs) {
      const b = buckets.get(peer) ?? { left: burst, at: nowMs };
      b.left = Math.min(burst, b.left + ((nowMs - b.at) / 1000) * perSecond);
      b.at = nowMs;
      const ok = bytes <= b.left || b.left >= burst;
      if (ok) b.left -= bytes;
      if (b.left >= burst) buckets.delete(peer);
      else buckets.set(peer, b);
      return ok;
    },
  };
}
