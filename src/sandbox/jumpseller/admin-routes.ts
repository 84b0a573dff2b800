// <store>.jumpseller.com/admin stand-in: the page a merchant opens to use an installed app. Like live,
// it shows the app's App URL in an iframe and sends no signed parameters (API-NOTES.md, "OAuth 2").
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { esc, page } from '../html.js';
import type { SandboxAuthState } from './auth-state.js';
import { readStoreCookie, storeCookie } from './accounts-routes.js';

/** Which store's admin this is: `?store=`, a `<code>.localhost` host, the logged-in cookie, or the first store. */
export function adminStoreOf(req: FastifyRequest, state: SandboxAuthState): string | undefined {
  const q = (req.query as Record<string, string | undefined>).store;
  const sub = /^([a-z0-9-]+)\.localhost(:\d+)?$/.exec(req.headers.host ?? '')?.[1];
  return [q, sub, readStoreCookie(req.headers.cookie)].find((c) => c && state.stores.has(c)) ?? state.stores.keys().next().value;
}

export function adminRoutes(app: FastifyInstance, state: SandboxAuthState): void {
  app.get('/', async (_req, reply) => {
    const apps = [...state.apps.values()];
    const rows = [...state.stores.values()].map((s) => `<li><strong>${esc(s.name)}</strong> (${esc(s.code)}) —
      <a href="/admin/cl/orders?store=${esc(s.code)}">pedidos</a> · ${apps.map((a) => `<a href="/admin/cl/apps/app/${esc(a.handle)}?store=${esc(s.code)}">abrir ${esc(a.name)}</a>`).join(' · ')}</li>`).join('');
    return reply.type('text/html').send(page('Jumpseller sandbox', `<header>Jumpseller (sandbox local)</header><main>
<h1>Tiendas</h1><ul>${rows}</ul><p>Panel de administración simulado: abre la aplicación de una tienda.</p></main>`));
  });

  app.get('/admin/:locale/apps/app/:handle', async (req, reply) => {
    const { handle } = req.params as { locale: string; handle: string };
    const client = state.appByHandle(handle);
    const code = adminStoreOf(req, state);
    const store = code ? state.stores.get(code) : undefined;
    if (!client || !store) return reply.code(404).type('text/html').send(page('No encontrado', '<main><h1>La aplicación o la tienda no existe</h1></main>'));
    return reply.header('set-cookie', storeCookie(store.code)).type('text/html').send(page(`${client.name} · ${store.name}`, `<header>Jumpseller · ${esc(store.name)}</header>
<div class="admin"><nav>Panel<br><br>Productos<br><a style="color:inherit" href="/admin/cl/orders?store=${esc(store.code)}">Pedidos</a><br><strong>Aplicaciones</strong><br>› ${esc(client.name)}</nav>
<section><iframe title="${esc(client.name)}" src="${esc(client.appUrl)}"></iframe></section></div>`));
  });
}
