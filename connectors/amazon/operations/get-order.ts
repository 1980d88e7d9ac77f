/** getOrder — GET /orders/v0/orders/{orderId} (Orders API v0). */
import type { AmazonCallOptions, AmazonRequest, AmazonResponse, AmazonSend } from '../client.js';
import { amazonContractError } from '../errors.js';
import { AmazonGetOrderResponseSchema } from '../schemas.js';
import { requireNonEmpty } from './validation.js';

export { parseAmazonOrder, type ParseAmazonOrderResult } from '../schemas.js';

const OPERATION = 'getOrder';

export interface GetOrderResult {
  /** The raw order; parse it with parseAmazonOrder. */
  readonly order: unknown;
  readonly requestId?: string;
}

export function buildGetOrderRequest(orderId: string): AmazonRequest {
  requireNonEmpty(OPERATION, 'orderId', orderId);
  return { operation: OPERATION, path: `/orders/v0/orders/${encodeURIComponent(orderId)}` };
}

export function parseGetOrderResponse(response: AmazonResponse): GetOrderResult {
  const parsed = AmazonGetOrderResponseSchema.safeParse(response.data);
  if (!parsed.success) throw amazonContractError(OPERATION, 'response is not a GetOrderResponse (payload object missing)', response);
  return { order: parsed.data.payload, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}

export async function getOrder(send: AmazonSend, orderId: string, options?: AmazonCallOptions): Promise<GetOrderResult> {
  const request = buildGetOrderRequest(orderId);
  return parseGetOrderResponse(await send(request, options));
}
