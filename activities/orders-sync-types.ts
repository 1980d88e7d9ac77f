/**
 * Named input and result types of the order-sync activities. Workflows import these
 * types only (never the implementations), so they stay free of I/O.
 */

/** The half-open slice of vendor update time one sync imports: [from, to). ISO 8601 UTC. */
export interface SyncWindow {
  from: string;
  to: string;
}

export interface SyncCounts {
  /** Records read from the vendor. */
  fetched: number;
  inserted: number;
  updated: number;
  unchanged: number;
  deadLettered: number;
  /** HTTP 429 responses seen while fetching. */
  throttled: number;
}

export interface PlanOrdersSyncInput {
  tenant: string;
  channel: string;
  since?: string;
  workflowId: string;
  runId: string;
}

export interface PlanOrdersSyncResult {
  window: SyncWindow;
  startedAt: string;
  /** Where `from` came from: the stored cursor (minus overlap), --since, or the first-run lookback. */
  fromSource: 'cursor' | 'since' | 'initial';
}

export interface ImportOrdersPageInput {
  tenant: string;
  channel: string;
  window: SyncWindow;
  /** Vendor paging token; absent for the first page. */
  nextToken?: string;
  pageSize?: number;
  /** 1-based page number within the sync, for logs and dead letters. */
  page: number;
  workflowId: string;
  /** The first run id of the sync (stable across continue-as-new). */
  runId: string;
}

export interface ImportOrdersPageResult {
  nextToken?: string;
  counts: SyncCounts;
  /** Vendor pages read (pagesPerActivity); absent: one. */
  pages?: number;
}

export interface FinishOrdersSyncInput {
  tenant: string;
  channel: string;
  window: SyncWindow;
  pages: number;
  totals: SyncCounts;
  startedAt: string;
  workflowId: string;
  runId: string;
}

export interface FinishOrdersSyncResult {
  finishedAt: string;
  durationMs: number;
  /** The cursor stored for the next sync. */
  cursor: string;
}

export interface RecordOrdersSyncFailureInput {
  tenant: string;
  channel: string;
  status: 'failed' | 'cancelled';
  error: string;
  pages: number;
  totals: SyncCounts;
  startedAt: string;
  workflowId: string;
  runId: string;
}

export interface OrdersSyncActivities {
  planOrdersSync(input: PlanOrdersSyncInput): Promise<PlanOrdersSyncResult>;
  importOrdersPage(input: ImportOrdersPageInput): Promise<ImportOrdersPageResult>;
  finishOrdersSync(input: FinishOrdersSyncInput): Promise<FinishOrdersSyncResult>;
  /** Closes the run summary of a sync that failed or was cancelled; the cursor stays where it was. */
  recordOrdersSyncFailure(input: RecordOrdersSyncFailureInput): Promise<void>;
}
