// The sandbox store admin's "Pedidos" page: "Simular compra" (a paid order for the chosen products,
// lowering the store's stock like a real checkout, webhooks signed like live) and, per order, the
// merchant's buttons "Marcar enviado", "Marcar entregado" and "Cancelar". A stand-in page, not the app's UI.
import type { FastifyInstance } from 'fastify';
import { esc, page } from '../html.js';
import { adminStoreOf } from './admin-routes.js';
import type { SandboxAuthState } from './auth-state.js';
import { apiStateFor } from './api/api-state.js';
import type { OrderRecord } from './api/store-orders.js';
import type { VariantRecord } from './api/store-catalog.js';

const STATUS = { paid: 'Pagado', pending_payment: 'Pendiente de pago', canceled: 'Cancelado', abandoned: 'Abandonado' };
const SHIPMENT = { unfulfilled: 'Sin enviar', requested: 'Solicitado', in_transit: 'En tránsito', pickup_available: 'Listo para retiro', delivered: 'Entregado', failed: 'Fallido' };

function orderRow(o: OrderRecord, code: string): string {
  const total = o.lines.reduce((s, l) => s + l.price * l.qty, 0) + o.shipping;
  const button = (action: string, label: string, show: boolean) => show
    ? `<form method="post" action="/admin/cl/orders/${o.id}/${action}?store=${esc(code)}" style="display:inline"><button class="secondary">${label}</button></form>` : '';
  return `<tr data-order="${o.id}"><td>#${o.id}</td><td>${esc(o.lines.map((l) => `${l.qty} × ${l.sku ?? l.name}`).join(', '))}</td>
<td>$${total.toLocaleString('es-CL')}</td><td class="status">${STATUS[o.status]}</td><td class="shipment">${SHIPMENT[o.shipment]}</td>
<td>${button('ship', 'Marcar enviado', o.status === 'paid' && (o.shipment === 'unfulfilled' || o.shipment === 'requested'))}
${button('deliver', 'Marcar entregado', o.status === 'paid' && o.shipment === 'in_transit')}
${button('cancel', 'Cancelar', o.status === 'paid' || o.status === 'pending_payment')}</td></tr>`;
}

export function ordersAdminRoutes(app: FastifyInstance, auth: SandboxAuthState): void {
  const state = apiStateFor(auth);

  app.get('/admin/:locale/orders', async (req, reply) => {
    const code = adminStoreOf(req, auth);
    if (!code) return reply.code(404).type('text/html').send(page('No encontrado', '<main><h1>La tienda no existe</h1></main>'));
    const store = state.store(code);
    const error = (req.query as { error?: string }).error;
    const lines = store.catalog.list().flatMap((p) => (p.variants.length ? p.variants.map((v) => ({ p, v: v as VariantRecord | undefined })) : [{ p, v: undefined }])).map(({ p, v }) => {
      const holder = (v ?? p).fields;
      const label = `${String(p.fields.name)}${v ? ` — ${v.options.map((o) => o.value).join(' / ')}` : ''}`;
      return `<tr><td>${esc(label)}</td><td>${esc(holder.sku ?? '')}</td><td class="stock">${esc(holder.stock_unlimited === true ? '∞' : holder.stock)}</td>
<td><input type="number" min="0" value="0" style="width:4rem" name="q_${p.id}_${v?.id ?? 0}" aria-label="Cantidad de ${esc(label)}"></td></tr>`;
    }).join('');
    const orders = store.orders.list().map((o) => orderRow(o, code)).join('');
    return reply.type('text/html').send(page(`Pedidos · ${code}`, `<header>Jumpseller · ${esc(auth.stores.get(code)?.name ?? code)} · Pedidos</header><main>
<p><a href="/">← Tiendas</a></p>${error ? `<p role="alert" style="color:#b00">${esc(error)}</p>` : ''}
<h1>Simular compra</h1><form method="post" action="/admin/cl/orders?store=${esc(code)}">
<table><thead><tr><th>Producto</th><th>SKU</th><th>Stock</th><th>Cantidad</th></tr></thead><tbody>${lines || '<tr><td colspan="4">La tienda no tiene productos.</td></tr>'}</tbody></table>
<p><button>Simular compra</button></p></form>
<h2>Pedidos</h2><table id="orders"><thead><tr><th>Pedido</th><th>Productos</th><th>Total</th><th>Estado</th><th>Envío</th><th></th></tr></thead>
<tbody>${orders || '<tr><td colspan="6">Aún no hay pedidos.</td></tr>'}</tbody></table></main>`));
  });

  app.post('/admin/:locale/orders', async (req, reply) => {
    const code = adminStoreOf(req, auth);
    if (!code) return reply.code(404).send();
    const body = (req.body ?? {}) as Record<string, string>;
    const lines = Object.entries(body).flatMap(([k, v]) => {
      const m = /^q_(\d+)_(\d+)$/.exec(k);
      const qty = Number(v);
      return m && Number.isInteger(qty) && qty > 0 ? [{ productId: Number(m[1]), variantId: m[2] === '0' ? null : Number(m[2]), qty }] : [];
    });
    const r = state.store(code).orders.purchase(lines);
    const back = `/admin/cl/orders?store=${encodeURIComponent(code)}`;
    return reply.redirect(r.ok ? back : `${back}&error=${encodeURIComponent(r.error === 'no products' ? 'Elige al menos un producto.' : r.error)}`, 303);
  });

  app.post('/admin/:locale/orders/:id/:action', async (req, reply) => {
    const code = adminStoreOf(req, auth);
    if (!code) return reply.code(404).send();
    const { id, action } = req.params as { id: string; action: string };
    const orders = state.store(code).orders;
    const act = { ship: orders.ship, deliver: orders.deliver, cancel: orders.cancel }[action];
    const r = act ? act.call(orders, Number(id)) : { ok: false as const, error: 'acción desconocida' };
    const back = `/admin/cl/orders?store=${encodeURIComponent(code)}`;
    return reply.redirect(r.ok ? back : `${back}&error=${encodeURIComponent(r.error)}`, 303);
  });
}
