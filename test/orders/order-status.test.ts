// SPEC §10 "Status": the mapping table and "never backwards", as tables.
import t from 'tap';
import { mappedStatus, nextStatus, type CentryStatus } from '../../src/orders/order-status.js';
import type { JumpsellerOrderStatus } from '../../src/orders/jumpseller-order.js';

type S = JumpsellerOrderStatus | 'unknown';

t.test('Jumpseller status + shipment → Centry _status', async (t) => {
  const cases: [S, string | null, CentryStatus | null][] = [
    ['paid', 'unfulfilled', 'pending'], ['paid', null, 'pending'], ['paid', 'requested', 'pending'], ['paid', 'failed', 'pending'],
    ['paid', 'in_transit', 'shipped'], ['paid', 'pickup_available', 'shipped'], ['paid', 'delivered', 'received'],
    ['canceled', 'unfulfilled', 'cancelled_before_shipping'], ['canceled', null, 'cancelled_before_shipping'],
    ['canceled', 'in_transit', 'cancelled_after_shipping'], ['canceled', 'delivered', 'cancelled_after_shipping'],
    ['pending_payment', 'unfulfilled', null], ['abandoned', null, null], ['unknown', null, null],
  ];
  for (const [status, shipment, want] of cases) t.equal(mappedStatus({ status, shipmentStatus: shipment }), want, `${status}/${shipment}`);
});

t.test('the status to send never goes backwards', async (t) => {
  const cases: [S, string | null, CentryStatus | null, CentryStatus | null, string][] = [
    ['paid', 'unfulfilled', null, 'pending', 'first send'],
    ['paid', 'unfulfilled', 'pending', null, 'same status: nothing to send'],
    ['paid', 'in_transit', 'pending', 'shipped', 'forward'],
    ['paid', 'unfulfilled', 'shipped', null, 'a late paid webhook after shipped'],
    ['paid', 'delivered', 'shipped', 'received', 'forward'],
    ['paid', 'in_transit', 'received', null, 'backwards'],
    ['canceled', 'unfulfilled', 'pending', 'cancelled_before_shipping', 'cancelled before shipping'],
    ['canceled', 'unfulfilled', 'shipped', 'cancelled_after_shipping', 'Centry knew it shipped'],
    ['canceled', 'in_transit', 'pending', 'cancelled_after_shipping', 'Jumpseller says it shipped'],
    ['paid', 'unfulfilled', 'cancelled_before_shipping', null, 'nothing after a cancellation'],
    ['canceled', 'unfulfilled', 'cancelled_before_shipping', null, 'cancelled once'],
    ['pending_payment', null, null, null, 'not paid: not sent'],
    ['pending_payment', null, 'pending', null, 'not paid any more: nothing'],
  ];
  for (const [status, shipment, last, want, why] of cases) t.equal(nextStatus({ status, shipmentStatus: shipment }, last), want, why);
});
