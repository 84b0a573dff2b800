// What one process costs while it carries runs (docs/adr/0017-fleet.md): resident memory, event-loop
// lag (p99 over the last window, and since start) and CPU. The worker stops taking new runs while
// the loop lags; an operator reads these at /ops/fleet.json or in the periodic "fleet figures" line.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface ProcessFigures {
  pid: number;
  rssMb: number;
  heapUsedMb: number;
  /** p99 of the event-loop delay over the last completed window (about `windowMs`). */
  lagP99Ms: number;
  /** p99 of the event-loop delay since the process started measuring. */
  lagP99SinceStartMs: number;
  lagMaxSinceStartMs: number;
  /** CPU time of this process over the last window, as a share of one core (100 = one core busy). */
  cpuPercent: number;
  /** CPU time (user + system) of this process since it started, in ms: per-call cost = its growth ÷ calls. */
  cpuMsTotal: number;
  /** Peak resident memory since start (getrusage). */
  maxRssMb: number;
}

export interface ProcessMonitor {
  figures(): ProcessFigures;
  stop(): void;
}

const MB = 1024 * 1024;
const ms = (h: IntervalHistogram, p: number) => (h.count ? h.percentile(p) / 1e6 : 0);

export function startProcessMonitor(opts: { windowMs?: number } = {}): ProcessMonitor {
  const windowMs = opts.windowMs ?? 5000;
  const total = monitorEventLoopDelay({ resolution: 10 });
  const window = monitorEventLoopDelay({ resolution: 10 });
  total.enable();
  window.enable();
  let lastLag = 0;
  let cpuPercent = 0;
  let cpuAt = process.cpuUsage();
  let cpuT = performance.now();
  const timer = setInterval(() => {
    lastLag = ms(window, 99);
    window.reset();
    const used = process.cpuUsage(cpuAt);
    const now = performance.now();
    cpuPercent = ((used.user + used.system) / 1000 / (now - cpuT)) * 100;
    cpuAt = process.cpuUsage();
    cpuT = now;
  }, windowMs);
  timer.unref();
  return {
    figures() {
      const mem = process.memoryUsage();
      return {
        pid: process.pid,
        rssMb: Math.round(mem.rss / MB),
        heapUsedMb: Math.round(mem.heapUsed / MB),
        lagP99Ms: round(Math.max(lastLag, ms(window, 99))),
        lagP99SinceStartMs: round(ms(total, 99)),
        lagMaxSinceStartMs: round(total.count ? total.max / 1e6 : 0),
        cpuPercent: Math.round(cpuPercent),
        cpuMsTotal: cpuMs(process.cpuUsage()),
        maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      };
    },
    stop() {
      clearInterval(timer);
      total.disable();
      window.disable();
    },
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
const cpuMs = (u: NodeJS.CpuUsage) => Math.round((u.user + u.system) / 100) / 10;
