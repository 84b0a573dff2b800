// app.json (the deploy manifest) and .env.example stay in step with the config schema.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { ENV_VARS } from '../src/config.js';

const manifest = JSON.parse(readFileSync(new URL('../app.json', import.meta.url), 'utf8')) as {
  env: Record<string, { description: string; required?: boolean }>;
  formation: Record<string, unknown>;
  addons: { plan: string }[];
  scripts: Record<string, string>;
};
const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
const procfile = readFileSync(new URL('../Procfile', import.meta.url), 'utf8');
const names = Object.keys(ENV_VARS).sort();

t.test('app.json declares exactly the variables the config reads, each with a description', async (t) => {
  t.same(Object.keys(manifest.env).sort(), names);
  for (const n of names) t.ok(manifest.env[n]!.description.length > 10, `${n} has a description`);
  for (const n of ['APP_URL', 'JUMPSELLER_CLIENT_ID', 'JUMPSELLER_CLIENT_SECRET', 'ENCRYPTION_KEY', 'SESSION_SECRET']) {
    t.equal(manifest.env[n]!.required, true, `${n} is required in production`);
  }
});

t.test('app.json: processes web, worker, scheduler; PostgreSQL add-on; migrations before release', async (t) => {
  t.same(Object.keys(manifest.formation).sort(), ['scheduler', 'web', 'worker']);
  t.ok(manifest.addons.some((a) => a.plan.startsWith('heroku-postgresql')));
  t.match(procfile, /^release: npm run migrate$/m);
  for (const role of ['web', 'worker', 'scheduler']) t.match(procfile, new RegExp(`^${role}: ROLES=${role} `, 'm'));
});

t.test('.env.example documents every variable with a comment', async (t) => {
  for (const n of names) {
    t.match(example, new RegExp(`# ${ENV_VARS[n as keyof typeof ENV_VARS].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\n#? ?${n}=`), n);
  }
});
