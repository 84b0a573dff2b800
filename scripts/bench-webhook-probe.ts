// The /healthz prober of `npm run bench:webhooks`, run as its own process so that the burst's sender
// (another process) never delays the probes it measures. Between 'start' and 'stop' it opens a probe
// every `every` ms on a new connection, as a router's health check does, whether or not the previous
// ones have been answered (a stall shows as every probe it delays, not as one slow probe).
import http from 'node:http';

export interface ProbeStart { port: number; every: number }

/** One probe: [ms to the answer, ms to the TCP connection]; Infinity when refused or reset. */
function healthz(port: number): Promise<[number, number]> {
  const started = performance.now();
  let connected = Infinity;
  return new Promise((resolve) => {
    // The moment it was asked, for the app's own breakdown (same clock: one machine).
    const headers = { 'x-probe-asked': String(performance.timeOrigin + started) };
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve([performance.now() - started, connected]));
    });
    req.on('socket', (socket) => socket.once('connect', () => { connected = performance.now() - started; }));
    req.on('error', () => resolve([Infinity, connected])); // a refused or reset probe counts as never answered
  });
}

let timer: NodeJS.Timeout | undefined;
let pending: Promise<[number, number]>[] = [];
process.on('message', async (m: { start?: ProbeStart; stop?: true }) => {
  if (m.start) {
    const { port, every } = m.start;
    pending = [];
    timer = setInterval(() => pending.push(healthz(port)), every);
  } else if (m.stop) {
    clearInterval(timer);
    process.send!(await Promise.all(pending));
  }
});
process.send!('ready');
