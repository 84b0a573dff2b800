// The one error handler: expected 4xx become a page that explains (or JSON for API callers); bugs
// are logged with context and shown as a generic 500 without internals.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SessionRequiredError } from './require-company.js';

const wantsJson = (req: FastifyRequest) => (req.headers.accept ?? '').includes('application/json') && !(req.headers.accept ?? '').includes('text/html');

const MESSAGES: Record<number, string> = {
  400: 'La solicitud no es válida.',
  403: 'La solicitud fue rechazada: el formulario expiró o no vino de esta aplicación. Recarga la página e inténtalo de nuevo.',
  404: 'La página no existe o no pertenece a tu empresa.',
  413: 'El archivo es demasiado grande.',
  415: 'Tipo de contenido no soportado.',
  429: 'Demasiados intentos. Espera un minuto y vuelve a intentarlo.',
};

/** A session that ended (logout in another tab, expiry) while a page was open: what its scripts say. */
export const SESSION_ENDED = {
  message: 'Tu sesión terminó (saliste en otra pestaña o expiró). Vuelve a entrar para seguir viendo la sincronización; la que estaba en curso sigue en segundo plano.',
  signInUrl: '/auth/start',
  signInLabel: 'Volver a entrar',
} as const;

async function render(req: FastifyRequest, reply: FastifyReply, status: number, message: string) {
  if (wantsJson(req) || !reply.page) return reply.code(status).send({ statusCode: status, message });
  return reply.page('error', { status, message }, status);
}

/** Errors Fastify raises before routing (a URL it cannot decode): answered without echoing the URL. */
export function frameworkError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
  void reply.code(status).header('cache-control', 'no-store')
    .send({ statusCode: status, message: status === 400 ? MESSAGES[400] : 'Ocurrió un error inesperado.' });
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    if (err instanceof SessionRequiredError) {
      // The page's scripts (sync, catalog status) get a message they can show and the way back.
      if (wantsJson(req)) return reply.code(401).header('cache-control', 'no-store').send({ statusCode: 401, ...SESSION_ENDED });
      return reply.page('enter', {}, 401);
    }
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) {
      // The path only: a query string may carry an OAuth code or state, or what a merchant searched.
      req.log.error({ err, path: req.url.split('?')[0], method: req.method }, 'request failed');
      return render(req, reply, 500, 'Ocurrió un error inesperado. Ya quedó registrado; vuelve a intentarlo.');
    }
    req.log.info({ status, code: err.code, msg: err.message }, 'request refused');
    return render(req, reply, status, MESSAGES[status] ?? err.message);
  });
  app.setNotFoundHandler(async (req, reply) => render(req, reply, 404, MESSAGES[404]!));
}
