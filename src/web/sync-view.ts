// What the "Sincronizar" block shows (SPEC §2.6), built once for both the server-rendered partial
// and the JSON the page polls: per linked store, the run right below the button (the active one,
// else the last) with its counters and errors, and the past runs with their outcome.
import { STATUS_LABELS, type CompanyId, type Integration } from '../company/model.js';
import type { CompanyRepository } from '../company/company-repository.js';
import { isActive, RUN_STATUS_LABELS, type RunError, type SyncRun } from '../publishing/run-model.js';
import type { RunRepository } from '../publishing/storage/run-repository.js';
import { currencyMismatch } from '../publishing/plan/store-units.js';
import { formatWhen } from './format.js';

/** Error lines shown per run; the rest are counted ("y N más"). */
export const ERRORS_SHOWN = 50;
const PAST_RUNS = 5;

export interface RunView {
  id: number;
  status: SyncRun['status'];
  statusLabel: string;
  active: boolean;
  trigger: SyncRun['trigger'];
  triggerLabel: string;
  total: number;
  processed: number;
  percent: number;
  created: number;
  updated: number;
  unpublished: number;
  unchanged: number;
  /** "omitidos": excluded or paused, nothing published (not "sin cambios"). */
  skipped: number;
  failed: number;
  /** "12 / 40 productos", or what the run is doing before it has counted anything (never "0 / 0"). */
  progressText: string;
  cancelRequested: boolean;
  errorMessage: string | null;
  createdAt: string;
  finishedAt: string | null;
  when: string;
  errors: Pick<RunError, 'sku' | 'name' | 'operation' | 'message'>[];
  moreErrors: number;
}

export interface IntegrationSyncView {
  id: number;
  storeName: string;
  storeCode: string;
  status: Integration['status'];
  statusLabel: string;
  needsReauthorization: boolean;
  /** Why this store cannot be synced now (its currency is not the catalog's); not ticked by default. */
  cannotSync: string | null;
  /** The account card's "Última sincronización" on Mi Empresa (the newest run's status and when). */
  lastRun: string | null;
  current: RunView | null;
  past: RunView[];
}

export interface SyncBlockView {
  integrations: IntegrationSyncView[];
  anyActive: boolean;
}

const TRIGGER_LABELS: Record<SyncRun['trigger'], string> = { manual: 'Manual', schedule: 'Programada', webhook: 'Cambio en Centry' };

export function runView(run: SyncRun, errors: RunError[] = []): RunView {
  return {
    id: run.id, status: run.status, statusLabel: RUN_STATUS_LABELS[run.status], active: isActive(run.status),
    trigger: run.trigger, triggerLabel: TRIGGER_LABELS[run.trigger],
    total: run.total, processed: run.processed, percent: run.total > 0 ? Math.min(100, Math.floor((run.processed / run.total) * 100)) : 0,
    created: run.created, updated: run.updated, unpublished: run.unpublished, unchanged: run.unchanged, skipped: run.skipped, failed: run.failed,
    progressText: progressText(run),
    cancelRequested: run.cancelRequested, errorMessage: run.errorMessage,
    createdAt: run.createdAt.toISOString(), finishedAt: run.finishedAt?.toISOString() ?? null, when: formatWhen(run.finishedAt ?? run.createdAt),
    errors: errors.slice(0, ERRORS_SHOWN).map((e) => ({ sku: e.sku, name: e.name, operation: e.operation, message: e.message })),
    moreErrors: Math.max(0, run.failed - Math.min(errors.length, ERRORS_SHOWN)),
  };
}

function cannotSyncReason(i: Pick<Integration, 'currency'>): string | null {
  const m = currencyMismatch(i.currency);
  return m ? `No se puede sincronizar: la tienda usa ${m.store} y el catálogo ${m.catalog}.` : null;
}

/** The line under the bar: a queued run or one still counting its products says so instead of "0 / 0". */
export function progressText(run: Pick<SyncRun, 'status' | 'total' | 'processed'>): string {
  if (run.status === 'queued') return 'En espera: comenzará en unos segundos.';
  if (run.status === 'running' && run.total === 0 && run.processed === 0) return 'Preparando: contando los productos…';
  return `${run.processed} / ${run.total} productos`;
}

/** "Última sincronización" on the account card: the newest run's outcome (or state) and when. */
export function lastRunText(run: SyncRun | undefined): string | null {
  return run ? `${RUN_STATUS_LABELS[run.status]} · ${formatWhen(run.finishedAt ?? run.createdAt)}` : null;
}

export async function syncBlockView(deps: { companies: CompanyRepository; runs: RunRepository }, company: CompanyId): Promise<SyncBlockView> {
  const integrations = await deps.companies.listIntegrations(company);
  const views = await Promise.all(integrations.map(async (i): Promise<IntegrationSyncView> => {
    const [latest, ...older] = await deps.runs.recent(i.id, PAST_RUNS + 1);
    const errors = latest ? await deps.runs.errors(latest.id, ERRORS_SHOWN) : [];
    return {
      id: i.id, storeName: i.storeName, storeCode: i.storeCode, status: i.status, statusLabel: STATUS_LABELS[i.status],
      needsReauthorization: i.status === 'reauth_required',
      cannotSync: cannotSyncReason(i),
      lastRun: lastRunText(latest),
      current: latest ? runView(latest, errors) : null,
      past: older.map((r) => runView(r)),
    };
  }));
  return { integrations: views, anyActive: views.some((v) => v.current?.active) };
}
