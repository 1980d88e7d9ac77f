/**
 * createFeedDocument — POST /feeds/2021-06-30/documents (Feeds 2021-06-30): a document id and a
 * presigned upload URL (valid five minutes), then the upload itself: a PUT of the content to that
 * URL with exactly the Content-Type named here (S3 signed it; another one is refused), without
 * SP-API credentials.
 */
import { parseReply } from '../../http/error-factories.js';
import { requireNonEmpty, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { uploadDocument } from '../documents.js';
import { AmazonCreateFeedDocumentResponseSchema, type AmazonCreateFeedDocumentResponse } from '../schemas/feeds.js';

const OPERATION = 'createFeedDocument';
const SITE = siteOf(AMAZON, OPERATION);

/** The content type of a JSON_LISTINGS_FEED document (Feeds API use case guide, JSON listings feed). */
export const AMAZON_JSON_FEED_CONTENT_TYPE = 'application/json; charset=UTF-8';

export interface CreateFeedDocumentResult {
  readonly document: AmazonCreateFeedDocumentResponse;
  readonly requestId?: string;
}

export function buildCreateFeedDocumentRequest(contentType: string): AmazonRequest {
  return { operation: OPERATION, method: 'POST', path: '/feeds/2021-06-30/documents', body: { json: { contentType: requireNonEmpty(SITE, 'contentType', contentType) } } };
}

export function parseCreateFeedDocumentResponse(response: PipelineResponse): CreateFeedDocumentResult {
  const document = parseReply(SITE, AmazonCreateFeedDocumentResponseSchema, response, 'CreateFeedDocumentResponse');
  return { document, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}

export async function createFeedDocument(send: Send, contentType: string, options?: CallOptions): Promise<CreateFeedDocumentResult> {
  return parseCreateFeedDocumentResponse(await send(buildCreateFeedDocumentRequest(contentType), options));
}

/** Uploads the feed content to createFeedDocument's `url` (`documentSend`: the presigned-URL pipeline). */
export async function uploadFeedDocument(documentSend: Send, url: string, content: string | Uint8Array, contentType: string, options?: CallOptions): Promise<void> {
  await uploadDocument(documentSend, url, content, contentType, options);
}
