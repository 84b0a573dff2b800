// Eta views with one layout. `reply.page(template, data)` adds what every page needs (CSRF token,
// the session's company, a one-shot flash message) so routes stay thin.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fp from 'fastify-plugin';
import view from '@fastify/view';
import { Eta } from 'eta';
import type { FastifyReply } from 'fastify';
import type { CompanyId } from '../../company/model.js';
import { cookieAttributes } from './session.js';

export const VIEWS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../views');
const FLASH_COOKIE = 'cj_flash';

declare module 'fastify' {
  interface FastifyReply {
    page(template: string, data?: Record<string, unknown>, status?: number): Promise<FastifyReply>;
    flash(message: string): FastifyReply;
  }
}

export interface ViewsOptions {
  secure: boolean;
  production: boolean;
  /** The signed-in merchant's name for the menu at the top right (SPEC §2.3). */
  merchantName?: (company: CompanyId) => Promise<string | undefined>;
}

export const viewsPlugin = fp<ViewsOptions>(async (app, opts) => {
  await app.register(view, { engine: { eta: new Eta({ views: VIEWS_DIR, cache: opts.production }) }, root: VIEWS_DIR });
  app.decorateReply('flash', function (this: FastifyReply, message: string) {
    return this.setCookie(FLASH_COOKIE, message, { ...cookieAttributes(opts), signed: true, maxAge: 60 });
  });
  app.decorateReply('page', async function (this: FastifyReply, template: string, data: Record<string, unknown> = {}, status = 200) {
    const req = this.request;
    let flash: string | undefined;
    const raw = req.cookies[FLASH_COOKIE];
    if (raw) {
      const un = req.unsignCookie(raw);
      if (un.valid) flash = un.value ?? undefined;
      this.clearCookie(FLASH_COOKIE, cookieAttributes(opts));
    }
    const csrfToken = this.generateCsrf();
    const merchant = req.companyId && opts.merchantName ? await opts.merchantName(req.companyId) : undefined;
    this.code(status).header('cache-control', 'no-store');
    return this.view(template, { csrfToken, companyId: req.companyId, merchant, flash, title: 'Centry para Jumpseller', ...data });
  });
}, { name: 'views', dependencies: ['@fastify/cookie', 'security'] });
