/**
 * Activities of the ordersBackfill workflow: plan the report windows of a range, import a
 * downloaded orders report a slice at a time (rows → canonical orders → the store, with the
 * merge rule of orders-backfill-merge.ts and dead letters like ordersSync's), read a FATAL
 * report's error document, delete an imported file, close the run record. A slice call
 * heartbeats the position it has reached after each write, so a retried attempt (worker
 * killed) resumes there with the counts so far instead of reading the slice again.
 */
import { rm } from 'node:fs/promises';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { findOrderConnection, type TenantsConfig } from '../config/tenants-config.js';
import { readReportProcessingError, type AmazonOrderReportRow } from '../connectors/amazon/index.js';
import { amazonOrderReportToOrders } from '../mappings/amazon/index.js';
import type { Order } from '../mappings/canonical/index.js';
import { closeRunRecord, recordRunStarted } from '../store/index.js';
import { FLOWS, ORDERS_BACKFILL } from '../temporal.config.js';
import { asActivity } from './failures.js';
import { OrderReportFileError, readOrderReportHeader, readOrderReportSlice, reportCharset, reportFileRef } from './orders-backfill-file.js';
import { deadLetterRejections, writeReportOrders, type RejectedRecord } from './orders-backfill-store.js';
import type {
  BackfillCounts,
  BackfillWindow,
  CloseOrdersBackfillInput,
  ImportOrderReportBatchInput,
  ImportOrderReportBatchResult,
  OrdersBackfillActivities,
  PlanOrdersBackfillInput,
  ReportPosition,
} from './orders-backfill-types.js';
import { isoSeconds } from './orders-sync.js';
import { recordRejection } from './record-rejections.js';

const FLOW = FLOWS.ordersBackfill;
const DAY_MS = 86_400_000;
const HEARTBEAT_EVERY_MS = 5_000;
export const ZERO_BACKFILL_COUNTS: BackfillCounts = { rows: 0, orders: 0, inserted: 0, updated: 0, unchanged: 0, deadLettered: 0 };

/** What an activity needs of Temporal's context (injected in tests). */
export interface BackfillActivityContext {
  heartbeat(details?: unknown): void;
  readonly cancellationSignal: AbortSignal;
  /** What the previous attempt heartbeated last. */
  readonly heartbeatDetails: unknown;
}

export interface OrdersBackfillDeps {
  db: Knex;
  config: TenantsConfig;
  logger: Logger;
  clock?: () => Date;
  context?: () => BackfillActivityContext;
  /** Rows per store transaction (ORDERS_BACKFILL.writeRows by default). */
  writeRows?: number;
}

/** What a slice attempt heartbeats; a retry of the same slice resumes from `at`. */
interface SliceHeartbeat {
  start: ReportPosition;
  at: ReportPosition | null;
  counts: BackfillCounts;
}

function validation(message: string): ApplicationFailure {
  return ApplicationFailure.create({ message, type: 'validation', nonRetryable: true });
}

function parseTime(value: string, name: string): Date {
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(d.getTime())) throw validation(`${name} "${value}" is not an ISO 8601 time`);
  return d;
}

/** [from, to] cut into consecutive windows of at most `maxDays` (each ends where the next starts). Pure. */
export function backfillWindows(from: Date, to: Date, maxDays: number = ORDERS_BACKFILL.maxWindowDays): BackfillWindow[] {
  const windows: BackfillWindow[] = [];
  for (let start = from.getTime(); start < to.getTime(); start += maxDays * DAY_MS) {
    const end = Math.min(start + maxDays * DAY_MS, to.getTime());
    windows.push({ from: isoSeconds(new Date(start)), to: isoSeconds(new Date(end)) });
  }
  return windows;
}

function add(a: BackfillCounts, b: Partial<BackfillCounts>): BackfillCounts {
  return {
    rows: a.rows + (b.rows ?? 0),
    orders: a.orders + (b.orders ?? 0),
    inserted: a.inserted + (b.inserted ?? 0),
    updated: a.updated + (b.updated ?? 0),
    unchanged: a.unchanged + (b.unchanged ?? 0),
    deadLettered: a.deadLettered + (b.deadLettered ?? 0),
  };
}

/** Mapped orders and rejections (with the rows they came from) of a slice's rows. */
function mapRows(rows: readonly AmazonOrderReportRow[], channel: string): { orders: Order[]; rejected: RejectedRecord[] } {
  const rowsOf = new Map<string, AmazonOrderReportRow[]>();
  for (const row of rows) {
    const id = row.cells['amazon-order-id'] ?? '';
    rowsOf.set(id, [...(rowsOf.get(id) ?? []), row]);
  }
  const orders: Order[] = [];
  const rejected: RejectedRecord[] = [];
  for (const result of amazonOrderReportToOrders(rows, { channel })) {
    if (result.ok) {
      orders.push(result.value);
      continue;
    }
    const e = result.error;
    const issues = e.issues.map((i) => ({ field: i.field, message: i.message }));
    rejected.push({
      rejection: recordRejection(e.recordType, e.recordId, 'mapping', issues),
      payload: { reportRows: (e.recordId === undefined ? rows.filter((r) => r.cells['amazon-order-id'] === undefined) : (rowsOf.get(e.recordId) ?? [])).map((r) => ({ line: r.line, cells: r.cells })) },
    });
  }
  return { orders, rejected };
}

function defaultContext(): BackfillActivityContext {
  const ctx = Context.current();
  return { heartbeat: (d) => ctx.heartbeat(d), cancellationSignal: ctx.cancellationSignal, heartbeatDetails: ctx.info.heartbeatDetails };
}

export function createOrdersBackfillActivities(deps: OrdersBackfillDeps): OrdersBackfillActivities {
  const clock = deps.clock ?? (() => new Date());
  const context = deps.context ?? defaultContext;
  const writeRows = deps.writeRows ?? ORDERS_BACKFILL.writeRows;

  return {
    async planOrdersBackfill(input: PlanOrdersBackfillInput) {
      return asActivity(async () => {
        const { vendor } = findOrderConnection(deps.config, input.tenant, input.channel);
        // The report mapping is Amazon's; another vendor's channel has no orders report.
        if (vendor !== 'amazon') throw validation(`channel "${input.channel}" of tenant "${input.tenant}" is a ${vendor} connection: only Amazon channels are backfilled through order reports`);
        const from = parseTime(input.from, '--from');
        const to = parseTime(input.to, '--to');
        if (from.getTime() >= to.getTime()) throw validation(`the backfill range is empty: --from ${input.from} is not before --to ${input.to}`);
        const windows = backfillWindows(from, to, input.windowDays);
        const startedAt = clock().toISOString();
        const { workflowId, runId, tenant, channel } = input;
        await recordRunStarted(deps.db, { workflowId, runId, tenant, channel, flow: FLOW, startedAt, windowFrom: isoSeconds(from), windowTo: isoSeconds(to) });
        deps.logger.info({ tenant, channel, from: isoSeconds(from), to: isoSeconds(to), windows: windows.length }, 'orders backfill planned');
        return { from: isoSeconds(from), to: isoSeconds(to), windows, startedAt };
      });
    },

    async importOrderReportBatch(input: ImportOrderReportBatchInput): Promise<ImportOrderReportBatchResult> {
      const ctx = context();
      const log = deps.logger.child({ tenant: input.tenant, channel: input.channel, file: input.file.path, line: input.start.line });
      const previous = ctx.heartbeatDetails as SliceHeartbeat | undefined;
      const resumed = previous && previous.start.offset === input.start.offset ? previous : undefined;
      if (resumed) log.info({ at: resumed.at }, 'resuming a report slice after a retry');
      let counts: BackfillCounts = resumed?.counts ?? ZERO_BACKFILL_COUNTS;
      let at: ReportPosition | null = resumed ? resumed.at : input.start;
      const heartbeat = () => ctx.heartbeat({ start: input.start, at, counts } satisfies SliceHeartbeat);
      const timer = setInterval(heartbeat, HEARTBEAT_EVERY_MS);
      return asActivity(async () => {
        try {
          const charset = await reportCharset(input.file);
          let header;
          try {
            header = await readOrderReportHeader(input.file.path, charset);
          } catch (e) {
            if (e instanceof OrderReportFileError) throw validation(e.message);
            throw e;
          }
          if (at !== null && at.offset === 0) at = header.dataStart;
          const maxRows = input.maxRows ?? ORDERS_BACKFILL.batchRows;
          while (at !== null && counts.rows < maxRows) {
            ctx.cancellationSignal.throwIfAborted();
            const slice = await readOrderReportSlice(input.file.path, charset, header, at, Math.min(writeRows, maxRows - counts.rows));
            const { orders, rejected } = mapRows(slice.rows, input.channel);
            const written = await writeReportOrders(deps.db, input.tenant, orders, clock());
            const key = { tenant: input.tenant, channel: input.channel, flow: FLOW, workflowId: input.workflowId, runId: input.runId };
            const deadLettered = await deadLetterRejections(deps.db, key, rejected, clock(), log);
            counts = add(counts, { rows: slice.rows.length, orders: orders.length + rejected.length, ...written, deadLettered });
            at = slice.next ?? null;
            heartbeat();
            if (slice.lines === 0) at = null;
          }
          log.info({ counts, more: at !== null }, 'report slice imported');
          return { counts, ...(at !== null ? { next: at } : {}) };
        } finally {
          clearInterval(timer);
        }
      });
    },

    async discardReportFile(input) {
      return asActivity(async () => {
        await rm(input.path, { force: true });
        deps.logger.info({ file: input.path }, 'imported report file deleted');
      });
    },

    async reportErrorMessage(input) {
      return asActivity(() => readReportProcessingError(reportFileRef(input.errorFile)));
    },

    async closeOrdersBackfill(input: CloseOrdersBackfillInput) {
      return asActivity(async () => {
        const finished = clock();
        const t = input.totals;
        const { durationMs } = await closeRunRecord(deps.db, finished, input.startedAt, {
          workflowId: input.workflowId,
          runId: input.runId,
          status: input.status,
          pages: input.batches,
          fetched: t.rows,
          inserted: t.inserted,
          updated: t.updated,
          unchanged: t.unchanged,
          deadLettered: t.deadLettered,
          rateLimited: 0,
          ...(input.error !== undefined ? { error: input.error } : {}),
        });
        deps.logger.info({ tenant: input.tenant, channel: input.channel, status: input.status, totals: t, durationMs }, 'orders backfill closed');
        return { finishedAt: finished.toISOString(), durationMs };
      });
    },
  };
}
