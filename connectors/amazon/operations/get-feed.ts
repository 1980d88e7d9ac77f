/** getFeed — GET /feeds/2021-06-30/feeds/{feedId} (Feeds 2021-06-30): the feed and its processingStatus. */
import { parseReply } from '../../http/error-factories.js';
import { requireNonEmpty, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { AmazonFeedSchema, type AmazonFeed } from '../schemas/feeds.js';

const OPERATION = 'getFeed';
const SITE = siteOf(AMAZON, OPERATION);

export interface GetFeedResult {
  readonly feed: AmazonFeed;
  readonly requestId?: string;
}

export function buildGetFeedRequest(feedId: string): AmazonRequest {
  return { operation: OPERATION, path: '/feeds/2021-06-30/feeds/{feedId}', pathParams: { feedId: requireNonEmpty(SITE, 'feedId', feedId) }, subject: `feed ${feedId}` };
}

export function parseGetFeedResponse(response: PipelineResponse): GetFeedResult {
  const feed = parseReply(SITE, AmazonFeedSchema, response, 'Feed');
  return { feed, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}

export async function getFeed(send: Send, feedId: string, options?: CallOptions): Promise<GetFeedResult> {
  return parseGetFeedResponse(await send(buildGetFeedRequest(feedId), options));
}
