// Access tokens refreshed before they expire, one refresh at a time per store even across processes
// (SPEC §7.3). Jumpseller access tokens live 1 hour and refresh tokens rotate: always store the new
// one (../shared/jumpseller/API-NOTES.md "OAuth 2"). `invalid_grant` means the store revoked the app:
// the integration is marked "Requiere reautorización" and AuthRevokedError is thrown.
// The database stays behind ports: the integrations repository implements TokenLockPort with
// `SELECT … FOR UPDATE` on the integration row, so a second waiter sees the already-refreshed token.
import { systemClock, type Clock } from './clock.js';
import { AuthRevokedError, JumpsellerApiError } from './errors.js';
import type { IntegrationId } from '../company/model.js';
import type { TokenProvider } from './transport.js';

export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** What the adapter hands to the refresher while it holds the lock. */
export interface LockedTokens {
  /** Decrypted tokens, or null when the integration has none (never linked, or already needs reauthorization). */
  readonly tokens: StoredTokens | null;
  /** Persist rotated tokens (encrypted by the adapter). */
  save(tokens: StoredTokens): Promise<void>;
  /** Set the integration's status to `reauth_required` ("Requiere reautorización"). */
  markReauthorizationRequired(reason: string): Promise<void>;
}

export interface TokenLockPort {
  /**
   * Run `fn` holding an exclusive lock on the integration's token row (one transaction with
   * `SELECT … FOR UPDATE`); commit when `fn` resolves, roll back when it rejects. The refresher
   * never rejects for expected outcomes (it returns them), so a reauthorization mark is committed.
   */
  withLockedTokens<T>(integrationId: IntegrationId, fn: (locked: LockedTokens) => Promise<T>): Promise<T>;
}

export type TokenGrant =
  | { ok: true; accessToken: string; refreshToken: string; expiresInSeconds: number }
  | { ok: false; error: string; description?: string; status: number };

/** `POST {accountsUrl}/oauth/token` with grant_type=refresh_token (oauth-token-endpoint.ts). Throws on transient failure. */
export interface TokenEndpoint {
  refresh(refreshToken: string): Promise<TokenGrant>;
}

export interface RefreshOptions {
  /** Refresh even if not near expiry (after a 401)… */
  force?: boolean;
  /** …unless the stored token is no longer this one: another process already refreshed it. */
  rejectedAccessToken?: string;
}

type Outcome = { kind: 'ok'; tokens: StoredTokens } | { kind: 'revoked'; reason: string } | { kind: 'failed'; error: Error };

export class TokenRefresher {
  private readonly clock: Clock;
  /** Refresh when the token expires within this window (default 5 min). */
  readonly skewMs: number;

  constructor(private readonly deps: { lock: TokenLockPort; endpoint: TokenEndpoint; clock?: Clock; skewMs?: number }) {
    this.clock = deps.clock ?? systemClock;
    this.skewMs = deps.skewMs ?? 5 * 60_000;
  }

  /** A usable access token for the integration, refreshed first if it expires within the skew. */
  async refreshIfNeeded(integrationId: IntegrationId, opts: RefreshOptions = {}): Promise<StoredTokens> {
    const outcome = await this.deps.lock.withLockedTokens(integrationId, (locked) => this.underLock(locked, opts));
    if (outcome.kind === 'revoked') throw new AuthRevokedError(outcome.reason);
    if (outcome.kind === 'failed') throw outcome.error;
    return outcome.tokens;
  }

  /** A 401 persisted with a fresh token: the store revoked the app. */
  async markRevoked(integrationId: IntegrationId, reason: string): Promise<void> {
    await this.deps.lock.withLockedTokens(integrationId, (locked) => locked.markReauthorizationRequired(reason));
  }

  private async underLock(locked: LockedTokens, opts: RefreshOptions): Promise<Outcome> {
    const current = locked.tokens;
    if (!current) return { kind: 'revoked', reason: 'the integration has no tokens (reauthorization required)' };
    const now = this.clock.now();
    const stillFresh = current.expiresAt - now > this.skewMs;
    const alreadyRotated = opts.rejectedAccessToken !== undefined && opts.rejectedAccessToken !== current.accessToken;
    if (alreadyRotated || (!opts.force && stillFresh)) return { kind: 'ok', tokens: current };
    let grant: TokenGrant;
    try {
      grant = await this.deps.endpoint.refresh(current.refreshToken);
    } catch (error) {
      // Accounts unreachable: keep working with the current token while it is valid.
      if (!opts.force && current.expiresAt > now) return { kind: 'ok', tokens: current };
      return { kind: 'failed', error: error as Error };
    }
    if (grant.ok) {
      // Count the lifetime from before the call, so clock skew and latency only make us refresh early.
      const tokens = { accessToken: grant.accessToken, refreshToken: grant.refreshToken, expiresAt: now + grant.expiresInSeconds * 1000 };
      await locked.save(tokens);
      return { kind: 'ok', tokens };
    }
    if (grant.error === 'invalid_grant') {
      const reason = `refresh rejected: invalid_grant${grant.description ? ` (${grant.description})` : ''}`;
      await locked.markReauthorizationRequired(reason);
      return { kind: 'revoked', reason };
    }
    // invalid_client and the like are our configuration's fault, not the store's: do not mark it.
    return { kind: 'failed', error: new JumpsellerApiError(grant.status, `token refresh failed: ${grant.error}`, grant, 'POST', '/oauth/token') };
  }
}

/**
 * The TokenProvider for one integration: caches the token in memory, refreshes (single-flight in
 * this process, row-locked across processes) when it nears expiry, and after a 401 forces one
 * refresh unless another process already rotated the token.
 */
export function createTokenProvider(refresher: TokenRefresher, integrationId: IntegrationId, clock: Clock = systemClock): TokenProvider {
  let cached: StoredTokens | null = null;
  let inflight: Promise<StoredTokens> | null = null;
  const load = (opts: RefreshOptions) => {
    inflight ??= refresher.refreshIfNeeded(integrationId, opts).finally(() => { inflight = null; });
    return inflight.then((t) => (cached = t));
  };
  return {
    async getAccessToken() {
      if (cached && cached.expiresAt - clock.now() > refresher.skewMs) return cached.accessToken;
      return (await load({})).accessToken;
    },
    async onUnauthorized() {
      const rejected = cached?.accessToken;
      cached = null;
      return (await load({ force: true, rejectedAccessToken: rejected })).accessToken;
    },
    async onRevoked(reason: string) {
      cached = null;
      await refresher.markRevoked(integrationId, reason);
    },
  };
}
