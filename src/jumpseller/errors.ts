// Named errors of the Jumpseller client (STYLE §6: expected failures have names and are handled where
// they mean something). Every class carries a `kind` discriminant so callers can `switch (err.kind)`.
// Live behaviour they model: ../shared/jumpseller/API-NOTES.md ("Errors", "Rate limits", "OAuth 2").

export type JumpsellerErrorKind =
  | 'api' | 'rate_limited' | 'banned' | 'auth_revoked' | 'not_found' | 'validation' | 'ambiguous_create' | 'network';

export abstract class JumpsellerError extends Error {
  abstract readonly kind: JumpsellerErrorKind;
}

/** A non-2xx answer that has no more specific meaning (e.g. 400, 403, or a 5xx on a read after retries). */
export class JumpsellerApiError extends JumpsellerError {
  readonly kind = 'api' as const;
  constructor(readonly status: number, message: string, readonly body: unknown, readonly method?: string, readonly path?: string) {
    super(`Jumpseller ${method ?? ''} ${path ?? ''} answered ${status}: ${message}`.replace(/\s+/g, ' '));
    this.name = 'JumpsellerApiError';
  }
}

/** Still 429 after the retry budget: the caller may try the whole operation later. */
export class RateLimitedError extends JumpsellerError {
  readonly kind = 'rate_limited' as const;
  constructor(readonly attempts: number) {
    super(`Jumpseller kept answering 429 after ${attempts} attempts`);
    this.name = 'RateLimitedError';
  }
}

/** The store is banned for rate-limit abuse (`Jumpseller-BannedByRateLimit-Reset`) until `until`. */
export class BannedError extends JumpsellerError {
  readonly kind = 'banned' as const;
  constructor(readonly until: Date) {
    super(`Jumpseller banned this store for rate-limit abuse until ${until.toISOString()}`);
    this.name = 'BannedError';
  }
}

/**
 * The store revoked the app (401 even with a fresh token, or `invalid_grant` on refresh). The
 * integration must be marked "Requiere reautorización" and its runs stopped (SPEC §7.3).
 */
export class AuthRevokedError extends JumpsellerError {
  readonly kind = 'auth_revoked' as const;
  constructor(readonly reason: string) {
    super(`Jumpseller authorization revoked: ${reason}`);
    this.name = 'AuthRevokedError';
  }
}

/** 404 `{"message"}`: e.g. a mapped product deleted in the store, which §7.2 recreates. */
export class NotFoundError extends JumpsellerError {
  readonly kind = 'not_found' as const;
  constructor(readonly path: string, message: string) {
    super(`Jumpseller: not found ${path}: ${message}`);
    this.name = 'NotFoundError';
  }
}

/** 422 with the server's validation errors, kept as sent (their shape is not specified). */
export class ValidationError extends JumpsellerError {
  readonly kind = 'validation' as const;
  constructor(readonly path: string, readonly errors: unknown) {
    super(`Jumpseller rejected ${path} (422): ${JSON.stringify(errors).slice(0, 500)}`);
    this.name = 'ValidationError';
  }
}

/**
 * A create (POST) whose outcome is unknown: the request may have been processed (5xx, timeout,
 * connection lost after sending, or a 2xx whose body never arrived). Never retried blindly: the
 * caller resolves it by looking the SKU up first (SPEC §7.3), see docs/adr/0003.
 */
export class AmbiguousCreateError extends JumpsellerError {
  readonly kind = 'ambiguous_create' as const;
  constructor(readonly path: string, readonly detail: string, override readonly cause?: unknown) {
    super(`Jumpseller create ${path} may or may not have happened: ${detail}`);
    this.name = 'AmbiguousCreateError';
  }
}

/** No answer (connection refused/reset, DNS, timeout) on a request that is safe to try again later. */
export class NetworkError extends JumpsellerError {
  readonly kind = 'network' as const;
  constructor(readonly code: string, message: string, override readonly cause?: unknown) {
    super(`Jumpseller unreachable (${code}): ${message}`);
    this.name = 'NetworkError';
  }
}
