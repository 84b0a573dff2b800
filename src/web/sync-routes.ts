// "Sincronizar" (SPEC §2.6): start one run per selected store, watch it live (the page polls a JSON
// status), cancel it. The run row refuses a second active run of a store, so a second press starts
// nothing and says so. Everything is tenant-scoped: another company's store or run answers 404.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Integration } from '../company/model.js';
import { runId } from '../publishing/run-model.js';
import type { WebContext } from './context.js';
import { parseIntegrationId, parseRowId, requireCompany } from './require-company.js';
import { runView, syncBlockView } from './sync-view.js';

const wantsJson = (req: FastifyRequest) => (req.headers.accept ?? '').includes('application/json');
const ids = (v: unknown): number[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((x) => Number(x));

export interface StartResult {
  started: { integrationId: number; storeName: string; runId: number }[];
  alreadyActive: { integrationId: number; storeName: string; runId: number | null }[];
  message: string;
}

export function startMessage(r: Omit<StartResult, 'message'>): string {
  const parts: string[] = [];
  if (r.started.length) parts.push(`Sincronización iniciada: ${r.started.map((s) => s.storeName).join(', ')}.`);
  for (const a of r.alreadyActive) parts.push(`«${a.storeName}» ya tiene una sincronización en curso; no se inició otra.`);
  return parts.join(' ') || 'Elige al menos una tienda para sincronizar.';
}

/** Runs are asked for with ctx.requestSync: handed to a worker, or found by its sweeper when no queue took them. */
export function syncRoutes(app: FastifyInstance, ctx: WebContext): void {
  const { runs } = ctx;
  const deps = { companies: ctx.companies, runs };
  ctx.companySections.push(async (company) => ({ partial: 'sync', data: { sync: await syncBlockView(deps, company) } }));

  app.get('/sincronizar/estado.json', async (req) => syncBlockView(deps, requireCompany(req)));

  app.post('/sincronizar', async (req, reply) => {
    const company = requireCompany(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const wanted = [...new Set(ids(body.integration))];
    const chosen: Integration[] = [];
    for (const id of wanted) {
      const parsed = parseIntegrationId(id);
      const integration = parsed ? await ctx.companies.findIntegration(company, parsed) : undefined;
      if (!integration) return reply.callNotFound();
      chosen.push(integration);
    }
    const result: Omit<StartResult, 'message'> = { started: [], alreadyActive: [] };
    for (const integration of chosen) {
      const requested = await ctx.requestSync(integration.id, 'manual');
      const entry = { integrationId: integration.id, storeName: integration.storeName };
      if (requested.outcome === 'started') result.started.push({ ...entry, runId: requested.run.id });
      else result.alreadyActive.push({ ...entry, runId: requested.run?.id ?? null });
    }
    return respond(req, reply, { ...result, message: startMessage(result) }, result.started.length ? 202 : 200);
  });

  app.get('/sincronizar/runs/:id.json', async (req, reply) => {
    const run = await ownRun(req);
    if (!run) return reply.callNotFound();
    return runView(run, await runs.errors(run.id, 50));
  });

  app.post('/sincronizar/runs/:id/cancelar', async (req, reply) => {
    const run = await ownRun(req);
    if (!run) return reply.callNotFound();
    const after = await runs.requestCancel(run.id);
    // A queued run ends at once ("Cancelada"); a running one stops at its worker's next beat.
    const message = !after ? 'La sincronización ya había terminado.'
      : after.status === 'cancelled' ? 'Sincronización cancelada.' : 'Cancelando la sincronización…';
    return respond(req, reply, { run: runView(after ?? run), message });
  });

  async function ownRun(req: FastifyRequest) {
    const company = requireCompany(req);
    const id = parseRowId((req.params as { id: string }).id);
    return id === undefined ? undefined : runs.findForCompany(company, runId(id));
  }
}

/** JSON for the page's script; a plain form post gets the page back with a message. */
function respond(req: FastifyRequest, reply: FastifyReply, body: { message: string } & Record<string, unknown>, status = 200) {
  if (wantsJson(req)) return reply.code(status).send(body);
  return reply.flash(body.message).redirect('/empresa#sincronizar', 303);
}
