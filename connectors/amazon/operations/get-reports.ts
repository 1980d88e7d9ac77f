/**
 * getReports — GET /reports/2021-06-30/reports (Reports API 2021-06-30): one page of reports
 * matching the filters; `nextToken` is then sent as the only parameter (the model's rule).
 * This is how settlement reports are found: Amazon makes them, nobody requests them.
 */
import { parseReply } from '../../http/error-factories.js';
import { refuse, requireCsvItems, requireNonEmpty, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { AMAZON_REPORT_PROCESSING_STATUSES, AmazonGetReportsReplySchema, type AmazonReportInfo, type AmazonReportProcessingStatus } from '../schemas/reports.js';

const OPERATION = 'getReports';
const SITE = siteOf(AMAZON, OPERATION);

export interface GetReportsParams {
  /** 1–10 report types; required unless nextToken is given. */
  readonly reportTypes?: readonly string[];
  readonly processingStatuses?: readonly AmazonReportProcessingStatus[];
  /** 1–10. */
  readonly marketplaceIds?: readonly string[];
  /** 1–100, Amazon's default 10. */
  readonly pageSize?: number;
  /** ISO 8601; Amazon's default is 90 days ago (its limit too). */
  readonly createdSince?: string;
  readonly createdUntil?: string;
  /** From the previous page; sent alone. */
  readonly nextToken?: string;
}

export interface GetReportsResult {
  readonly reports: readonly AmazonReportInfo[];
  readonly nextToken?: string;
  readonly requestId?: string;
}

export function buildGetReportsRequest(params: GetReportsParams): AmazonRequest {
  const path = '/reports/2021-06-30/reports';
  if (params.nextToken !== undefined) {
    return { operation: OPERATION, path, query: [['nextToken', requireNonEmpty(SITE, 'nextToken', params.nextToken)]] };
  }
  if (params.reportTypes === undefined) throw refuse(SITE, 'reportTypes is required unless nextToken is given');
  const { pageSize, createdSince, createdUntil } = params;
  if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)) {
    throw refuse(SITE, `pageSize must be an integer from 1 to 100, got ${pageSize}`);
  }
  const statuses = requireCsvItems(SITE, 'processingStatuses', params.processingStatuses, { min: 1 });
  const bad = statuses?.find((s) => !(AMAZON_REPORT_PROCESSING_STATUSES as readonly string[]).includes(s));
  if (bad !== undefined) throw refuse(SITE, `processingStatuses: "${bad}" is not one of ${AMAZON_REPORT_PROCESSING_STATUSES.join(', ')}`);
  for (const [name, value] of Object.entries({ createdSince, createdUntil })) {
    if (value !== undefined) requireNonEmpty(SITE, name, value);
  }
  return {
    operation: OPERATION,
    path,
    query: [
      ['reportTypes', requireCsvItems(SITE, 'reportTypes', params.reportTypes, { min: 1, max: 10 })],
      ['processingStatuses', statuses],
      ['marketplaceIds', requireCsvItems(SITE, 'marketplaceIds', params.marketplaceIds, { min: 1, max: 10 })],
      ['pageSize', pageSize],
      ['createdSince', createdSince],
      ['createdUntil', createdUntil],
    ],
  };
}

export function parseGetReportsResponse(response: PipelineResponse): GetReportsResult {
  const { reports, nextToken } = parseReply(SITE, AmazonGetReportsReplySchema, response, 'GetReportsResponse');
  return { reports, ...(nextToken === undefined ? {} : { nextToken }), ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}

export async function getReports(send: Send, params: GetReportsParams, options?: CallOptions): Promise<GetReportsResult> {
  return parseGetReportsResponse(await send(buildGetReportsRequest(params), options));
}
