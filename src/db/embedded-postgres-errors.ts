// Why the embedded PostgreSQL did not start, read from its own output, said with the fix (SPEC §8:
// a startup failure names its cause, never `undefined`).

export const isPortInUse = (output: string) => /could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(output);

export function explainStartFailure(output: string, ctx: { port: number; dir: string; why: string }): string {
  const lock = /lock file "postmaster\.pid" already exists[\s\S]*?PID (\d+)/.exec(output);
  if (lock) {
    return `PostgreSQL embebido ya está corriendo sobre ${ctx.dir} (PID ${lock[1]}): otro "npm start" con el mismo DATA_DIR, o uno que terminó sin detenerlo. Detén ese proceso (kill ${lock[1]}) o usa otro DATA_DIR.`;
  }
  if (isPortInUse(output)) {
    return `PostgreSQL embebido no pudo escuchar en el puerto ${ctx.port}: lo usa otro programa. Detén ese programa o elige otro puerto.`;
  }
  const denied = /.*Permission denied.*/.exec(output);
  if (denied) {
    return `PostgreSQL embebido no tiene permiso sobre sus archivos (${denied[0].trim()}). Ejecuta desde un directorio que puedas escribir, o define DATABASE_URL con tu propio PostgreSQL.`;
  }
  const last = output.trim().split('\n').filter(Boolean).slice(-4).join(' | ');
  return `PostgreSQL embebido no arrancó (${ctx.why}) en ${ctx.dir}${last ? `: ${last}` : ''}. Si no se resuelve, borra esa carpeta para empezar de cero o define DATABASE_URL con tu propio PostgreSQL.`;
}
