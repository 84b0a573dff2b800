import t from 'tap';
import { randomBytes } from 'node:crypto';
import { createCompanyRepository } from '../../src/company/company-repository.js';
import { parseStoreCode } from '../../src/company/model.js';
import { rotateEncryptedColumns } from '../../src/security/rotate-keys.js';
import { createEncryptedColumnsRepository } from '../../src/db/encrypted-columns-repository.js';
import { createTokenCipher } from '../../src/security/token-crypto.js';
import { openTestDatabase } from '../helpers/database.js';

t.test('rotation re-encrypts every token with the new key; the old key can then be dropped', async (t) => {
  const { db } = await openTestDatabase(t);
  const oldKey = { id: 'old', key: randomBytes(32) };
  const newKey = { id: 'new', key: randomBytes(32) };
  const before = createCompanyRepository(db, createTokenCipher([oldKey]));
  const company = await before.createCompany('Empresa');
  const store = { code: parseStoreCode('tienda')!, name: 'Tienda', currency: 'CLP', country: 'CL', timezone: null, url: null, hooksToken: 'hooks-secret', weightUnit: 'kg' };
  const integration = (await before.linkStore(company.id, store, { accessToken: 'at_1', refreshToken: 'rt_1', expiresAt: new Date() }))!;

  const rotating = createTokenCipher([newKey, oldKey]);
  const report = await rotateEncryptedColumns(createEncryptedColumnsRepository(db), rotating);
  t.same(report.find((r) => r.table === 'integrations'), { table: 'integrations', rowsRewritten: 1 });
  t.equal((await rotateEncryptedColumns(createEncryptedColumnsRepository(db), rotating)).find((r) => r.table === 'integrations')?.rowsRewritten, 0, 'idempotent');

  const after = createCompanyRepository(db, createTokenCipher([newKey]));
  const tokens = await after.readTokens(integration.id);
  t.equal(tokens?.accessToken, 'at_1');
  t.equal(tokens?.refreshToken, 'rt_1');
  t.equal(await after.readHooksToken(integration.id), 'hooks-secret');
  const row = await db('integrations').first();
  t.match(row.access_token_enc, /^v1\.new\./);
});
