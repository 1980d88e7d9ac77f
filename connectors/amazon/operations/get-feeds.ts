/**
 * getFeeds — GET /feeds/2021-06-30/feeds (Feeds 2021-06-30): one page of feeds. Either feedTypes
 * or nextToken is required; nextToken goes alone (the model: "Specifying nextToken with any other
 * parameters will cause the request to fail").
 */
import { parseReply } from '../../http/error-factories.js';
import { refuse, requireCsvChoices, requireCsvItems, requireNonEmpty, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { AMAZON_FEED_PROCESSING_STATUSES, AmazonGetFeedsResponseSchema, type AmazonFeed, type AmazonFeedProcessingStatus } from '../schemas/feeds.js';

const OPERATION = 'getFeeds';
const SITE = siteOf(AMAZON, OPERATION);

export interface GetFeedsParams {
  /** 1–10 feed types. */
  readonly feedTypes?: readonly string[];
  /** 1–10 marketplaces (a filter: not filled in from the connection). */
  readonly marketplaceIds?: readonly string[];
  /** 1–100, Amazon's default 10. */
  readonly pageSize?: number;
  readonly processingStatuses?: readonly AmazonFeedProcessingStatus[];
  /** ISO 8601; Amazon's default 90 days ago. */
  readonly createdSince?: string;
  readonly createdUntil?: string;
  /** The previous page's nextToken; sent alone. */
  readonly nextToken?: string;
}

export interface GetFeedsResult {
  readonly feeds: AmazonFeed[];
  readonly nextToken?: string;
  readonly requestId?: string;
}

export function buildGetFeedsRequest(params: GetFeedsParams): AmazonRequest {
  const path = '/feeds/2021-06-30/feeds';
  const { nextToken, pageSize, createdSince, createdUntil } = params;
  if (nextToken !== undefined) {
    requireNonEmpty(SITE, 'nextToken', nextToken);
    const others = Object.entries(params).filter(([k, v]) => k !== 'nextToken' && v !== undefined).map(([k]) => k);
    if (others.length > 0) throw refuse(SITE, `nextToken goes alone, without ${others.join(', ')}`);
    return { operation: OPERATION, path, query: [['nextToken', nextToken]] };
  }
  const feedTypes = requireCsvItems(SITE, 'feedTypes', params.feedTypes ?? [], { min: 1, max: 10 });
  if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)) throw refuse(SITE, `pageSize must be an integer from 1 to 100, got ${pageSize}`);
  for (const [name, value] of Object.entries({ createdSince, createdUntil })) if (value !== undefined) requireNonEmpty(SITE, name, value);
  return {
    operation: OPERATION,
    path,
    query: [
      ['feedTypes', feedTypes],
      ['marketplaceIds', requireCsvItems(SITE, 'marketplaceIds', params.marketplaceIds, { min: 1, max: 10 })],
      ['pageSize', pageSize],
      ['processingStatuses', requireCsvChoices(SITE, 'processingStatuses', params.processingStatuses, AMAZON_FEED_PROCESSING_STATUSES, { min: 1 })],
      ['createdSince', createdSince],
      ['createdUntil', createdUntil],
    ],
  };
}

export function parseGetFeedsResponse(response: PipelineResponse): GetFeedsResult {
  const { feeds, nextToken } = parseReply(SITE, AmazonGetFeedsResponseSchema, response, 'GetFeedsResponse');
  return { feeds, ...(nextToken ? { nextToken } : {}), ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}

export async function getFeeds(send: Send, params: GetFeedsParams, options?: CallOptions): Promise<GetFeedsResult> {
  return parseGetFeedsResponse(await send(buildGetFeedsRequest(params), options));
}
