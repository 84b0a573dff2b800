// npm run bench:client [-- --calls 800 --scaled-calls 4000 --scale 10 --concurrency 8 --latency 20 --window fixed|sliding --only real|scaled]
// Sends N mixed calls (get, update, create, search, list, count) through the real client (governor,
// retry policy, undici) to an in-process Jumpseller sandbox, at the real limits (20/s, 800/min) and
// at limits scaled by --scale, and prints achieved requests/min against the bound and the 429 count.
// Goal (issue 3): ≥ 95 % of the bound and zero 429s. Takes about 1.5 minutes with the defaults.
import { parseArgs } from 'node:util';
import { JumpsellerClient } from '../src/jumpseller/http-client.js';
import type { JumpsellerProductId } from '../src/jumpseller/ids.js';
import { RateGovernor } from '../src/jumpseller/rate-governor.js';
import { apiStateFor } from '../src/sandbox/jumpseller/api/api-state.js';
import { startJumpsellerSandbox } from '../src/sandbox/jumpseller/sandbox.js';
import { Goals } from './bench-goals.js';

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '800' },
    'scaled-calls': { type: 'string', default: '4000' },
    scale: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    latency: { type: 'string', default: '20' },
    window: { type: 'string', default: 'fixed' },
    only: { type: 'string' },
  },
});

const APP = { clientId: 'bench', clientSecret: 'bench-secret', handle: 'bench', name: 'Bench', appUrl: 'http://bench', redirectUris: ['http://bench/cb'] };
const SEED = 200;

async function run(label: string, calls: number, scale: number) {
  const sandbox = await startJumpsellerSandbox({ apps: [APP], stores: [{ code: 'bench' }], host: '127.0.0.1', publicHost: '127.0.0.1' });
  try {
    const store = apiStateFor(sandbox.state).store('bench');
    for (let i = 0; i < SEED; i++) store.catalog.create({ name: `Seed ${i}`, price: 1000 + i, sku: `SEED-${i}` });
    Object.assign(store.limiter.settings, { perSecond: 20 * scale, perMinute: 800 * scale, window: args.window as 'fixed' | 'sliding' });
    store.latencyMs = Number(args.latency);
    const code = sandbox.state.issueCode(APP.clientId, 'bench', APP.redirectUris[0]!, ['read_products', 'write_products']);
    const grant = sandbox.state.exchange({ grant_type: 'authorization_code', client_id: APP.clientId, client_secret: APP.clientSecret, code, redirect_uri: APP.redirectUris[0] });
    if (!grant.ok) throw new Error(grant.error);
    const governor = new RateGovernor();
    const client = new JumpsellerClient({
      baseUrl: sandbox.apiUrl,
      tokens: { getAccessToken: async () => grant.body.access_token, onUnauthorized: async () => null },
      governor,
    });
    const ids = store.catalog.list().map((p) => p.id as JumpsellerProductId);
    const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
    let next = 0;
    const kinds: Record<string, number> = {};
    const one = async (n: number) => {
      const r = n % 20;
      const kind = r < 6 ? 'get' : r < 12 ? 'update' : r < 15 ? 'create' : r < 17 ? 'search' : r < 19 ? 'list' : 'count';
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      if (kind === 'get') await client.getProduct(pick());
      else if (kind === 'update') await client.updateProduct(pick(), { stock: n % 50 });
      else if (kind === 'create') ids.push((await client.createProduct({ name: `Bench ${n}`, price: 990 + n, sku: `B-${n}` })).id);
      else if (kind === 'search') await client.searchProducts(`SEED-${n % SEED}`);
      else if (kind === 'list') await client.listProducts(1 + (n % 3), 50);
      else await client.countProducts();
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: Number(args.concurrency) }, async () => {
      for (let n = next++; n < calls; n = next++) await one(n);
    }));
    const elapsedMs = Date.now() - started;
    const log = store.log.filter((e) => e.status !== 0);
    const spanMs = log.at(-1)!.at - log[0]!.at;
    const bound = 800 * scale;
    const perMinute = ((log.length - 1) / spanMs) * 60_000;
    console.log(`\n${label}: limits ${20 * scale}/s and ${bound}/min (${args.window} windows), ${args.concurrency} concurrent callers, ${args.latency} ms server latency`);
    console.log(`  calls: ${calls} (${Object.entries(kinds).map(([k, v]) => `${k} ${v}`).join(', ')}), HTTP requests: ${log.length}, wall time ${(elapsedMs / 1000).toFixed(1)} s`);
    console.log(`  achieved: ${perMinute.toFixed(1)} requests/min = ${((100 * perMinute) / bound).toFixed(1)} % of the ${bound}/min bound`);
    console.log(`  max in any 1 s window: ${maxInWindow(log.map((e) => e.at), 1000)} (limit ${20 * scale}); in any 60 s window: ${maxInWindow(log.map((e) => e.at), 60_000)} (limit ${bound})`);
    console.log(`  429s: ${store.limiter.stats.refused} at the server, ${governor.stats.throttled} seen by the client; governor waited ${(governor.stats.waitedMs / 1000).toFixed(1)} s in total`);
    goals.check(`${label}: ≥ 95 % of the bound`, perMinute >= 0.95 * bound, `  rate: ${((100 * perMinute) / bound).toFixed(1)} % of the bound`);
    goals.check(`${label}: 0 × 429`, store.limiter.stats.refused === 0, `  429s at the server: ${store.limiter.stats.refused}`);
  } finally {
    await sandbox.close();
  }
}

function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[j]! <= times[i]! - windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

const goals = new Goals();
if (args.only !== 'scaled') await run('Real limits', Number(args.calls), 1);
if (args.only !== 'real') await run(`Scaled limits ×${args.scale}`, Number(args['scaled-calls']), Number(args.scale));
goals.finish();
