/**
 * A canonical shipment confirmation → aliexpress.solution.order.fulfill's parameters, and the
 * units the channel shows shipped per line. Pure.
 *
 * service_name: AliExpress names carrier services by its own keys (listlogisticsservice's
 * `service_name`, e.g. CPAM; the published clients send EMS, UPS, SPAIN_LOCAL_CORREOS). A carrier
 * with a key in the table goes by it; any other as `other` (the API model: "when
 * serviceName=other, fill in the corresponding tracking website") with the carrier's name in
 * `description` when it is printable ASCII (the model allows English remarks only, 512
 * characters). The hub holds no tracking website for such a carrier: the platform may refuse the
 * confirmation, and the refusal names the field. send_type: `all` when the
 * package ships every unit still to ship, else `part`. out_ref (the order id) is added by the
 * connector.
 */
import type { AliexpressOrderLine } from '../../connectors/aliexpress/schemas/order.js';
import type { Order } from '../canonical/order.js';
import { fail, MappingError, ok, type MappingIssue, type MappingResult } from '../canonical/result.js';
import { SHIPMENT_CONFIRMATION_RECORD_TYPE, type ShipmentConfirmation, type ShippingCarrierCode } from '../canonical/shipment-confirmation.js';

/** AliExpress service keys of canonical carriers. */
export const ALIEXPRESS_SERVICE_NAMES: Readonly<Partial<Record<ShippingCarrierCode, string>>> = {
  correos: 'SPAIN_LOCAL_CORREOS',
  dhl: 'DHL',
  fedex: 'FEDEX_IE',
  ups: 'UPS',
  usps: 'USPS',
};
export const ALIEXPRESS_OTHER_SERVICE = 'other';

export interface AliexpressFulfilmentRequest {
  service_name: string;
  logistics_no: string;
  send_type: 'all' | 'part';
  description?: string;
}

export function shipmentConfirmationToAliexpress(confirmation: ShipmentConfirmation, order: Order): MappingResult<AliexpressFulfilmentRequest> {
  const issues: MappingIssue[] = [];
  if (order.vendor !== 'aliexpress') issues.push({ field: 'vendor', message: `the order comes from ${order.vendor}, not AliExpress`, value: order.vendor });
  if (order.externalId !== confirmation.externalOrderId) issues.push({ field: 'externalOrderId', message: `confirms order ${confirmation.externalOrderId}, not this one`, value: confirmation.externalOrderId });
  const lines = new Map(order.lines.map((l) => [l.lineId, l]));
  const shipping = new Map<string, number>();
  for (const [i, line] of confirmation.lines.entries()) {
    if (!lines.has(line.lineId)) issues.push({ field: `lines[${i}].lineId`, message: `order ${order.externalId} has no line ${line.lineId}`, value: line.lineId });
    shipping.set(line.lineId, (shipping.get(line.lineId) ?? 0) + line.quantity);
  }
  if (issues.length > 0) return fail(new MappingError(SHIPMENT_CONFIRMATION_RECORD_TYPE, confirmation.externalOrderId, issues));
  const all = order.lines.every((l) => (shipping.get(l.lineId) ?? 0) >= l.quantity - (l.quantityShipped ?? 0));
  const key = ALIEXPRESS_SERVICE_NAMES[confirmation.carrier.code];
  const named = [confirmation.carrier.name, confirmation.service].filter((x) => x !== undefined).join(' ').slice(0, 512);
  return ok({
    service_name: key ?? ALIEXPRESS_OTHER_SERVICE,
    logistics_no: confirmation.trackingNumber,
    send_type: all ? 'all' : 'part',
    ...(key === undefined && /^[\x20-\x7e]+$/.test(named) ? { description: named } : {}),
  });
}

/** Child order statuses after the seller shipped (the order statuses of mappings/aliexpress/order.ts). */
const SHIPPED_CHILD_STATUSES = new Set(['WAIT_BUYER_ACCEPT_GOODS', 'FUND_PROCESSING', 'IN_ISSUE', 'FINISH']);

/** Units shipped per line id (the child order id, as the order mapping names lines). */
export function aliexpressShippedQuantities(lines: readonly AliexpressOrderLine[]): Map<string, number> {
  const shipped = new Map<string, number>();
  for (const l of lines) {
    const id = l.child_id ?? l.child_order_id ?? l.id ?? l.order_id;
    const count = l.product_count === undefined ? undefined : Number(l.product_count);
    if (id === undefined || count === undefined || !Number.isSafeInteger(count)) continue;
    shipped.set(id, l.son_order_status !== undefined && SHIPPED_CHILD_STATUSES.has(l.son_order_status) ? count : 0);
  }
  return shipped;
}
