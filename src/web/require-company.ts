// Pages that need a session: without one, the "how to enter" page (401), never another company's data.
import type { FastifyRequest } from 'fastify';
import type { CompanyId } from '../company/model.js';

export class SessionRequiredError extends Error {
  readonly statusCode = 401;
  constructor() {
    super('session required');
    this.name = 'SessionRequiredError';
  }
}

export function requireCompany(req: FastifyRequest): CompanyId {
  if (!req.companyId) throw new SessionRequiredError();
  return req.companyId;
}
