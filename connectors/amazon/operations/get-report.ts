/**
 * getReport — GET /reports/2021-06-30/reports/{reportId} (Reports API 2021-06-30): a report's
 * processing status, read into a typed outcome:
 * - IN_QUEUE / IN_PROGRESS: `pending`, poll again later;
 * - DONE: `done` with the reportDocumentId to download;
 * - CANCELLED: `cancelled` — cancelled on request, or by Amazon when the period holds no data
 *   (the model's CANCELLED description; scheduled reports and empty periods end so): no document;
 * - FATAL: `fatal`, with the reportDocumentId of a document holding the error details when
 *   Amazon wrote one (amzn/selling-partner-api-models#2952: "The requested data is unavailable…").
 */
import { contractError, parseReply } from '../../http/error-factories.js';
import { requireNonEmpty, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { AmazonReportSchema, type AmazonReportInfo } from '../schemas/reports.js';

const OPERATION = 'getReport';
const SITE = siteOf(AMAZON, OPERATION);

export type AmazonReportOutcome =
  | { readonly status: 'pending'; readonly processingStatus: 'IN_QUEUE' | 'IN_PROGRESS' }
  | { readonly status: 'done'; readonly reportDocumentId: string }
  | { readonly status: 'cancelled' }
  | { readonly status: 'fatal'; readonly reportDocumentId?: string };

export interface GetReportResult {
  readonly report: AmazonReportInfo;
  readonly outcome: AmazonReportOutcome;
  readonly requestId?: string;
}

export function buildGetReportRequest(reportId: string): AmazonRequest {
  return { operation: OPERATION, path: '/reports/2021-06-30/reports/{reportId}', pathParams: { reportId: requireNonEmpty(SITE, 'reportId', reportId) } };
}

/** The outcome a report's status means; a DONE report without a document breaks the contract. */
export function amazonReportOutcome(report: AmazonReportInfo, requestId?: string): AmazonReportOutcome {
  switch (report.processingStatus) {
    case 'IN_QUEUE':
    case 'IN_PROGRESS':
      return { status: 'pending', processingStatus: report.processingStatus };
    case 'CANCELLED':
      return { status: 'cancelled' };
    case 'FATAL':
      return report.reportDocumentId === undefined ? { status: 'fatal' } : { status: 'fatal', reportDocumentId: report.reportDocumentId };
    case 'DONE':
      if (report.reportDocumentId === undefined) {
        throw contractError(SITE, `report ${report.reportId} is DONE without a reportDocumentId`, requestId === undefined ? {} : { requestId });
      }
      return { status: 'done', reportDocumentId: report.reportDocumentId };
  }
}

export function parseGetReportResponse(response: PipelineResponse): GetReportResult {
  const report = parseReply(SITE, AmazonReportSchema, response, 'Report');
  return { report, outcome: amazonReportOutcome(report, response.requestId), ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}

export async function getReport(send: Send, reportId: string, options?: CallOptions): Promise<GetReportResult> {
  return parseGetReportResponse(await send(buildGetReportRequest(reportId), options));
}
