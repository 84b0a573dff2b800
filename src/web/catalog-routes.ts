// Catalog on Mi Empresa (SPEC §2.3, §3): the catalog block, file upload, linking a Centry account
// (OAuth), pulling from Centry on demand, and Centry's webhook endpoint — a secret capability URL
// (Centry signs nothing, API-NOTES "Webhooks") that answers 200 at once and pulls the one product.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import fp from 'fastify-plugin';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { centryAuthorizeUrl, exchangeCentryCode } from '../catalog/centry-oauth.js';
import { centryWebhookSchema, pullCentryChanges, pullCentryProduct } from '../catalog/centry-source.js';
import { importCatalogFileAs, type ImportMode } from '../catalog/catalog-file-import.js';
import { missingExclusions } from '../settings/missing-exclusions.js';
import { seedDemoCatalog } from '../catalog/demo-catalog.js';
import { safeEqual, sign, unsign } from '../security/signing.js';
import type { WebContext } from './context.js';
import { requireCompany } from './require-company.js';
import { cookieAttributes } from './plugins/session.js';
import type { PreBodyCheck } from './body-guard.js';
import { receiveUpload, removeStaleUploads } from './catalog-upload.js';
import { companyId } from '../company/model.js';
import { catalogSectionView, describePosition } from './catalog-view.js';
import { checkUpload, notJsonProblem, storeProblem, wrongShapeProblem } from '../catalog/import-messages.js';

/** Largest catalog file accepted by upload (a 100 000-product catalog is ~260 MB of NDJSON). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const STATE_COOKIE = 'cj_centry_state';
const STATE_TTL_MS = 10 * 60 * 1000;

/** The first bytes of a file (to tell what it is) and its size. */
async function readHead(file: string): Promise<{ head: Buffer; size: number }> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(size, 4096));
    await fh.read(head, 0, head.length, 0);
    return { head, size };
  } finally {
    await fh.close();
  }
}

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
  const webhookPulls = new Map<string, { again: boolean }>();
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
    const { dir, file: upload, truncated, fields } = received;
    // The form's choices come before the file in the multipart body (views/partials/catalog.eta).
    const mode: ImportMode = fields.modo === 'agregar' ? 'add' : 'replace';
    const switchFromCentry = fields.cambiar_origen === 'archivo';
    const source = await sources.get(company);
    const refuse = async (message: string) => {
      await rm(dir, { recursive: true, force: true });
      return reply.flash(message).redirect('/empresa#catalogo', 303);
    };
    if (source?.kind === 'centry' && !switchFromCentry) {
      return refuse('El catálogo viene de Centry: no se importó el archivo. Para usar archivos, elige «Cambiar el origen a un archivo» y confirma.');
    }
    if (switchFromCentry && fields.confirmar !== 'si') {
      return refuse('No se cambió el origen del catálogo: marca la confirmación para reemplazar el catálogo de Centry por el archivo.');
    }
    if (truncated && (mode === 'replace' || switchFromCentry)) {
      return refuse(`No se importó nada: el archivo supera ${MAX_UPLOAD_BYTES / 1024 / 1024} MB y un reemplazo del catálogo necesita el archivo completo.`);
    }
    // Refused from its first bytes (an image, a PDF, a spreadsheet, an empty file): said at once.
    const { head, size } = await readHead(upload);
    const refused = checkUpload(head, size);
    await sources.startImport(company);
    if (refused) {
      await rm(dir, { recursive: true, force: true });
      await sources.finishImport(company, { ok: false, error: storeProblem(refused) });
      return reply.redirect('/empresa#catalogo', 303);
    }
    background(req.log, 'catalog import', async () => {
      try {
        const result = await importCatalogFileAs({ catalog, replacer, sources, now: ctx.now }, createReadStream(upload, { encoding: 'utf8' }), {
          companyId: company, mode, switchFromCentry,
        });
        if (!result.ok && result.error === 'NO_PRODUCTS') {
          const first = result.report.rejections[0];
          const detail = first ? `${describePosition(first.at)}: ${first.reason}` : null;
          await sources.finishImport(company, { ok: false, error: storeProblem({ ...wrongShapeProblem(result.report.rejected), detail }) });
          return;
        }
        if (!result.ok) {
          const problem = result.error === 'INCOMPLETE'
            ? { message: `El archivo se interrumpió en ${describePosition(result.report.stoppedAt!.at)} y un reemplazo del catálogo solo se aplica con el archivo completo. Corrígelo y vuelve a subirlo.`, detail: result.report.stoppedAt!.reason }
            : result.error === 'NOT_JSON' ? notJsonProblem(head.toString('utf8'), result.message)
              : { message: result.message, detail: null };
          await sources.finishImport(company, { ok: false, error: storeProblem(problem) });
          return;
        }
        const r = result.report;
        if (r.created + r.updated + r.unchanged === 0 && r.rejected > 0) {
          const first = r.rejections[0];
          const detail = first ? `${describePosition(first.at)}: ${first.reason}` : null;
          await sources.finishImport(company, { ok: false, error: storeProblem({ ...wrongShapeProblem(r.rejected), detail }) });
          return;
        }
        const report = truncated
          ? { ...r, stoppedAt: { at: {}, reason: `el archivo supera ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` } }
          : r;
        await sources.finishImport(company, { ok: true, report });
      } catch (err) {
        await sources.finishImport(company, { ok: false, error: 'La importación falló por un error interno. Vuelve a subir el archivo.' })
          .catch(() => undefined);
        throw err;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
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
    const state = sign(`${ctx.config.sessionSecret}:centry-state`, `${company}.${ctx.now().getTime() + STATE_TTL_MS}.${nonce}`);
    // The nonce in a signed cookie binds the state to this browser; the callback clears it (single use).
    // Same attributes as the session: inside the admin iframe over https (a cross-site frame) a Lax
    // cookie would not come back with Centry's redirect, and the link would always fail there.
    reply.setCookie(STATE_COOKIE, nonce, { ...stateCookie, signed: true, maxAge: STATE_TTL_MS / 1000 });
    return reply.redirect(centryAuthorizeUrl(creds, { redirectUri: callbackUrl, state }));
  });

  app.get('/catalogo/centry/callback', async (req, reply) => {
    const company = requireCompany(req);
    if (!creds || !deps) return reply.callNotFound();
    const q = req.query as Record<string, string | undefined>;
    const cookie = req.cookies[STATE_COOKIE] ? req.unsignCookie(req.cookies[STATE_COOKIE]!) : null;
    reply.clearCookie(STATE_COOKIE, stateCookie);
    const value = q.state ? unsign(`${ctx.config.sessionSecret}:centry-state`, q.state) : undefined;
    const [stateCompany, expires, nonce] = value?.split('.') ?? [];
    if (!value || Number(stateCompany) !== company || Number(expires) < ctx.now().getTime() || !cookie?.valid || !safeEqual(cookie.value ?? '', nonce ?? '')) {
      return reply.flash('No se pudo vincular Centry: la solicitud expiró o no es válida. Inténtalo de nuevo.').redirect('/empresa#catalogo');
    }
    if (q.error || !q.code) return reply.flash('Centry no fue vinculado (autorización cancelada).').redirect('/empresa#catalogo');
    const exchanged = await exchangeCentryCode(creds, q.code, callbackUrl, ctx.now());
    if (!exchanged.ok) {
      req.log.warn({ error: exchanged.error, status: exchanged.status }, 'Centry code exchange failed');
      return reply.flash('Centry no aceptó la autorización. Inténtalo de nuevo.').redirect('/empresa#catalogo');
    }
    const secret = randomBytes(32).toString('base64url');
    const t = exchanged.tokens;
    await sources.linkCentry(company, {
      accessTokenEnc: cipher.encrypt(t.accessToken), refreshTokenEnc: cipher.encrypt(t.refreshToken), expiresAt: t.expiresAt, scope: t.scope,
    }, webhookSecretHash(secret));
    background(req.log, 'Centry link (webhook registration and first pull)', async () => {
      await deps.client(company).registerWebhook(`${ctx.config.appUrl}/webhooks/centry/${secret}`);
      await pullCentryChanges(deps, company);
    });
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
    if (company === undefined || !deps) return centrySender.refuse(reply);
    const hook = centryWebhookSchema.safeParse(req.body);
    if (!hook.success) return reply.code(422).send({ error: 'expected {"topic": "...", "product_id": "..."}' });
    // Replays coalesce per product: while a pull of it is pending, another delivery only asks for one
    // more pull after it (a change made meanwhile is not lost) — never a Centry read per delivery.
    const key = `${company}:${hook.data.product_id ?? hook.data.topic}`;
    const pending = webhookPulls.get(key);
    if (pending) {
      pending.again = true;
      return reply.code(200).send({ ok: true });
    }
    const entry = { again: true };
    webhookPulls.set(key, entry);
    background(req.log, 'Centry webhook pull', async () => {
      try {
        while (entry.again) {
          entry.again = false;
          const pulled = await pullCentryProduct(deps, company, hook.data);
          // §7.5: a product that changed reaches the stores in a targeted run, not at the next schedule.
          if (pulled.ok && ['created', 'updated', 'deleted'].includes(pulled.outcome) && hook.data.product_id) {
            await ctx.requestCompanySync(companyId(company), [hook.data.product_id]);
          }
        }
      } finally {
        webhookPulls.delete(key);
      }
    });
    return reply.code(200).send({ ok: true });
  });
}, { name: 'catalog-routes', dependencies: ['views', 'security'] });
