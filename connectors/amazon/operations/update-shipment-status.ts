/**
 * updateShipmentStatus — POST /orders/v0/orders/{orderId}/shipment (Orders API v0): marks an
 * order (or some of its items) ReadyForPickup, PickedUp or RefusedPickup. 204 and no body on
 * success. Orders API 2026-01-01 has no equivalent (see confirm-shipment.ts).
 */
import { z } from 'zod';
import { requireNonEmpty, requireValid, siteOf } from '../../http/request-checks.js';
import type { CallOptions, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';

const OPERATION = 'updateShipmentStatus';
const SITE = siteOf(AMAZON, OPERATION);

/** The model's UpdateShipmentStatusRequest. */
export const AmazonUpdateShipmentStatusRequestSchema = z.strictObject({
  marketplaceId: z.string().min(1),
  shipmentStatus: z.enum(['ReadyForPickup', 'PickedUp', 'RefusedPickup']),
  orderItems: z.array(z.strictObject({ orderItemId: z.string().min(1), quantity: z.number().int().positive() })).min(1).optional(),
});
export type AmazonUpdateShipmentStatusRequest = z.infer<typeof AmazonUpdateShipmentStatusRequestSchema>;

export function buildUpdateShipmentStatusRequest(orderId: string, update: AmazonUpdateShipmentStatusRequest): AmazonRequest {
  const id = requireNonEmpty(SITE, 'orderId', orderId);
  const body = requireValid(SITE, `shipment status of order ${id}`, AmazonUpdateShipmentStatusRequestSchema, update);
  return { operation: OPERATION, method: 'POST', path: '/orders/v0/orders/{orderId}/shipment', pathParams: { orderId: id }, body: { json: body }, trace: { orderId: id } };
}

export async function updateShipmentStatus(send: Send, orderId: string, update: AmazonUpdateShipmentStatusRequest, options?: CallOptions): Promise<{ readonly requestId?: string }> {
  const response = await send(buildUpdateShipmentStatusRequest(orderId, update), options);
  return response.requestId === undefined ? {} : { requestId: response.requestId };
}
