// Settings rows against real PostgreSQL: defaults before the first save, optimistic concurrency
// (a stale version is a CONFLICT, two racing saves never both win), cascade with the integration.
import t from 'tap';
import { openTestDatabase } from '../helpers/database.js';
import { createSettingsRepository } from '../../src/settings/settings-repository.js';
import { defaultSettings } from '../../src/settings/settings.schema.js';
import { integrationId } from '../../src/company/model.js';
import type { Db } from '../../src/db/knex.js';

async function integration(db: Db, code: string) {
  const [company] = await db('companies').insert({ name: `Empresa ${code}` }).returning('id');
  const [row] = await db('integrations').insert({ company_id: company.id, store_code: code, store_name: code }).returning('id');
  return integrationId(row.id);
}

t.test('settings repository against PostgreSQL', async (t) => {
  const { db } = await openTestDatabase(t);
  const repo = createSettingsRepository(db);

  t.test('defaults when nothing was saved; the first save is version 1', async (t) => {
    const id = await integration(db, 'uno');
    t.same(await repo.get(id), { settings: defaultSettings(), version: 0, updatedAt: null });
    const s = defaultSettings();
    s.prices.stockBuffer = 2;
    t.same(await repo.save(id, 0, s), { ok: true, version: 1 });
    const got = await repo.get(id);
    t.equal(got.version, 1);
    t.same(got.settings, s);
    t.ok(got.updatedAt instanceof Date);
  });

  t.test('a save from a stale version is a CONFLICT and changes nothing', async (t) => {
    const id = await integration(db, 'dos');
    const a = defaultSettings();
    a.onDelete = 'delete';
    const b = defaultSettings();
    b.schedule = { mode: 'off' };
    t.same(await repo.save(id, 0, a), { ok: true, version: 1 });
    t.same(await repo.save(id, 0, b), { ok: false, reason: 'CONFLICT' }, 'a second first-save loses');
    t.same(await repo.save(id, 1, b), { ok: true, version: 2 });
    t.same(await repo.save(id, 1, a), { ok: false, reason: 'CONFLICT' }, 'edited from version 1, but 2 is saved');
    t.same(await repo.save(id, 7, a), { ok: false, reason: 'CONFLICT' }, 'a version from the future');
    t.same(await repo.save(id, -1, a), { ok: false, reason: 'CONFLICT' }, 'an unreadable version');
    const got = await repo.get(id);
    t.equal(got.version, 2);
    t.same(got.settings.schedule, { mode: 'off' });
    t.equal(got.settings.onDelete, 'unpublish');
  });

  t.test('racing saves from the same version: exactly one wins', async (t) => {
    const id = await integration(db, 'tres');
    for (const from of [0, 1]) {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => {
        const s = defaultSettings();
        s.prices.stockBuffer = i;
        return repo.save(id, from, s);
      }));
      t.equal(results.filter((r) => r.ok).length, 1, `from version ${from}: one winner`);
      t.equal(results.filter((r) => !r.ok).length, 7);
    }
    t.equal((await repo.get(id)).version, 2);
  });

  t.test('a save inside a transaction rolls back with it', async (t) => {
    const id = await integration(db, 'cuatro');
    await t.rejects(db.transaction(async (tx) => {
      t.same(await repo.save(id, 0, defaultSettings(), tx), { ok: true, version: 1 });
      throw new Error('rollback');
    }));
    t.equal((await repo.get(id)).version, 0);
  });

  t.test('the row goes with its integration', async (t) => {
    const id = await integration(db, 'cinco');
    await repo.save(id, 0, defaultSettings());
    await db('integrations').where({ id }).delete();
    t.equal((await db('integration_settings').where({ integration_id: id })).length, 0);
  });
});
