/**
 * searchOrders — GET /orders/2026-01-01/orders (Orders API 2026-01-01). One page per call; the
 * caller follows `nextToken` (sent back as `paginationToken`, with the same query). Orders come
 * back raw, their items inside: parse each with parseAmazon2026Order so one malformed order does
 * not fail the page. Which blocks an order carries depends on `includedData`: the status, for
 * one, comes only with FULFILLMENT.
 */
import { parseReply } from '../../http/error-factories.js';
import { refuse, requireCsvItems, requireNonEmpty, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { AMAZON_2026_FULFILLMENT_STATUSES, Amazon2026SearchOrdersResponseSchema } from '../schemas/orders-2026-01-01.js';

export { parseAmazon2026Order, type ParseAmazon2026OrderResult } from '../schemas/orders-2026-01-01.js';

const OPERATION = 'searchOrders';
const SITE = siteOf(AMAZON, OPERATION);

/** The model's `includedData` datasets. */
export const AMAZON_2026_INCLUDED_DATA = [
  'BUYER',
  'RECIPIENT',
  'PROCEEDS',
  'EXPENSE',
  'PROMOTION',
  'CANCELLATION',
  'FULFILLMENT',
  'PACKAGES',
  'TAX',
  'PAYMENT',
  'FULFILLMENT_ORDERS',
] as const;
export type Amazon2026IncludedData = (typeof AMAZON_2026_INCLUDED_DATA)[number];

/** What the canonical mapping reads: status and windows, money, buyer, ship-to, promotions, tax collection. */
export const AMAZON_2026_DEFAULT_INCLUDED_DATA: readonly Amazon2026IncludedData[] = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'PROMOTION', 'FULFILLMENT', 'TAX'];

export interface SearchOrdersParams {
  /** At most 50. The client fills in the connection's marketplaceIds when omitted. */
  readonly marketplaceIds?: readonly string[];
  /** ISO 8601, sent as given. Exactly one of createdAfter and lastUpdatedAfter. */
  readonly createdAfter?: string;
  readonly createdBefore?: string;
  readonly lastUpdatedAfter?: string;
  readonly lastUpdatedBefore?: string;
  readonly fulfillmentStatuses?: readonly (typeof AMAZON_2026_FULFILLMENT_STATUSES)[number][];
  readonly fulfilledBy?: readonly ('MERCHANT' | 'AMAZON')[];
  /** 1–100, Amazon's default 100. */
  readonly maxResultsPerPage?: number;
  /** Datasets to include; AMAZON_2026_DEFAULT_INCLUDED_DATA when omitted. */
  readonly includedData?: readonly Amazon2026IncludedData[];
  /** The previous page's `nextToken` (valid 24 hours); the rest of the query is sent again. */
  readonly paginationToken?: string;
}

export interface SearchOrdersResult {
  /** Raw orders; parse each with parseAmazon2026Order. */
  readonly orders: unknown[];
  readonly nextToken?: string;
  readonly lastUpdatedBefore?: string;
  readonly createdBefore?: string;
  readonly requestId?: string;
}

function requireAllowed<T extends string>(name: string, values: readonly string[] | undefined, allowed: readonly T[]): readonly string[] | undefined {
  const items = requireCsvItems(SITE, name, values);
  const bad = items?.find((v) => !(allowed as readonly string[]).includes(v));
  if (bad !== undefined) throw refuse(SITE, `${name}: "${bad}" is not one of ${allowed.join(', ')}`);
  return items;
}

/** Builds the request, enforcing the model's parameter rules locally. */
export function buildSearchOrdersRequest(params: SearchOrdersParams): AmazonRequest {
  const { createdAfter, createdBefore, lastUpdatedAfter, lastUpdatedBefore, maxResultsPerPage, paginationToken } = params;
  // Model: exactly one of createdAfter and lastUpdatedAfter; the two families exclude each other.
  if ((createdAfter === undefined) === (lastUpdatedAfter === undefined)) {
    throw refuse(SITE, 'exactly one of createdAfter and lastUpdatedAfter is required');
  }
  if (createdAfter !== undefined && lastUpdatedBefore !== undefined) {
    throw refuse(SITE, 'lastUpdatedBefore cannot be set when createdAfter is set');
  }
  if (lastUpdatedAfter !== undefined && createdBefore !== undefined) {
    throw refuse(SITE, 'createdBefore cannot be set when lastUpdatedAfter is set');
  }
  for (const [name, value] of Object.entries({ createdAfter, createdBefore, lastUpdatedAfter, lastUpdatedBefore, paginationToken })) {
    if (value !== undefined) requireNonEmpty(SITE, name, value);
  }
  if (maxResultsPerPage !== undefined && (!Number.isInteger(maxResultsPerPage) || maxResultsPerPage < 1 || maxResultsPerPage > 100)) {
    throw refuse(SITE, `maxResultsPerPage must be an integer from 1 to 100, got ${maxResultsPerPage}`);
  }
  const query: AmazonRequest['query'] = [
    ['createdAfter', createdAfter],
    ['createdBefore', createdBefore],
    ['lastUpdatedAfter', lastUpdatedAfter],
    ['lastUpdatedBefore', lastUpdatedBefore],
    ['fulfillmentStatuses', requireAllowed('fulfillmentStatuses', params.fulfillmentStatuses, AMAZON_2026_FULFILLMENT_STATUSES)],
    ['marketplaceIds', requireCsvItems(SITE, 'marketplaceIds', params.marketplaceIds, { max: 50 })],
    ['fulfilledBy', requireAllowed('fulfilledBy', params.fulfilledBy, ['MERCHANT', 'AMAZON'] as const)],
    ['maxResultsPerPage', maxResultsPerPage],
    ['includedData', requireAllowed('includedData', params.includedData ?? AMAZON_2026_DEFAULT_INCLUDED_DATA, AMAZON_2026_INCLUDED_DATA)],
    ['paginationToken', paginationToken],
  ];
  return { operation: OPERATION, path: '/orders/2026-01-01/orders', query };
}

/** Validates the envelope strictly (contract error) and hands the orders back raw. */
export function parseSearchOrdersResponse(response: PipelineResponse): SearchOrdersResult {
  const { orders, pagination, lastUpdatedBefore, createdBefore } = parseReply(SITE, Amazon2026SearchOrdersResponseSchema, response, 'SearchOrdersResponse');
  const nextToken = pagination?.nextToken;
  return {
    orders,
    // An empty nextToken means the last page, like an absent one.
    ...(nextToken ? { nextToken } : {}),
    ...(lastUpdatedBefore === undefined ? {} : { lastUpdatedBefore }),
    ...(createdBefore === undefined ? {} : { createdBefore }),
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
  };
}

export async function searchOrders(send: Send, params: SearchOrdersParams, options?: CallOptions): Promise<SearchOrdersResult> {
  return parseSearchOrdersResponse(await send(buildSearchOrdersRequest(params), options));
}
