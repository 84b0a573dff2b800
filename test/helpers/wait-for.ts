// The one way tests wait for something another process, timer or socket brings about: poll a
// predicate until it returns a value (anything but undefined, null or false), bounded, so a
// condition that never comes fails the test with its name instead of hanging until tap's timeout.
// A predicate that throws ends the wait with that error (a child that died, say).
export interface WaitOptions {
  /** What is awaited, for the failure message: "run 3 to finish". */
  what: string;
  /** Default 30 s: generous on a loaded machine, still far below tap's own timeout. */
  timeoutMs?: number;
  /** Default 20 ms. */
  intervalMs?: number;
}

export async function waitFor<T>(
  predicate: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { what, timeoutMs = 30_000, intervalMs = 20 }: WaitOptions,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() >= until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
