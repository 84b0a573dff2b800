// HMAC helpers: signed values (OAuth state, session cookie payloads) and webhook signatures.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function hmacBase64Url(secret: string | Buffer, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

/** Constant-time string comparison (lengths may differ). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** `value.signature`, verifiable with the same secret. */
export function sign(secret: string, value: string): string {
  return `${value}.${hmacBase64Url(secret, value)}`;
}

/** Returns the value when the signature matches, else undefined. */
export function unsign(secret: string, signed: string): string | undefined {
  const i = signed.lastIndexOf('.');
  if (i <= 0) return undefined;
  const value = signed.slice(0, i);
  return safeEqual(signed.slice(i + 1), hmacBase64Url(secret, value)) ? value : undefined;
}

/** Jumpseller webhooks: header Jumpseller-Hmac-Sha256 = base64(HMAC-SHA256(raw body, hooks_token)). */
export function verifyJumpsellerWebhook(rawBody: Buffer, header: string | undefined, hooksToken: string): boolean {
  if (!header) return false;
  const expected = createHmac('sha256', hooksToken).update(rawBody).digest('base64');
  return safeEqual(header, expected);
}
