// Typed operations of Jumpseller API v1 used by the app (../shared/jumpseller/API-NOTES.md "REST API
// v1"): wrapped bodies, lenient parsing (schemas.ts), named errors (errors.ts). Pacing, retries and
// tokens are the transport's job (transport.ts); this file only knows paths and shapes.
import { z } from 'zod';
import { AmbiguousCreateError, JumpsellerApiError, NotFoundError } from './errors.js';
import type {
  JumpsellerCategoryId, JumpsellerHookId, JumpsellerImageId, JumpsellerProductId, JumpsellerVariantId,
} from './ids.js';
import type { CategoryWrite, HookCreate, ImageCreate, ProductCreate, ProductWrite, VariantWrite } from './requests.js';
import {
  categorySchema, countSchema, hookSchema, imageSchema, productSchema, storeSchema, variantSchema, wrapped,
  type JumpsellerCategory, type JumpsellerHook, type JumpsellerImage, type JumpsellerProduct, type JumpsellerStore,
  type JumpsellerVariant,
} from './schemas.js';
import { JumpsellerTransport, type ApiRequest, type TransportOptions } from './transport.js';

/** Live caps `limit` at 100 (API-NOTES "Pagination"). */
export const MAX_PAGE_SIZE = 100;
/** A search matching more than 5 000 products is a query problem, not something to page through. */
const MAX_SEARCH_PAGES = 50;

export interface SkuMatch {
  product: JumpsellerProduct;
  /** The variant carrying the SKU, or null when the product's own SKU matched. */
  variant: JumpsellerVariant | null;
}

export type DeleteResult = 'deleted' | 'not_found';

const productOut = wrapped('product', productSchema);
const variantOut = wrapped('variant', variantSchema);
const imageOut = wrapped('image', imageSchema);
const categoryOut = wrapped('category', categorySchema);
const hookOut = wrapped('hook', hookSchema);

export class JumpsellerClient {
  readonly transport: JumpsellerTransport;

  constructor(transport: JumpsellerTransport | TransportOptions) {
    this.transport = transport instanceof JumpsellerTransport ? transport : new JumpsellerTransport(transport);
  }

  /** `{"store":{…}}` on live although the spec shows it unwrapped; accept both. */
  async storeInfo(): Promise<JumpsellerStore> {
    const body = await this.body({ method: 'GET', path: '/store/info.json' });
    const inner = body && typeof body === 'object' && 'store' in body ? (body as { store: unknown }).store : body;
    return this.parse(storeSchema, inner, 'GET', '/store/info.json');
  }

  // Products
  listProducts(page = 1, limit = 50): Promise<JumpsellerProduct[]> {
    if (limit < 1 || limit > MAX_PAGE_SIZE || page < 1) throw new RangeError(`page ≥ 1 and 1 ≤ limit ≤ ${MAX_PAGE_SIZE}`);
    return this.get('/products.json', z.array(productOut), { limit, page });
  }

  /** Every product, page by page at the maximum page size. */
  async *allProducts(): AsyncGenerator<JumpsellerProduct> {
    for (let page = 1; ; page++) {
      const batch = await this.listProducts(page, MAX_PAGE_SIZE);
      yield* batch;
      if (batch.length < MAX_PAGE_SIZE) return;
    }
  }

  async countProducts(): Promise<number> {
    return (await this.get('/products/count.json', countSchema)).count;
  }

  getProduct(id: JumpsellerProductId): Promise<JumpsellerProduct> {
    return this.get(`/products/${id}.json`, productOut);
  }

  /** Answers 201 or 200 (both accepted). An unknown outcome throws AmbiguousCreateError. */
  createProduct(product: ProductCreate): Promise<JumpsellerProduct> {
    return this.write('POST', '/products.json', { product }, productOut);
  }

  /** Partial bodies are fine on live despite the spec's `required`. */
  updateProduct(id: JumpsellerProductId, patch: ProductWrite): Promise<JumpsellerProduct> {
    return this.write('PUT', `/products/${id}.json`, { product: patch }, productOut);
  }

  deleteProduct(id: JumpsellerProductId): Promise<DeleteResult> {
    return this.delete(`/products/${id}.json`);
  }

  /**
   * Raw search; matching is partial on live, so a short SKU can match many products. Pages at 100
   * until a short page, or a page with nothing new (in case live ignores paging on search), so an
   * exact match is never hidden behind the first page. Nothing found (even as 404) is an empty list.
   */
  async searchProducts(query: string, fields: readonly string[] = ['sku', 'variants']): Promise<JumpsellerProduct[]> {
    const found = new Map<number, JumpsellerProduct>();
    for (let page = 1; page <= MAX_SEARCH_PAGES; page++) {
      let batch: JumpsellerProduct[];
      try {
        batch = await this.get('/products/search.json', z.array(productOut), { query, fields: fields.join(','), limit: MAX_PAGE_SIZE, page });
      } catch (err) {
        if (err instanceof NotFoundError) break;
        throw err;
      }
      const fresh = batch.filter((p) => !found.has(p.id));
      for (const p of fresh) found.set(p.id, p);
      if (batch.length < MAX_PAGE_SIZE || fresh.length === 0) break;
    }
    return [...found.values()];
  }

  /** Products (or variants) whose SKU equals `sku` exactly, case-sensitively (§7.2 adoption). */
  async findBySku(sku: string): Promise<SkuMatch[]> {
    const matches: SkuMatch[] = [];
    for (const product of await this.searchProducts(sku)) {
      if (product.sku === sku) matches.push({ product, variant: null });
      for (const variant of product.variants ?? []) if (variant.sku === sku) matches.push({ product, variant });
    }
    return matches;
  }

  // Variants (no DELETE in the spec)
  listVariants(productId: JumpsellerProductId): Promise<JumpsellerVariant[]> {
    return this.get(`/products/${productId}/variants.json`, z.array(variantOut));
  }

  createVariant(productId: JumpsellerProductId, variant: VariantWrite): Promise<JumpsellerVariant> {
    return this.write('POST', `/products/${productId}/variants.json`, { variant }, variantOut);
  }

  getVariant(productId: JumpsellerProductId, variantId: JumpsellerVariantId): Promise<JumpsellerVariant> {
    return this.get(`/products/${productId}/variants/${variantId}.json`, variantOut);
  }

  updateVariant(productId: JumpsellerProductId, variantId: JumpsellerVariantId, patch: VariantWrite): Promise<JumpsellerVariant> {
    return this.write('PUT', `/products/${productId}/variants/${variantId}.json`, { variant: patch }, variantOut);
  }

  // Images (created from a public URL)
  listImages(productId: JumpsellerProductId): Promise<JumpsellerImage[]> {
    return this.get(`/products/${productId}/images.json`, z.array(imageOut));
  }

  createImage(productId: JumpsellerProductId, image: ImageCreate): Promise<JumpsellerImage> {
    return this.write('POST', `/products/${productId}/images.json`, { image }, imageOut);
  }

  deleteImage(productId: JumpsellerProductId, imageId: JumpsellerImageId): Promise<DeleteResult> {
    return this.delete(`/products/${productId}/images/${imageId}.json`);
  }

  // Categories: live lists an array (the spec says one object); accept both.
  async listCategories(): Promise<JumpsellerCategory[]> {
    const body = await this.body({ method: 'GET', path: '/categories.json' });
    return this.parse(z.array(categoryOut), Array.isArray(body) ? body : [body], 'GET', '/categories.json');
  }

  createCategory(category: CategoryWrite & { name: string }): Promise<JumpsellerCategory> {
    return this.write('POST', '/categories.json', { category }, categoryOut);
  }

  updateCategory(id: JumpsellerCategoryId, patch: CategoryWrite): Promise<JumpsellerCategory> {
    return this.write('PUT', `/categories/${id}.json`, { category: patch }, categoryOut);
  }

  // Hooks
  listHooks(page = 1): Promise<JumpsellerHook[]> {
    return this.get('/hooks.json', z.array(hookOut), { limit: MAX_PAGE_SIZE, page });
  }

  createHook(hook: HookCreate): Promise<JumpsellerHook> {
    return this.write('POST', '/hooks.json', { hook }, hookOut);
  }

  deleteHook(id: JumpsellerHookId): Promise<DeleteResult> {
    return this.delete(`/hooks/${id}.json`);
  }

  private async body(req: ApiRequest): Promise<unknown> {
    return (await this.transport.send(req)).body;
  }

  private async get<S extends z.ZodType>(path: string, schema: S, query?: ApiRequest['query']): Promise<z.output<S>> {
    return this.parse(schema, await this.body({ method: 'GET', path, query }), 'GET', path);
  }

  private async write<S extends z.ZodType>(method: 'POST' | 'PUT', path: string, body: unknown, schema: S): Promise<z.output<S>> {
    return this.parse(schema, await this.body({ method, path, body }), method, path);
  }

  /** A retried DELETE may find the resource already gone: for the caller that is the same outcome. */
  private async delete(path: string): Promise<DeleteResult> {
    try {
      await this.transport.send({ method: 'DELETE', path });
      return 'deleted';
    } catch (err) {
      if (err instanceof NotFoundError) return 'not_found';
      throw err;
    }
  }

  private parse<S extends z.ZodType>(schema: S, body: unknown, method: string, path: string): z.output<S> {
    const r = schema.safeParse(body);
    if (r.success) return r.data;
    const detail = `unexpected answer shape: ${r.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
    // The create happened (2xx) but we cannot read what was created: resolve like any ambiguous create.
    if (method === 'POST') throw new AmbiguousCreateError(path, detail);
    throw new JumpsellerApiError(200, detail, body, method, path);
  }
}
