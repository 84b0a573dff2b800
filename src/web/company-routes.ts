// §2.3 Mi Empresa: linked accounts by kind, "Vincular cuenta nueva", and (from other modules) the
// catalog summary and the "Sincronizar" block.
import type { FastifyInstance } from 'fastify';
import { STATUS_LABELS, type CompanyId, type IntegrationStatus } from '../company/model.js';
import { lastRunText } from './sync-view.js';
import type { WebContext } from './context.js';
import { formatWhen } from './format.js';
import { currencyWarning } from './integration-edit-view.js';
import { ownedIntegration, requireCompany } from './require-company.js';

/**
 * Kinds of account a company can link, each in its column of "Cuentas vinculadas" (SPEC §2.3): the
 * stores under "Ecommerce"; the Centry account (the catalog's source, linked from #catalogo) under "Catálogo".
 */
export const ACCOUNT_KINDS = [{ kind: 'jumpseller', label: 'Jumpseller', column: 'Ecommerce' }] as const;

export function companyRoutes(app: FastifyInstance, ctx: WebContext): void {
  const { runs, sources } = ctx;
  const centryAvailable = ctx.centryCredentials !== null;
  /** The "Catálogo" column: the company's Centry account, linked or not (its own block is #catalogo). */
  const centryAccount = async (company: CompanyId) => {
    const source = await sources.get(company);
    const linked = source?.kind === 'centry';
    return {
      linked, available: centryAvailable,
      status: linked ? (source.status === 'reauth_required' ? 'reauth_required' : 'connected') as IntegrationStatus : null,
      lastPull: linked ? formatWhen(source.lastPullAt) : null,
    };
  };
  app.get('/empresa', async (req, reply) => {
    const company = await ctx.companies.findCompany(requireCompany(req));
    if (!company) return reply.closeSession().redirect('/entrar');
    const integrations = await Promise.all((await ctx.companies.listIntegrations(company.id)).map(async (i) => {
      const [last] = await runs.recent(i.id, 1);
      // "Última sincronización": the outcome of the newest run, and when (views/static/sync.js keeps it live).
      return { ...i, currencyWarning: currencyWarning(i), lastRun: lastRunText(last) };
    }));
    const [sections, catalogAccount] = await Promise.all([Promise.all(ctx.companySections.map((s) => s(company.id))), centryAccount(company.id)]);
    return reply.page('company', { company, integrations, catalogAccount, statusLabels: STATUS_LABELS, sections: sections.filter(Boolean) });
  });

  app.get('/empresa/vincular', async (req, reply) => {
    requireCompany(req);
    return reply.page('link', { kinds: ACCOUNT_KINDS });
  });

  app.post('/empresa/vincular', { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (req, reply) => {
    const company = requireCompany(req);
    const kind = (req.body as Record<string, unknown> | undefined)?.kind;
    if (!ACCOUNT_KINDS.some((k) => k.kind === kind)) {
      return reply.page('link', { kinds: ACCOUNT_KINDS, error: 'Elige el tipo de cuenta a vincular.' }, 422);
    }
    // The state row remembers this company: the store that comes back joins it (or is refused).
    return reply.redirect(await app.jumpsellerAuth.authorizeUrl(req, reply, 'link', company));
  });

  // A linked account's own page: status and what can be done with it. Another company's id → 404.
  app.get('/integraciones/:id', async (req, reply) => {
    const integration = await ownedIntegration(ctx.companies, req);
    if (!integration) return reply.callNotFound();
    return reply.page('integration', { integration, statusLabels: STATUS_LABELS });
  });

  // "Salir" ends the session on the server, not just in this browser: the old cookie is worthless
  // (the company's session version moves on, so every browser of the company is signed out).
  app.post('/salir', async (req, reply) => {
    if (req.companyId) await ctx.sessions.endAll(req.companyId);
    return reply.closeSession().redirect('/entrar');
  });
}
