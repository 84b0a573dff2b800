// The local Jumpseller stand-in as one HTTP server on loopback: accounts (OAuth), store admin, API v1
// (under /v1; product changes fire the registered webhooks, signed like live), demo images and an
// inspection API. Started by `npm start` in local mode and by tests.
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { SandboxAuthState, type AuthStateOptions, type SandboxApp, type SandboxStore } from './auth-state.js';
import { accountsRoutes } from './accounts-routes.js';
import { adminRoutes } from './admin-routes.js';
import { imageRoutes } from './image-routes.js';
import { inspectRoutes } from './inspect-routes.js';
import { apiV1 } from './api/index.js';
import { apiInspectRoutes } from './api/api-inspect-routes.js';
import { orderInspectRoutes } from './api/order-inspect-routes.js';
import { ordersAdminRoutes } from './orders-admin-routes.js';
import { apiStateFor } from './api/api-state.js';

export interface JumpsellerSandboxOptions extends AuthStateOptions {
  apps?: SandboxApp[];
  stores?: (Partial<SandboxStore> & { code: string })[];
  logger?: boolean;
}

export interface JumpsellerSandbox {
  app: FastifyInstance;
  state: SandboxAuthState;
  /** Base URL once listening, e.g. http://localhost:3100 */
  url: string;
  /** Accounts (OAuth) base URL and API v1 base URL, as the app's config wants them. */
  accountsUrl: string;
  apiUrl: string;
  close(): Promise<void>;
}

export async function buildJumpsellerSandbox(opts: JumpsellerSandboxOptions = {}): Promise<{ app: FastifyInstance; state: SandboxAuthState }> {
  const state = new SandboxAuthState(opts);
  for (const a of opts.apps ?? []) state.registerApp(a);
  for (const s of opts.stores ?? []) state.addStore(s);
  const app = Fastify({ logger: opts.logger ?? false });
  await app.register(formbody);
  app.addHook('onSend', async (_req, reply) => {
    // The stand-in frames apps like the real admin does, and may itself be framed only by itself.
    reply.header('content-security-policy', "frame-ancestors 'self'");
  });
  app.addHook('onClose', async () => apiStateFor(state).close()); // webhook retries and deliveries in flight
  accountsRoutes(app, state);
  adminRoutes(app, state);
  imageRoutes(app);
  inspectRoutes(app, state);
  apiInspectRoutes(app, state);
  orderInspectRoutes(app, state); // orders: purchases, ship/cancel, duplicate or lost webhooks
  ordersAdminRoutes(app, state); // "Simular compra"
  await app.register(apiV1, { prefix: '/v1', state });
  return { app, state };
}

export async function startJumpsellerSandbox(opts: JumpsellerSandboxOptions & { port?: number; host?: string; publicHost?: string } = {}): Promise<JumpsellerSandbox> {
  const { app, state } = await buildJumpsellerSandbox(opts);
  await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const url = `http://${opts.publicHost ?? 'localhost'}:${port}`;
  return { app, state, url, accountsUrl: url, apiUrl: `${url}/v1`, close: () => app.close() };
}
