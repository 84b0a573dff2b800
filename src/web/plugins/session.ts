// Sessions in a signed, HttpOnly cookie (SPEC §9). The cookie holds the company id, the company's
// session version when it was issued, and when; the signature (SESSION_SECRET) makes it tamper-proof.
// Each request checks the version against the database (migration 0010): "Salir", an unlinked store
// or a reauthorization bump it, and every cookie issued before stops being a session at once.
// Inside the Jumpseller admin iframe (https) it must be SameSite=None; Secure, else the browser drops it.
import fp from 'fastify-plugin';
import type { FastifyReply } from 'fastify';
import { companyId, type CompanyId, type StoreCode } from '../../company/model.js';
import type { SessionRepository } from '../../company/session-repository.js';

export const SESSION_COOKIE = 'cj_session';
const MAX_AGE_S = 12 * 60 * 60;

export interface CookiePolicy { secure: boolean }
export const cookieAttributes = (p: CookiePolicy) =>
  ({ path: '/', httpOnly: true, secure: p.secure, sameSite: p.secure ? ('none' as const) : ('lax' as const) });

declare module 'fastify' {
  interface FastifyRequest {
    companyId: CompanyId | undefined;
    /** The session company's stores (not unlinked): whose admin may frame the answer. */
    sessionStores: StoreCode[] | undefined;
  }
  interface FastifyReply {
    /** Opens a session of the company at its current version (resolves to nothing: a reply is thenable). */
    openSession(company: CompanyId): Promise<void>;
    closeSession(): FastifyReply;
  }
}

export const sessionPlugin = fp<CookiePolicy & { sessions: SessionRepository; now?: () => number }>(async (app, opts) => {
  const now = opts.now ?? Date.now;
  app.decorateRequest('companyId', undefined);
  app.decorateRequest('sessionStores', undefined);
  app.addHook('onRequest', async (req) => {
    const raw = req.cookies[SESSION_COOKIE];
    if (!raw) return;
    const un = req.unsignCookie(raw);
    if (!un.valid || !un.value) return;
    const m = /^c(\d{1,10})\.v(\d{1,10})\.t(\d{1,15})$/.exec(un.value);
    if (!m || now() - Number(m[3]) > MAX_AGE_S * 1000) return;
    const company = companyId(Number(m[1]));
    const state = await opts.sessions.lookup(company);
    if (!state || state.version !== Number(m[2])) return; // revoked (or the company is gone)
    req.companyId = company;
    req.sessionStores = state.stores;
  });
  app.decorateReply('openSession', async function (this: FastifyReply, company: CompanyId) {
    const state = await opts.sessions.lookup(company);
    this.setCookie(SESSION_COOKIE, `c${company}.v${state?.version ?? 0}.t${now()}`, { ...cookieAttributes(opts), signed: true, maxAge: MAX_AGE_S });
  });
  app.decorateReply('closeSession', function (this: FastifyReply) {
    return this.clearCookie(SESSION_COOKIE, cookieAttributes(opts));
  });
}, { name: 'session', dependencies: ['@fastify/cookie'] });
