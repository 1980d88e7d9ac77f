import type { OrderStatus } from '../canonical/order.js';

/**
 * Orders v0 `OrderStatus` → canonical status. PendingAvailability is a pre-order waiting for
 * stock (Japan): like Pending, it is not yet paid and carries no prices.
 */
export const AMAZON_ORDER_STATUS: ReadonlyMap<string, OrderStatus> = new Map<string, OrderStatus>([
  ['Pending', 'pending'],
  ['PendingAvailability', 'pending'],
  ['Unshipped', 'unshipped'],
  ['PartiallyShipped', 'partially_shipped'],
  ['Shipped', 'shipped'],
  ['Canceled', 'cancelled'],
  ['Unfulfillable', 'unfulfillable'],
  ['InvoiceUnconfirmed', 'invoice_unconfirmed'],
]);

/** Canonical status for an Amazon status, or undefined when Amazon sent a status not in the table. */
export function amazonOrderStatus(raw: string): OrderStatus | undefined {
  return AMAZON_ORDER_STATUS.get(raw);
}
