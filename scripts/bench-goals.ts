// One ledger of a benchmark's goals: every goal prints its figure next to PASS or FAIL, and the
// closing line is the conjunction of every goal printed — never "all goals met" over a FAIL line,
// including the goals a child process printed (absorbed from its output).
export interface Goal { name: string; ok: boolean }

const VERDICT_LINE = /^verdict: /;
/** A goal line as `check` prints it: "<figures>   PASS|FAIL (goal <name>)". */
const GOAL_LINE = /\s(PASS|FAIL) \(goal ([^)]*)\)\s*$/;

export class Goals {
  private readonly goals: Goal[] = [];

  /** Prints `figures` with the verdict of `name`, records it, and returns `ok`. */
  check(name: string, ok: boolean, figures: string): boolean {
    console.log(`${figures}   ${ok ? 'PASS' : 'FAIL'} (goal ${name})`);
    this.goals.push({ name, ok });
    return ok;
  }

  /** Echoes a child benchmark's output without its verdict line and records each goal it printed. */
  absorb(output: string): void {
    for (const line of output.replace(/\n+$/, '').split('\n')) {
      if (VERDICT_LINE.test(line)) continue;
      const m = GOAL_LINE.exec(line);
      if (m) this.goals.push({ name: m[2]!, ok: m[1] === 'PASS' });
      process.stdout.write(`${line}\n`);
    }
  }

  /** Records a failure that has no figure (a child that crashed, a run that did not finish). */
  fail(name: string, why: string): void {
    console.log(`${why}   FAIL (goal ${name})`);
    this.goals.push({ name, ok: false });
  }

  /** Runs the benchmark's body, a crash being a failed goal, then `finish`. */
  async run(body: () => Promise<void>): Promise<boolean> {
    try {
      await body();
    } catch (err) {
      console.error(err);
      this.fail('the benchmark ran to the end', `crashed: ${err instanceof Error ? err.message : String(err)}`);
    }
    return this.finish();
  }

  /** The closing line and exit code: PASS only when there was at least one goal and every one passed. */
  finish(): boolean {
    const missed = this.goals.filter((g) => !g.ok);
    const ok = this.goals.length > 0 && missed.length === 0;
    console.log(ok
      ? `\nverdict: PASS — all ${this.goals.length} goals met`
      : `\nverdict: FAIL — ${missed.length} of ${this.goals.length} goals missed${missed.length ? `: ${missed.map((g) => g.name).join('; ')}` : ' (no goal was measured)'}`);
    process.exitCode = ok ? 0 : 1;
    return ok;
  }
}
