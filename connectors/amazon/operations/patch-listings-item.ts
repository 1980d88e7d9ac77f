/**
 * patchListingsItem — PATCH /listings/2021-08-01/items/{sellerId}/{sku} (Listings Items 2021-08-01):
 * JSON Patch operations (add, replace, merge, delete) on the listing's attributes, optionally
 * only validated (`mode: VALIDATION_PREVIEW`). A PATCH is not resent after a transient failure
 * (the pipeline's rule for PATCH); Temporal decides.
 */
import { siteOf } from '../../http/request-checks.js';
import type { CallOptions, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { AmazonListingsItemPatchRequestSchema } from '../schemas/listings-items-2021-08-01.js';
import { buildListingsSubmissionRequest, onSku, parseListingsSubmission, type ListingsSubmissionParams, type ListingsSubmissionResult } from './listings-items-request.js';

const SITE = { ...siteOf(AMAZON, 'patchListingsItem'), operation: 'patchListingsItem' as const };

/** `body`: the ListingsItemPatchRequest `{ productType, patches: [{ op, path, value? }] }`. */
export type PatchListingsItemParams = ListingsSubmissionParams;

export function buildPatchListingsItemRequest(params: PatchListingsItemParams): AmazonRequest {
  return buildListingsSubmissionRequest(SITE, 'PATCH', 'ListingsItemPatchRequest', AmazonListingsItemPatchRequestSchema, params);
}

export async function patchListingsItem(send: Send, params: PatchListingsItemParams, options?: CallOptions): Promise<ListingsSubmissionResult> {
  const request = buildPatchListingsItemRequest(params);
  return onSku(params.sku, async () => parseListingsSubmission(SITE, await send(request, options)));
}
