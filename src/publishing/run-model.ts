// A sync run as the rest of the app sees it (SPEC §2.6, §7.4): its status with the Spanish labels
// of the "Sincronizar" block, live counters, and where a resumed run continues.
import type { IntegrationId } from '../company/model.js';

import type { Brand } from '../lib/brand.js';

export type RunId = Brand<number, 'RunId'>;
export const runId = (n: number): RunId => n as RunId;

export type RunStatus = 'queued' | 'running' | 'completed' | 'completed_with_errors' | 'failed' | 'cancelled';
export type RunTrigger = 'manual' | 'schedule' | 'webhook';

/** Verbatim labels of SPEC §2.6. */
export const RUN_STATUS_LABELS: Readonly<Record<RunStatus, string>> = {
  queued: 'En cola',
  running: 'Sincronizando',
  completed: 'Completada',
  completed_with_errors: 'Completada con errores',
  failed: 'Fallida',
  cancelled: 'Cancelada',
};
export const ACTIVE_STATUSES: readonly RunStatus[] = ['queued', 'running'];
export const isActive = (s: RunStatus) => ACTIVE_STATUSES.includes(s);

export interface RunCounters {
  total: number;
  processed: number;
  created: number;
  updated: number;
  unpublished: number;
  unchanged: number;
  /**
   * "omitidos": processed but not published because excluded or paused (§6) and not in the store
   * (or already taken down) — not "sin cambios". Not a column: every processed product has exactly
   * one outcome, so it is `processed` minus the others (run-repository.ts, ADR 0015).
   */
  skipped: number;
  failed: number;
}
export const COUNTER_KEYS = ['total', 'processed', 'created', 'updated', 'unpublished', 'unchanged', 'skipped', 'failed'] as const;
export const zeroCounters = (): RunCounters => ({ total: 0, processed: 0, created: 0, updated: 0, unpublished: 0, unchanged: 0, skipped: 0, failed: 0 });

/**
 * Progress made durable after each page of products: a resumed run continues after `after` in
 * `phase` with these counters; errors with an id above `lastErrorId` belong to the lost page and
 * are dropped, since that page is planned and executed again.
 */
export interface Checkpoint {
  phase: 'catalog' | 'removed';
  after: string | null;
  counters: RunCounters;
  lastErrorId: number;
}

export interface SyncRun extends RunCounters {
  id: RunId;
  integrationId: IntegrationId;
  status: RunStatus;
  trigger: RunTrigger;
  /** A targeted run (Centry webhook) covers these catalog products only. */
  productIds: string[] | null;
  cancelRequested: boolean;
  checkpoint: Checkpoint | null;
  workerId: string | null;
  errorMessage: string | null;
  createdAt: Date;
  startedAt: Date | null;
  heartbeatAt: Date | null;
  finishedAt: Date | null;
}

export interface RunError {
  id: number;
  catalogProductId: string | null;
  sku: string | null;
  name: string | null;
  /** What failed, in Spanish ("crear", "actualizar", "subir imagen"…). */
  operation: string;
  /** Jumpseller's own message when it gave one. */
  message: string;
}
