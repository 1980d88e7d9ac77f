/** Canonical orders for store tests, validated against OrderSchema so they are real Orders. */
import { OrderSchema, type Order, type OrderLine } from '../../mappings/canonical/order.js';

export const T0 = new Date('2026-03-02T12:00:00.000Z');
export const T1 = new Date('2026-03-02T12:05:00.000Z');
export const T2 = new Date('2026-03-02T12:10:00.000Z');

export function makeLine(orderId: string, n: number, patch: Partial<OrderLine> = {}): OrderLine {
  return {
    lineId: `${orderId}-L${n}`,
    sku: `CRV-MUG-${String(n).padStart(2, '0')}`,
    title: `Stoneware mug, ${n * 100} ml`,
    quantity: n,
    quantityShipped: 0,
    lineTotal: { amountMinor: 1299 * n, currency: 'EUR' },
    itemTax: { amountMinor: 207 * n, currency: 'EUR' },
    refs: { orderItemId: `${orderId}-L${n}` },
    ...patch,
  };
}

/**
 * An Amazon-like EUR order with two lines. `n` numbers the order (external id and times
 * derive from it); `patch` overrides any top-level field.
 */
export function makeOrder(n: number, patch: Partial<Order> = {}): Order {
  const externalId = `303-${String(n).padStart(7, '0')}-4455667`;
  const minute = String(n % 60).padStart(2, '0');
  const order: Order = {
    channel: 'amazon-eu',
    vendor: 'amazon',
    externalId,
    status: 'unshipped',
    rawStatus: 'Unshipped',
    marketplace: { id: 'A1PA6795UKMFR9', country: 'DE', name: 'Amazon.de' },
    purchasedAt: `2026-03-01T09:${minute}:00Z`,
    updatedAt: `2026-03-01T10:${minute}:00.123Z`,
    currency: 'EUR',
    fulfilment: 'merchant',
    buyer: { name: 'Erika Mustermann', email: 'erika@marketplace.amazon.de' },
    shipTo: {
      name: 'Erika Mustermann',
      lines: ['Heidestraße 17'],
      city: 'Köln',
      postalCode: '51147',
      country: 'DE',
    },
    lines: [makeLine(externalId, 1), makeLine(externalId, 2)],
    totals: {
      orderTotal: { amountMinor: 1299 * 3 + 499, currency: 'EUR' },
      items: { amountMinor: 1299 * 3, currency: 'EUR' },
      shipping: { amountMinor: 499, currency: 'EUR' },
    },
    refs: { amazonOrderId: externalId },
    ...patch,
  };
  return OrderSchema.parse(order);
}

export function makeOrders(count: number, from = 1): Order[] {
  return Array.from({ length: count }, (_, i) => makeOrder(from + i));
}
