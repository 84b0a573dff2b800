// A benchmark's closing line is the conjunction of every goal it printed, its child processes' too
// (issue 11: a planning child's FAIL was followed by "all goals met").
import t from 'tap';
import { Goals } from '../../scripts/bench-goals.js';

function capture<T>(fn: () => T): { out: string; value: T } {
  const write = process.stdout.write.bind(process.stdout);
  const log = console.log;
  let out = '';
  let value: T;
  process.stdout.write = ((chunk: string) => { out += chunk; return true; }) as typeof process.stdout.write;
  console.log = (...a: unknown[]) => { out += `${a.join(' ')}\n`; };
  try { value = fn(); } finally { process.stdout.write = write; console.log = log; }
  return { out, value };
}

t.afterEach(() => { process.exitCode = 0; });

t.test('every goal met → PASS', async (t) => {
  const g = new Goals();
  const { out, value } = capture(() => { g.check('a', true, 'figure a'); g.check('b', true, 'figure b'); return g.finish(); });
  t.equal(value, true);
  t.match(out, /figure a {3}PASS \(goal a\)/);
  t.match(out, /verdict: PASS — all 2 goals met\n$/);
});

t.test('a child FAIL line makes the parent fail, and the child verdict is not echoed', async (t) => {
  const parent = new Goals();
  const child = new Goals();
  const childOut = capture(() => { child.check('planning < 5 s', false, 'first run: 5.91 s'); child.check('RSS', true, 'rss'); child.finish(); }).out;
  const { out, value } = capture(() => { parent.check('rate', true, 'rate 98 %'); parent.absorb(childOut); return parent.finish(); });
  t.equal(value, false);
  t.match(out, /first run: 5\.91 s {3}FAIL \(goal planning < 5 s\)/);
  t.equal(out.match(/verdict:/g)?.length, 1, 'one verdict line, the parent’s');
  t.match(out, /verdict: FAIL — 1 of 3 goals missed: planning < 5 s\n$/);
  t.equal(process.exitCode, 1);
});

t.test('no goal measured is not a pass', async (t) => {
  const { out, value } = capture(() => new Goals().finish());
  t.equal(value, false);
  t.match(out, /verdict: FAIL — 0 of 0 goals missed \(no goal was measured\)/);
});

t.test('a benchmark that crashes after a passing goal fails', async (t) => {
  const g = new Goals();
  const error = console.error;
  console.error = () => {};
  const write = process.stdout.write.bind(process.stdout);
  const log = console.log;
  let out = '';
  process.stdout.write = ((chunk: string) => { out += chunk; return true; }) as typeof process.stdout.write;
  console.log = (...a: unknown[]) => { out += `${a.join(' ')}\n`; };
  let value: boolean;
  try {
    value = await g.run(async () => { g.check('rate', true, 'rate 98 %'); throw new Error('the sandbox went away'); });
  } finally { process.stdout.write = write; console.log = log; console.error = error; }
  t.equal(value, false);
  t.match(out, /crashed: the sandbox went away {3}FAIL \(goal the benchmark ran to the end\)/);
  t.match(out, /verdict: FAIL — 1 of 2 goals missed: the benchmark ran to the end\n$/);
});
