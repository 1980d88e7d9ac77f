/**
 * getFeedDocument — GET /feeds/2021-06-30/documents/{feedDocumentId} (Feeds 2021-06-30): the
 * presigned URL (valid five minutes) of a feed's result document, and its download: gunzipped
 * when `compressionAlgorithm` is GZIP, decoded in the charset its Content-Type declares, and for
 * a JSON_LISTINGS_FEED parsed as the processing report (schemas/feeds.ts).
 */
import { contractError, parseReply } from '../../http/error-factories.js';
import { requireNonEmpty, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import { describeFirstIssue } from '../../http/zod-issues.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { documentJson, documentText, downloadDocument, type DownloadedDocument } from '../documents.js';
import { AmazonFeedDocumentSchema, AmazonFeedProcessingReportSchema, type AmazonFeedDocument, type AmazonFeedProcessingReport } from '../schemas/feeds.js';

const OPERATION = 'getFeedDocument';
const SITE = siteOf(AMAZON, OPERATION);
const DOWNLOAD = 'downloadFeedDocument';

export interface GetFeedDocumentResult {
  readonly document: AmazonFeedDocument;
  readonly requestId?: string;
}

export function buildGetFeedDocumentRequest(feedDocumentId: string): AmazonRequest {
  return {
    operation: OPERATION,
    path: '/feeds/2021-06-30/documents/{feedDocumentId}',
    pathParams: { feedDocumentId: requireNonEmpty(SITE, 'feedDocumentId', feedDocumentId) },
  };
}

export function parseGetFeedDocumentResponse(response: PipelineResponse): GetFeedDocumentResult {
  const document = parseReply(SITE, AmazonFeedDocumentSchema, response, 'FeedDocument');
  return { document, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}

export async function getFeedDocument(send: Send, feedDocumentId: string, options?: CallOptions): Promise<GetFeedDocumentResult> {
  return parseGetFeedDocumentResponse(await send(buildGetFeedDocumentRequest(feedDocumentId), options));
}

/** The result document's bytes (`documentSend`: the presigned-URL pipeline, no SP-API token). */
export async function downloadFeedDocument(documentSend: Send, document: AmazonFeedDocument, options?: CallOptions): Promise<DownloadedDocument> {
  return downloadDocument(documentSend, DOWNLOAD, document.url, options);
}

/** The result document as text (gunzipped, decoded). */
export function feedDocumentText(downloaded: DownloadedDocument): string {
  return documentText(DOWNLOAD, downloaded).text;
}

/** A JSON_LISTINGS_FEED processing report, parsed; anything else is a contract error naming the first issue. */
export function parseFeedProcessingReport(downloaded: DownloadedDocument): AmazonFeedProcessingReport {
  const json = documentJson(DOWNLOAD, downloaded, 'processing report');
  const parsed = AmazonFeedProcessingReportSchema.safeParse(json);
  if (!parsed.success) throw contractError(siteOf(AMAZON, DOWNLOAD), `the document is not a listings feed processing report (${describeFirstIssue(parsed.error)})`);
  return parsed.data;
}
