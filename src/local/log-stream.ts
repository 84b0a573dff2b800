// Where the logs go (SPEC §8): in local mode at a terminal, pino-pretty lines a person reads
// ("08:41:02 INFO  GET /empresa → 200 (12 ms)"); piped, redirected or in production, JSON lines
// for machines. Synchronous, so the last lines before an exit are not lost.
import pretty from 'pino-pretty';

export interface LogStream { write(line: string): void }

export function logStream(mode: 'local' | 'production', isTTY = Boolean(process.stdout.isTTY)): LogStream | undefined {
  if (mode !== 'local' || !isTTY) return undefined; // pino's default: JSON on stdout
  return pretty({
    colorize: true,
    sync: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,reqId,req,res,responseTime',
    messageFormat: '{if req.method}{req.method} {req.path} {end}{if res.statusCode}→ {res.statusCode} ({responseTime} ms) {end}{msg}',
  });
}
