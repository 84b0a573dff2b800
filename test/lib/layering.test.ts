// The rooms say what they hold (docs/architecture.md "Layout"): the pure rules import no framework,
// no database, no network and no clock-owning module, and the planner reads no table row module.
// Checked over the import lines of the source, so a move that breaks the rule fails here.
import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';

const SRC = path.resolve(import.meta.dirname, '../../src');
const filesIn = (dir: string): string[] => fs.readdirSync(path.join(SRC, dir), { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? filesIn(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
const importsOf = (file: string) => [...fs.readFileSync(path.join(SRC, file), 'utf8').matchAll(/^import[^;]*?from '([^']+)'/gms)]
  .map((m) => (m[1]!.startsWith('.') ? path.relative(SRC, path.resolve(path.dirname(path.join(SRC, file)), m[1]!)) : m[1]!));

// Pure areas and what they may not import (packages by name, our folders by path prefix).
const PURE: [string, RegExp][] = [
  ['publishing/plan', /^(fastify|knex|pg|pg-boss|undici|node-cron|@fastify\/)|^(db|web|jobs|publishing\/run|publishing\/storage|catalog\/store|jumpseller\/http-client)\b/],
  ['pricing', /^(fastify|knex|pg|pg-boss|undici|node-cron|@fastify\/)|^(db|web|jobs|publishing|catalog\/store)\b/],
];

for (const [dir, forbidden] of PURE) {
  t.test(`${dir}/ is pure`, async (t) => {
    const files = filesIn(dir);
    t.ok(files.length > 0, `${files.length} files`);
    for (const file of files) {
      const bad = importsOf(file).filter((i) => forbidden.test(i));
      t.same(bad, [], file);
    }
  });
}
