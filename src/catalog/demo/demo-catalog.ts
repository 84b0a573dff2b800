// A deterministic demo catalog (issue 4): a Chilean store's brands, category tree, genders and
// products, as the Centry-shaped records an import file holds — so loading it runs the very
// validation and writes an import does. Same seed, size and `now` → the same records.
import { createHash } from 'node:crypto';
import {
  COLORS, CONDITIONS, DEMO_BRANDS, DEMO_GENDERS, DEMO_LEAVES, SIZES, WARRANTIES, type DemoLeaf,
} from './demo-catalog-data.js';
import { importCatalogRecords, type ImportDeps, type ImportReport } from '../import/import.js';
import type { CatalogSourceRepository } from '../store/catalog-source-repository.js';

export interface DemoCatalogOptions {
  /** Products to generate. Default 500. */
  size?: number;
  seed?: number;
  /** Where images are served, e.g. `http://127.0.0.1:3100/_sandbox/images` (no trailing slash). */
  imageBaseUrl: string;
  /** Offer windows and `updated_at` are placed around this instant. */
  now: Date;
}

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG — the same stream on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COLOR_CODES: Record<string, string> = {
  Negro: 'NEG', Blanco: 'BLA', Azul: 'AZU', 'Azul Marino': 'MAR', Gris: 'GRI', Rojo: 'ROJ', 'Verde Oliva': 'OLI',
  Beige: 'BEI', Burdeo: 'BUR', Mostaza: 'MOS', Celeste: 'CEL', 'Café': 'CAF',
};
const MODELS = ['Classic', 'Pro', 'Lite', 'Urban', 'Sur', 'Norte', 'Austral', 'Volcán', 'Pacífico', 'Desierto', 'Patagonia', 'Costa'];
const PITCHES = [
  'Diseñado en Chile para el uso diario.', 'Terminaciones de primera calidad y materiales durables.',
  'Ideal para el invierno del sur.', 'Perfecto para escapadas de fin de semana.', 'Despacho a todo Chile.',
];
const DAY = 86_400_000;

/** Every record of the demo catalog: genders, brands, categories, then `size` products. */
export function* demoCatalogRecords(opts: DemoCatalogOptions): Generator<Record<string, unknown>> {
  const size = opts.size ?? 500;
  const seed = opts.seed ?? 1;
  const rnd = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  // Centry ids are 24 hex digits: kind (2) + seed (6) + serial (16), unique and sorted by serial.
  const hexId = (kind: number, n: number) =>
    kind.toString(16).padStart(2, '0') + (seed & 0xffffff).toString(16).padStart(6, '0') + n.toString(16).padStart(16, '0');
  const now = opts.now.getTime();
  const iso = (t: number) => new Date(t).toISOString();

  const genderIds = new Map(DEMO_GENDERS.map((g, i) => [g, hexId(0x9e, i + 1)]));
  for (const [name, id] of genderIds) yield { gender: { _id: id, name } };
  const brands = DEMO_BRANDS.map((name, i) => ({ _id: hexId(0xb0, i + 1), name }));
  for (const b of brands) yield { brand: b };
  const categoryIds = new Map<string, string>();
  for (const leaf of DEMO_LEAVES) {
    for (let depth = 1; depth <= leaf.path.length; depth++) {
      const key = leaf.path.slice(0, depth).join(' > ');
      if (categoryIds.has(key)) continue;
      const id = hexId(0xca, categoryIds.size + 1);
      categoryIds.set(key, id);
      const parent = depth > 1 ? categoryIds.get(leaf.path.slice(0, depth - 1).join(' > '))! : null;
      yield { category: { _id: id, name: leaf.path[depth - 1], parent_id: parent } };
    }
  }

  for (let i = 0; i < size; i++) {
    const leaf = pick(DEMO_LEAVES);
    const brand = pick(brands);
    const name = `${pick(leaf.nouns)} ${pick(leaf.details)} ${pick(MODELS)}`;
    const sku = `${leaf.code}-${i + 1}`;
    const normal = pick(leaf.prices);
    const product: Record<string, unknown> = {
      _id: hexId(0x5f, i + 1),
      name,
      sku,
      barcode: ean13(`780${String(100000000 + i).slice(-9)}`),
      description: `<p>${name} de ${brand.name}. ${pick(PITCHES)}</p>`,
      shortdescription: `<ul><li>Marca: ${brand.name}</li><li>Categoría: ${leaf.path.join(' / ')}</li><li>Garantía incluida</li></ul>`,
      condition: pick(CONDITIONS),
      warranty: pick(WARRANTIES),
      brand_id: brand._id,
      brand_name: brand.name,
      category_id: categoryIds.get(leaf.path.join(' > ')),
      gender_id: leaf.gender ? genderIds.get(leaf.gender) : null,
      gender_name: leaf.gender,
      status: rnd() >= 0.05, // ~5 % paused
      price_compare: normal,
      price: null,
      salestartdate: null,
      saleenddate: null,
      // Centry sends package measures as strings.
      packageheight: String(leaf.pkg[0]),
      packagelength: String(leaf.pkg[1]),
      packagewidth: String(leaf.pkg[2]),
      packageweight: (leaf.pkg[3] * (0.9 + rnd() * 0.2)).toFixed(2),
      seo_title: `${name} | ${brand.name}`,
      seo_description: `Compra ${name} de ${brand.name} al mejor precio.`,
      created_at: iso(now - between(30, 720) * DAY),
      updated_at: iso(now - between(0, 29) * DAY - between(0, 86_399) * 1000),
    };
    if (rnd() < 0.2) Object.assign(product, offer(normal, rnd, now, iso));
    product.variants = variantsOf(leaf, sku, normal, rnd, between, hexId, i);
    product.assets = Array.from({ length: between(1, 4) }, (_, k) => {
      const url = `${opts.imageBaseUrl}/${sku.toLowerCase()}-${k + 1}.jpg`;
      return { _id: hexId(0xa5, i * 8 + k + 1), url, position: k + 1, image_fingerprint: createHash('md5').update(url).digest('hex') };
    });
    yield product;
  }
}

/** An offer 15–40 % below the normal price ending in 990, in a window past, current, future or open. */
function offer(normal: number, rnd: () => number, now: number, iso: (t: number) => string): Record<string, unknown> {
  const target = normal * (0.6 + rnd() * 0.25);
  const price = Math.max(990, Math.floor((target - 990) / 1000) * 1000 + 990);
  if (price >= normal) return {};
  const w = rnd();
  const [start, end] = w < 0.25 ? [now - 60 * DAY, now - 10 * DAY] // ended
    : w < 0.6 ? [now - 5 * DAY, now + 20 * DAY] // running
      : w < 0.8 ? [now + 10 * DAY, now + 40 * DAY] // upcoming
        : w < 0.9 ? [null, null] : [now - 3 * DAY, null]; // open-ended
  return { price, salestartdate: start === null ? null : iso(start), saleenddate: end === null ? null : iso(end) };
}

function variantsOf(
  leaf: DemoLeaf, sku: string, normal: number, rnd: () => number,
  between: (lo: number, hi: number) => number, hexId: (kind: number, n: number) => string, i: number,
): Record<string, unknown>[] {
  const colors = leaf.sizing === 'simple' ? [null] : distinct(COLORS, between(1, leaf.sizing === 'color' ? 4 : 3), rnd);
  let sizes: (string | null)[] = [null];
  if (leaf.sizing === 'ropa' || leaf.sizing === 'calzado' || leaf.sizing === 'infantil') {
    const all = SIZES[leaf.sizing];
    const count = Math.min(all.length, between(3, 5));
    const from = between(0, all.length - count);
    sizes = all.slice(from, from + count);
  }
  const pricierBig = rnd() < 0.05; // the largest size costs more: a variant's own normal price
  const out: Record<string, unknown>[] = [];
  for (const color of colors) {
    for (const size of sizes) {
      const n = out.length;
      const parts = [sku, color ? COLOR_CODES[color] : null, size].filter(Boolean);
      out.push({
        _id: hexId(0x7a, i * 64 + n + 1),
        sku: parts.length > 1 ? parts.join('-') : `${sku}-U`,
        barcode: null,
        size_id: size ? hexId(0x51, SIZE_SERIAL.get(size)!) : null,
        size_name: size,
        color_id: color ? hexId(0xc0, COLORS.indexOf(color as (typeof COLORS)[number]) + 1) : null,
        color_name: color,
        quantity: rnd() < 0.1 ? 0 : between(1, 40),
        price: null,
        price_compare: pricierBig && size !== null && size === sizes[sizes.length - 1] ? normal + 2000 : null,
        position: n + 1,
      });
    }
  }
  return out;
}

const SIZE_SERIAL = new Map([...SIZES.ropa, ...SIZES.calzado, ...SIZES.infantil].map((s, k) => [s, k + 1]));

function distinct<T>(list: readonly T[], n: number, rnd: () => number): T[] {
  const pool = [...list];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(rnd() * pool.length), 1)[0]!);
  return out;
}

/** EAN-13 with its check digit, from 12 digits. */
export function ean13(digits12: string): string {
  const sum = [...digits12].reduce((s, d, k) => s + Number(d) * (k % 2 ? 3 : 1), 0);
  return digits12 + ((10 - (sum % 10)) % 10);
}

/** Loads the demo catalog for a company through the importer: one validation and write path. */
export async function loadDemoCatalog(deps: ImportDeps, opts: DemoCatalogOptions & { companyId: number }): Promise<ImportReport> {
  function* records() {
    let line = 0;
    for (const value of demoCatalogRecords(opts)) yield { value, at: { line: ++line } };
  }
  return importCatalogRecords(deps, records(), { companyId: opts.companyId, currency: 'CLP' });
}

/**
 * Local mode (`npm start`): gives a company the demo catalog and records "Catálogo de demostración"
 * as its source. Loading it again changes nothing (every product is reported unchanged).
 */
export async function seedDemoCatalog(
  deps: ImportDeps & { sources: Pick<CatalogSourceRepository, 'recordImport'> },
  opts: DemoCatalogOptions & { companyId: number },
): Promise<ImportReport> {
  const report = await loadDemoCatalog(deps, opts);
  await deps.sources.recordImport(opts.companyId, 'demo', report);
  return report;
}
