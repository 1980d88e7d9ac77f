/**
 * cancelFeed — DELETE /feeds/2021-06-30/feeds/{feedId} (Feeds 2021-06-30). Only an IN_QUEUE feed
 * can be cancelled; Amazon answers 200 with an empty body (the model's 200 has no schema).
 */
import { requireNonEmpty, siteOf } from '../../http/request-checks.js';
import type { CallOptions, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';

const OPERATION = 'cancelFeed';
const SITE = siteOf(AMAZON, OPERATION);

export interface CancelFeedResult {
  readonly requestId?: string;
}

export function buildCancelFeedRequest(feedId: string): AmazonRequest {
  // The 200 has no body: read as bytes, so it is not taken for a broken JSON reply (errors are still read as JSON).
  return { operation: OPERATION, method: 'DELETE', path: '/feeds/2021-06-30/feeds/{feedId}', pathParams: { feedId: requireNonEmpty(SITE, 'feedId', feedId) }, subject: `feed ${feedId}`, read: 'bytes' };
}

export async function cancelFeed(send: Send, feedId: string, options?: CallOptions): Promise<CancelFeedResult> {
  const response = await send(buildCancelFeedRequest(feedId), options);
  return response.requestId === undefined ? {} : { requestId: response.requestId };
}
