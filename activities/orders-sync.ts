/**
 * Activities of the ordersSync workflow: thin adapters between a channel's order source
 * (any vendor offering that capability), its record mapping and the store. One vendor
 * page per importOrdersPage call; progress is heartbeated, so a retried attempt (worker
 * killed, timeout) skips orders already written and carries their counts instead of
 * fetching them again. Each activity reads as its list of steps, named below.
 */
import { performance } from 'node:perf_hooks';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { findOrderConnection, type OrdersSyncSettings, type TenantsConfig } from '../config/tenants-config.js';
import { ConnectorError } from '../connectors/http/errors.js';
import type { CapabilityCallOptions, OrderSource, VendorOrderPage, VendorOrderRecord } from '../connectors/registry.js';
import type { Order } from '../mappings/canonical/index.js';
import {
  advanceCursor,
  getCursor,
  recordDeadLetters,
  closeRunRecord,
  recordRunStarted,
  upsertOrders,
  type DeadLetterInput,
} from '../store/index.js';
import { FLOWS, ORDERS_SYNC } from '../temporal.config.js';
import { asActivity } from './failures.js';
import { orderMappingFor, type OrderRecordMapping, type OrderRecordResult } from './order-mappings.js';
import type {
  FinishOrdersSyncInput,
  FinishOrdersSyncResult,
  ImportOrdersPageInput,
  ImportOrdersPageResult,
  OrdersSyncActivities,
  PlanOrdersSyncInput,
  PlanOrdersSyncResult,
  RecordOrdersSyncFailureInput,
  SyncCounts,
  SyncWindow,
} from './orders-sync-types.js';
import { recordRejection } from './record-rejections.js';
import type { VendorClients } from './vendor-clients.js';

export interface OrdersSyncDeps {
  db: Knex;
  config: TenantsConfig;
  vendors: VendorClients;
  logger: Logger;
  clock?: () => Date;
}

/** What a page attempt heartbeats; a retry of the same page resumes from it. */
interface PageHeartbeat {
  page: number;
  pageToken: string | null;
  done: string[];
  counts: SyncCounts;
}

/** A channel's order source, its mapping and its import settings. */
interface ChannelSource {
  source: OrderSource;
  mapping: OrderRecordMapping;
  settings: OrdersSyncSettings;
}

/** A mapped record and what the vendor sent for it (kept for dead letters). */
type MappedRecord = OrderRecordResult & { record: VendorOrderRecord; lines?: readonly unknown[] };

// Workflows may import only types from activities/, so the workflow keeps its own ZERO_COUNTS.
const ZERO: SyncCounts = { fetched: 0, inserted: 0, updated: 0, unchanged: 0, deadLettered: 0, throttled: 0 };
const HEARTBEAT_EVERY_MS = 5_000;
/**
 * Progress heartbeats closer together than this are skipped: each one copies the page's written
 * ids into a payload (thousands on a 20-page activity), and Temporal sends the server one per
 * throttle interval anyway. What a retry resumes from is at most this old; the records written
 * since are upserted again, unchanged.
 */
const HEARTBEAT_MIN_GAP_MS = 1_000;
const LISTING_PAGES_PER_ACTIVITY = 20;
/**
 * No further vendor page is started once an activity has run this long, whatever
 * pagesPerActivity allows: the workflow (and its progress query) hears of the import at
 * least this often, and a rate-limited import waits for one page token per activity, not
 * twenty, inside the activity's start-to-close timeout.
 */
const PAGES_TIME_BUDGET_MS = 10_000;
const FLOW = FLOWS.ordersSync;

/** ISO 8601 UTC to the second, as vendors echo it back. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A sync's totals as the store's run summary columns. */
function runCounts(pages: number, t: SyncCounts) {
  return { pages, fetched: t.fetched, inserted: t.inserted, updated: t.updated, unchanged: t.unchanged, deadLettered: t.deadLettered, rateLimited: t.throttled };
}

function validationFailure(message: string): ApplicationFailure {
  return ApplicationFailure.create({ message, type: 'validation', nonRetryable: true });
}

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return results;
}

function* batchesOf<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

// ---- steps of planOrdersSync ------------------------------------------------------------

/** Where the window starts: --since, the stored cursor minus the overlap, or the first-run lookback before `to`. */
async function windowStart(db: Knex, input: PlanOrdersSyncInput, to: Date): Promise<{ from: Date; fromSource: PlanOrdersSyncResult['fromSource'] }> {
  if (input.since !== undefined) {
    const from = new Date(input.since);
    if (Number.isNaN(from.getTime())) throw validationFailure(`--since "${input.since}" is not an ISO 8601 time`);
    return { from, fromSource: 'since' };
  }
  const cursor = await getCursor(db, { tenant: input.tenant, channel: input.channel, flow: FLOW });
  if (cursor) return { from: new Date(new Date(cursor).getTime() - ORDERS_SYNC.cursorOverlapMs), fromSource: 'cursor' };
  return { from: new Date(to.getTime() - ORDERS_SYNC.initialLookbackMs), fromSource: 'initial' };
}

/** [from, to): `to` lags now by the channel's settle time (vendors refuse a recent upper bound). */
async function planWindow(db: Knex, input: PlanOrdersSyncInput, settings: OrdersSyncSettings, now: Date) {
  const to = new Date(now.getTime() - settings.settleSeconds * 1000);
  const { from, fromSource } = await windowStart(db, input, to);
  if (from.getTime() >= to.getTime()) {
    throw validationFailure(`the sync window is empty: from ${isoSeconds(from)} is not before ${isoSeconds(to)}`);
  }
  return { window: { from: isoSeconds(from), to: isoSeconds(to) }, fromSource };
}

// ---- steps of importOrdersPage ------------------------------------------------------------

/** The progress of this page an earlier attempt heartbeated, if it was this very page. */
function resumedProgress(details: unknown, input: ImportOrdersPageInput): PageHeartbeat | undefined {
  const previous = details as PageHeartbeat | undefined;
  const pageToken = input.nextToken ?? null;
  return previous && previous.page === input.page && previous.pageToken === pageToken ? previous : undefined;
}

/** What this attempt of a page has done, carried on from an earlier attempt's heartbeat; `heartbeat` reports it. */
function pageProgress(ctx: Context, input: ImportOrdersPageInput) {
  const resumed = resumedProgress(ctx.info.heartbeatDetails, input);
  const done = new Set(resumed?.done ?? []);
  let counts: SyncCounts = { ...(resumed?.counts ?? ZERO) };
  let lastBeat = -Infinity;
  const beat = () => {
    lastBeat = performance.now();
    ctx.heartbeat({ page: input.page, pageToken: input.nextToken ?? null, done: [...done], counts } satisfies PageHeartbeat);
  };
  return {
    resumed: resumed !== undefined,
    done: done as ReadonlySet<string>,
    counts: () => counts,
    /** Reports progress unless it was reported under HEARTBEAT_MIN_GAP_MS ago. */
    heartbeat: () => {
      if (performance.now() - lastBeat >= HEARTBEAT_MIN_GAP_MS) beat();
    },
    /** Reports progress now (before a failure is thrown: the retry resumes from it). */
    heartbeatNow: beat,
    fetched: (n: number) => void (counts = { ...counts, fetched: n }),
    /** 429s of this attempt, added to what earlier attempts of the page saw. */
    throttled: (thisAttempt: number) => void (counts = { ...counts, throttled: (resumed?.counts.throttled ?? 0) + thisAttempt }),
    batchWritten(batch: readonly VendorOrderRecord[], written: { inserted: number; updated: number; unchanged: number }, deadLettered: number) {
      counts = {
        ...counts,
        inserted: counts.inserted + written.inserted,
        updated: counts.updated + written.updated,
        unchanged: counts.unchanged + written.unchanged,
        deadLettered: counts.deadLettered + deadLettered,
      };
      for (const r of batch) if (r.id !== undefined) done.add(r.id);
    },
  };
}

/** One vendor page of the window: the first (no cursor) or the one `cursor` continues to. */
async function fetchPage(channel: ChannelSource, input: ImportOrdersPageInput, cursor: string | undefined, call: CapabilityCallOptions): Promise<VendorOrderPage> {
  const pageSize = Math.min(input.pageSize ?? channel.settings.pageSize, channel.source.maxPageSize);
  return channel.source.listOrders({ window: input.window, ...(cursor !== undefined ? { cursor } : {}), pageSize }, call);
}

/** Vendor pages read ahead of the one being mapped and written; `next()` is undefined after the last. */
interface PagesAhead {
  next(): Promise<VendorOrderPage> | undefined;
  /** No read starts after this (the activity has ended, failed or not). */
  close(): void;
}

/**
 * Pages read ahead, up to `depth` waiting: each read starts the moment the page before it has
 * arrived (its cursor is in it), while `mayStart(readsStarted)` allows, so a vendor's reply time
 * overlaps the mapping and writing of the pages before it. A read that fails is reported when its
 * page's turn comes: the pages before it are written first.
 */
export function readPagesAhead(first: () => Promise<VendorOrderPage>, read: (cursor: string) => Promise<VendorOrderPage>, mayStart: (readsStarted: number) => boolean, depth: number): PagesAhead {
  const ahead: Promise<VendorOrderPage>[] = [];
  let started = 0;
  let parked: string | undefined;
  let closed = false;
  const start = (make: () => Promise<VendorOrderPage>): void => {
    started++;
    const reading = make();
    ahead.push(reading);
    reading.then(follow, () => undefined);
  };
  function follow(page: VendorOrderPage): void {
    if (closed || page.cursor === undefined || !mayStart(started)) return;
    const cursor = page.cursor;
    if (ahead.length < depth) start(() => read(cursor));
    else parked = cursor;
  }
  start(first);
  return {
    next() {
      const page = ahead.shift();
      if (parked !== undefined && ahead.length < depth) {
        const cursor = parked;
        parked = undefined;
        start(() => read(cursor));
      }
      return page;
    },
    close() {
      closed = true;
      parked = undefined;
    },
  };
}

/** Lets the event loop read sockets between synchronous stretches (mapping, SQLite writes): the pages read ahead arrive meanwhile. */
const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Pages read ahead of the one in hand: two keep a vendor's reply time off the import's path. */
const PAGES_READ_AHEAD = 2;

/**
 * Vendor pages per activity: the connection's setting, else 1 where lines are fetched per
 * order (those calls take the time) and 20 where the listing carries them (Temporal's
 * turnaround between activities and the unprefetched first page of each would); within
 * PAGES_TIME_BUDGET_MS either way.
 */
function pagesPerActivity(channel: ChannelSource): number {
  return channel.settings.pagesPerActivity ?? (channel.source.orderLines ? 1 : LISTING_PAGES_PER_ACTIVITY);
}

/** Records an earlier attempt has not written yet. */
function pendingRecords(page: VendorOrderPage, done: ReadonlySet<string>): VendorOrderRecord[] {
  return page.records.filter((r) => r.id === undefined || !done.has(r.id));
}

/** Fetches a record's lines when the source serves them apart, then maps it; an order gone in between is a rejection. */
async function mapRecord(channel: ChannelSource, record: VendorOrderRecord, channelId: string, call: CapabilityCallOptions): Promise<MappedRecord> {
  const { source, mapping } = channel;
  if (!source.orderLines || record.id === undefined) return { ...mapping.map(record.order, undefined, channelId), record };
  let lines: unknown[];
  try {
    lines = await source.orderLines(record.id, call);
  } catch (e) {
    if (e instanceof ConnectorError && e.kind === 'not_found') {
      const rejection = recordRejection(mapping.recordType, record.id, 'schema', [{ field: 'orderItems', message: `not found (${e.message})` }]);
      return { ok: false, rejection, record };
    }
    throw e;
  }
  return { ...mapping.map(record.order, lines, channelId), record, lines };
}

async function writeOrders(db: Knex, tenant: string, mapped: readonly MappedRecord[], now: Date) {
  const orders: Order[] = mapped.flatMap((m) => (m.ok ? [m.order] : []));
  return orders.length ? upsertOrders(db, tenant, orders, { now }) : { inserted: 0, updated: 0, unchanged: 0 };
}

/**
 * Rejected records go to the dead letters with what the vendor sent ({order, items}: `caravan map`
 * and replays read it), and the record format when the source names one (replays pick the mapping by it).
 */
async function recordRejected(db: Knex, input: ImportOrdersPageInput, mapped: readonly MappedRecord[], format: string | undefined, now: Date, log: Logger): Promise<number> {
  const dead: DeadLetterInput[] = mapped.flatMap((m) => {
    if (m.ok) return [];
    const r = m.rejection;
    return [
      {
        tenant: input.tenant,
        channel: input.channel,
        flow: FLOW,
        recordType: r.recordType,
        ...(r.externalId ? { externalId: r.externalId } : {}),
        field: r.field,
        errorKind: r.errorKind,
        message: r.message,
        payload: { order: m.record.order, ...(m.lines ? { items: m.lines } : {}), ...(format !== undefined ? { format } : {}) },
        workflowId: input.workflowId,
        runId: input.runId,
      },
    ];
  });
  if (dead.length === 0) return 0;
  await recordDeadLetters(db, dead, { now });
  for (const d of dead) log.warn({ externalId: d.externalId, field: d.field, errorKind: d.errorKind }, 'record dead-lettered');
  return dead.length;
}

// ---- the activities ---------------------------------------------------------------------

export function createOrdersSyncActivities(deps: OrdersSyncDeps): OrdersSyncActivities {
  const clock = deps.clock ?? (() => new Date());

  /** The channel's order source (any vendor offering it), its mapping and settings. */
  function channelSource(tenant: string, channel: string): ChannelSource {
    const { orders: settings, vendor } = findOrderConnection(deps.config, tenant, channel);
    const { capability: source } = deps.vendors.capability(tenant, channel, 'orderSource');
    return { source, mapping: orderMappingFor(vendor, source.recordFormat), settings };
  }

  async function planOrdersSync(input: PlanOrdersSyncInput): Promise<PlanOrdersSyncResult> {
    return asActivity(async () => {
      const { orders: settings } = findOrderConnection(deps.config, input.tenant, input.channel);
      const now = clock();
      const { window, fromSource } = await planWindow(deps.db, input, settings, now);
      const startedAt = now.toISOString();
      const { workflowId, runId, tenant, channel } = input;
      await recordRunStarted(deps.db, { workflowId, runId, tenant, channel, flow: FLOW, startedAt, windowFrom: window.from, windowTo: window.to });
      deps.logger.info({ tenant: input.tenant, channel: input.channel, window, fromSource }, 'orders sync planned');
      return { window, startedAt, fromSource };
    });
  }

  async function importOrdersPage(input: ImportOrdersPageInput): Promise<ImportOrdersPageResult> {
    const ctx = Context.current();
    const log = deps.logger.child({ tenant: input.tenant, channel: input.channel, page: input.page });
    const progress = pageProgress(ctx, input);
    if (progress.resumed) log.info({ alreadyWritten: progress.done.size }, 'resuming page after a retry');

    return asActivity(async () => {
      const channel = channelSource(input.tenant, input.channel);
      const throttledBefore = channel.source.throttled();
      const noteThrottling = () => progress.throttled(channel.source.throttled() - throttledBefore);
      // Cancelling the activity cancels the waits and requests in flight, not only the next batch.
      const call = { signal: ctx.cancellationSignal };
      const timer = setInterval(progress.heartbeat, HEARTBEAT_EVERY_MS);
      const maxPages = pagesPerActivity(channel);
      const started = performance.now();
      let fetched = 0;
      let pages = 0;
      const reads = readPagesAhead(
        () => fetchPage(channel, input, input.nextToken, call),
        (cursor) => fetchPage(channel, input, cursor, call),
        (readsStarted) => readsStarted < maxPages && performance.now() - started < PAGES_TIME_BUDGET_MS,
        PAGES_READ_AHEAD,
      );
      try {
        let page: VendorOrderPage | undefined;
        for (let reading = reads.next(); reading !== undefined; reading = reads.next()) {
          page = await reading;
          pages++;
          fetched += page.records.length;
          progress.fetched(fetched);
          progress.heartbeat();
          for (const batch of batchesOf(pendingRecords(page, progress.done), channel.settings.writeBatchSize)) {
            ctx.cancellationSignal.throwIfAborted();
            const mapped = await mapWithConcurrency(batch, channel.settings.itemsConcurrency, (r) => mapRecord(channel, r, input.channel, call));
            await yieldToIo();
            const written = await writeOrders(deps.db, input.tenant, mapped, clock());
            const deadLettered = await recordRejected(deps.db, input, mapped, channel.mapping.format, clock(), log);
            progress.batchWritten(batch, written, deadLettered);
            noteThrottling();
            progress.heartbeat();
            await yieldToIo();
          }
        }
        if (page === undefined) throw new Error('no vendor page was read');
        noteThrottling();
        log.info({ counts: progress.counts(), pages, more: page.cursor !== undefined }, 'orders page imported');
        return { ...(page.cursor !== undefined ? { nextToken: page.cursor } : {}), counts: progress.counts(), ...(pages > 1 ? { pages } : {}) };
      } catch (e) {
        // Keep what this attempt learnt about throttling for the next one.
        noteThrottling();
        progress.heartbeatNow();
        throw e;
      } finally {
        reads.close();
        clearInterval(timer);
      }
    });
  }

  /** Closes the run summary of the sync with `status` and its totals. */
  async function closeRun(input: RecordOrdersSyncFailureInput | FinishOrdersSyncInput, status: 'completed' | 'failed' | 'cancelled', finished: Date, error?: string) {
    const { durationMs } = await closeRunRecord(deps.db, finished, input.startedAt, {
      workflowId: input.workflowId,
      runId: input.runId,
      status,
      ...runCounts(input.pages, input.totals),
      ...(error !== undefined ? { error } : {}),
    });
    return durationMs;
  }

  async function finishOrdersSync(input: FinishOrdersSyncInput): Promise<FinishOrdersSyncResult> {
    return asActivity(async () => {
      const finished = clock();
      await advanceCursor(deps.db, cursorAt(input, input.window), { now: finished });
      const durationMs = await closeRun(input, 'completed', finished);
      deps.logger.info({ tenant: input.tenant, channel: input.channel, totals: input.totals, durationMs }, 'orders sync finished');
      return { finishedAt: finished.toISOString(), durationMs, cursor: input.window.to };
    });
  }

  async function recordOrdersSyncFailure(input: RecordOrdersSyncFailureInput): Promise<void> {
    return asActivity(async () => {
      await closeRun(input, input.status, clock(), input.error);
      deps.logger.warn({ tenant: input.tenant, channel: input.channel, status: input.status, error: input.error }, 'orders sync did not finish');
    });
  }

  return { planOrdersSync, importOrdersPage, finishOrdersSync, recordOrdersSyncFailure };
}

/** The next sync starts where this window ended. */
function cursorAt(input: FinishOrdersSyncInput, window: SyncWindow) {
  return { tenant: input.tenant, channel: input.channel, flow: FLOW, cursor: window.to, workflowId: input.workflowId, runId: input.runId };
}
