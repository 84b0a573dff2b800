// Pages that need a session: without one, the "how to enter" page (401), never another company's data.
import type { FastifyRequest } from 'fastify';
import type { CompanyRepository } from '../company/company-repository.js';
import { integrationId, type CompanyId, type Integration, type IntegrationId } from '../company/model.js';

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

const MAX_ID = 2_147_483_647; // ids are PostgreSQL integers: anything larger is an error there, not a miss

/** Parses a row id (a positive PostgreSQL integer) from a path or form value; undefined when it cannot be one. */
export function parseRowId(raw: unknown): number | undefined {
  const id = typeof raw === 'number' ? raw : /^\d{1,10}$/.test(String(raw ?? '')) ? Number(raw) : NaN;
  return Number.isSafeInteger(id) && id >= 1 && id <= MAX_ID ? id : undefined;
}

/** Parses an integration id from a path or form value; undefined when it cannot be one. */
export function parseIntegrationId(raw: unknown): IntegrationId | undefined {
  const id = parseRowId(raw);
  return id === undefined ? undefined : integrationId(id);
}

/** The integration named by `:id`, only within the session's company (another company's → undefined → 404). */
export async function ownedIntegration(companies: Pick<CompanyRepository, 'findIntegration'>, req: FastifyRequest): Promise<Integration | undefined> {
  const company = requireCompany(req);
  const id = parseIntegrationId((req.params as { id?: string }).id);
  return id ? companies.findIntegration(company, id) : undefined;
}
