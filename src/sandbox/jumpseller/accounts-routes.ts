// accounts.jumpseller.com stand-in: the consent screen and the token endpoint (OAuth 2, code grant).
import type { FastifyInstance } from 'fastify';
import { esc, page } from '../html.js';
import { answerTokenFault } from '../token-faults.js';
import { KNOWN_SCOPES, type SandboxAuthState } from './auth-state.js';

const STORE_COOKIE = 'sandbox_store';

export function readStoreCookie(cookieHeader: string | undefined): string | undefined {
  const m = /(?:^|;\s*)sandbox_store=([^;]+)/.exec(cookieHeader ?? '');
  return m ? decodeURIComponent(m[1]!) : undefined;
}

export function storeCookie(code: string): string {
  return `${STORE_COOKIE}=${encodeURIComponent(code)}; Path=/; HttpOnly; SameSite=Lax`;
}

function withParams(uri: string, params: Record<string, string | undefined>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

export function accountsRoutes(app: FastifyInstance, state: SandboxAuthState): void {
  app.get('/oauth/authorize', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const client = q.client_id ? state.apps.get(q.client_id) : undefined;
    // Like live: a bad client or redirect URI is shown here, never redirected (RFC 6749 §4.1.2.1).
    if (!client) return reply.code(400).type('text/html').send(page('Error', `<main><h1>Aplicación desconocida</h1><p>client_id inválido.</p></main>`));
    if (!q.redirect_uri || !client.redirectUris.includes(q.redirect_uri)) {
      return reply.code(400).type('text/html').send(page('Error', `<main><h1>redirect_uri inválida</h1><p>La URL de redirección no está registrada para ${esc(client.name)}.</p></main>`));
    }
    if (q.response_type !== 'code') return reply.redirect(withParams(q.redirect_uri, { error: 'unsupported_response_type', state: q.state }));
    const scopes = (q.scope ?? '').split(/[\s+]+/).filter(Boolean);
    if (scopes.length === 0 || scopes.some((s) => !KNOWN_SCOPES.has(s))) {
      return reply.redirect(withParams(q.redirect_uri, { error: 'invalid_scope', state: q.state }));
    }
    const loggedIn = readStoreCookie(req.headers.cookie);
    const storeCode = loggedIn && state.stores.has(loggedIn) ? loggedIn : undefined;
    // Already authorized with these scopes: live answers at once, without showing the screen again.
    if (storeCode && q.prompt !== 'consent' && state.hasGrant(storeCode, client.clientId, scopes)) {
      return reply.redirect(withParams(q.redirect_uri, { code: state.issueCode(client.clientId, storeCode, q.redirect_uri, scopes), state: q.state }));
    }
    const options = [...state.stores.values()]
      .map((s) => `<option value="${esc(s.code)}"${s.code === storeCode ? ' selected' : ''}>${esc(s.name)} (${esc(s.code)})</option>`)
      .join('');
    const hidden = ['client_id', 'redirect_uri', 'scope', 'state', 'response_type', 'prompt']
      .map((k) => `<input type="hidden" name="${k}" value="${esc(q[k] ?? '')}">`).join('');
    return reply.type('text/html').send(page('Autorizar aplicación', `<header>Jumpseller</header><main>
<h1>${esc(client.name)} quiere acceder a tu tienda</h1>
<form method="post" action="/oauth/authorize">${hidden}
<p><label>Tienda <select name="store" aria-label="Tienda">${options}</select></label></p>
<p>Permisos solicitados:</p><ul>${scopes.map((s) => `<li><code>${esc(s)}</code></li>`).join('')}</ul>
<p><button name="decision" value="allow">Autorizar</button> <button class="secondary" name="decision" value="deny">Cancelar</button></p>
</form></main>`));
  });

  app.post('/oauth/authorize', async (req, reply) => {
    const b = req.body as Record<string, string | undefined>;
    const client = b.client_id ? state.apps.get(b.client_id) : undefined;
    if (!client || !b.redirect_uri || !client.redirectUris.includes(b.redirect_uri)) return reply.code(400).send({ error: 'invalid_request' });
    if (b.decision !== 'allow') return reply.redirect(withParams(b.redirect_uri, { error: 'access_denied', error_description: 'The resource owner denied the request.', state: b.state }));
    const store = b.store ? state.stores.get(b.store) : undefined;
    if (!store) return reply.code(400).send({ error: 'invalid_request', error_description: 'unknown store' });
    const scopes = (b.scope ?? '').split(/[\s+]+/).filter(Boolean);
    const code = state.issueCode(client.clientId, store.code, b.redirect_uri, scopes);
    return reply.header('set-cookie', storeCookie(store.code)).redirect(withParams(b.redirect_uri, { code, state: b.state }));
  });

  app.post('/oauth/token', async (req, reply) => {
    if (answerTokenFault(state.tokenFaults, reply)) return reply;
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    // Client credentials may come in the body or as HTTP Basic (RFC 6749 §2.3.1).
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (basic) {
      const [id, secret] = Buffer.from(basic[1]!, 'base64').toString().split(':');
      body.client_id ??= decodeURIComponent(id ?? '');
      body.client_secret ??= decodeURIComponent(secret ?? '');
    }
    const result = state.exchange(body);
    if (!result.ok) return reply.code(result.status).send({ error: result.error, error_description: result.description });
    return reply.header('cache-control', 'no-store').send(result.body);
  });
}
