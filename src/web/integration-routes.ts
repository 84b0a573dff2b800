// §2.4–§2.5 "Editar integración": the page, "Guardar", "Vista previa" and the live price example.
// Thin adapters over src/settings/. Every route resolves the integration within the session's
// company first: another company's id answers 404, never its data.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CatalogRepository } from '../catalog/store/catalog-repository.js';
import type { Integration } from '../company/model.js';
import type { CatalogLookup } from '../catalog/store/catalog-lookup.js';
import { priceExampleFromInput } from '../settings/price-example.js';
import { parseSettingsForm, settingsToForm, type RawBody } from '../settings/settings-form.js';
import { describeSettings, differences } from '../settings/settings-labels.js';
import { mappingPushedState, previewSync, type LastPushedState } from '../settings/settings-preview.js';
import type { SettingsRepository } from '../settings/settings-repository.js';
import type { IntegrationSettings } from '../settings/settings.schema.js';
import type { WebContext } from './context.js';
import { chipsFor, editPageData, previewView, type EditState } from './integration-edit-view.js';
import { integrationPickerRoutes } from './integration-picker-routes.js';
import { ownedIntegration } from './require-company.js';

export interface IntegrationRouteDeps {
  settings: SettingsRepository;
  catalog: Pick<CatalogRepository, 'references' | 'search' | 'streamProducts' | 'productsSharingSkus'>;
  lookup: CatalogLookup;
  /** What the sync last pushed for an integration (its mapping tables), for "Vista previa". */
  lastPushed(integration: Integration): LastPushedState;
}

/** The app's own repositories when the caller passes nothing. */
export function integrationRouteDeps(ctx: Pick<WebContext, 'settings' | 'catalog' | 'lookup' | 'mappings'>): IntegrationRouteDeps {
  return {
    settings: ctx.settings, catalog: ctx.catalog, lookup: ctx.lookup,
    lastPushed: (i) => mappingPushedState(ctx.mappings, i.id, i.companyId),
  };
}

/** The confirmation shown on Mi Empresa after "Guardar". */
/** `sendOrders` when "Enviar pedidos a Centry" changed in this save: that one applies now (SPEC §10). */
export const savedMessage = (i: Pick<Integration, 'storeName'>, sendOrders?: boolean) => `Cambios guardados en «${i.storeName}». Se aplican desde la próxima sincronización${
  sendOrders === undefined ? '' : sendOrders ? '; los pedidos se envían a Centry desde ahora (los retenidos, en el próximo minuto)' : '; los pedidos dejan de enviarse a Centry desde ahora'}.`;
const wantsJson = (req: FastifyRequest) => (req.headers.accept ?? '').includes('application/json');
const versionOf = (body: RawBody) => {
  const v = String(body?.version ?? '');
  return /^\d{1,9}$/.test(v) ? Number(v) : -1; // unreadable: no save can match it (reported as a conflict)
};

/** The submitted form: the version it was loaded at, the example price, and the parsed settings. */
function readForm(body: RawBody, integration: Integration) {
  return { version: versionOf(body), examplePrice: String(body?.examplePrice ?? '').slice(0, 100), parsed: parseSettingsForm(body, integration.currency) };
}

export function integrationRoutes(app: FastifyInstance, ctx: WebContext, deps: IntegrationRouteDeps = integrationRouteDeps(ctx)): void {
  const owned = (req: FastifyRequest) => ownedIntegration(ctx.companies, req);

  async function render(reply: FastifyReply, integration: Integration, state: EditState, status = 200) {
    const refs = await deps.catalog.references(integration.companyId);
    const chips = await chipsFor(state.form.exclusions, refs, deps.lookup, integration.companyId);
    return reply.page('integration-edit', editPageData(integration, state, chips, ctx.now()), status);
  }

  app.get('/integraciones/:id/editar', async (req, reply) => {
    const integration = await owned(req);
    if (!integration) return reply.callNotFound();
    const saved = await deps.settings.get(integration.id);
    return render(reply, integration, { form: settingsToForm(saved.settings, integration.currency), version: saved.version });
  });

  app.post('/integraciones/:id/editar', async (req, reply) => {
    const integration = await owned(req);
    if (!integration) return reply.callNotFound();
    const { version, examplePrice, parsed } = readForm(req.body as RawBody, integration);
    if (!parsed.ok) return render(reply, integration, { form: parsed.form, errors: parsed.errors, version, examplePrice }, 422);

    const before = (await deps.settings.get(integration.id)).settings.sendOrders;
    const saved = await deps.settings.save(integration.id, version, parsed.settings);
    if (!saved.ok) {
      // Another save came first (another tab, another person): show what is saved now next to what
      // was typed, and carry the new version so a deliberate second "Guardar" wins.
      const current = await deps.settings.get(integration.id);
      const conflict = await explainConflict(integration, current.settings, parsed.settings);
      return render(reply, integration, { form: parsed.form, version: current.version, conflict, examplePrice }, 409);
    }
    // §2.5: "Luego de presionar el botón guardar, será enviado nuevamente a Mi Empresa".
    const orders = parsed.settings.sendOrders === before ? undefined : parsed.settings.sendOrders;
    return reply.flash(savedMessage(integration, orders)).redirect('/empresa', 303);
  });

  async function explainConflict(integration: Integration, saved: IntegrationSettings, typed: IntegrationSettings) {
    const refs = await deps.catalog.references(integration.companyId);
    const all = { ...typed.exclusions };
    for (const k of Object.keys(all) as (keyof typeof all)[]) all[k] = [...new Set([...saved.exclusions[k], ...typed.exclusions[k]])];
    const chips = await chipsFor(all, refs, deps.lookup, integration.companyId);
    const names = new Map(Object.entries(chips).map(([list, cs]) => [list, new Map(cs.map((c) => [c.id, c.label]))]));
    const nameOf = (list: string, id: string) => names.get(list)?.get(id) ?? id;
    return differences(describeSettings(saved, integration.currency, nameOf), describeSettings(typed, integration.currency, nameOf));
  }

  // "Vista previa" of the unsaved form. With JavaScript: JSON (and the same partial as HTML) shown
  // inline; without: the whole page again, every typed value kept, the preview below the buttons.
  app.post('/integraciones/:id/vista-previa', async (req, reply) => {
    const integration = await owned(req);
    if (!integration) return reply.callNotFound();
    const { version, examplePrice, parsed } = readForm(req.body as RawBody, integration);
    if (!parsed.ok) {
      if (wantsJson(req)) return reply.code(422).send({ ok: false, errors: parsed.errors });
      return render(reply, integration, { form: parsed.form, errors: parsed.errors, version, examplePrice }, 422);
    }
    const saved = await deps.settings.get(integration.id);
    const preview = await previewSync({
      pages: deps.catalog.streamProducts(integration.companyId),
      references: await deps.catalog.references(integration.companyId),
      settings: parsed.settings, savedRules: saved.settings.prices,
      currency: integration.currency, weightUnit: integration.weightUnit, now: ctx.now(), pushed: deps.lastPushed(integration),
      sharingSkus: await deps.catalog.productsSharingSkus(integration.companyId),
    });
    if (!wantsJson(req)) return render(reply, integration, { form: parsed.form, version, examplePrice, preview });
    const view = previewView(preview, integration.currency, parsed.settings.onDelete);
    const html = await app.view('partials/integration-preview', { preview: view });
    return reply.header('cache-control', 'no-store').send({ ok: true, preview: view, html });
  });

  // The live example: price-rules.ts on the server, so the page never re-implements §5 (ADR 0005).
  app.get('/integraciones/:id/ejemplo', async (req, reply) => {
    const integration = await owned(req);
    if (!integration) return reply.callNotFound();
    const result = priceExampleFromInput(req.query as RawBody, integration.currency, ctx.now());
    return reply.code(result.ok ? 200 : 422).header('cache-control', 'no-store').send(result);
  });

  integrationPickerRoutes(app, deps, owned);
}
