// Catalog on Mi Empresa (SPEC §2.3, §3): the catalog block, file upload, linking a Centry account
// (OAuth), pulling from Centry on demand, and Centry's webhook endpoint — a secret capability URL
// (Centry signs nothing, API-NOTES "Webhooks") that answers 200 at once and pulls the one product.
import { createHash, randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import fp from 'fastify-plugin';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { centryAuthorizeUrl, exchangeCentryCode } from '../catalog/centry/centry-oauth.js';
import { centryWebhookSchema, pullCentryChanges } from '../catalog/centry/centry-source.js';
import { centryWebhookPulls } from '../catalog/centry/centry-webhook-pulls.js';
import { MAX_UPLOAD_BYTES, startCatalogUpload } from '../catalog/import/catalog-upload-import.js';
import { missingExclusions } from '../settings/missing-exclusions.js';
import { seedDemoCatalog } from '../catalog/demo/demo-catalog.js';
import { CENTRY_LINK_MESSAGES, CENTRY_STATE_TTL_MS, centryLinkState, finishCentryLink, linkCentryAccount } from '../catalog/centry/centry-link.js';
import type { WebContext } from './context.js';
import { requireCompany } from './require-company.js';
import { cookieAttributes } from './plugins/session.js';
import type { PreBodyCheck } from './body-guard.js';
import { receiveUpload, removeStaleUploads } from './catalog-upload.js';
import { companyId } from '../company/model.js';
import { catalogSectionView } from './catalog-view.js';

const STATE_COOKIE = 'cj_centry_state';

export const webhookSecretHash = (secret: string) => createHash('sha256').update(secret).digest('hex');

declare module 'fastify' {
  interface FastifyInstance {
    /** Catalog work started by a request and finished after it (file imports, webhook pulls, Centry pulls). */
    catalogTasks: { idle(): Promise<void> };
  }
}

export const catalogRoutes = fp<{ ctx: WebContext }>(async (app: FastifyInstance, { ctx }) => {
  const { catalog, sources, replacer, cipher, centryCredentials: creds, centry: deps } = ctx;
  const callbackUrl = `${ctx.config.appUrl}/catalogo/centry/callback`;
  const stateCookie = { ...cookieAttributes({ secure: ctx.secure }), path: '/catalogo/centry' };

  const tasks = new Set<Promise<void>>();
  const webhookPulls = deps && centryWebhookPulls(deps, (company, productId) => ctx.requestCompanySync(companyId(company), [productId]));
  /** Runs after the response; failures are logged, never lost silently. */
  const background = (log: FastifyInstance['log'], what: string, task: () => Promise<unknown>) => {
    const p = task().then(() => undefined, (err: unknown) => log.error({ err }, `${what} failed`)).finally(() => tasks.delete(p));
    tasks.add(p);
  };
  app.decorate('catalogTasks', { async idle() { while (tasks.size) await Promise.all([...tasks]); } });

  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
  if (ctx.config.roles.includes('web')) await removeStaleUploads(); // left by a process that is gone

  const missingDeps = {
    integrations: async (c: number) => (await ctx.companies.listIntegrations(companyId(c))).map((i) => ({ id: i.id as number, storeName: i.storeName })),
    settings: ctx.settings,
    lookup: ctx.lookup,
  };
  const sectionView = (company: number) => catalogSectionView({
    catalog, sources, centryAvailable: creds !== null, demoAvailable: ctx.config.mode === 'local', now: ctx.now,
    missingExclusions: async (c) => missingExclusions(missingDeps, c, await catalog.references(c)),
  }, company);
  ctx.companySections.push(async (company) => ({ partial: 'catalog', data: { catalog: await sectionView(company) } }));

  // What the catalog block's script polls while an import or a first Centry download is under way.
  app.get('/catalogo/estado.json', async (req, reply) => {
    const view = await sectionView(requireCompany(req));
    return reply.header('cache-control', 'no-store').send({ busy: view.importInProgress || view.centryDownloading, importInProgress: view.importInProgress, centryDownloading: view.centryDownloading });
  });

  // CSRF comes as ?_csrf= on this multipart form (the body is a stream the CSRF check cannot read
  // first); it is handed to the app's one CSRF check as the header that check reads.
  const csrfFromQuery = async (req: FastifyRequest) => {
    const token = (req.query as Record<string, unknown>)._csrf;
    if (typeof token === 'string') req.headers['x-csrf-token'] = token;
  };
  // The upload is streamed to a temporary file and answered at once (a 100 000-product file takes
  // 15–20 s to import, longer than a proxy waits); the import runs in the background and its state
  // is a durable row (catalog_sources.import_state) that Mi Empresa shows: "en curso", then the
  // report, or why nothing was imported. The temporary file is removed whatever happens.
  app.post('/catalogo/importar', { onRequest: csrfFromQuery }, async (req, reply) => {
    const company = requireCompany(req);
    const received = await receiveUpload(req);
    if (!received.ok) {
      if (received.reason === 'NO_FILE') return reply.flash('Elige un archivo para importar.').redirect('/empresa#catalogo', 303);
      req.log.info('catalog upload refused: malformed multipart body');
      return reply.page('error', { status: 400, message: 'No se pudo leer el archivo enviado: el formulario llegó incompleto o con campos de más. Vuelve a elegir el archivo e inténtalo de nuevo.' }, 400);
    }
    const { dir, file, truncated, fields } = received;
    // The form's choices come before the file in the multipart body (views/partials/catalog.eta).
    const started = await startCatalogUpload({ catalog, replacer, sources, now: ctx.now }, {
      companyId: company, file, truncated, discard: () => rm(dir, { recursive: true, force: true }),
      mode: fields.modo === 'agregar' ? 'add' : 'replace', switchFromCentry: fields.cambiar_origen === 'archivo', confirmed: fields.confirmar === 'si',
    });
    if (started.outcome === 'refused') return reply.flash(started.message).redirect('/empresa#catalogo', 303);
    if (started.outcome === 'importing') background(req.log, 'catalog import', started.finish);
    // No flash: the catalog block shows the import "en curso" and refreshes itself with its outcome
    // (views/static/catalog.js), so a green "Importando…" never sits over a failed import.
    return reply.redirect('/empresa#catalogo', 303);
  });

  // Switching the source from Centry back to files is explicit: this page says what leaves the
  // catalog and asks for a confirmation together with the file that replaces it.
  app.get('/catalogo/origen/archivo', async (req, reply) => {
    const company = requireCompany(req);
    const source = await sources.get(company);
    if (source?.kind !== 'centry') return reply.redirect('/empresa#catalogo');
    return reply.page('catalog-switch', { title: 'Cambiar el origen del catálogo · Centry para Jumpseller', counts: await catalog.summary(company) });
  });

  app.get('/catalogo/centry/vincular', async (req, reply) => {
    const company = requireCompany(req);
    if (!creds) return reply.callNotFound();
    const nonce = randomBytes(18).toString('base64url');
    const state = centryLinkState(ctx.config.sessionSecret, company, ctx.now(), nonce);
    // The nonce in a signed cookie binds the state to this browser; the callback clears it (single use).
    // Same attributes as the session: inside the admin iframe over https (a cross-site frame) a Lax
    // cookie would not come back with Centry's redirect, and the link would always fail there.
    reply.setCookie(STATE_COOKIE, nonce, { ...stateCookie, signed: true, maxAge: CENTRY_STATE_TTL_MS / 1000 });
    return reply.redirect(centryAuthorizeUrl(creds, { redirectUri: callbackUrl, state }));
  });

  app.get('/catalogo/centry/callback', async (req, reply) => {
    const company = requireCompany(req);
    if (!creds || !deps) return reply.callNotFound();
    const cookie = req.cookies[STATE_COOKIE] ? req.unsignCookie(req.cookies[STATE_COOKIE]!) : null;
    reply.clearCookie(STATE_COOKIE, stateCookie);
    const linked = await linkCentryAccount({
      sources, cipher, stateSecret: ctx.config.sessionSecret, now: ctx.now, webhookSecretHash,
      exchangeCode: (code) => exchangeCentryCode(creds, code, callbackUrl, ctx.now()),
      newWebhookSecret: () => randomBytes(32).toString('base64url'),
    }, { company, query: req.query as Record<string, string | undefined>, cookie });
    if (!linked.ok) {
      req.log.warn({ reason: linked.reason, detail: linked.detail }, 'Centry link refused');
      return reply.flash(CENTRY_LINK_MESSAGES[linked.reason]).redirect('/empresa#catalogo');
    }
    background(req.log, 'Centry link (webhook registration and first pull)',
      () => finishCentryLink(deps, company, `${ctx.config.appUrl}/webhooks/centry/${linked.webhookSecret}`));
    return reply.flash('Cuenta de Centry vinculada: el catálogo se está descargando.').redirect('/empresa#catalogo');
  });

  // Local mode only: the demo catalog (images served by the local Jumpseller sandbox).
  app.post('/catalogo/demo', async (req, reply) => {
    const company = requireCompany(req);
    if (ctx.config.mode !== 'local') return reply.callNotFound();
    background(req.log, 'demo catalog', () => seedDemoCatalog({ catalog, sources, now: ctx.now }, {
      companyId: company, size: ctx.config.local?.demoCatalogSize ?? 500, now: ctx.now(),
      imageBaseUrl: `${ctx.config.jumpseller.accountsUrl}/_sandbox/images`,
    }));
    return reply.flash('Cargando el catálogo de demostración…').redirect('/empresa#catalogo', 303);
  });

  app.post('/catalogo/centry/actualizar', async (req, reply) => {
    const company = requireCompany(req);
    if (!deps) return reply.callNotFound();
    background(req.log, 'Centry pull', () => pullCentryChanges(deps, company));
    return reply.flash('Actualizando el catálogo desde Centry…').redirect('/empresa#catalogo', 303);
  });

  // Centry retries a webhook for 48 h unless it gets a 200 within 15 s: answer first, pull after.
  // The secret in the path is checked before the body is read (src/web/body-guard.ts).
  const centrySender: PreBodyCheck = {
    admit: async (req) => (deps ? (await sources.companyByWebhookSecret(webhookSecretHash((req.params as { secret: string }).secret))) ?? undefined : undefined),
    refuse: (reply) => reply.code(404).send({ error: 'Not found' }),
  };
  app.post('/webhooks/centry/:secret', { config: { csrf: false, preBody: centrySender } }, async (req, reply) => {
    const company = req.admitted as number | undefined;
    if (company === undefined || !webhookPulls) return centrySender.refuse(reply);
    const hook = centryWebhookSchema.safeParse(req.body);
    if (!hook.success) return reply.code(422).send({ error: 'expected {"topic": "...", "product_id": "..."}' });
    const pull = webhookPulls.receive(company, hook.data); // undefined: joined a pull already pending
    if (pull) background(req.log, 'Centry webhook pull', pull);
    return reply.code(200).send({ ok: true });
  });
}, { name: 'catalog-routes', dependencies: ['views', 'security'] });
