// Request lines a person can read (SPEC §8): the JSON a page polls every second while a run is
// active (GET …/estado.json, …/runs/:id.json) and static assets would be most of the log, so
// their successful requests are logged at debug; a failing one (≥ 400) is logged like any other.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

export function isQuietRequest(req: { method?: string; url?: string }): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const pathname = (req.url ?? '').split('?')[0]!;
  return pathname.endsWith('.json') || pathname.startsWith('/static/');
}

export class QuietPollsLogController extends LogController {
  override incomingRequest(request: FastifyRequest, reply: FastifyReply, metadata?: Record<string, unknown>): void {
    if (isQuietRequest(request)) request.log.debug({ req: request }, 'incoming request');
    else super.incomingRequest(request, reply, metadata);
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply, metadata?: Record<string, unknown>): void {
    if (!isQuietRequest(request)) return super.requestCompleted(error, request, reply, metadata);
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    // Its "incoming request" line was at debug: a failure carries the path itself.
    else if (reply.statusCode >= 400) reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    else reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
