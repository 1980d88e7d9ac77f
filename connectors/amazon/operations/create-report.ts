/**
 * createReport — POST /reports/2021-06-30/reports (Reports API 2021-06-30): asks Amazon to
 * build a report; the reply is only its `reportId` (202). Poll getReport until it is done.
 * Not resent after a transient failure: a second request would build a second report.
 */
import { parseReply } from '../../http/error-factories.js';
import { refuse, requireCsvItems, requireNonEmpty, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { AmazonCreateReportReplySchema } from '../schemas/reports.js';

const OPERATION = 'createReport';
const SITE = siteOf(AMAZON, OPERATION);

/**
 * Settlement reports are made by Amazon on its own schedule: they can be listed (getReports)
 * and downloaded, never requested (Report Type Values: "can't be requested").
 */
export const AMAZON_UNREQUESTABLE_REPORT_TYPES: readonly string[] = [
  'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE',
  'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
  'GET_V2_SETTLEMENT_REPORT_DATA_XML',
];

export interface CreateReportParams {
  readonly reportType: string;
  /** 1–25. The client fills in the connection's marketplaceIds when omitted. */
  readonly marketplaceIds?: readonly string[];
  /** ISO 8601, sent as given; not every report type reads them. */
  readonly dataStartTime?: string;
  readonly dataEndTime?: string;
  /** Report-type specific options (all values are text in the model). */
  readonly reportOptions?: Readonly<Record<string, string>>;
}

export interface CreateReportResult {
  readonly reportId: string;
  readonly requestId?: string;
}

export function buildCreateReportRequest(params: CreateReportParams): AmazonRequest {
  const reportType = requireNonEmpty(SITE, 'reportType', params.reportType);
  if (AMAZON_UNREQUESTABLE_REPORT_TYPES.includes(reportType)) {
    throw refuse(SITE, `${reportType} cannot be requested: Amazon makes settlement reports on its own schedule; list them with getReports`);
  }
  const marketplaceIds = requireCsvItems(SITE, 'marketplaceIds', params.marketplaceIds ?? [], { min: 1, max: 25 });
  const { dataStartTime, dataEndTime, reportOptions } = params;
  for (const [name, value] of Object.entries({ dataStartTime, dataEndTime })) {
    if (value !== undefined && Number.isNaN(Date.parse(requireNonEmpty(SITE, name, value)))) throw refuse(SITE, `${name} is not an ISO 8601 date-time: ${value}`);
  }
  if (dataStartTime !== undefined && dataEndTime !== undefined && Date.parse(dataStartTime) > Date.parse(dataEndTime)) {
    throw refuse(SITE, `dataStartTime ${dataStartTime} is after dataEndTime ${dataEndTime}`);
  }
  if (reportOptions !== undefined && Object.values(reportOptions).some((v) => typeof v !== 'string')) {
    throw refuse(SITE, 'reportOptions values must be text');
  }
  return {
    operation: OPERATION,
    method: 'POST',
    path: '/reports/2021-06-30/reports',
    body: {
      json: {
        reportType,
        marketplaceIds,
        ...(dataStartTime === undefined ? {} : { dataStartTime }),
        ...(dataEndTime === undefined ? {} : { dataEndTime }),
        ...(reportOptions === undefined ? {} : { reportOptions }),
      },
    },
    subject: reportType,
  };
}

export function parseCreateReportResponse(response: PipelineResponse): CreateReportResult {
  const { reportId } = parseReply(SITE, AmazonCreateReportReplySchema, response, 'CreateReportResponse');
  return { reportId, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}

export async function createReport(send: Send, params: CreateReportParams, options?: CallOptions): Promise<CreateReportResult> {
  return parseCreateReportResponse(await send(buildCreateReportRequest(params), options));
}
