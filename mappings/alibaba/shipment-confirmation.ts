import type { Order } from '../canonical/order.js';
import { MappingError, fail, ok, type MappingIssue, type MappingResult } from '../canonical/result.js';
import { SHIPMENT_CONFIRMATION_RECORD_TYPE, type ShipmentConfirmation } from '../canonical/shipment-confirmation.js';

/**
 * A canonical shipment confirmation → the Alibaba.com shipment notice (/alibaba/order/shipment/notify
 * without `trade_id`, which the capability adds from the order id): the carrier by its name, the
 * tracking number, the ship date as the calendar day (UTC) of the ship time. The notice is per
 * order, not per line: a confirmation that leaves units of the order unshipped is refused (the
 * platform would mark the whole order shipped).
 */
export interface AlibabaShipmentNoticeBody {
  logistics_company: string;
  tracking_number: string;
  ship_date: string;
}

export function shipmentConfirmationToAlibaba(confirmation: ShipmentConfirmation, order: Order): MappingResult<AlibabaShipmentNoticeBody> {
  const issues: MappingIssue[] = [];
  if (order.vendor !== 'alibaba') issues.push({ field: 'vendor', message: `the order comes from ${order.vendor}, not Alibaba.com`, value: order.vendor });
  if (order.externalId !== confirmation.externalOrderId) {
    issues.push({ field: 'externalOrderId', message: `confirms order ${confirmation.externalOrderId}, not this one`, value: confirmation.externalOrderId });
  }
  const confirmed = new Map<string, number>();
  for (const l of confirmation.lines) confirmed.set(l.lineId, (confirmed.get(l.lineId) ?? 0) + l.quantity);
  for (const line of order.lines) {
    const left = line.quantity - (line.quantityShipped ?? 0);
    if (left > 0 && (confirmed.get(line.lineId) ?? 0) < left) {
      issues.push({ field: 'lines', message: `Alibaba.com confirms whole orders: line ${line.lineId} has ${left} unit(s) to ship, ${confirmed.get(line.lineId) ?? 0} confirmed`, value: line.lineId });
    }
  }
  if (issues.length > 0) return fail(new MappingError(SHIPMENT_CONFIRMATION_RECORD_TYPE, confirmation.externalOrderId, issues));
  return ok({
    logistics_company: confirmation.carrier.name,
    tracking_number: confirmation.trackingNumber,
    ship_date: confirmation.shipDate.slice(0, 10),
  });
}
