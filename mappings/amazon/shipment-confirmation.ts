/**
 * A canonical shipment confirmation → the body of Orders API v0 confirmShipment
 * (ConfirmShipmentRequest: marketplaceId + one PackageDetail).
 *
 * carrierCode: the ordersV0 model types it as free text (its sample sends "FedEx"; the
 * 2026-01-01 model's samples show "UPS", "DPD", "Royal Mail"). The accepted values are Amazon's
 * CarrierCode list of the order fulfillment feed (amzn-base.xsd), reproduced by the SP-API SDKs:
 * a carrier on that list goes by its code, any other as "Other" with its name in carrierName
 * (the model requires carrierName with "Other"), so no code is ever guessed.
 */
import type { Order } from '../canonical/order.js';
import { MappingError, fail, ok, type MappingIssue, type MappingResult } from '../canonical/result.js';
import { SHIPMENT_CONFIRMATION_RECORD_TYPE, type ShipmentConfirmation, type ShippingCarrierCode } from '../canonical/shipment-confirmation.js';

/** Amazon's CarrierCode for each canonical carrier on its list; absent: sent as "Other" with the name. */
export const AMAZON_CARRIER_CODES: Readonly<Partial<Record<ShippingCarrierCode, string>>> = {
  'canada-post': 'Canada Post',
  chronopost: 'Chronopost',
  'deutsche-post': 'Deutsche Post',
  dhl: 'DHL',
  dpd: 'DPD',
  fedex: 'FedEx',
  gls: 'GLS',
  hermes: 'Hermes Logistik Gruppe',
  'la-poste': 'La Poste',
  ontrac: 'OnTrac',
  'poste-italiane': 'Poste Italiane',
  'royal-mail': 'Royal Mail',
  sagawa: 'SagawaExpress',
  ups: 'UPS',
  usps: 'USPS',
  yamato: 'YamatoTransport',
};

export const AMAZON_OTHER_CARRIER = 'Other';

/**
 * ConfirmShipmentRequest as this mapping builds it. (The connector's zod schema in
 * connectors/amazon/operations/confirm-shipment.ts checks it again before it is sent.)
 */
export interface AmazonShipmentConfirmationBody {
  marketplaceId: string;
  packageDetail: {
    packageReferenceId: string;
    carrierCode: string;
    carrierName?: string;
    shippingMethod?: string;
    trackingNumber: string;
    shipDate: string;
    orderItems: { orderItemId: string; quantity: number }[];
  };
}

/**
 * The confirmShipment body of `confirmation` for the stored `order` it confirms: the marketplace
 * comes from the order, each line's orderItemId from the stored line's refs (Amazon's
 * OrderItemId, which is also the canonical lineId).
 */
export function shipmentConfirmationToAmazon(confirmation: ShipmentConfirmation, order: Order): MappingResult<AmazonShipmentConfirmationBody> {
  const issues: MappingIssue[] = [];
  if (order.vendor !== 'amazon') issues.push({ field: 'vendor', message: `the order comes from ${order.vendor}, not Amazon`, value: order.vendor });
  if (order.externalId !== confirmation.externalOrderId) {
    issues.push({ field: 'externalOrderId', message: `confirms order ${confirmation.externalOrderId}, not this one`, value: confirmation.externalOrderId });
  }
  const marketplaceId = order.refs.marketplaceId ?? order.marketplace.id;
  const lines = new Map(order.lines.map((l) => [l.lineId, l]));
  const orderItems: { orderItemId: string; quantity: number }[] = [];
  for (const [i, line] of confirmation.lines.entries()) {
    const stored = lines.get(line.lineId);
    const orderItemId = stored?.refs.orderItemId ?? stored?.lineId;
    if (orderItemId === undefined) issues.push({ field: `lines[${i}].lineId`, message: `order ${order.externalId} has no line ${line.lineId}`, value: line.lineId });
    else orderItems.push({ orderItemId, quantity: line.quantity });
  }
  if (issues.length > 0) return fail(new MappingError(SHIPMENT_CONFIRMATION_RECORD_TYPE, confirmation.externalOrderId, issues));

  const code = AMAZON_CARRIER_CODES[confirmation.carrier.code];
  return ok({
    marketplaceId,
    packageDetail: {
      packageReferenceId: confirmation.packageReference,
      ...(code === undefined ? { carrierCode: AMAZON_OTHER_CARRIER, carrierName: confirmation.carrier.name } : { carrierCode: code }),
      ...(confirmation.service === undefined ? {} : { shippingMethod: confirmation.service }),
      trackingNumber: confirmation.trackingNumber,
      shipDate: confirmation.shipDate,
      orderItems,
    },
  });
}
