/**
 * getListingsItem — GET /listings/2021-08-01/items/{sellerId}/{sku} (Listings Items 2021-08-01).
 * Which blocks the Item carries depends on `includedData` (Amazon's default: summaries only).
 */
import { parseReply } from '../../http/error-factories.js';
import { requireCsvChoices, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { AmazonListingsItemSchema, type AmazonListingsItem } from '../schemas/listings-items-2021-08-01.js';
import { listingsItemTarget, onSku, type ListingsItemKey } from './listings-items-request.js';

const OPERATION = 'getListingsItem';
const SITE = siteOf(AMAZON, OPERATION);

/** The model's `includedData` datasets of getListingsItem. */
export const AMAZON_LISTINGS_ITEM_INCLUDED_DATA = ['summaries', 'attributes', 'issues', 'offers', 'fulfillmentAvailability', 'procurement', 'relationships', 'productTypes'] as const;
export type AmazonListingsItemIncludedData = (typeof AMAZON_LISTINGS_ITEM_INCLUDED_DATA)[number];

/** What the listings mapping reads (mappings/amazon/listings-item.ts). */
export const AMAZON_LISTINGS_ITEM_DEFAULT_INCLUDED_DATA: readonly AmazonListingsItemIncludedData[] = ['summaries', 'attributes', 'issues', 'offers', 'fulfillmentAvailability'];

export interface GetListingsItemParams extends ListingsItemKey {
  /** AMAZON_LISTINGS_ITEM_DEFAULT_INCLUDED_DATA when omitted. */
  readonly includedData?: readonly AmazonListingsItemIncludedData[];
}

export interface GetListingsItemResult {
  readonly item: AmazonListingsItem;
  readonly requestId?: string;
}

export function buildGetListingsItemRequest(params: GetListingsItemParams): AmazonRequest {
  const { marketplaceIds, ...target } = listingsItemTarget(SITE, params);
  const includedData = requireCsvChoices(SITE, 'includedData', params.includedData ?? AMAZON_LISTINGS_ITEM_DEFAULT_INCLUDED_DATA, AMAZON_LISTINGS_ITEM_INCLUDED_DATA);
  return {
    operation: OPERATION,
    ...target,
    query: [
      ['marketplaceIds', marketplaceIds],
      ['issueLocale', params.issueLocale],
      ['includedData', includedData],
    ],
  };
}

export function parseGetListingsItemResponse(response: PipelineResponse): GetListingsItemResult {
  const item = parseReply(SITE, AmazonListingsItemSchema, response, 'Item');
  return { item, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}

export async function getListingsItem(send: Send, params: GetListingsItemParams, options?: CallOptions): Promise<GetListingsItemResult> {
  const request = buildGetListingsItemRequest(params);
  return onSku(params.sku, async () => parseGetListingsItemResponse(await send(request, options)));
}
