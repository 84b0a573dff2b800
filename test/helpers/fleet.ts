// Many stores on one database (issue 13): a test app with `count` linked stores, each its own company
// with a small demo catalog, fast sandbox limits, and sync services per "process" (own connection
// pool and rate governors, as a second worker process would have), with every claim and end of a run
// recorded so a test can check that no store ever ran twice at once.
import { request } from 'undici';
import { loadDemoCatalog } from '../../src/catalog/demo/demo-catalog.js';
import { integrationId, type Integration } from '../../src/company/model.js';
import { createDb, type Db } from '../../src/db/knex.js';
import { createSyncServices, type SyncServices } from '../../src/jobs/sync-services.js';
import { install, openTestApp, type TestApp } from './app.js';
import { fastAccess, NOW } from './sync.js';

interface Tap { teardown(fn: () => Promise<void> | void): void }

export interface RunSpan { workerId: string; runId: number; integrationId: number; from: number; to: number | null }

export interface FleetHarness extends TestApp {
  integrations: Integration[];
  /** Every run execution seen by any services built here: claimed at `from`, finished or released at `to`. */
  spans: RunSpan[];
  /** Services as one process has them; `ownPool` gives them their own connection pool. */
  services(opts?: { ownPool?: boolean }): SyncServices;
}

export async function openFleetHarness(t: Tap, opts: { stores: number; size: number; latencyMs?: number }): Promise<FleetHarness> {
  const codes = Array.from({ length: opts.stores }, (_, i) => `tienda-${i + 1}`);
  const app = await openTestApp(t, { stores: codes.map((code) => ({ code, name: code })), now: () => NOW });
  await request(`${app.sandbox.url}/_sandbox/api/settings`, {
    method: 'PUT', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ perSecond: 2000, perMinute: 200_000, latencyMs: opts.latencyMs ?? 0 }),
  }).then((r) => r.body.dump());
  const base = createSyncServices(app.config, app.database.db, { now: () => NOW });
  const integrations: Integration[] = [];
  for (const code of codes) {
    await install(app.app, code);
    const row = await app.database.db('integrations').where({ store_code: code }).first();
    const integration = (await base.companies.getIntegration(integrationId(row.id)))!;
    await loadDemoCatalog({ catalog: base.catalog }, { size: opts.size, seed: 7, imageBaseUrl: `${app.sandbox.url}/_sandbox/images`, now: NOW, companyId: integration.companyId });
    integrations.push(integration);
  }
  const spans: RunSpan[] = [];
  return {
    ...app, integrations, spans,
    services(o = {}) {
      let db: Db = app.database.db;
      if (o.ownPool) {
        db = createDb(app.database.url, 4);
        t.teardown(() => db.destroy());
      }
      const s = createSyncServices(app.config, db, { now: () => NOW });
      const runs = s.runs;
      const end = (id: number, workerId?: string) => {
        const open = spans.find((x) => x.runId === id && x.to === null && (workerId === undefined || x.workerId === workerId));
        if (open) open.to = performance.now();
      };
      return {
        ...s, access: fastAccess(app, s),
        runs: {
          ...runs,
          async claim(id, workerId, staleMs) {
            const run = await runs.claim(id, workerId, staleMs);
            if (run) spans.push({ workerId, runId: run.id, integrationId: run.integrationId, from: performance.now(), to: null });
            return run;
          },
          async finish(id, ...rest) { end(id); return runs.finish(id, ...rest); },
          async release(id, workerId) { end(id, workerId); return runs.release(id, workerId); },
        },
      };
    },
  };
}

/** Pairs of spans of one store that overlap in time (should be none). */
export function overlaps(spans: readonly RunSpan[]): string[] {
  const out: string[] = [];
  for (const a of spans) {
    for (const b of spans) {
      if (a === b || a.integrationId !== b.integrationId || a.from > b.from) continue;
      if (a.to === null || b.from < a.to) out.push(`store ${a.integrationId}: run ${a.runId} (${a.workerId}) and run ${b.runId} (${b.workerId})`);
    }
  }
  return out;
}
