/**
 * Report activities (the reportDownload workflow): request a report, read its status once,
 * download its document to a file under the data folder. Each is one vendor call (the
 * download: getReportDocument and the transfer, so a retry gets a fresh presigned URL); the
 * polling schedule belongs to the workflow. Only references travel back: ids, status, the
 * file's path, size and hash — never the document or its URL.
 */
import { join } from 'node:path';
import { Context } from '@temporalio/activity';
import type { Logger } from 'pino';
import type { CapabilityCallOptions } from '../connectors/capabilities.js';
import { asActivity } from './failures.js';
import type { CreateReportInput, DownloadReportDocumentInput, ReportActivities, ReportConnectionRef, ReportFile } from './reports-types.js';
import type { VendorClients } from './vendor-clients.js';

/** A download heartbeats this often (its bytes so far), so a dead worker is noticed by the heartbeat timeout. */
export const REPORT_HEARTBEAT_EVERY_MS = 10_000;

/** What an activity needs of Temporal's context (injected in tests). */
export interface ReportActivityContext {
  heartbeat(details?: unknown): void;
  readonly cancellationSignal: AbortSignal;
}

export interface ReportActivitiesDeps {
  vendors: VendorClients;
  logger: Logger;
  /** The worker's data folder (CARAVAN_DATA_DIR); documents go under `reports/`. */
  dataDir: string;
  context?: () => ReportActivityContext;
}

/** A path segment from an id: letters, digits, `.`, `_`, `-` kept, anything else `_` (never `..`). */
function segment(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, '_');
  return safe === '' || /^\.+$/.test(safe) ? '_' : safe;
}

/** Where a report document is written: `<dataDir>/reports/<tenant>/<connection>/<reportId>[.error].txt`. */
export function reportFilePath(dataDir: string, input: Pick<DownloadReportDocumentInput, 'tenant' | 'connection' | 'reportId' | 'purpose'>): string {
  const name = `${segment(input.reportId)}${input.purpose === 'error' ? '.error' : ''}.txt`;
  return join(dataDir, 'reports', segment(input.tenant), segment(input.connection), name);
}

export function createReportActivities(deps: ReportActivitiesDeps): ReportActivities {
  const context = deps.context ?? (() => Context.current());
  const sourceOf = (ref: ReportConnectionRef) => deps.vendors.capability(ref.tenant, ref.connection, 'reportSource').capability;
  const callOptions = (ctx: ReportActivityContext): CapabilityCallOptions => ({ signal: ctx.cancellationSignal });

  return {
    async createReport(input: CreateReportInput) {
      const ctx = context();
      return asActivity(async () => {
        const { tenant, connection, ...request } = input;
        const { reportId } = await sourceOf(input).requestReport(request, callOptions(ctx));
        deps.logger.info({ tenant, connection, reportType: input.reportType, reportId }, 'report requested');
        return { reportId };
      });
    },

    async getReportStatus(input) {
      const ctx = context();
      return asActivity(() => sourceOf(input).reportStatus(input.reportId, callOptions(ctx)));
    },

    async downloadReportDocument(input): Promise<ReportFile> {
      const ctx = context();
      return asActivity(async () => {
        const path = reportFilePath(deps.dataDir, input);
        ctx.heartbeat({ reportId: input.reportId, phase: 'download' });
        const timer = setInterval(() => ctx.heartbeat({ reportId: input.reportId, phase: 'download' }), REPORT_HEARTBEAT_EVERY_MS);
        try {
          const file = await sourceOf(input).downloadReport(input.documentId, path, callOptions(ctx));
          deps.logger.info({ tenant: input.tenant, connection: input.connection, reportId: input.reportId, purpose: input.purpose, bytes: file.bytes }, 'report document downloaded');
          return file;
        } finally {
          clearInterval(timer);
        }
      });
    },
  };
}
