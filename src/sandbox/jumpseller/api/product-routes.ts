// Products of the API stand-in (../shared/jumpseller/API-NOTES.md "REST API v1"): list (`limit` ≤ 100,
// `page`), count, get, create (answers 201), partial update, delete, search (partial matching like
// live, `fields` comma-separated) and `after/{id}`.
import type { FastifyInstance } from 'fastify';
import type { ProductRecord } from './store-catalog.js';
import { wrapProduct } from './render.js';
import { productCreateBody, productUpdateBody } from './request-schemas.js';
import { answer, bodyOf, idParam, notFound, storeOf, unprocessable } from './respond.js';
import { addError, listParams, pageOf, type FieldErrors } from './validate.js';

type Query = Record<string, string | undefined>;

const SEARCH_FIELDS = ['sku', 'barcode', 'brand', 'name', 'description', 'variants', 'option_name', 'custom_fields', 'custom_fields_selects'];
const SEARCH_STATUSES = ['available', 'not-available', 'disabled', 'featured'];

/** Which products a search matches: case-insensitive substring on the chosen fields (partial, like live). */
export function searchMatches(products: ProductRecord[], q: Query): { ok: true; products: ProductRecord[] } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const query = (q.query ?? '').trim().toLowerCase();
  if (!query) addError(errors, 'query', "can't be blank");
  const fields = (q.fields ?? 'name,sku').split(',').map((f) => f.trim()).filter(Boolean);
  for (const f of fields) if (!SEARCH_FIELDS.includes(f)) addError(errors, 'fields', `${f} is not searchable`);
  if (q.status && !SEARCH_STATUSES.includes(q.status)) addError(errors, 'status', 'is not included in the list');
  const categories = (q.categories ?? '').split(',').filter(Boolean).map(Number);
  if (categories.some((c) => !Number.isInteger(c))) addError(errors, 'categories', 'must be comma-separated ids');
  if (Object.keys(errors).length) return { ok: false, errors };
  const has = (v: unknown) => typeof v === 'string' && v.toLowerCase().includes(query);
  const found = products.filter((p) => {
    if (q.status === 'featured' ? p.fields.featured !== true : q.status && p.fields.status !== q.status) return false;
    if (categories.length && !categories.some((c) => p.categoryIds.includes(c))) return false;
    return fields.some((f) => {
      if (f === 'variants') return p.variants.some((v) => has(v.fields.sku));
      if (f === 'option_name') return p.variants.some((v) => v.options.some((o) => has(o.name) || has(o.value)));
      return has(p.fields[f]);
    });
  });
  return { ok: true, products: found };
}

export function productRoutes(api: FastifyInstance): void {
  const render = (req: Parameters<typeof storeOf>[0]) => (p: ProductRecord) => wrapProduct(p, storeOf(req).categories);

  api.get('/products.json', async (req, reply) => {
    const lp = listParams(req.query as Query);
    if (!lp.ok) return unprocessable(reply, lp.errors);
    return pageOf(storeOf(req).catalog.list(), lp.params).map(render(req));
  });

  api.get('/products/count.json', async (req) => ({ count: storeOf(req).catalog.products.size }));

  // Not in the spec's query parameters, but a search without paging could hide matches: accept
  // limit/page like the lists (an assumption, see docs/adr/0003).
  api.get('/products/search.json', async (req, reply) => {
    const lp = listParams(req.query as Query);
    if (!lp.ok) return unprocessable(reply, lp.errors);
    const r = searchMatches(storeOf(req).catalog.list(), req.query as Query);
    if (!r.ok) return unprocessable(reply, r.errors);
    return pageOf(r.products, lp.params).map(render(req));
  });

  api.get('/products/after/:id.json', async (req, reply) => {
    const id = idParam(req);
    const lp = listParams(req.query as Query);
    if (id === null) return notFound(reply, 'Product not found.');
    if (!lp.ok) return unprocessable(reply, lp.errors);
    return storeOf(req).catalog.list().filter((p) => p.id > id).slice(0, lp.params.limit).map(render(req));
  });

  api.get('/products/:id.json', async (req, reply) => {
    const id = idParam(req);
    const p = id === null ? undefined : storeOf(req).catalog.products.get(id);
    return p ? render(req)(p) : notFound(reply, 'Product not found.');
  });

  api.post('/products.json', async (req, reply) => {
    const body = bodyOf<{ product: Record<string, unknown> }>(req, reply, productCreateBody);
    if (!body) return reply;
    return answer(reply, storeOf(req).catalog.create(body.product), render(req), 201);
  });

  api.put('/products/:id.json', async (req, reply) => {
    const id = idParam(req);
    if (id === null) return notFound(reply, 'Product not found.');
    const body = bodyOf<{ product: Record<string, unknown> }>(req, reply, productUpdateBody);
    if (!body) return reply;
    return answer(reply, storeOf(req).catalog.update(id, body.product), render(req));
  });

  api.delete('/products/:id.json', async (req, reply) => {
    const id = idParam(req);
    if (id === null || !storeOf(req).catalog.delete(id)) return notFound(reply, 'Product not found.');
    return reply.type('application/json').send(JSON.stringify('OK'));
  });
}
