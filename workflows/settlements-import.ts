/**
 * settlementsImport: Amazon settlement reports into the ledger as Amazon publishes them. Amazon
 * makes a settlement report when a settlement closes (about every two weeks); they cannot be
 * requested, so the workflow lists them (one settlement report type, created since the newest
 * one imported), imports each new one (one activity: download, stream, upsert by line identity)
 * and, with `pollEveryMs`, sleeps on a durable timer and looks again. Without it, one pass.
 *
 * The position is `createdSince` (the newest report's creation time) plus the ids already
 * imported at exactly that time; both are carried across continue-as-new. A report whose file
 * cannot be read is named in the result and the run's details, and the others go on: re-reading
 * one later adds nothing twice (the ledger is idempotent by line identity).
 */
import { ActivityFailure, ApplicationFailure, continueAsNew, proxyActivities, setCurrentDetails, sleep, workflowInfo } from '@temporalio/workflow';
import type { ImportSettlementReportResult, SettlementActivities, SettlementReportRef, SettlementReportType } from '../activities/settlements-types.js';
import { ACTIVITY_OPTIONS, SETTLEMENTS_IMPORT } from '../temporal.config.js';

const { listSettlementReports, importSettlementReport } = proxyActivities<SettlementActivities>({ ...ACTIVITY_OPTIONS.vendorPage });

export interface SettlementsImportTotals {
  reports: number;
  lines: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows that did not map, over every report. */
  failedLines: number;
  unconverted: number;
  /** Reports whose file could not be read at all, with why. */
  failedReports: { reportId: string; message: string }[];
}

export interface SettlementsImportInput {
  tenant: string;
  /** A connection offering reportSource (Amazon). */
  connection: string;
  /** The V2 flat file when absent (one type only: Amazon publishes each settlement in every layout). */
  reportType?: SettlementReportType;
  /** ISO 8601; Amazon's default (90 days back) when absent. */
  createdSince?: string;
  /** Without createdSince: reports created in the last this many hours (a Schedule's runs). */
  lookbackHours?: number;
  /** Ids of reports already imported whose creation time is exactly createdSince. */
  seen?: string[];
  /** Look for new reports this often (ms); absent: one pass. */
  pollEveryMs?: number;
  /** Carried across continue-as-new. */
  totals?: SettlementsImportTotals;
  passes?: number;
}

export interface SettlementsImportResult extends SettlementsImportTotals {
  createdSince?: string;
  passes: number;
}

const emptyTotals = (): SettlementsImportTotals => ({ reports: 0, lines: 0, inserted: 0, updated: 0, unchanged: 0, failedLines: 0, unconverted: 0, failedReports: [] });

function add(totals: SettlementsImportTotals, r: ImportSettlementReportResult): void {
  totals.reports += 1;
  totals.lines += r.lines;
  totals.inserted += r.inserted;
  totals.updated += r.updated;
  totals.unchanged += r.unchanged;
  totals.failedLines += r.failed;
  totals.unconverted += r.unconverted;
}

export async function settlementsImport(input: SettlementsImportInput): Promise<SettlementsImportResult> {
  const { tenant, connection } = input;
  if (!tenant || !connection) throw ApplicationFailure.nonRetryable('settlementsImport needs a tenant and a connection', 'validation');
  const ref = { tenant, connection };
  let createdSince = input.createdSince ?? (input.lookbackHours === undefined ? undefined : new Date(Date.now() - input.lookbackHours * 3_600_000).toISOString());
  let seen = new Set(input.seen ?? []);
  const totals = input.totals ?? emptyTotals();
  let passes = input.passes ?? 0;
  for (;;) {
    passes += 1;
    const found: SettlementReportRef[] = [];
    let cursor: string | undefined;
    do {
      const page = await listSettlementReports({ ...ref, ...(input.reportType === undefined ? {} : { reportType: input.reportType }), ...(createdSince === undefined ? {} : { createdSince }), ...(cursor === undefined ? {} : { cursor }) });
      found.push(...page.reports);
      cursor = page.cursor;
    } while (cursor !== undefined);
    const fresh = found
      .filter((r) => createdSince === undefined || r.createdTime > createdSince || (r.createdTime === createdSince && !seen.has(r.reportId)))
      .sort((a, b) => a.createdTime.localeCompare(b.createdTime) || a.reportId.localeCompare(b.reportId));
    for (const report of fresh) {
      setCurrentDetails(`importing settlement report **${report.reportId}** (${report.createdTime}); ${totals.reports} imported, ${totals.inserted} new lines`);
      try {
        add(totals, await importSettlementReport({ ...ref, reportId: report.reportId, documentId: report.documentId }));
      } catch (error) {
        if (!(error instanceof ActivityFailure)) throw error;
        totals.failedReports.push({ reportId: report.reportId, message: error.cause?.message ?? error.message });
      }
      if (report.createdTime !== createdSince) seen = new Set();
      createdSince = report.createdTime;
      seen.add(report.reportId);
    }
    const failed = totals.failedReports.length === 0 ? '' : `; **${totals.failedReports.length} report(s) unreadable**: ${totals.failedReports.map((f) => f.reportId).join(', ')}`;
    setCurrentDetails(`${totals.reports} settlement report(s) imported: ${totals.lines} lines, ${totals.inserted} new, ${totals.unchanged} already there${failed}`);
    if (input.pollEveryMs === undefined) return { ...totals, passes, ...(createdSince === undefined ? {} : { createdSince }) };
    await sleep(input.pollEveryMs);
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > SETTLEMENTS_IMPORT.continueAsNewAfterEvents) {
      await continueAsNew<typeof settlementsImport>({ ...input, ...(createdSince === undefined ? {} : { createdSince }), seen: [...seen], totals, passes });
    }
  }
}
