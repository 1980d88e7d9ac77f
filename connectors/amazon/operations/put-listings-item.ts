/**
 * putListingsItem — PUT /listings/2021-08-01/items/{sellerId}/{sku} (Listings Items 2021-08-01):
 * creates the listing or replaces all of its attributes. With `mode: VALIDATION_PREVIEW` Amazon
 * only validates (status VALID or INVALID, nothing applied). One marketplace per call (model:
 * marketplaceIds maxItems 1). The reply is handed back parsed, unmapped.
 */
import { siteOf } from '../../http/request-checks.js';
import type { CallOptions, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { AmazonListingsItemPutRequestSchema } from '../schemas/listings-items-2021-08-01.js';
import { buildListingsSubmissionRequest, onSku, parseListingsSubmission, type ListingsSubmissionParams, type ListingsSubmissionResult } from './listings-items-request.js';

const SITE = { ...siteOf(AMAZON, 'putListingsItem'), operation: 'putListingsItem' as const };

/** `body`: the ListingsItemPutRequest `{ productType, requirements?, attributes }`. */
export type PutListingsItemParams = ListingsSubmissionParams;

export function buildPutListingsItemRequest(params: PutListingsItemParams): AmazonRequest {
  return buildListingsSubmissionRequest(SITE, 'PUT', 'ListingsItemPutRequest', AmazonListingsItemPutRequestSchema, params, 1);
}

export async function putListingsItem(send: Send, params: PutListingsItemParams, options?: CallOptions): Promise<ListingsSubmissionResult> {
  const request = buildPutListingsItemRequest(params);
  return onSku(params.sku, async () => parseListingsSubmission(SITE, await send(request, options)));
}
