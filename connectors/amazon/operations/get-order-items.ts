/** getOrderItems — GET /orders/v0/orders/{orderId}/orderItems (Orders API v0), paged by NextToken. */
import { contractError, parseReply } from '../../http/error-factories.js';
import { requireNonEmpty, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { AmazonGetOrderItemsResponseSchema } from '../schemas.js';

export { parseAmazonOrderItem, type ParseAmazonOrderItemResult } from '../schemas.js';

const OPERATION = 'getOrderItems' as const;
const SITE = siteOf(AMAZON, OPERATION);

/** Guard against a vendor loop handing out NextTokens forever. */
export const MAX_ORDER_ITEM_PAGES = 100;

export interface GetOrderItemsResult {
  readonly amazonOrderId: string;
  /** Raw items; parse each with parseAmazonOrderItem. */
  readonly items: unknown[];
  readonly nextToken?: string;
  readonly requestId?: string;
}

export function buildGetOrderItemsRequest(orderId: string, nextToken?: string): AmazonRequest {
  const request: AmazonRequest = { operation: OPERATION, path: '/orders/v0/orders/{orderId}/orderItems', pathParams: { orderId: requireNonEmpty(SITE, 'orderId', orderId) } };
  return nextToken === undefined ? request : { ...request, query: [['NextToken', requireNonEmpty(SITE, 'nextToken', nextToken)]] };
}

export function parseGetOrderItemsResponse(response: PipelineResponse): GetOrderItemsResult {
  const { AmazonOrderId, OrderItems, NextToken } = parseReply(SITE, AmazonGetOrderItemsResponseSchema, response, 'GetOrderItemsResponse').payload;
  return {
    amazonOrderId: AmazonOrderId,
    items: OrderItems,
    ...(NextToken ? { nextToken: NextToken } : {}),
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
  };
}

export async function getOrderItems(
  send: Send,
  orderId: string,
  nextToken?: string,
  options?: CallOptions,
): Promise<GetOrderItemsResult> {
  return parseGetOrderItemsResponse(await send(buildGetOrderItemsRequest(orderId, nextToken), options));
}

/** Follows NextToken to the last page; returns all raw items of the order. */
export async function getAllOrderItems(send: Send, orderId: string, options?: CallOptions): Promise<unknown[]> {
  const items: unknown[] = [];
  const seenTokens = new Set<string>();
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await getOrderItems(send, orderId, nextToken, options);
    pages += 1;
    items.push(...page.items);
    nextToken = page.nextToken;
    if (nextToken !== undefined) {
      if (seenTokens.has(nextToken) || pages >= MAX_ORDER_ITEM_PAGES) {
        throw contractError(SITE, `NextToken does not advance after ${pages} page(s) of order ${orderId}`);
      }
      seenTokens.add(nextToken);
    }
  } while (nextToken !== undefined);
  return items;
}
