/** getOrder — GET /orders/v0/orders/{orderId} (Orders API v0). */
import { parseReply } from '../../http/error-factories.js';
import { requireNonEmpty, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { AmazonGetOrderResponseSchema } from '../schemas.js';

export { parseAmazonOrder, type ParseAmazonOrderResult } from '../schemas.js';

const OPERATION = 'getOrder';
const SITE = siteOf(AMAZON, OPERATION);

export interface GetOrderResult {
  /** The raw order; parse it with parseAmazonOrder. */
  readonly order: unknown;
  readonly requestId?: string;
}

export function buildGetOrderRequest(orderId: string): AmazonRequest {
  return { operation: OPERATION, path: '/orders/v0/orders/{orderId}', pathParams: { orderId: requireNonEmpty(SITE, 'orderId', orderId) } };
}

export function parseGetOrderResponse(response: PipelineResponse): GetOrderResult {
  const { payload } = parseReply(SITE, AmazonGetOrderResponseSchema, response, 'GetOrderResponse');
  return { order: payload, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}

export async function getOrder(send: Send, orderId: string, options?: CallOptions): Promise<GetOrderResult> {
  return parseGetOrderResponse(await send(buildGetOrderRequest(orderId), options));
}
