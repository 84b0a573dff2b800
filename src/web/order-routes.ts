// Orders on the web (SPEC §10): the cut-off when a store is linked or reauthorized, the "Pedidos"
// block of Mi Empresa (rendered, then polled as JSON like the sync block), and "Reintentar" (queues the
// order again: after the catalog is fixed, a "Requiere atención" order goes through). Tenant-scoped:
// another company's store answers 404.
import type { FastifyInstance } from 'fastify';
import type { CompanyId } from '../company/model.js';
import type { OrderJobs } from '../orders/order-queue.js';
import { onStoreLinked } from '../orders/order-poller.js';
import { retryOrder } from '../orders/order-retry.js';
import { storeOrdersView, type StoreOrdersView } from './orders-view.js';
import type { WebContext } from './context.js';
import { parseIntegrationId, requireCompany } from './require-company.js';

export const ORDERS_SHOWN = 10;

export function ordersWeb(app: FastifyInstance, ctx: WebContext, jobs?: OrderJobs): void {
  const services = ctx.orders;

  ctx.onStoreLinked = (integration) => onStoreLinked(services, integration);

  async function view(company: CompanyId): Promise<StoreOrdersView[]> {
    const integrations = (await ctx.companies.listIntegrations(company)).filter((i) => i.status !== 'unlinked');
    return Promise.all(integrations.map(async (i) => {
      const gate = await services.gate(i);
      return storeOrdersView(i, await services.orders.latest(i.id, ORDERS_SHOWN), gate.ok ? null : gate.reason);
    }));
  }

  ctx.companySections.push(async (company) => {
    const stores = await view(company);
    return stores.length ? { partial: 'orders', data: { orders: { stores } } } : undefined;
  });

  app.get('/empresa/pedidos.json', async (req) => ({ stores: await view(requireCompany(req)) }));

  app.post('/empresa/pedidos/:integration/:order/reintentar', async (req, reply) => {
    const company = requireCompany(req);
    const { integration: rawIntegration, order: rawOrder } = req.params as { integration: string; order: string };
    const id = parseIntegrationId(rawIntegration);
    const integration = id ? await ctx.companies.findIntegration(company, id) : undefined;
    const orderId = /^\d{1,12}$/.test(rawOrder) ? Number(rawOrder) : null;
    if (!integration || orderId === null) return reply.callNotFound();
    const retried = await retryOrder({ orders: services.orders, jobs }, integration.id, orderId);
    if (retried.outcome === 'not_found') return reply.callNotFound();
    if (retried.outcome === 'queue_unavailable') return reply.flash('Los pedidos no se están procesando en este momento; inténtalo en unos minutos.').redirect('/empresa#pedidos', 303);
    return reply.flash(`Pedido #${retried.orderId}: se reintentará en unos segundos.`).redirect('/empresa#pedidos', 303);
  });
}
