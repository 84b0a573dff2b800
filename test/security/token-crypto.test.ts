import t from 'tap';
import { randomBytes } from 'node:crypto';
import { createTokenCipher, TokenDecryptionError } from '../../src/security/token-crypto.js';
import { sign, unsign, verifyJumpsellerWebhook } from '../../src/security/signing.js';
import { createHmac } from 'node:crypto';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };

t.test('round trip, random IV, no plaintext in the ciphertext', async (t) => {
  const c = createTokenCipher([k1]);
  const a = c.encrypt('at_secret-token');
  const b = c.encrypt('at_secret-token');
  t.not(a, b, 'a fresh IV every time');
  t.notMatch(a, 'secret');
  t.equal(c.decrypt(a), 'at_secret-token');
  t.equal(c.keyIdOf(a), 'k1');
});

t.test('rotation: a new first key encrypts, old ciphertexts still decrypt', async (t) => {
  const old = createTokenCipher([k1]).encrypt('rt_1');
  const rotated = createTokenCipher([k2, k1]);
  t.equal(rotated.decrypt(old), 'rt_1');
  t.equal(rotated.keyIdOf(rotated.encrypt('x')), 'k2');
  t.throws(() => createTokenCipher([k2]).decrypt(old), TokenDecryptionError, 'a dropped key cannot decrypt');
});

t.test('tampering is detected', async (t) => {
  const c = createTokenCipher([k1]);
  const parts = c.encrypt('at_x').split('.');
  const data = Buffer.from(parts[4]!, 'base64url');
  data[0] = data[0]! ^ 1;
  parts[4] = data.toString('base64url');
  t.throws(() => c.decrypt(parts.join('.')), /authentication failed/);
  t.throws(() => c.decrypt('plain-token'), /unknown format/);
  const relabeled = c.encrypt('at_x').replace('.k1.', '.k2.');
  t.throws(() => createTokenCipher([k1, { id: 'k2', key: k1.key }]).decrypt(relabeled), /authentication failed/, 'key id is authenticated');
});

t.test('signed values', async (t) => {
  const s = sign('secret', 'nonce123');
  t.equal(unsign('secret', s), 'nonce123');
  t.equal(unsign('other', s), undefined);
  t.equal(unsign('secret', `${s}x`), undefined);
  t.equal(unsign('secret', 'nodot'), undefined);
});

t.test('Jumpseller webhook signature: base64 HMAC-SHA256 of the raw body', async (t) => {
  const body = Buffer.from('{"product":{"id":1}}');
  const header = createHmac('sha256', 'hooks-token').update(body).digest('base64');
  t.ok(verifyJumpsellerWebhook(body, header, 'hooks-token'));
  t.notOk(verifyJumpsellerWebhook(body, header, 'other-token'));
  t.notOk(verifyJumpsellerWebhook(Buffer.from('{"product":{"id":2}}'), header, 'hooks-token'));
  t.notOk(verifyJumpsellerWebhook(body, undefined, 'hooks-token'));
  t.notOk(verifyJumpsellerWebhook(body, createHmac('sha256', 'hooks-token').update(body).digest('hex'), 'hooks-token'), 'hex is not base64');
});
