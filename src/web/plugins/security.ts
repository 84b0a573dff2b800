// Security baseline (SPEC §9): headers with frame-ancestors limited to the Jumpseller admin, CSRF on
// every unsafe request (unless a route opts out, e.g. authenticated webhooks), rate limiting available
// to auth routes through `config.rateLimit`.
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import { cookieAttributes } from './session.js';

export interface SecurityOptions {
  secure: boolean;
  /** Origins allowed to frame the app (the Jumpseller admin; the sandbox in local mode). */
  frameAncestors: string[];
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
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:', 'http:'],
        connectSrc: ["'self'"],
        formAction: ["'self'", ...opts.formActions],
        frameAncestors: ["'self'", ...opts.frameAncestors],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(opts.secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
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
