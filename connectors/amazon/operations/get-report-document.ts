/**
 * getReportDocument — GET /reports/2021-06-30/documents/{reportDocumentId} (Reports API
 * 2021-06-30): where to download a document (a presigned URL, valid 5 minutes) and whether it
 * is gzip. The URL is a bearer credential for the document: it goes to the download and
 * nowhere else (no log, no workflow history).
 */
import { parseReply } from '../../http/error-factories.js';
import { requireNonEmpty, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { AmazonReportDocumentSchema, type AmazonReportDocument } from '../schemas/reports.js';

const OPERATION = 'getReportDocument';
const SITE = siteOf(AMAZON, OPERATION);

export interface GetReportDocumentResult {
  readonly document: AmazonReportDocument;
  readonly requestId?: string;
}

export function buildGetReportDocumentRequest(reportDocumentId: string): AmazonRequest {
  return {
    operation: OPERATION,
    path: '/reports/2021-06-30/documents/{reportDocumentId}',
    pathParams: { reportDocumentId: requireNonEmpty(SITE, 'reportDocumentId', reportDocumentId) },
  };
}

export function parseGetReportDocumentResponse(response: PipelineResponse): GetReportDocumentResult {
  const document = parseReply(SITE, AmazonReportDocumentSchema, response, 'ReportDocument');
  return { document, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}

export async function getReportDocument(send: Send, reportDocumentId: string, options?: CallOptions): Promise<GetReportDocumentResult> {
  return parseGetReportDocumentResponse(await send(buildGetReportDocumentRequest(reportDocumentId), options));
}
