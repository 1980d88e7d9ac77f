/** Named inputs and results of the settlement import activities (workflows import these types only). */

/**
 * Amazon settlement report types: the V2 flat file (one amount per row) and the older flat file.
 * Amazon makes them; they cannot be requested. It publishes every settlement in each layout, so
 * one type is read per connection (V2 by default): reading both would count each settlement twice.
 */
export const SETTLEMENT_REPORT_TYPES = ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE'] as const;
export type SettlementReportType = (typeof SETTLEMENT_REPORT_TYPES)[number];
export const DEFAULT_SETTLEMENT_REPORT_TYPE: SettlementReportType = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';

export interface SettlementConnectionRef {
  tenant: string;
  /** A connection offering the reportSource capability (Amazon). */
  connection: string;
}

export interface ListSettlementReportsInput extends SettlementConnectionRef {
  /** DEFAULT_SETTLEMENT_REPORT_TYPE when absent. */
  reportType?: SettlementReportType;
  /** ISO 8601: reports created since (Amazon's default and limit: 90 days back). */
  createdSince?: string;
  /** From the previous page. */
  cursor?: string;
}

export interface SettlementReportRef {
  reportId: string;
  reportType: string;
  documentId: string;
  createdTime: string;
  dataStartTime?: string;
  dataEndTime?: string;
}

export interface ListSettlementReportsResult {
  /** Reports ready to read (DONE, with a document), oldest first. */
  reports: SettlementReportRef[];
  cursor?: string;
}

export interface ImportSettlementReportInput extends SettlementConnectionRef {
  reportId: string;
  documentId: string;
}

export interface ImportSettlementReportResult {
  reportId: string;
  settlementId?: string;
  /** Data rows of the file. */
  rows: number;
  lines: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows that do not map (not written); the first named. */
  failed: number;
  firstFailure?: string;
  /** Lines kept without a reporting-currency amount (no stored rate). */
  unconverted: number;
  firstFxProblem?: string;
}

export interface SettlementActivities {
  listSettlementReports(input: ListSettlementReportsInput): Promise<ListSettlementReportsResult>;
  /** Downloads the report's document, streams its rows into the ledger (idempotent by line identity). */
  importSettlementReport(input: ImportSettlementReportInput): Promise<ImportSettlementReportResult>;
}
