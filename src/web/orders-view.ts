// What the "Pedidos" block of Mi Empresa shows per store (SPEC §10 "UI"): the latest orders with their
// status in Jumpseller and in Centry, why one waits ("Requiere atención" with the reason), and whether
// the store must "Reautorizar" to read orders. Plain data, rendered by views/partials/orders.eta and
// redrawn by views/static/orders.js from the same JSON.
import type { Integration } from '../company/model.js';
import { formatWhen } from './format.js';
import { grants } from '../company/store-hooks.js';
import { formatMinor } from '../pricing/money.js';
import type { OrderState, OrderSync } from '../orders/order-repository.js';
import type { CentryStatus } from '../orders/order-status.js';

const JUMPSELLER: Record<string, string> = { paid: 'Pagado', pending_payment: 'Pendiente de pago', canceled: 'Cancelado', abandoned: 'Abandonado' };
const SHIPMENT: Record<string, string> = { in_transit: 'en tránsito', pickup_available: 'listo para retiro', delivered: 'entregado', requested: 'envío solicitado', failed: 'envío fallido' };
const CENTRY: Record<CentryStatus, string> = {
  pending: 'Pendiente', shipped: 'Enviado', received: 'Recibido', cancelled_before_shipping: 'Cancelado', cancelled_after_shipping: 'Cancelado (tras el envío)',
};
export const STATE_LABELS: Record<OrderState, string> = {
  queued: 'En cola', waiting: 'En espera', sent: 'En Centry', attention: 'Requiere atención', error: 'Error', skipped: 'No se envía',
};

export interface OrderRowView {
  id: number;
  number: string;
  date: string;
  total: string;
  jumpsellerStatus: string;
  centryStatus: string;
  state: OrderState;
  stateLabel: string;
  reason: string | null;
  canRetry: boolean;
}

export interface StoreOrdersView {
  integrationId: number;
  storeName: string;
  needsReauthorization: boolean;
  /** Why this store's orders do not go to Centry now (setting off, Centry not linked…), or null. */
  off: string | null;
  orders: OrderRowView[];
}

/** Jumpseller's `created_at` ("2025-03-10 12:00:00 -0300" or ISO) as es-CL, else as it came. */
function placed(raw: string | null): string {
  if (!raw) return '—';
  const d = new Date(raw.replace(/^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})$/, '$1T$2$3:$4'));
  return Number.isNaN(d.getTime()) ? raw.slice(0, 16) : formatWhen(d);
}

export function orderRowView(o: OrderSync): OrderRowView {
  const js = o.jumpsellerStatus ? (JUMPSELLER[o.jumpsellerStatus] ?? o.jumpsellerStatus) : '—';
  const ship = o.shipmentStatus ? SHIPMENT[o.shipmentStatus] : undefined;
  return {
    id: o.jumpsellerOrderId,
    number: `#${o.jumpsellerOrderId}`,
    date: placed(o.placedAtOrigin),
    total: o.totalMinor !== null && o.currency ? formatMinor(o.totalMinor, o.currency) : '—',
    jumpsellerStatus: ship ? `${js}, ${ship}` : js,
    centryStatus: o.centryStatus ? CENTRY[o.centryStatus] : '—',
    state: o.state,
    stateLabel: STATE_LABELS[o.state],
    reason: o.reason,
    canRetry: o.state === 'attention' || o.state === 'error' || o.state === 'waiting',
  };
}

export function storeOrdersView(integration: Pick<Integration, 'id' | 'storeName' | 'scope' | 'status'>, rows: OrderSync[], off: string | null): StoreOrdersView {
  return {
    integrationId: integration.id,
    storeName: integration.storeName,
    needsReauthorization: integration.status === 'reauth_required' || !grants(integration.scope, 'read_orders'),
    off,
    orders: rows.map(orderRowView),
  };
}
