// A running Jumpseller sandbox with one app and one store already authorized, for the client's
// integration tests, the contract tests and the benchmark.
import { request } from 'undici';
import type { Test } from 'tap';
import { startJumpsellerSandbox, type JumpsellerSandbox } from '../../src/sandbox/jumpseller/sandbox.js';
import { apiStateFor, type StoreApiState } from '../../src/sandbox/jumpseller/api/api-state.js';

export const APP = { clientId: 'cid', clientSecret: 'secret', handle: 'centry-desarrollo', name: 'Centry', appUrl: 'http://app', redirectUris: ['http://app/cb'] };
export const SCOPES = ['read_products', 'write_products', 'read_categories', 'write_categories', 'read_store', 'read_hooks', 'write_hooks'];

export interface AuthorizedSandbox {
  sandbox: JumpsellerSandbox;
  store: StoreApiState;
  accessToken: string;
  refreshToken: string;
  /** Raw call to the API with the store's token (for contract tests). */
  call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; headers: Record<string, unknown>; body: unknown }>;
  inspect(method: string, path: string, body?: unknown): Promise<unknown>;
}

export function authorize(sandbox: JumpsellerSandbox, code: string): { accessToken: string; refreshToken: string } {
  const grant = sandbox.state.issueCode(APP.clientId, code, APP.redirectUris[0]!, SCOPES);
  const r = sandbox.state.exchange({ grant_type: 'authorization_code', client_id: APP.clientId, client_secret: APP.clientSecret, code: grant, redirect_uri: APP.redirectUris[0] });
  if (!r.ok) throw new Error(`exchange failed: ${r.error}`);
  return { accessToken: r.body.access_token, refreshToken: r.body.refresh_token };
}

/** A sandbox with one authorized store; `unlimited` lifts the rate limits for tests that call it raw. */
export async function startAuthorizedSandbox(t: Test, code = 'demo', opts: { unlimited?: boolean } = {}): Promise<AuthorizedSandbox> {
  const sandbox = await startJumpsellerSandbox({ apps: [APP], stores: [{ code }], host: '127.0.0.1', publicHost: '127.0.0.1' });
  t.teardown(() => sandbox.close());
  const tokens = authorize(sandbox, code);
  const call: AuthorizedSandbox['call'] = async (method, path, body, token = tokens.accessToken) => {
    const r = await request(`${sandbox.apiUrl}${path}`, {
      method: method as 'GET',
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await r.body.text();
    return { status: r.statusCode, headers: r.headers, body: text ? JSON.parse(text) : null };
  };
  const inspect: AuthorizedSandbox['inspect'] = async (method, path, body) => {
    const r = await request(`${sandbox.url}/_sandbox/api${path}`, {
      method: method as 'GET',
      headers: body !== undefined ? { 'content-type': 'application/json' } : {},
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await r.body.text();
    if (r.statusCode >= 300) throw new Error(`inspect ${method} ${path} → ${r.statusCode} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const store = apiStateFor(sandbox.state).store(code);
  if (opts.unlimited) Object.assign(store.limiter.settings, { perSecond: 1_000_000, perMinute: 60_000_000 });
  return { sandbox, store, ...tokens, call, inspect };
}
