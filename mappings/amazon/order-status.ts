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

/**
 * Orders API 2026-01-01 `fulfillment.fulfillmentStatus` → canonical status (the model's
 * FulfillmentStatus enum: v0's OrderStatus in UPPER_SNAKE_CASE, `CANCELLED` with two Ls, and
 * no InvoiceUnconfirmed).
 */
export const AMAZON_2026_FULFILLMENT_STATUS: ReadonlyMap<string, OrderStatus> = new Map<string, OrderStatus>([
  ['PENDING', 'pending'],
  ['PENDING_AVAILABILITY', 'pending'],
  ['UNSHIPPED', 'unshipped'],
  ['PARTIALLY_SHIPPED', 'partially_shipped'],
  ['SHIPPED', 'shipped'],
  ['CANCELLED', 'cancelled'],
  ['UNFULFILLABLE', 'unfulfillable'],
]);

/** Canonical status for a 2026-01-01 fulfillment status, or undefined for a value not in the table. */
export function amazon2026OrderStatus(raw: string): OrderStatus | undefined {
  return AMAZON_2026_FULFILLMENT_STATUS.get(raw);
}
