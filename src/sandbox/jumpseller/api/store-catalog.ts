// One store's products, variants and images in the API stand-in, with live's business rules
// (../shared/jumpseller/API-NOTES.md): create needs name and price, `compare_at_price` must be above
// the price, SKUs are NOT unique (the app must avoid duplicates itself), statuses are
// available | not-available | disabled. Bodies arrive already validated (request-schemas.ts).
// Every change is announced to `emit` (the store's webhooks: product_created / _updated / _deleted).
import { addError, type FieldErrors } from './validate.js';

export interface OptionRecord { name: string; value: string; option_type: 'option' | 'color'; custom: string | null }
export interface ImageRecord { id: number; position: number; url: string }
export interface VariantRecord { id: number; fields: Record<string, unknown>; options: OptionRecord[] }
export interface ProductRecord {
  id: number;
  fields: Record<string, unknown>;
  categoryIds: number[];
  variants: VariantRecord[];
  images: ImageRecord[];
  permalink: string;
  created_at: string;
  updated_at: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors } | { ok: false; notFound: string };

type Body = Record<string, unknown>;

export type ProductEvent = 'product_created' | 'product_updated' | 'product_deleted';

// Defaults as documented in the spec (ProductCreateFields / VariantEditFields).
const PRODUCT_DEFAULTS: Body = {
  description: '', page_title: null, meta_description: null, type: 'physical', days_to_expire: null, weight: 1, stock: 100,
  stock_unlimited: false, stock_threshold: 0, stock_notification: false, back_in_stock_enabled: false, cost_per_item: null,
  compare_at_price: null, minimum_quantity: null, maximum_quantity: null, sku: null, barcode: null, brand: null,
  google_product_category_text: null, quotable: false, featured: false, reviews_enabled: true, shipping_required: true,
  status: 'available', package_format: 'box', length: null, width: null, height: null, diameter: null,
};
const VARIANT_DEFAULTS: Body = {
  sku: null, price: null, barcode: null, stock: 100, stock_unlimited: false, stock_threshold: 0, stock_notification: false,
  cost_per_item: null, compare_at_price: null, image_id: null,
};

export function slug(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'item';
}

export class StoreCatalog {
  readonly products = new Map<number, ProductRecord>();
  private nextId = { product: 1001, variant: 5001, image: 9001 };

  constructor(
    private readonly now: () => number,
    private readonly categoryExists: (id: number) => boolean,
    private readonly emit: (event: ProductEvent, product: ProductRecord) => void = () => {},
  ) {}

  list(): ProductRecord[] {
    return [...this.products.values()].sort((a, b) => a.id - b.id);
  }

  create(input: Body): Outcome<ProductRecord> {
    const { categories, variants, ...scalars } = input as Body & { categories?: { id: number }[]; variants?: { variant: Body }[] };
    const fields = { ...PRODUCT_DEFAULTS, ...scalars };
    const errors = this.productErrors(fields, categories);
    const nested = (variants ?? []).map((v) => v.variant);
    nested.forEach((v, i) => this.variantErrors({ ...VARIANT_DEFAULTS, ...v }, fields, [], errors, `variants.${i}`));
    if (Object.keys(errors).length) return { ok: false, errors };
    const at = new Date(this.now()).toISOString();
    const p: ProductRecord = {
      id: this.nextId.product++, fields, categoryIds: (categories ?? []).map((c) => c.id), variants: [], images: [],
      permalink: this.uniquePermalink(String(fields.name)), created_at: at, updated_at: at,
    };
    for (const v of nested) p.variants.push(this.newVariant(v, fields));
    this.products.set(p.id, p);
    this.emit('product_created', p);
    return { ok: true, value: p };
  }

  /** API DELETE, or the merchant deleting it in the admin. */
  delete(id: number): boolean {
    const p = this.products.get(id);
    if (!p) return false;
    this.products.delete(id);
    this.emit('product_deleted', p);
    return true;
  }

  update(id: number, patch: Body): Outcome<ProductRecord> {
    const p = this.products.get(id);
    if (!p) return { ok: false, notFound: 'Product not found.' };
    const { categories, variants, permalink, ...scalars } = patch as Body & { categories?: { id: number }[]; variants?: Body[]; permalink?: string };
    const fields = { ...p.fields, ...scalars };
    const errors = this.productErrors(fields, categories);
    for (const [i, v] of (variants ?? []).entries()) {
      const existing = typeof v.id === 'number' ? p.variants.find((x) => x.id === v.id) : undefined;
      if (typeof v.id === 'number' && !existing) addError(errors, `variants.${i}.id`, 'not found');
    }
    if (Object.keys(errors).length) return { ok: false, errors };
    p.fields = fields;
    if (categories) p.categoryIds = categories.map((c) => c.id);
    if (typeof permalink === 'string' && permalink) p.permalink = permalink;
    for (const { id: vid, options, ...v } of (variants ?? []) as (Body & { options?: Body[] })[]) {
      const existing = p.variants.find((x) => x.id === vid);
      if (!existing) {
        p.variants.push(this.newVariant({ ...v, options }, p.fields));
        continue;
      }
      Object.assign(existing.fields, v);
      if (options) existing.options = options.map(toOption);
    }
    this.touch(p);
    return { ok: true, value: p };
  }

  createVariant(productId: number, input: Body): Outcome<VariantRecord> {
    const p = this.products.get(productId);
    if (!p) return { ok: false, notFound: 'Product not found.' };
    const errors = this.variantErrors({ ...VARIANT_DEFAULTS, ...input }, p.fields, p.variants, {}, '');
    if (Object.keys(errors).length) return { ok: false, errors };
    const v = this.newVariant(input, p.fields);
    p.variants.push(v);
    this.touch(p);
    return { ok: true, value: v };
  }

  updateVariant(productId: number, variantId: number, patch: Body): Outcome<VariantRecord> {
    const p = this.products.get(productId);
    const v = p?.variants.find((x) => x.id === variantId);
    if (!p || !v) return { ok: false, notFound: p ? 'Variant not found.' : 'Product not found.' };
    const { options, ...scalars } = patch as Body & { options?: OptionRecord[] };
    const fields = { ...v.fields, ...scalars };
    const others = p.variants.filter((x) => x !== v);
    const errors = this.variantErrors({ ...fields, options: options ?? v.options }, p.fields, others, {}, '');
    if (Object.keys(errors).length) return { ok: false, errors };
    v.fields = fields;
    if (options) v.options = options.map((o) => toOption({ ...o }));
    this.touch(p);
    return { ok: true, value: v };
  }

  /** Not in the API (no variant DELETE): the merchant deleting a variant in the admin. */
  deleteVariant(productId: number, variantId: number): Outcome<VariantRecord> {
    const p = this.products.get(productId);
    const at = p ? p.variants.findIndex((x) => x.id === variantId) : -1;
    if (!p || at < 0) return { ok: false, notFound: p ? 'Variant not found.' : 'Product not found.' };
    const [v] = p.variants.splice(at, 1);
    this.touch(p);
    return { ok: true, value: v! };
  }

  createImage(productId: number, input: { url: string; position?: number | null }): Outcome<ImageRecord> {
    const p = this.products.get(productId);
    if (!p) return { ok: false, notFound: 'Product not found.' };
    if (!/^https?:\/\/[^\s/]+\S*$/i.test(input.url)) return { ok: false, errors: { url: ['is not a valid URL'] } };
    const img = { id: this.nextId.image++, url: input.url, position: input.position ?? p.images.length + 1 };
    p.images.push(img);
    p.images.sort((a, b) => a.position - b.position || a.id - b.id);
    this.touch(p);
    return { ok: true, value: img };
  }

  deleteImage(productId: number, imageId: number): Outcome<ImageRecord> {
    const p = this.products.get(productId);
    const at = p ? p.images.findIndex((i) => i.id === imageId) : -1;
    if (!p || at < 0) return { ok: false, notFound: p ? 'Image not found.' : 'Product not found.' };
    const [img] = p.images.splice(at, 1);
    this.touch(p);
    return { ok: true, value: img! };
  }

  private touch(p: ProductRecord): void {
    p.updated_at = new Date(this.now()).toISOString();
    this.emit('product_updated', p);
  }

  /**
   * A variant sent without a price gets the product's price of that moment, as its own: it lives on
   * the variant from then on (API-NOTES), so a later product price does not show through it.
   */
  private newVariant(input: Body, product: Body): VariantRecord {
    const { options, ...fields } = input as Body & { options?: Body[] };
    const price = typeof fields.price === 'number' ? fields.price : product.price;
    return { id: this.nextId.variant++, fields: { ...VARIANT_DEFAULTS, ...fields, price }, options: (options ?? []).map(toOption) };
  }

  private productErrors(f: Body, categories: { id: number }[] | undefined): FieldErrors {
    const errors: FieldErrors = {};
    if (typeof f.name !== 'string' || !f.name.trim()) addError(errors, 'name', "can't be blank");
    if (typeof f.price !== 'number') addError(errors, 'price', "can't be blank");
    else if (f.price < 0) addError(errors, 'price', 'must be greater than or equal to 0');
    // 0 is "no compare-at price" (docs/adr/0011): the live rule binds a real one only.
    if (typeof f.compare_at_price === 'number' && f.compare_at_price !== 0 && typeof f.price === 'number' && f.compare_at_price <= f.price) {
      addError(errors, 'compare_at_price', 'must be greater than price');
    }
    for (const c of categories ?? []) if (!this.categoryExists(c.id)) addError(errors, 'categories', `category ${c.id} not found`);
    return errors;
  }

  private variantErrors(v: Body, product: Body, siblings: VariantRecord[], errors: FieldErrors, at: string): FieldErrors {
    const key = (k: string) => (at ? `${at}.${k}` : k);
    const price = typeof v.price === 'number' ? v.price : (product.price as number);
    if (typeof v.price === 'number' && v.price < 0) addError(errors, key('price'), 'must be greater than or equal to 0');
    if (typeof v.compare_at_price === 'number' && v.compare_at_price !== 0 && v.compare_at_price <= price) addError(errors, key('compare_at_price'), 'must be greater than price');
    const combo = comboOf((v.options as OptionRecord[] | undefined) ?? []);
    if (combo && siblings.some((s) => comboOf(s.options) === combo)) addError(errors, key('options'), 'a variant with these option values already exists');
    return errors;
  }

  private uniquePermalink(name: string): string {
    const base = slug(name);
    const taken = new Set([...this.products.values()].map((p) => p.permalink));
    let candidate = base;
    for (let i = 2; taken.has(candidate); i++) candidate = `${base}-${i}`;
    return candidate;
  }
}

function toOption(o: Body): OptionRecord {
  return { name: String(o.name ?? ''), value: String(o.value ?? ''), option_type: o.option_type === 'color' ? 'color' : 'option', custom: (o.custom as string) ?? null };
}

function comboOf(options: { name: string; value: string }[]): string {
  return options.map((o) => `${o.name}=${o.value}`).sort().join('|');
}
