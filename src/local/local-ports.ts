// Local mode comes up with no configuration even beside another instance (SPEC §8): a default port
// (PORT 3000, SANDBOX_PORT 3100, CENTRY_SANDBOX_PORT 3200) that another program already holds is
// moved to the next free one above it. A port the operator set is kept as given — if it is taken,
// start-up stops and names the variable (startup-failure.ts), because an explicit choice is meant.
import net from 'node:net';
import type { LocalEnv } from '../config.js';

type PortVar = 'PORT' | 'SANDBOX_PORT' | 'CENTRY_SANDBOX_PORT';
const DEFAULTED: readonly PortVar[] = ['PORT', 'SANDBOX_PORT', 'CENTRY_SANDBOX_PORT'];
/** How far above a default to look before giving up (then the default stays and its failure is named). */
const SEARCH = 100;

/** Whether `port` can be listened on at `host` right now. */
export function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

/** `e` with every port left at its default moved to a free one; `moved` says which, for the banner. */
export async function chooseLocalPorts(
  e: LocalEnv, env: Record<string, string | undefined>, free: (host: string, port: number) => Promise<boolean> = portFree,
): Promise<{ env: LocalEnv; moved: PortVar[] }> {
  const out = { ...e };
  const moved: PortVar[] = [];
  const taken = new Set<number>(DEFAULTED.map((name) => e[name]));
  for (const name of DEFAULTED) {
    if (env[name] !== undefined && env[name] !== '') continue;
    if (name === 'PORT' && env.APP_URL) continue; // the public URL names the port: moving it would break the redirect
    const host = name === 'PORT' ? e.HOST : '127.0.0.1'; // the sandboxes listen on loopback
    if (await free(host, e[name])) continue;
    for (let port = e[name] + 1; port <= e[name] + SEARCH; port++) {
      if (taken.has(port) || !(await free(host, port))) continue;
      taken.add(port);
      out[name] = port;
      moved.push(name);
      break;
    }
  }
  return { env: out, moved };
}
