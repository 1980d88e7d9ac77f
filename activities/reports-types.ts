/** Named inputs and results of the report activities (workflows import these types only). */
import type { ReportFile, ReportStatus } from '../connectors/capabilities.js';

export type { ReportFile, ReportStatus };

/** A tenant's connection that offers the reportSource capability. */
export interface ReportConnectionRef {
  tenant: string;
  connection: string;
}

export interface CreateReportInput extends ReportConnectionRef {
  reportType: string;
  marketplaceIds?: string[];
  dataStartTime?: string;
  dataEndTime?: string;
  reportOptions?: Record<string, string>;
}

export interface CreateReportResult {
  reportId: string;
}

export interface GetReportStatusInput extends ReportConnectionRef {
  reportId: string;
}

export interface DownloadReportDocumentInput extends ReportConnectionRef {
  reportId: string;
  documentId: string;
  /** `report` (the data) or `error` (a FATAL report's error details). */
  purpose: 'report' | 'error';
}

export interface ReportActivities {
  createReport(input: CreateReportInput): Promise<CreateReportResult>;
  getReportStatus(input: GetReportStatusInput): Promise<ReportStatus>;
  /** Streams the document to a file under the data folder; returns its reference (never its content). */
  downloadReportDocument(input: DownloadReportDocumentInput): Promise<ReportFile>;
}
