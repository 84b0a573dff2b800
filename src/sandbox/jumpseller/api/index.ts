// API v1 of the Jumpseller stand-in, mounted under /v1. Every route needs a valid bearer token.
import type { FastifyInstance } from 'fastify';
import type { SandboxAuthState } from '../auth-state.js';
import { apiAuth } from './api-auth.js';
import { apiV1Resources } from './resources.js';
import { storeRoutes } from './store-routes.js';

export async function apiV1(api: FastifyInstance, opts: { state: SandboxAuthState }): Promise<void> {
  api.addHook('onRequest', apiAuth(opts.state));
  apiV1Resources(api, opts.state); // rate limits, faults, request log; products, variants, images, categories, hooks
  storeRoutes(api);
}
