// JSON behind the four "Exclusión de Productos" pickers (SPEC §2.4, §6). Products are searched and
// paged in the database (a catalog can hold 100 000 of them); brands and genders too; the category
// tree is sent whole because it is what the tree picker shows.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CatalogCategory } from '../catalog/model.js';
import type { Integration } from '../company/model.js';
import type { IntegrationRouteDeps } from './integration-routes.js';

export interface CategoryNode { id: string; name: string; children: CategoryNode[] }

const PRODUCT_PAGE = 20;
const MAX_QUERY = 100;

const queryOf = (req: FastifyRequest) => {
  const q = req.query as { q?: unknown; offset?: unknown };
  const offset = Number(q.offset ?? 0);
  return { q: String(q.q ?? '').slice(0, MAX_QUERY), offset: Number.isSafeInteger(offset) && offset >= 0 ? Math.min(offset, 1_000_000) : 0 };
};

/**
 * Roots first, children under their parent, by name. A category whose parent is unknown is shown
 * as a root; a cycle in bad data is broken where it is met, so every category appears once.
 */
export function categoryTree(categories: ReadonlyMap<string, CatalogCategory>): CategoryNode[] {
  const nodes = new Map([...categories.values()].map((c) => [c.id, { id: c.id, name: c.name, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  const ancestorsOf = (id: string) => {
    const seen = new Set<string>();
    for (let p = categories.get(id)?.parentId ?? null; p !== null && !seen.has(p); p = categories.get(p)?.parentId ?? null) seen.add(p);
    return seen;
  };
  for (const c of categories.values()) {
    const node = nodes.get(c.id)!;
    const parent = c.parentId === null ? undefined : nodes.get(c.parentId);
    if (parent && !ancestorsOf(parent.id).has(c.id) && parent.id !== c.id) parent.children.push(node);
    else roots.push(node);
  }
  const byName = (list: CategoryNode[]) => {
    list.sort((a, b) => a.name.localeCompare(b.name, 'es') || (a.id < b.id ? -1 : 1));
    for (const n of list) byName(n.children);
    return list;
  };
  return byName(roots);
}

export function integrationPickerRoutes(
  app: FastifyInstance, deps: IntegrationRouteDeps, owned: (req: FastifyRequest) => Promise<Integration | undefined>,
): void {
  app.get('/integraciones/:id/catalogo/productos', async (req, reply) => {
    const integration = await owned(req);
    if (!integration) return reply.callNotFound();
    const { q, offset } = queryOf(req);
    const page = await deps.catalog.search(integration.companyId, { query: q, limit: PRODUCT_PAGE, offset });
    return {
      items: page.items.map((p) => ({ id: p.id, name: p.name, sku: p.variantSku ?? p.sku, active: p.active })),
      hasMore: page.hasMore,
      nextOffset: page.hasMore ? offset + page.items.length : null,
    };
  });

  for (const [path, kind] of [['marcas', 'brands'], ['generos', 'genders']] as const) {
    app.get(`/integraciones/:id/catalogo/${path}`, async (req, reply) => {
      const integration = await owned(req);
      if (!integration) return reply.callNotFound();
      const { q, offset } = queryOf(req);
      const page = await deps.lookup.searchReferences(kind, integration.companyId, q, offset);
      return { ...page, nextOffset: page.hasMore ? offset + page.items.length : null };
    });
  }

  app.get('/integraciones/:id/catalogo/categorias', async (req, reply) => {
    const integration = await owned(req);
    if (!integration) return reply.callNotFound();
    const refs = await deps.catalog.references(integration.companyId);
    return { items: categoryTree(refs.categories) };
  });
}
