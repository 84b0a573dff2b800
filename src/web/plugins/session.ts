// Sessions in a signed, HttpOnly cookie (SPEC §9). The cookie holds only the company id and when it
// was issued; the signature (SESSION_SECRET) makes it tamper-proof. Inside the Jumpseller admin
// iframe (https) it must be SameSite=None; Secure, else the browser drops it.
import fp from 'fastify-plugin';
import type { FastifyReply } from 'fastify';
import { companyId, type CompanyId } from '../../company/model.js';

export const SESSION_COOKIE = 'cj_session';
const MAX_AGE_S = 12 * 60 * 60;

export interface CookiePolicy { secure: boolean }
export const cookieAttributes = (p: CookiePolicy) =>
  ({ path: '/', httpOnly: true, secure: p.secure, sameSite: p.secure ? ('none' as const) : ('lax' as const) });

declare module 'fastify' {
  interface FastifyRequest { companyId: CompanyId | undefined }
  interface FastifyReply {
    openSession(company: CompanyId): FastifyReply;
    closeSession(): FastifyReply;
  }
}

export const sessionPlugin = fp<CookiePolicy & { now?: () => number }>(async (app, opts) => {
  const now = opts.now ?? Date.now;
  app.decorateRequest('companyId', undefined);
  app.addHook('onRequest', async (req) => {
    const raw = req.cookies[SESSION_COOKIE];
    if (!raw) return;
    const un = req.unsignCookie(raw);
    if (!un.valid || !un.value) return;
    const m = /^c(\d+)\.t(\d+)$/.exec(un.value);
    if (!m || now() - Number(m[2]) > MAX_AGE_S * 1000) return;
    req.companyId = companyId(Number(m[1]));
  });
  app.decorateReply('openSession', function (this: FastifyReply, company: CompanyId) {
    return this.setCookie(SESSION_COOKIE, `c${company}.t${now()}`, { ...cookieAttributes(opts), signed: true, maxAge: MAX_AGE_S });
  });
  app.decorateReply('closeSession', function (this: FastifyReply) {
    return this.clearCookie(SESSION_COOKIE, cookieAttributes(opts));
  });
}, { name: 'session', dependencies: ['@fastify/cookie'] });
