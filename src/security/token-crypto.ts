// AES-256-GCM for OAuth tokens at rest (SPEC §9). Ciphertext format: v1.<keyId>.<iv>.<tag>.<data>
// (base64url parts). The first key encrypts; every configured key decrypts, so a key can be rotated
// by prepending a new one and re-encrypting (scripts/rotate-key.ts) before the old one is dropped.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface EncryptionKey { id: string; key: Buffer }

export class TokenDecryptionError extends Error {
  constructor(reason: string) {
    super(`cannot decrypt token: ${reason}`);
    this.name = 'TokenDecryptionError';
  }
}

export interface TokenCipher {
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
  /** The key id a ciphertext was written with (to find rows needing re-encryption). */
  keyIdOf(ciphertext: string): string | undefined;
  readonly currentKeyId: string;
}

export function createTokenCipher(keys: readonly EncryptionKey[]): TokenCipher {
  const [current] = keys;
  if (!current) throw new Error('at least one encryption key is required');
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  return {
    currentKeyId: current.id,
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      // The key id is authenticated too: a ciphertext cannot be replayed under another key id.
      cipher.setAAD(Buffer.from(current.id));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    },
    decrypt(ciphertext) {
      const parts = ciphertext.split('.');
      if (parts.length !== 5 || parts[0] !== 'v1') throw new TokenDecryptionError('unknown format');
      const [, keyId, iv, tag, data] = parts as [string, string, string, string, string];
      const key = byId.get(keyId);
      if (!key) throw new TokenDecryptionError(`key "${keyId}" is not configured`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(keyId));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new TokenDecryptionError('authentication failed');
      }
    },
    keyIdOf(ciphertext) {
      const parts = ciphertext.split('.');
      return parts.length === 5 && parts[0] === 'v1' ? parts[1] : undefined;
    },
  };
}
