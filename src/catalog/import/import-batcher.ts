// Validates import records one at a time and writes them in batches. While one batch is being
// written, the next is parsed: PostgreSQL and JavaScript work side by side (ADR 0004).
import type { CatalogBrand, CatalogCategory, CatalogGender, CatalogProduct } from '../model.js';
import {
  parseCentryBrand, parseCentryCategory, parseCentryGender, parseCentryProduct,
} from '../centry/centry-product.schema.js';
import type { RecordPosition, Section } from './json-record-reader.js';
import type { ImportDeps, ImportOptions, ImportReport, SourceRecord } from './import.js';

/** NDJSON / array records may also be single references: {"brand":{…}}, {"category":{…}}, {"gender":{…}}. */
const SINGULAR: Record<string, Section> = { brand: 'brands', category: 'categories', gender: 'genders', product: 'products' };
const PLURAL = new Set<string>(['products', 'brands', 'categories', 'genders']);
const NOUN: Record<Section, string> = { products: 'producto', brands: 'marca', categories: 'categoría', genders: 'género' };

interface Batch {
  products: CatalogProduct[];
  brands: CatalogBrand[];
  categories: CatalogCategory[];
  genders: CatalogGender[];
  /** Names that only ride along on products (brand_name…): they add missing entries, never rename. */
  derivedBrands: CatalogBrand[];
  derivedCategories: CatalogCategory[];
  derivedGenders: CatalogGender[];
}
const emptyBatch = (): Batch => ({
  products: [], brands: [], categories: [], genders: [], derivedBrands: [], derivedCategories: [], derivedGenders: [],
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (v: unknown): string | null => {
  if (!isObject(v)) return null;
  const id = v._id ?? v.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
};

const holdsNul = (v: unknown, depth = 0): boolean => {
  if (typeof v === 'string') return v.includes('\u0000');
  if (depth > 8 || typeof v !== 'object' || v === null) return false;
  return Object.entries(v).some(([k, x]) => k.includes('\u0000') || holdsNul(x, depth + 1));
};

export class RecordBatcher {
  readonly batchSize: number;
  readonly report: ImportReport;
  /** Records that parsed as JSON (valid or not as catalog records). */
  jsonRecords = 0;
  private batch = emptyBatch();
  private batchIds = new Set<string>();
  private derivedSeen = { brands: new Set<string>(), categories: new Set<string>(), genders: new Set<string>() };
  private writing: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private readonly maxListed: number;
  /** Products written so far, and the count at which statistics are next refreshed. */
  private written = 0;
  private analyzeAt = 2000;

  constructor(private readonly deps: ImportDeps, private readonly opts: ImportOptions) {
    this.batchSize = opts.batchSize ?? 500;
    this.maxListed = opts.maxListedRejections ?? 1000;
    const refs = () => ({ created: 0, updated: 0 });
    this.report = {
      format: 'records', created: 0, updated: 0, unchanged: 0, rejected: 0,
      references: { brands: refs(), categories: refs(), genders: refs() },
      rejections: [], rejectionsNotListed: 0, stoppedAt: null,
    };
  }

  reject(at: RecordPosition, id: string | null, reason: string): void {
    this.report.rejected += 1;
    if (this.report.rejections.length < this.maxListed) this.report.rejections.push({ at, id, reason });
    else this.report.rejectionsNotListed += 1;
  }

  stop(at: RecordPosition, reason: string): void {
    this.report.stoppedAt = { at, reason };
  }

  async add(r: SourceRecord): Promise<void> {
    this.jsonRecords += 1;
    // Parsing never waits on I/O within a chunk of the file: let the database driver's replies in
    // now and then, so the batch being written moves on while this one is parsed.
    if (this.jsonRecords % 32 === 0) await new Promise((resolve) => setImmediate(resolve));
    const v = r.value;
    if (r.section) return this.addAs(r.section, v, r.at);
    if (!isObject(v)) return this.reject(r.at, null, 'no es un objeto JSON (cada registro es un producto entre { })');
    const keys = Object.keys(v);
    const single = keys.length === 1 ? SINGULAR[keys[0]!] : undefined;
    if (single && isObject(v[keys[0]!])) return this.addAs(single, v[keys[0]!], r.at);
    if (!('name' in v) && keys.some((k) => PLURAL.has(k) && Array.isArray(v[k]))) {
      // A whole envelope on one line.
      for (const k of keys.filter((k) => PLURAL.has(k) && Array.isArray(v[k]))) {
        const list = v[k] as unknown[];
        for (let i = 0; i < list.length; i++) await this.addAs(k as Section, list[i], { ...r.at, section: k as Section, index: i });
      }
      return;
    }
    return this.addAs('products', v, r.at);
  }

  private async addAs(section: Section, value: unknown, at: RecordPosition): Promise<void> {
    if (!isObject(value)) return this.reject(at, null, 'no es un objeto JSON (cada registro es un producto entre { })');
    const listedId = this.opts.listed ? idOf(value) : null;
    if (listedId !== null) this.opts.listed![section].add(listedId);
    // PostgreSQL text cannot hold U+0000: one such record would fail its whole batch, so it is
    // rejected here, alone, like any other bad record (ADR 0004).
    if (holdsNul(value)) return this.reject(at, idOf(value), 'un texto contiene el carácter NUL (\\u0000), que no se puede guardar: quítalo del archivo');
    const b = this.batch;
    if (section === 'products') {
      const parsed = parseCentryProduct(value, { currency: this.opts.currency, now: (this.deps.now ?? (() => new Date()))() });
      if (!parsed.ok) return this.reject(at, idOf(value), parsed.reason);
      const { product, brand, category, gender } = parsed.value;
      // The same product twice in a file: the earlier copy is written first, then the later one.
      if (this.batchIds.has(product.id)) await this.flush();
      this.batchIds.add(product.id);
      this.batch.products.push(product);
      if (brand && !this.derivedSeen.brands.has(brand.id)) { this.derivedSeen.brands.add(brand.id); this.batch.derivedBrands.push(brand); }
      if (category && !this.derivedSeen.categories.has(category.id)) { this.derivedSeen.categories.add(category.id); this.batch.derivedCategories.push(category); }
      if (gender && !this.derivedSeen.genders.has(gender.id)) { this.derivedSeen.genders.add(gender.id); this.batch.derivedGenders.push(gender); }
    } else {
      const parsed = section === 'categories' ? parseCentryCategory(value)
        : section === 'brands' ? parseCentryBrand(value) : parseCentryGender(value);
      if (!parsed.ok) return this.reject(at, idOf(value), `${NOUN[section]}: ${parsed.reason}`);
      (b[section] as unknown[]).push(parsed.value);
    }
    const size = this.batch.products.length + this.batch.brands.length + this.batch.categories.length + this.batch.genders.length;
    if (size >= this.batchSize) await this.flush();
  }

  /** Hands the current batch to the writer once the previous write is done. */
  private async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = emptyBatch();
    this.batchIds = new Set();
    await this.writing;
    if (this.failure) throw this.failure;
    // Not awaited: the caller goes on parsing while PostgreSQL writes. A failure is kept and
    // thrown at the next flush or at the end, never left unhandled.
    this.writing = this.write(batch).catch((e: unknown) => { this.failure = e; });
  }

  private async write(b: Batch): Promise<void> {
    const { catalog } = this.deps;
    const c = this.opts.companyId;
    const refs = this.report.references;
    const tally = (into: { created: number; updated: number }, r: { created: number; updated: number }) => {
      into.created += r.created;
      into.updated += r.updated;
    };
    if (b.brands.length) tally(refs.brands, await catalog.upsertBrands(c, b.brands));
    if (b.categories.length) tally(refs.categories, await catalog.upsertCategories(c, b.categories));
    if (b.genders.length) tally(refs.genders, await catalog.upsertGenders(c, b.genders));
    if (b.derivedBrands.length) tally(refs.brands, await catalog.upsertBrands(c, b.derivedBrands, { mode: 'keep' }));
    if (b.derivedCategories.length) tally(refs.categories, await catalog.upsertCategories(c, b.derivedCategories, { mode: 'keep' }));
    if (b.derivedGenders.length) tally(refs.genders, await catalog.upsertGenders(c, b.derivedGenders, { mode: 'keep' }));
    if (b.products.length) {
      const r = await catalog.upsertProducts(c, b.products);
      this.report.created += r.created;
      this.report.updated += r.updated;
      this.report.unchanged += r.unchanged;
      this.written += r.created + r.updated;
      if (this.written >= this.analyzeAt) {
        // Geometric: a handful of ANALYZE runs however large the file, each while plans still matter.
        await catalog.refreshStatistics('products');
        this.analyzeAt = this.written * 4;
      }
    }
    this.opts.onProgress?.(this.report);
  }

  /** Waits for the write in flight, whatever its outcome. */
  async settle(): Promise<void> {
    await this.writing;
  }

  async finish(): Promise<ImportReport> {
    await this.flush();
    await this.writing;
    if (this.failure) throw this.failure;
    if (this.written >= 1000) await this.deps.catalog.refreshStatistics('all');
    return this.report;
  }
}
