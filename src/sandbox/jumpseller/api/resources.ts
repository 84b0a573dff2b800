// Everything of API v1 beyond store info, plugged into the lead's /v1 context (api/index.ts):
// the guard (rate limits, faults, log) on every request, then the resource routes.
import type { FastifyInstance } from 'fastify';
import type { SandboxAuthState } from '../auth-state.js';
import { installApiGuard } from './api-guard.js';
import { nestedRoutes } from './nested-routes.js';
import { orderRoutes } from './order-routes.js';
import { productRoutes } from './product-routes.js';
import { taxonomyRoutes } from './taxonomy-routes.js';

/** Call on the /v1 instance itself (not through register), after bearer authentication. */
export function apiV1Resources(api: FastifyInstance, auth: SandboxAuthState): void {
  installApiGuard(api, auth);
  productRoutes(api);
  nestedRoutes(api);
  taxonomyRoutes(api);
  orderRoutes(api);
}
