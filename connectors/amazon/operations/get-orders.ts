/**
 * getOrders — GET /orders/v0/orders (Orders API v0). One page per call; the caller follows
 * `nextToken`. Orders come back raw: parse each with parseAmazonOrder so one malformed order
 * does not fail the page.
 */
import { buildQueryString } from '../../http/query.js';
import type { AmazonCallOptions, AmazonRequest, AmazonResponse, AmazonSend } from '../client.js';
import { amazonContractError } from '../errors.js';
import { AmazonGetOrdersResponseSchema, issuePath } from '../schemas.js';
import { invalidRequest, requireCsvItems, requireNonEmpty } from './validation.js';

export { parseAmazonOrder, type ParseAmazonOrderResult } from '../schemas.js';

const OPERATION = 'getOrders';

export interface GetOrdersParams {
  /** At most 50. The client fills in the connection's marketplaceIds when omitted. */
  readonly marketplaceIds?: readonly string[];
  /** ISO 8601, sent as given (e.g. 2026-03-01T00:00:00Z). */
  readonly createdAfter?: string;
  readonly createdBefore?: string;
  readonly lastUpdatedAfter?: string;
  readonly lastUpdatedBefore?: string;
  readonly orderStatuses?: readonly string[];
  /** `AFN` (fulfilled by Amazon), `MFN` (by the seller). */
  readonly fulfillmentChannels?: readonly string[];
  /** 1–100, Amazon's default 100. */
  readonly maxResultsPerPage?: number;
  /** From the previous page; it carries the rest of the query. */
  readonly nextToken?: string;
}

export interface GetOrdersResult {
  /** Raw orders; parse each with parseAmazonOrder. */
  readonly orders: unknown[];
  readonly nextToken?: string;
  readonly lastUpdatedBefore?: string;
  readonly createdBefore?: string;
  readonly requestId?: string;
}

/** Builds the request, enforcing the model's parameter rules locally. */
export function buildGetOrdersRequest(params: GetOrdersParams): AmazonRequest {
  const marketplaceIds = requireCsvItems(OPERATION, 'marketplaceIds', params.marketplaceIds ?? [], { min: 1, max: 50 });
  const path = '/orders/v0/orders';
  if (params.nextToken !== undefined) {
    requireNonEmpty(OPERATION, 'nextToken', params.nextToken);
    // NextToken keeps the original filters; only MarketplaceIds is required alongside it.
    return { operation: OPERATION, path, query: buildQueryString([['MarketplaceIds', marketplaceIds], ['NextToken', params.nextToken]]) };
  }
  const { createdAfter, createdBefore, lastUpdatedAfter, lastUpdatedBefore } = params;
  // Model: either CreatedAfter or LastUpdatedAfter is required, and the two families exclude each other.
  if (createdAfter === undefined && lastUpdatedAfter === undefined) {
    throw invalidRequest(OPERATION, 'either createdAfter or lastUpdatedAfter is required');
  }
  if (createdAfter !== undefined && (lastUpdatedAfter !== undefined || lastUpdatedBefore !== undefined)) {
    throw invalidRequest(OPERATION, 'lastUpdatedAfter/lastUpdatedBefore cannot be set when createdAfter is set');
  }
  if (lastUpdatedAfter !== undefined && createdBefore !== undefined) {
    throw invalidRequest(OPERATION, 'createdAfter/createdBefore cannot be set when lastUpdatedAfter is set');
  }
  for (const [name, value] of Object.entries({ createdAfter, createdBefore, lastUpdatedAfter, lastUpdatedBefore })) {
    if (value !== undefined) requireNonEmpty(OPERATION, name, value);
  }
  const { maxResultsPerPage } = params;
  if (maxResultsPerPage !== undefined && (!Number.isInteger(maxResultsPerPage) || maxResultsPerPage < 1 || maxResultsPerPage > 100)) {
    throw invalidRequest(OPERATION, `maxResultsPerPage must be an integer from 1 to 100, got ${maxResultsPerPage}`);
  }
  const query = buildQueryString([
    ['CreatedAfter', createdAfter],
    ['CreatedBefore', createdBefore],
    ['LastUpdatedAfter', lastUpdatedAfter],
    ['LastUpdatedBefore', lastUpdatedBefore],
    ['OrderStatuses', requireCsvItems(OPERATION, 'orderStatuses', params.orderStatuses)],
    ['MarketplaceIds', marketplaceIds],
    ['FulfillmentChannels', requireCsvItems(OPERATION, 'fulfillmentChannels', params.fulfillmentChannels)],
    ['MaxResultsPerPage', maxResultsPerPage],
  ]);
  return { operation: OPERATION, path, query };
}

/** Validates the envelope strictly (contract error) and hands the orders back raw. */
export function parseGetOrdersResponse(response: AmazonResponse): GetOrdersResult {
  const parsed = AmazonGetOrdersResponseSchema.safeParse(response.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` (${issuePath(issue.path) || '(root)'}: ${issue.message})`;
    throw amazonContractError(OPERATION, `response is not a GetOrdersResponse${where}`, response);
  }
  const { Orders, NextToken, LastUpdatedBefore, CreatedBefore } = parsed.data.payload;
  return {
    orders: Orders,
    // An empty NextToken means the last page, like an absent one.
    ...(NextToken ? { nextToken: NextToken } : {}),
    ...(LastUpdatedBefore === undefined ? {} : { lastUpdatedBefore: LastUpdatedBefore }),
    ...(CreatedBefore === undefined ? {} : { createdBefore: CreatedBefore }),
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
  };
}

export async function getOrders(send: AmazonSend, params: GetOrdersParams, options?: AmazonCallOptions): Promise<GetOrdersResult> {
  const request = buildGetOrdersRequest(params);
  return parseGetOrdersResponse(await send(request, options));
}
