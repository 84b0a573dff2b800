// One sync run, start to end, as a worker (or the CLI) executes it: claim it (a live worker keeps
// its run; a dead one's is taken over after its heartbeat goes stale), load what it needs, execute,
// and turn an unexpected failure into a "Fallida" run with a message rather than a stuck one.
// Each run also makes sure the store's webhooks point at this app (src/company/store-hooks.ts).
import type { Integration } from '../company/model.js';
import { ensureStoreHooks } from '../company/store-hooks.js';
import type { JumpsellerClient } from '../jumpseller/http-client.js';
import type { RunEnd } from '../publishing/run/executor.js';
import { executeRun, type ExecutorDeps } from '../publishing/run/executor.js';
import type { RunId } from '../publishing/run-model.js';
import { currencyMismatch, parseWeightUnit } from '../publishing/plan/store-units.js';
import type { SyncServices } from './sync-services.js';

export interface RunSyncOptions {
  workerId: string;
  /** A running run whose heartbeat is older than this is considered abandoned (default 30 s). */
  staleMs?: number;
  signal?: AbortSignal;
  tuning?: Pick<ExecutorDeps, 'concurrency' | 'pageSize' | 'tickMs'>;
  /** The worker's one heartbeat for all its runs (src/publishing/run/run-beats.ts); without it the run beats on its own. */
  beats?: ExecutorDeps['beats'];
  log?: { error(obj: object, msg: string): void; warn?(obj: object, msg: string): void };
}

export const DEFAULT_STALE_MS = 30_000;

export async function runSync(services: SyncServices, id: RunId, opts: RunSyncOptions): Promise<RunEnd | 'skipped'> {
  const { runs, companies } = services;
  const run = await runs.claim(id, opts.workerId, opts.staleMs ?? DEFAULT_STALE_MS);
  if (!run) return 'skipped'; // finished, cancelled, or alive in another worker
  const integration = await companies.getIntegration(run.integrationId);
  if (!integration || integration.status !== 'connected') {
    const why = integration?.status === 'reauth_required'
      ? 'La tienda requiere reautorización: usa "Reautorizar" y vuelve a sincronizar.'
      : 'La tienda ya no está vinculada.';
    await runs.finish(run.id, 'failed', run, why);
    return 'failed';
  }
  if (parseWeightUnit(integration.weightUnit) === null) {
    // Once per run: weights go in kg unchanged (store-units.ts `weightForStore`), which may be wrong there.
    (opts.log?.warn ?? opts.log?.error)?.call(opts.log, { integrationId: integration.id, weightUnit: integration.weightUnit },
      'unknown store weight unit: weights are sent in kg, unconverted');
  }
  const api = services.access.clientFor(integration);
  // Alongside the run, not before it: a slow store must not keep the run from beating its heartbeat.
  // A store whose currency is not the catalog's is refused by the executor (ADR 0009): not a call to it.
  const hooks = currencyMismatch(integration.currency) ? Promise.resolve() : registerHooks(services, api, integration, opts);
  try {
    const { settings } = await services.settings.get(integration.id);
    return await executeRun({
      runs, mappings: services.mappings, catalog: services.catalog, companies, integration, settings,
      api, workerId: opts.workerId, now: services.now, signal: opts.signal, ...opts.tuning, beats: opts.beats,
      stockHolds: services.stockHolds ? () => services.stockHolds!(integration.id) : undefined,
    }, run);
  } catch (err) {
    opts.log?.error({ err, runId: run.id }, 'sync run failed');
    const latest = (await runs.get(run.id)) ?? run;
    await runs.finish(run.id, 'failed', latest, `La sincronización se detuvo por un error interno de la aplicación (quedó registrado); vuelve a sincronizar. Detalle: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500));
    return 'failed';
  } finally {
    await hooks;
  }
}

/** The store's webhooks (src/company/store-hooks.ts), checked with every run; a failure is logged, never fails the run. */
async function registerHooks(services: SyncServices, api: JumpsellerClient, integration: Integration, opts: RunSyncOptions): Promise<void> {
  if (!services.webhookUrl) return;
  const warn = (obj: object, msg: string) => (opts.log?.warn ?? opts.log?.error)?.call(opts.log, obj, msg);
  try {
    const r = await ensureStoreHooks({ api, hooks: services.hooks, companies: services.companies, now: services.now }, integration, services.webhookUrl);
    if (r.outcome === 'no_scope') warn({ integrationId: integration.id }, 'store webhooks not registered: the grant lacks write_hooks (reauthorize the store)');
  } catch (err) {
    warn({ err, integrationId: integration.id }, 'store webhooks could not be registered; retried at the next run');
  }
}
