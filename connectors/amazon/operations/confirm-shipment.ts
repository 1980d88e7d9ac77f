/**
 * confirmShipment — POST /orders/v0/orders/{orderId}/shipmentConfirmation (Orders API v0):
 * tells Amazon a seller-fulfilled order's package shipped (carrier, tracking number, items).
 * 204 and no body on success.
 *
 * Orders API 2026-01-01 has no write operation (its model has only searchOrders and getOrder),
 * so shipments are confirmed through v0 whichever API the orders were read with.
 *
 * Not resent after a transient failure (POST). Deviations seen in real replies:
 * - a 400 whose code is `Invalid Input` with a space (the model's own sandbox answer), not in
 *   the error table: the status makes it a validation error;
 * - packageReferenceId refused unless a positive number (jlevers/selling-partner-api#489:
 *   "PackageReferenceId: is invalid, must be a positive numeric value."): checked here first.
 */
import { z } from 'zod';
import { requireNonEmpty, requireValid, siteOf } from '../../http/request-checks.js';
import { isDateTimeLike } from '../../http/wire-leniency.js';
import type { CallOptions, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';

const OPERATION = 'confirmShipment';
const SITE = siteOf(AMAZON, OPERATION);

/** The model's ConfirmShipmentRequest (PackageDetail, ConfirmShipmentOrderItem). */
export const AmazonConfirmShipmentRequestSchema = z.strictObject({
  marketplaceId: z.string().min(1),
  codCollectionMethod: z.enum(['DirectPayment']).optional(),
  packageDetail: z.strictObject({
    packageReferenceId: z.string().regex(/^0*[1-9]\d*$/, 'must be a positive number (as text)'),
    carrierCode: z.string().min(1),
    carrierName: z.string().min(1).optional(),
    shippingMethod: z.string().min(1).optional(),
    trackingNumber: z.string().min(1),
    shipDate: z.string().refine(isDateTimeLike, 'must be an ISO 8601 date-time'),
    shipFromSupplySourceId: z.string().min(1).optional(),
    orderItems: z
      .array(
        z.strictObject({
          orderItemId: z.string().min(1),
          quantity: z.number().int().positive(),
          transparencyCodes: z.array(z.string().min(1)).optional(),
        }),
      )
      .min(1),
  }),
}).refine((r) => r.packageDetail.carrierCode !== 'Other' || r.packageDetail.carrierName !== undefined, {
  message: 'carrierName is required when carrierCode is "Other"',
  path: ['packageDetail', 'carrierName'],
});
export type AmazonConfirmShipmentRequest = z.infer<typeof AmazonConfirmShipmentRequestSchema>;

export interface ConfirmShipmentResult {
  readonly requestId?: string;
}

export function buildConfirmShipmentRequest(orderId: string, confirmation: AmazonConfirmShipmentRequest): AmazonRequest {
  const id = requireNonEmpty(SITE, 'orderId', orderId);
  const body = requireValid(SITE, `shipment confirmation of order ${id}`, AmazonConfirmShipmentRequestSchema, confirmation);
  return {
    operation: OPERATION,
    method: 'POST',
    path: '/orders/v0/orders/{orderId}/shipmentConfirmation',
    pathParams: { orderId: id },
    body: { json: body },
    trace: { orderId: id },
  };
}

export async function confirmShipment(send: Send, orderId: string, confirmation: AmazonConfirmShipmentRequest, options?: CallOptions): Promise<ConfirmShipmentResult> {
  const response = await send(buildConfirmShipmentRequest(orderId, confirmation), options);
  return response.requestId === undefined ? {} : { requestId: response.requestId };
}
