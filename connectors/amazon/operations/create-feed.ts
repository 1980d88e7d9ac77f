/**
 * createFeed — POST /feeds/2021-06-30/feeds (Feeds 2021-06-30), HTTP 202 `{ feedId }`, after
 * the document was uploaded. Not resent after a transient failure (a POST: a second feed would
 * apply the same messages again).
 */
import { parseReply } from '../../http/error-factories.js';
import { requireCsvItems, requireNonEmpty, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { AmazonCreateFeedResponseSchema } from '../schemas/feeds.js';

const OPERATION = 'createFeed';
const SITE = siteOf(AMAZON, OPERATION);

export interface CreateFeedParams {
  /** e.g. JSON_LISTINGS_FEED. */
  readonly feedType: string;
  /** 1–25 (CreateFeedSpecification). The client fills in the connection's marketplaceIds when omitted. */
  readonly marketplaceIds?: readonly string[];
  /** createFeedDocument's feedDocumentId, its content uploaded. */
  readonly inputFeedDocumentId: string;
  /** FeedOptions: string values, by feed type. */
  readonly feedOptions?: Readonly<Record<string, string>>;
}

export interface CreateFeedResult {
  readonly feedId: string;
  readonly requestId?: string;
}

export function buildCreateFeedRequest(params: CreateFeedParams): AmazonRequest {
  const body = {
    feedType: requireNonEmpty(SITE, 'feedType', params.feedType),
    marketplaceIds: requireCsvItems(SITE, 'marketplaceIds', params.marketplaceIds ?? [], { min: 1, max: 25 }),
    inputFeedDocumentId: requireNonEmpty(SITE, 'inputFeedDocumentId', params.inputFeedDocumentId),
    ...(params.feedOptions === undefined ? {} : { feedOptions: params.feedOptions }),
  };
  return { operation: OPERATION, method: 'POST', path: '/feeds/2021-06-30/feeds', subject: body.feedType, body: { json: body } };
}

export function parseCreateFeedResponse(response: PipelineResponse): CreateFeedResult {
  const { feedId } = parseReply(SITE, AmazonCreateFeedResponseSchema, response, 'CreateFeedResponse');
  return { feedId, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}

export async function createFeed(send: Send, params: CreateFeedParams, options?: CallOptions): Promise<CreateFeedResult> {
  return parseCreateFeedResponse(await send(buildCreateFeedRequest(params), options));
}
