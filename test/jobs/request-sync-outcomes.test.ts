// One way to ask for a sync (button, scheduler, webhooks): its outcomes as a table. The run repository
// here keeps the one rule that matters — one active run per store — in memory; the real one is
// exercised against PostgreSQL in sync-requests.test.ts and pending-changes.test.ts.
import t from 'tap';
import { requestSync, type SyncRequestDeps } from '../../src/jobs/sync-requests.js';
import { integrationId } from '../../src/company/model.js';
import type { SyncRun } from '../../src/publishing/run-model.js';
import type { RunTrigger } from '../../src/publishing/run-model.js';

const STORE = integrationId(7);
const run = (id: number, trigger: RunTrigger): SyncRun => ({ id, integrationId: STORE, trigger, status: 'queued' }) as unknown as SyncRun;

interface Case {
  name: string;
  active?: RunTrigger;
  trigger: RunTrigger;
  productIds?: string[];
  queue: 'takes' | 'fails' | 'none';
  want: { outcome: string; handedOff?: boolean; runId?: number; pending: string[]; sent: number; logged: number };
}

const CASES: Case[] = [
  { name: 'button, nothing active: started and handed to the queue', trigger: 'manual', queue: 'takes', want: { outcome: 'started', handedOff: true, runId: 2, pending: [], sent: 1, logged: 0 } },
  { name: 'scheduler, nothing active: started', trigger: 'schedule', queue: 'takes', want: { outcome: 'started', handedOff: true, runId: 2, pending: [], sent: 1, logged: 0 } },
  { name: 'no queue in this process: started, left to the sweeper', trigger: 'manual', queue: 'none', want: { outcome: 'started', handedOff: false, runId: 2, pending: [], sent: 0, logged: 0 } },
  { name: 'the queue refuses: started, logged, left to the sweeper', trigger: 'schedule', queue: 'fails', want: { outcome: 'started', handedOff: false, runId: 2, pending: [], sent: 0, logged: 1 } },
  { name: 'button while a run is active: already active, nothing sent', active: 'schedule', trigger: 'manual', queue: 'takes', want: { outcome: 'already_active', runId: 1, pending: [], sent: 0, logged: 0 } },
  { name: 'scheduler while a run is active: already active', active: 'manual', trigger: 'schedule', queue: 'takes', want: { outcome: 'already_active', runId: 1, pending: [], sent: 0, logged: 0 } },
  { name: 'webhook, nothing active: a targeted run with its products pending', trigger: 'webhook', productIds: ['a', 'b', 'a'], queue: 'takes', want: { outcome: 'started', handedOff: true, runId: 2, pending: ['a', 'b'], sent: 1, logged: 0 } },
  { name: 'webhook while a run is active: merged into it, products pending', active: 'manual', trigger: 'webhook', productIds: ['c'], queue: 'takes', want: { outcome: 'merged', runId: 1, pending: ['c'], sent: 0, logged: 0 } },
];

for (const c of CASES) {
  t.test(c.name, async (t) => {
    const pending: string[] = [];
    let active: SyncRun | undefined = c.active ? run(1, c.active) : undefined;
    const sent: number[] = [];
    const logged: object[] = [];
    const deps: SyncRequestDeps = {
      runs: {
        addPending: async (_i, ids) => { pending.push(...ids); },
        enqueue: async (_i, trigger) => {
          if (active) return { ok: false, reason: 'ALREADY_ACTIVE', run: active };
          active = run(2, trigger);
          return { ok: true, run: active };
        },
      },
      jobs: c.queue === 'none' ? undefined : {
        send: async (r) => {
          if (c.queue === 'fails') throw new Error('queue down');
          sent.push(r.id);
        },
      },
      log: { error: (obj) => { logged.push(obj); } },
    };
    const result = await requestSync(deps, STORE, c.trigger, c.productIds ?? null);
    t.equal(result.outcome, c.want.outcome);
    t.equal(result.run?.id, c.want.runId);
    if (c.want.handedOff !== undefined) t.equal((result as { handedOff: boolean }).handedOff, c.want.handedOff);
    t.same(pending, c.want.pending, 'products in the pending set (each once)');
    t.equal(sent.length, c.want.sent, 'jobs sent');
    t.equal(logged.length, c.want.logged, 'failures logged');
  });
}
