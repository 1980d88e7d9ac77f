/** getOrderItems — GET /orders/v0/orders/{orderId}/orderItems (Orders API v0), paged by NextToken. */
import { buildQueryString } from '../../http/query.js';
import type { AmazonCallOptions, AmazonRequest, AmazonResponse, AmazonSend } from '../client.js';
import { amazonContractError } from '../errors.js';
import { AmazonGetOrderItemsResponseSchema, issuePath } from '../schemas.js';
import { requireNonEmpty } from './validation.js';

export { parseAmazonOrderItem, type ParseAmazonOrderItemResult } from '../schemas.js';

const OPERATION = 'getOrderItems';

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
  requireNonEmpty(OPERATION, 'orderId', orderId);
  if (nextToken !== undefined) requireNonEmpty(OPERATION, 'nextToken', nextToken);
  const path = `/orders/v0/orders/${encodeURIComponent(orderId)}/orderItems`;
  return nextToken === undefined ? { operation: OPERATION, path } : { operation: OPERATION, path, query: buildQueryString([['NextToken', nextToken]]) };
}

export function parseGetOrderItemsResponse(response: AmazonResponse): GetOrderItemsResult {
  const parsed = AmazonGetOrderItemsResponseSchema.safeParse(response.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` (${issuePath(issue.path) || '(root)'}: ${issue.message})`;
    throw amazonContractError(OPERATION, `response is not a GetOrderItemsResponse${where}`, response);
  }
  const { AmazonOrderId, OrderItems, NextToken } = parsed.data.payload;
  return {
    amazonOrderId: AmazonOrderId,
    items: OrderItems,
    ...(NextToken ? { nextToken: NextToken } : {}),
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
  };
}

export async function getOrderItems(
  send: AmazonSend,
  orderId: string,
  nextToken?: string,
  options?: AmazonCallOptions,
): Promise<GetOrderItemsResult> {
  const request = buildGetOrderItemsRequest(orderId, nextToken);
  return parseGetOrderItemsResponse(await send(request, options));
}

/** Follows NextToken to the last page; returns all raw items of the order. */
export async function getAllOrderItems(send: AmazonSend, orderId: string, options?: AmazonCallOptions): Promise<unknown[]> {
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
        throw amazonContractError(OPERATION, `NextToken does not advance after ${pages} page(s) of order ${orderId}`, {});
      }
      seenTokens.add(nextToken);
    }
  } while (nextToken !== undefined);
  return items;
}
