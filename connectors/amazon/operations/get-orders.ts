/**
 * getOrders — GET /orders/v0/orders (Orders API v0). One page per call; the caller follows
 * `nextToken`. Orders come back raw: parse each with parseAmazonOrder so one malformed order
 * does not fail the page.
 */
import { parseReply } from '../../http/error-factories.js';
import { refuse, requireCsvItems, requireNonEmpty, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { AmazonGetOrdersResponseSchema } from '../schemas.js';

export { parseAmazonOrder, type ParseAmazonOrderResult } from '../schemas.js';

const OPERATION = 'getOrders';
const SITE = siteOf(AMAZON, OPERATION);

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
  const marketplaceIds = requireCsvItems(SITE, 'marketplaceIds', params.marketplaceIds ?? [], { min: 1, max: 50 });
  const path = '/orders/v0/orders';
  if (params.nextToken !== undefined) {
    requireNonEmpty(SITE, 'nextToken', params.nextToken);
    // NextToken keeps the original filters; only MarketplaceIds is required alongside it.
    return { operation: OPERATION, path, query: [['MarketplaceIds', marketplaceIds], ['NextToken', params.nextToken]] };
  }
  const { createdAfter, createdBefore, lastUpdatedAfter, lastUpdatedBefore } = params;
  // Model: either CreatedAfter or LastUpdatedAfter is required, and the two families exclude each other.
  if (createdAfter === undefined && lastUpdatedAfter === undefined) {
    throw refuse(SITE, 'either createdAfter or lastUpdatedAfter is required');
  }
  if (createdAfter !== undefined && (lastUpdatedAfter !== undefined || lastUpdatedBefore !== undefined)) {
    throw refuse(SITE, 'lastUpdatedAfter/lastUpdatedBefore cannot be set when createdAfter is set');
  }
  if (lastUpdatedAfter !== undefined && createdBefore !== undefined) {
    throw refuse(SITE, 'createdAfter/createdBefore cannot be set when lastUpdatedAfter is set');
  }
  for (const [name, value] of Object.entries({ createdAfter, createdBefore, lastUpdatedAfter, lastUpdatedBefore })) {
    if (value !== undefined) requireNonEmpty(SITE, name, value);
  }
  const { maxResultsPerPage } = params;
  if (maxResultsPerPage !== undefined && (!Number.isInteger(maxResultsPerPage) || maxResultsPerPage < 1 || maxResultsPerPage > 100)) {
    throw refuse(SITE, `maxResultsPerPage must be an integer from 1 to 100, got ${maxResultsPerPage}`);
  }
  const query: AmazonRequest['query'] = [
    ['CreatedAfter', createdAfter],
    ['CreatedBefore', createdBefore],
    ['LastUpdatedAfter', lastUpdatedAfter],
    ['LastUpdatedBefore', lastUpdatedBefore],
    ['OrderStatuses', requireCsvItems(SITE, 'orderStatuses', params.orderStatuses)],
    ['MarketplaceIds', marketplaceIds],
    ['FulfillmentChannels', requireCsvItems(SITE, 'fulfillmentChannels', params.fulfillmentChannels)],
    ['MaxResultsPerPage', maxResultsPerPage],
  ];
  return { operation: OPERATION, path, query };
}

/** Validates the envelope strictly (contract error) and hands the orders back raw. */
export function parseGetOrdersResponse(response: PipelineResponse): GetOrdersResult {
  const { Orders, NextToken, LastUpdatedBefore, CreatedBefore } = parseReply(SITE, AmazonGetOrdersResponseSchema, response, 'GetOrdersResponse').payload;
  return {
    orders: Orders,
    // An empty NextToken means the last page, like an absent one.
    ...(NextToken ? { nextToken: NextToken } : {}),
    ...(LastUpdatedBefore === undefined ? {} : { lastUpdatedBefore: LastUpdatedBefore }),
    ...(CreatedBefore === undefined ? {} : { createdBefore: CreatedBefore }),
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
  };
}

export async function getOrders(send: Send, params: GetOrdersParams, options?: CallOptions): Promise<GetOrdersResult> {
  return parseGetOrdersResponse(await send(buildGetOrdersRequest(params), options));
}
