/**
 * cancelReport — DELETE /reports/2021-06-30/reports/{reportId} (Reports API 2021-06-30). The
 * model's 200 has no body; only a report still IN_QUEUE can be cancelled.
 */
import { requireNonEmpty, siteOf } from '../../http/request-checks.js';
import type { CallOptions, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';

const OPERATION = 'cancelReport';
const SITE = siteOf(AMAZON, OPERATION);

export interface CancelReportResult {
  readonly requestId?: string;
}

export function buildCancelReportRequest(reportId: string): AmazonRequest {
  return {
    operation: OPERATION,
    method: 'DELETE',
    path: '/reports/2021-06-30/reports/{reportId}',
    pathParams: { reportId: requireNonEmpty(SITE, 'reportId', reportId) },
    bodyless: true,
  };
}

export async function cancelReport(send: Send, reportId: string, options?: CallOptions): Promise<CancelReportResult> {
  const response = await send(buildCancelReportRequest(reportId), options);
  return response.requestId === undefined ? {} : { requestId: response.requestId };
}
