/**
 * Named inputs and results of the orders-backfill activities (workflows import these types only).
 */
import type { ReportFile } from './reports-types.js';

/** One report's period: [from, to], ISO 8601 UTC; at most ORDERS_BACKFILL.maxWindowDays long. */
export interface BackfillWindow {
  from: string;
  to: string;
}

export interface BackfillCounts {
  /** Report rows read (one per order item). */
  rows: number;
  /** Orders mapped from them (or dead-lettered). */
  orders: number;
  inserted: number;
  updated: number;
  /** Including orders the store already held as fresh or fresher (from the Orders API). */
  unchanged: number;
  deadLettered: number;
}

/** Where a report file is read from: the byte offset of a line start and that line's number (1 = the header). */
export interface ReportPosition {
  offset: number;
  line: number;
}

export interface PlanOrdersBackfillInput {
  tenant: string;
  channel: string;
  from: string;
  to: string;
  /** Days per report window (ORDERS_BACKFILL.maxWindowDays by default). */
  windowDays?: number;
  workflowId: string;
  runId: string;
}

export interface PlanOrdersBackfillResult {
  /** Normalised range (ISO seconds). */
  from: string;
  to: string;
  windows: BackfillWindow[];
  startedAt: string;
}

export interface ImportOrderReportBatchInput {
  tenant: string;
  channel: string;
  file: ReportFile;
  /** Where this call starts; `{offset: 0, line: 1}` for the first (the header is read in any case). */
  start: ReportPosition;
  /** Rows to read at most (ORDERS_BACKFILL.batchRows by default); the rows of the last order are read whole. */
  maxRows?: number;
  workflowId: string;
  runId: string;
}

export interface ImportOrderReportBatchResult {
  counts: BackfillCounts;
  /** Where the next call starts; absent at the end of the file. */
  next?: ReportPosition;
}

export interface DiscardReportFileInput {
  path: string;
}

export interface ReportErrorMessageInput {
  errorFile: ReportFile;
}

export interface CloseOrdersBackfillInput {
  tenant: string;
  channel: string;
  status: 'completed' | 'failed' | 'cancelled';
  error?: string;
  batches: number;
  totals: BackfillCounts;
  startedAt: string;
  workflowId: string;
  runId: string;
}

export interface CloseOrdersBackfillResult {
  finishedAt: string;
  durationMs: number;
}

export interface OrdersBackfillActivities {
  planOrdersBackfill(input: PlanOrdersBackfillInput): Promise<PlanOrdersBackfillResult>;
  importOrderReportBatch(input: ImportOrderReportBatchInput): Promise<ImportOrderReportBatchResult>;
  /** Deletes an imported report file (a missing file is fine: a retry after the delete). */
  discardReportFile(input: DiscardReportFileInput): Promise<void>;
  /** What a FATAL report's error document says. */
  reportErrorMessage(input: ReportErrorMessageInput): Promise<string>;
  closeOrdersBackfill(input: CloseOrdersBackfillInput): Promise<CloseOrdersBackfillResult>;
}
