// OAuth `state`: a random nonce, signed with SESSION_SECRET. The nonce's row (purpose, company,
// expiry, single use) lives in oauth_states; the signature lets the callback reject forgeries
// before touching the database; the same value in a cookie binds it to the browser that started.
import { randomBytes } from 'node:crypto';
import { sign, unsign } from './signing.js';

export const STATE_TTL_MS = 10 * 60 * 1000;

export function newStateNonce(): string {
  return randomBytes(24).toString('base64url');
}

export function signState(secret: string, nonce: string): string {
  return sign(`${secret}:oauth-state`, nonce);
}

/** The nonce when the signature is valid, else undefined. */
export function verifyState(secret: string, state: string): string | undefined {
  return unsign(`${secret}:oauth-state`, state);
}
