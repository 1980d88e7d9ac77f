/**
 * ordersBackfill: months of a channel's order history through orders reports
 * (GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL), into the same canonical orders
 * ordersSync stores.
 *
 * Orchestration only (no I/O): the range is cut into report windows (at most 30 days each),
 * each window's report is requested and downloaded by the reportDownload child workflow,
 * then imported a slice of rows per activity, and its file deleted. Windows start in order,
 * up to ORDERS_BACKFILL.concurrentWindows at a time. A window whose report ends CANCELLED
 * (no orders in it) imports nothing; one that ends FATAL or times out fails on its own with
 * the channel's message, the others go on, and the run ends failed naming those windows
 * (their files, if any, are kept for ops). Long ranges continue-as-new between windows.
 */
import {
  ApplicationFailure,
  continueAsNew,
  defineQuery,
  executeChild,
  isCancellation,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { BackfillCounts, BackfillWindow, OrdersBackfillActivities } from '../activities/orders-backfill-types.js';
import { closeRunAndRethrow, historyIsLong } from './run-lifecycle.js';
import { reportDownload } from './report-download.js';
import { ACTIVITY_OPTIONS, FLOWS, ORDERS_BACKFILL, reportDownloadWorkflowId, searchAttributeKeys, type ReportPollSchedule } from '../temporal.config.js';

export interface OrdersBackfillInput {
  tenant: string;
  channel: string;
  /** ISO 8601; orders last updated in [from, to] are read. */
  from: string;
  to: string;
  /** Marketplaces of the reports (the connection's when absent). */
  marketplaceIds?: string[];
  /** Days per report window (ORDERS_BACKFILL.maxWindowDays when absent; more makes Amazon refuse the report). */
  windowDays?: number;
  /** Rows per import call (ORDERS_BACKFILL.batchRows when absent). */
  batchRows?: number;
  /** Another report polling schedule (tests; reports known to take hours). */
  reportSchedule?: ReportPollSchedule;
  continueAsNewAfterEvents?: number;
  /** State carried across continue-as-new; never set by callers. */
  carry?: OrdersBackfillCarry;
}

export type WindowOutcome =
  | { status: 'imported'; reportId: string; counts: BackfillCounts }
  | { status: 'empty'; reportId: string }
  | { status: 'failed'; reportId?: string; error: string; file?: string };

export interface WindowResult extends BackfillWindow {
  outcome: WindowOutcome;
}

export interface OrdersBackfillCarry {
  from: string;
  to: string;
  windows: BackfillWindow[];
  /** Results of the windows done, in window order (the first `done.length` windows). */
  done: WindowResult[];
  batches: number;
  totals: BackfillCounts;
  startedAt: string;
  firstRunId: string;
  continuedAsNew: number;
}

export interface OrdersBackfillProgress {
  tenant: string;
  channel: string;
  phase: 'planning' | 'importing' | 'finishing' | 'done';
  from?: string;
  to?: string;
  windowsTotal: number;
  windowsDone: number;
  windowsFailed: number;
  /** Windows whose report is being built or imported now. */
  inFlight: BackfillWindow[];
  batches: number;
  totals: BackfillCounts;
  continuedAsNew: number;
}

export interface OrdersBackfillSummary {
  tenant: string;
  channel: string;
  from: string;
  to: string;
  windows: WindowResult[];
  batches: number;
  totals: BackfillCounts;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  continuedAsNew: number;
}

export const ordersBackfillProgressQuery = defineQuery<OrdersBackfillProgress>('progress');

const { planOrdersBackfill, closeOrdersBackfill, discardReportFile, reportErrorMessage } = proxyActivities<OrdersBackfillActivities>({
  ...ACTIVITY_OPTIONS.store,
  summary: 'store bookkeeping',
});
const { importOrderReportBatch } = proxyActivities<OrdersBackfillActivities>({ ...ACTIVITY_OPTIONS.vendorPage });

const ZERO: BackfillCounts = { rows: 0, orders: 0, inserted: 0, updated: 0, unchanged: 0, deadLettered: 0 };

function add(a: BackfillCounts, b: BackfillCounts): BackfillCounts {
  return {
    rows: a.rows + b.rows,
    orders: a.orders + b.orders,
    inserted: a.inserted + b.inserted,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    deadLettered: a.deadLettered + b.deadLettered,
  };
}

function describe(p: OrdersBackfillProgress): string {
  const t = p.totals;
  return [
    `**${p.phase}** ${p.tenant}/${p.channel}${p.from ? ` ${p.from} → ${p.to}` : ''}`,
    `windows ${p.windowsDone}/${p.windowsTotal} done (${p.windowsFailed} failed)${p.inFlight.length ? `, now ${p.inFlight.map((w) => `${w.from}..${w.to}`).join(', ')}` : ''}`,
    `${t.rows} rows, ${t.orders} orders: ${t.inserted} new, ${t.updated} updated, ${t.unchanged} unchanged, ${t.deadLettered} dead-lettered`,
  ].join('\n\n');
}

/** A failure's message, with its cause's when it wraps one (an activity's or child's failure). */
function messageOf(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  return cause instanceof Error ? messageOf(cause) : e.message;
}

/** `1 of 3 report windows failed: <from>..<to>: <the channel's message>; …` */
function failedMessage(failed: readonly WindowResult[], total: number): string {
  const reasons = failed.map((f) => `${f.from}..${f.to}: ${f.outcome.status === 'failed' ? f.outcome.error : f.outcome.status}`);
  return `${failed.length} of ${total} report windows failed: ${reasons.join('; ')}`;
}

export async function ordersBackfill(input: OrdersBackfillInput): Promise<OrdersBackfillSummary> {
  const { tenant, channel } = input;
  if (!tenant || !channel || !input.from || !input.to) {
    throw ApplicationFailure.nonRetryable('ordersBackfill needs a tenant, a channel, from and to', 'validation');
  }
  const info = workflowInfo();
  const progress: OrdersBackfillProgress = {
    tenant,
    channel,
    phase: 'planning',
    windowsTotal: input.carry?.windows.length ?? 0,
    windowsDone: input.carry?.done.length ?? 0,
    windowsFailed: input.carry?.done.filter((d) => d.outcome.status === 'failed').length ?? 0,
    inFlight: [],
    batches: input.carry?.batches ?? 0,
    totals: input.carry?.totals ?? ZERO,
    continuedAsNew: input.carry?.continuedAsNew ?? 0,
  };
  setHandler(ordersBackfillProgressQuery, () => progress);
  const keys = searchAttributeKeys;
  if (!input.carry) {
    upsertSearchAttributes([
      { key: keys.tenant, value: tenant },
      { key: keys.channel, value: channel },
      { key: keys.flow, value: FLOWS.ordersBackfill },
    ]);
  }

  let carry: OrdersBackfillCarry;
  if (input.carry) {
    carry = input.carry;
  } else {
    const plan = await planOrdersBackfill({ tenant, channel, from: input.from, to: input.to, ...(input.windowDays ? { windowDays: input.windowDays } : {}), workflowId: info.workflowId, runId: info.runId });
    carry = { from: plan.from, to: plan.to, windows: plan.windows, done: [], batches: 0, totals: ZERO, startedAt: plan.startedAt, firstRunId: info.runId, continuedAsNew: 0 };
  }
  Object.assign(progress, { from: carry.from, to: carry.to, windowsTotal: carry.windows.length, phase: 'importing' });
  setCurrentDetails(describe(progress));

  const record = (counts: BackfillCounts, batches: number) => {
    carry = { ...carry, totals: add(carry.totals, counts), batches: carry.batches + batches };
    progress.totals = carry.totals;
    progress.batches = carry.batches;
    upsertSearchAttributes([
      { key: keys.recordsImported, value: carry.totals.inserted },
      { key: keys.recordsUpdated, value: carry.totals.updated },
      { key: keys.deadLetters, value: carry.totals.deadLettered },
    ]);
    setCurrentDetails(describe(progress));
  };

  /** Imports a downloaded report slice by slice; its counts are added as each slice lands. */
  async function importReport(file: { path: string; bytes: number; sha256: string; charset?: string }): Promise<BackfillCounts> {
    let counts = ZERO;
    let start = { offset: 0, line: 1 };
    for (;;) {
      const slice = await importOrderReportBatch.executeWithOptions(
        { ...ACTIVITY_OPTIONS.vendorPage, summary: `${channel} report from line ${start.line}` },
        [{ tenant, channel, file, start, ...(input.batchRows ? { maxRows: input.batchRows } : {}), workflowId: info.workflowId, runId: carry.firstRunId }],
      );
      counts = add(counts, slice.counts);
      record(slice.counts, 1);
      if (slice.next === undefined) return counts;
      start = slice.next;
    }
  }

  async function runWindow(window: BackfillWindow): Promise<WindowOutcome> {
    const result = await executeChild(reportDownload, {
      workflowId: reportDownloadWorkflowId(tenant, channel, `${ORDERS_BACKFILL.reportType}/${window.from}..${window.to}`),
      args: [
        {
          tenant,
          connection: channel,
          reportType: ORDERS_BACKFILL.reportType,
          dataStartTime: window.from,
          dataEndTime: window.to,
          ...(input.marketplaceIds ? { marketplaceIds: input.marketplaceIds } : {}),
          ...(input.reportSchedule ? { schedule: input.reportSchedule } : {}),
        },
      ],
      staticSummary: `Orders report ${tenant} / ${channel}: ${window.from} → ${window.to}`,
    });
    switch (result.outcome) {
      case 'cancelled':
        return { status: 'empty', reportId: result.reportId };
      case 'timed_out':
        return { status: 'failed', reportId: result.reportId, error: `the report had not ended after ${result.polls} polls` };
      case 'fatal': {
        const error = result.errorFile ? await reportErrorMessage({ errorFile: result.errorFile }) : 'the report ended FATAL without an error document';
        return { status: 'failed', reportId: result.reportId, error, ...(result.errorFile ? { file: result.errorFile.path } : {}) };
      }
      case 'downloaded': {
        try {
          const counts = await importReport(result.file);
          await discardReportFile({ path: result.file.path });
          return { status: 'imported', reportId: result.reportId, counts };
        } catch (e) {
          if (isCancellation(e)) throw e;
          // Kept for ops: the file of a window that did not import.
          return { status: 'failed', reportId: result.reportId, error: messageOf(e), file: result.file.path };
        }
      }
    }
  }

  const eventLimit = input.continueAsNewAfterEvents ?? ORDERS_BACKFILL.continueAsNewAfterEvents;
  let finished: Awaited<ReturnType<typeof closeOrdersBackfill>>;
  const failedWindows = () => carry.done.filter((d) => d.outcome.status === 'failed');
  try {
    // Windows start in order; results are kept in order, whichever of two ends first.
    const results = new Map<number, WindowResult>();
    let next = carry.done.length;
    let stopStarting = false;
    const lane = async () => {
      while (!stopStarting && next < carry.windows.length) {
        const i = next++;
        const window = carry.windows[i]!;
        progress.inFlight = [...progress.inFlight, window];
        setCurrentDetails(describe(progress));
        let outcome: WindowOutcome;
        try {
          outcome = await runWindow(window);
        } catch (e) {
          if (isCancellation(e)) throw e;
          outcome = { status: 'failed', error: messageOf(e) };
        }
        results.set(i, { ...window, outcome });
        progress.inFlight = progress.inFlight.filter((w) => w !== window);
        // Windows count as done in order, so a continue-as-new never skips one still running.
        while (results.has(carry.done.length)) {
          const r = results.get(carry.done.length)!;
          results.delete(carry.done.length);
          carry = { ...carry, done: [...carry.done, r] };
        }
        progress.windowsDone = carry.done.length;
        progress.windowsFailed = failedWindows().length;
        setCurrentDetails(describe(progress));
        if (historyIsLong(eventLimit)) stopStarting = true;
      }
    };
    await Promise.all(Array.from({ length: ORDERS_BACKFILL.concurrentWindows }, lane));
    if (carry.done.length < carry.windows.length) {
      await continueAsNew<typeof ordersBackfill>({ ...input, carry: { ...carry, continuedAsNew: carry.continuedAsNew + 1 } });
    }

    progress.phase = 'finishing';
    const failed = failedWindows();
    const error = failed.length ? failedMessage(failed, carry.windows.length) : undefined;
    finished = await closeOrdersBackfill({
      tenant,
      channel,
      status: failed.length ? 'failed' : 'completed',
      ...(error ? { error } : {}),
      batches: carry.batches,
      totals: carry.totals,
      startedAt: carry.startedAt,
      workflowId: info.workflowId,
      runId: carry.firstRunId,
    });
  } catch (e) {
    return closeRunAndRethrow(e, (end) =>
      closeOrdersBackfill({ tenant, channel, ...end, batches: carry.batches, totals: carry.totals, startedAt: carry.startedAt, workflowId: info.workflowId, runId: carry.firstRunId }),
    );
  }
  const summary: OrdersBackfillSummary = {
    tenant,
    channel,
    from: carry.from,
    to: carry.to,
    windows: carry.done,
    batches: carry.batches,
    totals: carry.totals,
    startedAt: carry.startedAt,
    finishedAt: finished.finishedAt,
    durationMs: finished.durationMs,
    continuedAsNew: carry.continuedAsNew,
  };
  progress.phase = 'done';
  setCurrentDetails(describe(progress));
  const failed = failedWindows();
  if (failed.length) {
    // The run fails, naming the windows and the channel's reasons; the summary rides along.
    throw ApplicationFailure.create({
      message: failedMessage(failed, carry.windows.length),
      type: 'backfill_windows_failed',
      nonRetryable: true,
      details: [summary],
    });
  }
  return summary;
}
