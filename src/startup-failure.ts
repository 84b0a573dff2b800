// What a failed start prints (SPEC §8): one line naming the cause and the fix — never `undefined`.
// Known failures (configuration, the embedded PostgreSQL, a port in use) are said plainly; anything
// else keeps its stack, which is what a developer needs.
import { ConfigError } from './config.js';
import { EmbeddedPostgresError } from './db/embedded-postgres.js';

/** The variable behind each port this process listens on, to name in "port in use". */
export type PortVariables = Record<number, string>;

export function describeStartupFailure(e: unknown, ports: PortVariables = {}): string {
  if (e instanceof ConfigError) return `${e.message}\nSee .env.example for every variable.`;
  if (e instanceof EmbeddedPostgresError) return e.message;
  if (e instanceof Error) {
    const { code, port } = e as NodeJS.ErrnoException & { port?: number };
    const variable = port !== undefined ? ports[port] : undefined;
    if (code === 'EADDRINUSE' && port !== undefined) {
      const name = variable ?? 'el puerto';
      return `El puerto ${port} ya está en uso (${name}): otro programa, u otra instancia de la app, escucha en él. Detén ese programa o elige otro, p. ej. ${variable ?? 'PORT'}=${port + 1} npm start.`;
    }
    if (code === 'EACCES' && port !== undefined) {
      return `Sin permiso para escuchar en el puerto ${port}${variable ? ` (${variable})` : ''}: usa un puerto mayor que 1024.`;
    }
    return e.stack ?? `${e.name}: ${e.message}`;
  }
  return `Error al iniciar, sin detalle (${e === undefined ? 'no se recibió un error' : JSON.stringify(e) ?? String(e)}). Vuelve a intentar con LOG_LEVEL=debug.`;
}
