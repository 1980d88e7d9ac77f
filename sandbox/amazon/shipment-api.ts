/**
 * Orders v0 confirmShipment (POST /orders/v0/orders/{orderId}/shipmentConfirmation): checks
 * the body against ConfirmShipmentRequest and the order, then records the shipment: the
 * confirmed quantities become QuantityShipped, the order Shipped (or PartiallyShipped) with
 * LastUpdateDate now, so that the next getOrders by LastUpdatedAfter finds it.
 */
import { invalidInput, isRecord, jsonBody, notFound, type ApiReply, type ApiRequest } from './api-types.js';
import { parseIsoDate } from './iso-date.js';
import type { OrderStore } from './order-store.js';

export function confirmShipment(store: OrderStore, req: ApiRequest): ApiReply {
  const orderId = req.params[0] as string;
  const record = store.get(orderId);
  if (!record) return notFound(`Order ${orderId} not found.`);
  const body = jsonBody(req.body);
  if (!body.ok) return body.reply;
  const { marketplaceId, packageDetail, codCollectionMethod } = body.value;
  if (typeof marketplaceId !== 'string') return invalidInput("Missing required field 'marketplaceId'.");
  if (marketplaceId !== record.order.MarketplaceId) return invalidInput(`The order ${orderId} does not belong to marketplace ${marketplaceId}.`);
  if (codCollectionMethod !== undefined && codCollectionMethod !== 'DirectPayment') return invalidInput(`Invalid codCollectionMethod: ${String(codCollectionMethod)}.`);
  if (!isRecord(packageDetail)) return invalidInput("Missing required field 'packageDetail'.");
  for (const field of ['packageReferenceId', 'carrierCode', 'trackingNumber', 'shipDate'] as const) {
    if (typeof packageDetail[field] !== 'string' || packageDetail[field] === '') return invalidInput(`Missing required field 'packageDetail.${field}'.`);
  }
  const shipMs = parseIsoDate(packageDetail.shipDate as string);
  if (shipMs === undefined) return invalidInput(`packageDetail.shipDate is not a valid ISO 8601 date: ${String(packageDetail.shipDate)}.`);
  if (shipMs > req.nowMs) return invalidInput('packageDetail.shipDate cannot be in the future.');
  const lines = packageDetail.orderItems;
  if (!Array.isArray(lines) || lines.length === 0) return invalidInput("Missing required field 'packageDetail.orderItems'.");

  const status = record.order.OrderStatus;
  if (record.order.FulfillmentChannel === 'AFN') return invalidInput(`The order ${orderId} is fulfilled by Amazon; its shipment cannot be confirmed by the seller.`);
  if (status !== 'Unshipped' && status !== 'PartiallyShipped') return invalidInput(`The order ${orderId} has status ${status}; only Unshipped and PartiallyShipped orders can be confirmed.`);

  const shipped = new Map<string, number>();
  for (const [i, line] of lines.entries()) {
    if (!isRecord(line) || typeof line.orderItemId !== 'string') return invalidInput(`packageDetail.orderItems[${i}].orderItemId is required.`);
    if (typeof line.quantity !== 'number' || !Number.isInteger(line.quantity) || line.quantity < 1) {
      return invalidInput(`packageDetail.orderItems[${i}].quantity must be a positive integer.`);
    }
    const item = record.items.find((it) => it.OrderItemId === line.orderItemId);
    if (!item) return invalidInput(`The order item ${line.orderItemId} is not part of order ${orderId}.`);
    const already = (item.QuantityShipped ?? 0) + (shipped.get(item.OrderItemId) ?? 0);
    if (already + line.quantity > item.QuantityOrdered) {
      return invalidInput(`The quantity ${line.quantity} for order item ${line.orderItemId} exceeds the ${item.QuantityOrdered - already} unit(s) left to ship.`);
    }
    shipped.set(item.OrderItemId, (shipped.get(item.OrderItemId) ?? 0) + line.quantity);
  }
  const items = record.items.map((it) => (shipped.has(it.OrderItemId) ? { ...it, QuantityShipped: (it.QuantityShipped ?? 0) + (shipped.get(it.OrderItemId) as number) } : it));
  const units = items.reduce((n, it) => n + it.QuantityOrdered, 0);
  const unitsShipped = items.reduce((n, it) => n + (it.QuantityShipped ?? 0), 0);
  const all = unitsShipped >= units;
  const updated = store.update(
    orderId,
    { OrderStatus: all ? 'Shipped' : 'PartiallyShipped', NumberOfItemsShipped: unitsShipped, NumberOfItemsUnshipped: units - unitsShipped },
    new Date(req.nowMs),
  );
  if (updated) store.upsert([{ ...updated, items: all ? updated.items : items }]);
  return { status: 204 };
}
