/**
 * What the reconcile activities take and give back (the workflow imports these types only).
 * Only references and counts travel through history: the report itself is written to files.
 */
import type { DiscrepancyKind, ReconcileRules } from '../engines/reconcile/index.js';

export type { ReconcileRules };

export interface ReconcilePeriodInput {
  tenant: string;
  /** Posting dates, YYYY-MM-DD inclusive. */
  from: string;
  to: string;
  /** When the run looks (UTC instant): grace periods end relative to it. */
  asOf: string;
  /** Replaces the tenants file's rules (`caravan reconcile --rules FILE`). */
  rules?: ReconcileRules;
  /** Where the report goes; default the tenant's `reconcile.reportsDir`, else `<data folder>/reconcile`. */
  outDir?: string;
}

export interface ReconcileReportFiles {
  csv: string;
  json: string;
}

/** Per currency, the period's lines by kind as decimal text. */
export interface ReconcileTotalsText {
  currency: string;
  sales: string;
  fees: string;
  refunds: string;
  chargebacks: string;
  payouts: string;
  other: string;
}

export interface ReconcilePeriodOutcome {
  tenant: string;
  period: { from: string; to: string };
  asOf: string;
  files: ReconcileReportFiles;
  open: number;
  resolved: number;
  /** Discrepancies per kind (open and resolved). */
  byKind: Record<DiscrepancyKind, number>;
  ordersMatched: number;
  payoutsMatched: number;
  /** Discrepancies recorded for the first time by this pass. */
  added: number;
  /** Items inside their grace period: declared, or cleared by late data, on a later pass. */
  pending: number;
  pendingByKind: Partial<Record<DiscrepancyKind, number>>;
  /** The earliest instant a pending item is decided (the workflow sleeps until then). */
  nextDecideAt?: string;
  totals: ReconcileTotalsText[];
  /** The counts line and up to ten open discrepancies, one line each. */
  summary: string;
}

export interface ReconcileActivities {
  reconcilePeriod(input: ReconcilePeriodInput): Promise<ReconcilePeriodOutcome>;
}
