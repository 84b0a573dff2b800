// One voice, tú, in every view and script the merchant reads (issue 9 §4): no "usted" forms.
import t from 'tap';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const VIEWS = path.resolve(import.meta.dirname, '../../views');
// Usted forms (and their give-aways) that crept in before; tú is "puedes", "vuelve", "elige"…
const USTED = /\b(usted|ustedes|podrá|será enviad[oa]|ingrese|seleccione|elija|escriba|vuelva|intente|recargue|presione|haga clic|revise|suba|cambie|asegúrese|su tienda|sus productos|su empresa|su catálogo)\b/i;

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...await files(p));
    else if (/\.(eta|js)$/.test(e.name)) out.push(p);
  }
  return out;
}

t.test('views and page scripts speak to the merchant as tú', async (t) => {
  const all = await files(VIEWS);
  t.ok(all.length > 10, `${all.length} files`);
  for (const f of all) {
    const lines = (await readFile(f, 'utf8')).split('\n').filter((l) => USTED.test(l));
    t.same(lines, [], path.relative(VIEWS, f));
  }
});
