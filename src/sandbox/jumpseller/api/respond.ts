// Shared answer shapes of the API stand-in: 404 `{"message"}` and 422 `{"message","errors"}`
// (API-NOTES "Errors"), ids from paths, and request bodies validated before any route logic.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StoreApiState } from './api-state.js';
import type { Outcome } from './store-catalog.js';
import { validateBody, type FieldErrors } from './validate.js';

export function notFound(reply: FastifyReply, message = 'Not found.') {
  return reply.code(404).send({ message });
}

export function unprocessable(reply: FastifyReply, errors: FieldErrors) {
  return reply.code(422).send({ message: 'Validation failed', errors });
}

/** A path id: digits only, otherwise the resource cannot exist (404 like live). */
export function idParam(req: FastifyRequest, name = 'id'): number | null {
  const raw = (req.params as Record<string, string>)[name] ?? '';
  return /^\d{1,10}$/.test(raw) ? Number(raw) : null;
}

export function storeOf(req: FastifyRequest): StoreApiState {
  if (!req.sandboxApi) throw new Error('API guard not installed');
  return req.sandboxApi;
}

/** The validated body, or null after answering 422. */
export function bodyOf<T>(req: FastifyRequest, reply: FastifyReply, schema: object): T | null {
  const errors = validateBody(schema, req.body ?? null);
  if (!errors) return req.body as T;
  void unprocessable(reply, errors);
  return null;
}

export function answer<T>(reply: FastifyReply, outcome: Outcome<T>, render: (value: T) => unknown, status = 200) {
  if (outcome.ok) return reply.code(status).send(render(outcome.value));
  if ('notFound' in outcome) return notFound(reply, outcome.notFound);
  return unprocessable(reply, outcome.errors);
}
