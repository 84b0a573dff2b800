// The heartbeat of every run one process executes, in one statement per tick (docs/adr/0022): a
// run joins when it starts and leaves when it ends; each tick writes every member's fresh heartbeat
// and live counters at once (RunRepository.beat) and tells each member whether it was lost (another
// worker took it over) or its cancellation was requested. Fifty runs cost one statement a second,
// not a hundred. A missed tick is retried at the next one; a long outage lets the heartbeat go stale
// and another worker take the run over, as before.
import type { RunCounters, RunId } from '../run-model.js';
import type { RunRepository } from '../storage/run-repository.js';

export type BeatSignal = 'lost' | 'cancelled';

export interface RunBeats {
  /** Beats for the run from the next tick on: `counters` is read at every tick. Returns `leave`. */
  join(id: RunId, counters: () => RunCounters, signal: (s: BeatSignal) => void): () => void;
  /** One tick now (a tick already under way is waited for instead): resolves when it is written. */
  tick(): Promise<void>;
  stop(): void;
}

export function startRunBeats(runs: Pick<RunRepository, 'beat'>, workerId: string, tickMs = 1000): RunBeats {
  const members = new Map<RunId, { counters: () => RunCounters; signal: (s: BeatSignal) => void }>();
  let current: Promise<void> | null = null;

  const write = async () => {
    const batch = [...members].map(([id, m]) => ({ id, counters: { ...m.counters() } }));
    if (batch.length === 0) return;
    let alive: Map<RunId, { cancelRequested: boolean }>;
    try {
      alive = await runs.beat(workerId, batch);
    } catch {
      return; // a missed beat is retried next tick; a long outage lets another worker take over
    }
    for (const { id } of batch) {
      const m = members.get(id);
      if (!m) continue; // ended meanwhile: its end, not this beat, says how
      const a = alive.get(id);
      if (!a) m.signal('lost');
      else if (a.cancelRequested) m.signal('cancelled');
    }
  };
  const tick = () => (current ??= write().finally(() => { current = null; }));
  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();

  return {
    join(id, counters, signal) {
      const member = { counters, signal };
      members.set(id, member);
      return () => { if (members.get(id) === member) members.delete(id); };
    },
    tick,
    stop() { clearInterval(timer); },
  };
}
