// Where the logs go (SPEC §8): in local mode at a terminal, pino-pretty lines a person reads
// ("08:41:02 INFO: GET /empresa → 200 (12 ms)"); piped, redirected or in production, JSON lines
// for machines. Synchronous, so the last lines before an exit are not lost.
import pretty from 'pino-pretty';

export interface LogStream { write(line: string): void }

interface RequestLine { msg?: unknown; req?: { method?: string; path?: string }; res?: { statusCode?: number }; responseTime?: unknown }

/** One short line per request event; any other message as it is. */
export function formatMessage(log: RequestLine): string {
  const request = log.req?.method ? `${log.req.method} ${log.req.path ?? ''}` : '';
  if (log.msg === 'incoming request') return request;
  if (log.res?.statusCode !== undefined) {
    const outcome = `→ ${log.res.statusCode} (${Math.round(Number(log.responseTime))} ms)`;
    return [request, outcome, log.msg === 'request completed' ? '' : String(log.msg ?? '')].filter(Boolean).join(' ');
  }
  return String(log.msg ?? '');
}

export function logStream(mode: 'local' | 'production', isTTY = Boolean(process.stdout.isTTY)): LogStream | undefined {
  if (mode !== 'local' || !isTTY) return undefined; // pino's default: JSON on stdout
  return pretty({
    colorize: true,
    sync: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,reqId,req,res,responseTime',
    messageFormat: (log) => formatMessage(log as RequestLine),
  });
}
