// Security baseline (SPEC §9): headers with frame-ancestors limited to the admin of the session's
// stores (ADR 0013), CSRF on
// every unsafe request (unless a route opts out, e.g. authenticated webhooks), rate limiting available
// to auth routes through `config.rateLimit`.
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import { cookieAttributes } from './session.js';

export interface SecurityOptions {
  secure: boolean;
  /** Origins allowed to frame pages shown before there is a session (JUMPSELLER_ADMIN_ORIGINS). */
  frameAncestors: string[];
  /** The admin origin of a store (`https://<store>.jumpseller.com`): with a session, only these frame. */
  adminOriginOf(store: string): string;
  /** Local mode: the sandbox admin answers on several hosts (127.0.0.1, <store>.localhost), all allowed. */
  localAdminOrigins?: string[];
  /** Origins a form may redirect to (the OAuth authorize host). */
  formActions: string[];
}

declare module 'fastify' {
  interface FastifyContextConfig { csrf?: boolean }
}

export const securityPlugin = fp<SecurityOptions>(async (app, opts) => {
  await app.register(helmet, {
    // Framing is governed by CSP frame-ancestors; X-Frame-Options cannot express an allow-list.
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    hsts: opts.secure,
    contentSecurityPolicy: false, // per response, below
  });
  const policy = (frameAncestors: string[]) => [
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: https: http:", "connect-src 'self'",
    `form-action ${["'self'", ...opts.formActions].join(' ')}`, `frame-ancestors ${["'self'", ...frameAncestors].join(' ')}`,
    "base-uri 'self'", "object-src 'none'", ...(opts.secure ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  const beforeSession = policy(opts.frameAncestors);
  // With a session, only the admin of the company's own stores may frame what it sees (session cookies
  // are SameSite=None: any store subdomain, merchant-controlled, could otherwise frame them). Before a
  // session, the configured admin origins: those pages (App URL redirect, auth errors, Entrar) hold
  // nothing of anyone's and no authenticated action (ADR 0013).
  app.addHook('onRequest', async (req, reply) => {
    const stores = req.companyId ? req.sessionStores ?? [] : undefined;
    const origins = stores && [...new Set([...stores.map((s) => opts.adminOriginOf(s)), ...(opts.localAdminOrigins ?? [])])];
    reply.header('content-security-policy', origins ? policy(origins) : beforeSession);
  });
  await app.register(csrf, { cookieKey: 'cj_csrf', cookieOpts: { ...cookieAttributes(opts), signed: true } });
  app.addHook('preHandler', (req, reply, done) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method) || req.routeOptions.config.csrf === false) return done();
    app.csrfProtection(req, reply, done);
  });
  // What a session sees, and every JSON answer (run progress, searches, previews), is never kept by a
  // browser or a shared cache; pages set it themselves (reply.page), static files keep theirs.
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.hasHeader('cache-control')) return payload;
    if (req.companyId || String(reply.getHeader('content-type') ?? '').includes('json')) reply.header('cache-control', 'no-store');
    return payload;
  });
  await app.register(rateLimit, { global: false });
}, { name: 'security', dependencies: ['@fastify/cookie'] });
