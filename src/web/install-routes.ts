// §2.1–§2.2: the App URL, the OAuth callback and the page after authorization. Thin adapters over
// src/company/authorize-store.ts.
import type { FastifyInstance } from 'fastify';
import { authorizeStore, type AuthorizeFailure } from '../company/authorize-store.js';
import { parseStoreCode } from '../company/model.js';
import type { WebContext } from './context.js';
import { STATE_COOKIE } from './jumpseller-oauth.js';
import { cookieAttributes } from './plugins/session.js';
import { ownedIntegration } from './require-company.js';

const AUTH_RATE = { rateLimit: { max: 30, timeWindow: '1 minute' } };

/** What the merchant is told for each failure, and the HTTP status (never a 500). */
export const FAILURE_PAGES: Record<AuthorizeFailure, { status: number; heading: string; message: string }> = {
  ACCESS_DENIED: { status: 200, heading: 'Autorización cancelada', message: 'Cancelaste la autorización en Jumpseller. No se vinculó ninguna tienda. Puedes intentarlo de nuevo cuando quieras.' },
  AUTHORIZATION_ERROR: { status: 400, heading: 'Jumpseller no autorizó la aplicación', message: 'Jumpseller devolvió un error al autorizar. Vuelve a intentarlo desde el panel de tu tienda.' },
  MISSING_PARAMETERS: { status: 400, heading: 'Solicitud incompleta', message: 'Falta el código o el estado de la autorización. Abre la aplicación desde el panel de Jumpseller.' },
  STATE_INVALID: { status: 400, heading: 'Solicitud no válida', message: 'El estado de la autorización no es válido (no fue emitido por esta aplicación). Vuelve a empezar.' },
  STATE_MISMATCH: { status: 400, heading: 'Solicitud no válida', message: 'La autorización no se inició en este navegador. Vuelve a empezar desde el panel de Jumpseller.' },
  STATE_UNKNOWN: { status: 400, heading: 'Solicitud no válida', message: 'No reconocemos esta autorización. Vuelve a empezar.' },
  STATE_EXPIRED: { status: 400, heading: 'La autorización expiró', message: 'Pasaron más de 10 minutos desde que empezó la autorización. Vuelve a intentarlo.' },
  STATE_REPLAYED: { status: 400, heading: 'Autorización ya utilizada', message: 'Este enlace de autorización ya se usó. Vuelve a abrir la aplicación desde el panel de Jumpseller.' },
  CODE_REJECTED: { status: 400, heading: 'Código de autorización rechazado', message: 'Jumpseller rechazó el código (ya usado o vencido). Vuelve a intentarlo.' },
  TOKEN_EXCHANGE_FAILED: { status: 502, heading: 'No pudimos contactar a Jumpseller', message: 'El intercambio del código falló. Espera un momento y vuelve a intentarlo.' },
  STORE_INFO_FAILED: { status: 502, heading: 'No pudimos leer tu tienda', message: 'Jumpseller no entregó la información de la tienda. Vuelve a intentarlo en un momento.' },
  STORE_OWNED_BY_OTHER_COMPANY: { status: 409, heading: 'Tienda vinculada a otra empresa', message: 'Esta tienda ya está vinculada a otra empresa en Centry, por lo que no se puede vincular aquí. Entra con esa empresa o desvincúlala primero.' },
};

export function installRoutes(app: FastifyInstance, ctx: WebContext): void {
  // App URL: Jumpseller opens it (in the admin iframe) without signed parameters, so who the store
  // is can only be learned through OAuth — instant when the app is already authorized.
  app.get('/', { config: AUTH_RATE }, async (req, reply) => {
    return reply.redirect(await app.jumpsellerAuth.authorizeUrl(req, reply, 'install', null));
  });

  app.get('/auth/start', { config: AUTH_RATE }, async (req, reply) => {
    return reply.redirect(await app.jumpsellerAuth.authorizeUrl(req, reply, 'install', null));
  });

  app.get('/auth/callback', { config: AUTH_RATE }, async (req, reply) => {
    const result = await authorizeStore(
      {
        companies: ctx.companies, states: ctx.states, stateSecret: ctx.config.sessionSecret, now: ctx.now,
        exchangeCode: (code) => app.jumpsellerAuth.exchangeCode(code),
        fetchStoreInfo: (token) => ctx.fetchStoreInfo(token),
      },
      { query: req.query as Record<string, string | undefined>, stateCookie: req.cookies[STATE_COOKIE] },
    );
    reply.clearCookie(STATE_COOKIE, cookieAttributes({ secure: ctx.secure }));
    if (!result.ok) {
      req.log.info({ reason: result.reason, detail: result.detail }, 'oauth callback refused');
      const p = FAILURE_PAGES[result.reason];
      return reply.page('auth-error', { reason: result.reason, heading: p.heading, message: p.message, retryUrl: '/auth/start' }, p.status);
    }
    await reply.openSession(result.companyId);
    if (result.createdCompany && ctx.onCompanyCreated) {
      // The install already succeeded: a failure here is logged, never shown as a failed install.
      await ctx.onCompanyCreated(result.companyId).catch((err) => req.log.error({ err }, 'onCompanyCreated failed'));
    }
    if (ctx.onStoreLinked) await ctx.onStoreLinked(result.integration).catch((err) => req.log.error({ err }, 'onStoreLinked failed'));
    if (result.purpose === 'link') {
      return reply.flash(`«${result.integration.storeName}» quedó vinculada a tu empresa.`).redirect('/empresa');
    }
    // §2.1: the redirect page is for the first authorization of a store; re-opening the app from the
    // admin (instant OAuth) goes straight to Mi Empresa, as the sign-in page promises.
    if (!result.firstAuthorization) {
      if (result.previousStatus === 'reauth_required') reply.flash(`«${result.integration.storeName}» quedó autorizada de nuevo.`);
      return reply.redirect('/empresa');
    }
    return reply.redirect(`/instalado/${result.integration.id}`);
  });

  // §2.2: the page after authorization.
  app.get('/instalado/:id', async (req, reply) => {
    const integration = await ownedIntegration(ctx.companies, req);
    if (!integration) return reply.callNotFound();
    return reply.page('installed', { integration });
  });

  // Without a session: how to enter (from the Jumpseller admin, or by store code).
  app.get('/entrar', async (req, reply) => {
    if (req.companyId) return reply.redirect('/empresa');
    return reply.page('enter', {});
  });

  app.post('/entrar', { config: AUTH_RATE }, async (req, reply) => {
    const code = parseStoreCode((req.body as Record<string, unknown> | undefined)?.store);
    if (!code) return reply.page('enter', { error: 'Escribe el código de tu tienda: lo que va antes de .jumpseller.com.', store: (req.body as Record<string, string>)?.store ?? '' }, 422);
    return reply.redirect(ctx.storeAdminUrl(code));
  });
}
