/** deleteListingsItem — DELETE /listings/2021-08-01/items/{sellerId}/{sku} (Listings Items 2021-08-01); one marketplace per call. */
import { siteOf } from '../../http/request-checks.js';
import type { CallOptions, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { listingsItemTarget, onSku, parseListingsSubmission, type ListingsItemKey, type ListingsSubmissionResult } from './listings-items-request.js';

const OPERATION = 'deleteListingsItem';
const SITE = siteOf(AMAZON, OPERATION);

export function buildDeleteListingsItemRequest(key: ListingsItemKey): AmazonRequest {
  const { marketplaceIds, ...target } = listingsItemTarget(SITE, key, 1);
  return {
    operation: OPERATION,
    method: 'DELETE',
    ...target,
    query: [
      ['marketplaceIds', marketplaceIds],
      ['issueLocale', key.issueLocale],
    ],
  };
}

export async function deleteListingsItem(send: Send, key: ListingsItemKey, options?: CallOptions): Promise<ListingsSubmissionResult> {
  const request = buildDeleteListingsItemRequest(key);
  return onSku(key.sku, async () => parseListingsSubmission(SITE, await send(request, options)));
}
