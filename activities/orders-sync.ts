/**
 * Activities of the ordersSync workflow: thin adapters between the Amazon connector,
 * the mapping and the store. One vendor page per importOrdersPage call; progress is
 * heartbeated, so a retried attempt (worker killed, timeout) skips orders already
 * written and carries their counts instead of fetching them again.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import { ConnectorError } from '../connectors/http/errors.js';
import type { Order } from '../mappings/canonical/index.js';
import {
  advanceCursor,
  getCursor,
  recordDeadLetters,
  recordRunFinished,
  recordRunStarted,
  upsertOrders,
  type DeadLetterInput,
} from '../store/index.js';
import { FLOWS, ORDERS_SYNC } from '../temporal.config.js';
import type { Logger } from 'pino';
import { findAmazonConnection, type TenantsConfig } from '../config/tenants-config.js';
import { AMAZON_ORDER_RECORD, mapAmazonOrderRecord } from './amazon-records.js';
import { asActivity } from './failures.js';
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
} from './orders-sync-types.js';
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

// Workflows may import only types from activities/, so the workflow keeps its own ZERO_COUNTS.
const ZERO: SyncCounts = { fetched: 0, inserted: 0, updated: 0, unchanged: 0, deadLettered: 0, throttled: 0 };
const HEARTBEAT_EVERY_MS = 5_000;

/** A sync's totals as the store's run summary columns. */
function runCounts(pages: number, t: SyncCounts) {
  return {
    pages,
    fetched: t.fetched,
    inserted: t.inserted,
    updated: t.updated,
    unchanged: t.unchanged,
    deadLettered: t.deadLettered,
    rateLimited: t.throttled,
  };
}

/** ISO 8601 UTC to the second, as vendors echo it back. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return results;
}

export function createOrdersSyncActivities(deps: OrdersSyncDeps): OrdersSyncActivities {
  const clock = deps.clock ?? (() => new Date());
  const flow = FLOWS.ordersSync;

  async function planOrdersSync(input: PlanOrdersSyncInput): Promise<PlanOrdersSyncResult> {
    return asActivity(async () => {
      const connection = findAmazonConnection(deps.config, input.tenant, input.channel);
      const now = clock();
      const to = new Date(now.getTime() - connection.orders.settleSeconds * 1000);
      let from: Date;
      let fromSource: PlanOrdersSyncResult['fromSource'];
      if (input.since !== undefined) {
        from = new Date(input.since);
        fromSource = 'since';
        if (Number.isNaN(from.getTime())) {
          throw ApplicationFailure.create({ message: `--since "${input.since}" is not an ISO 8601 time`, type: 'validation', nonRetryable: true });
        }
      } else {
        const cursor = await getCursor(deps.db, { tenant: input.tenant, channel: input.channel, flow });
        if (cursor) {
          from = new Date(new Date(cursor).getTime() - ORDERS_SYNC.cursorOverlapMs);
          fromSource = 'cursor';
        } else {
          from = new Date(to.getTime() - ORDERS_SYNC.initialLookbackMs);
          fromSource = 'initial';
        }
      }
      if (from.getTime() >= to.getTime()) {
        throw ApplicationFailure.create({
          message: `the sync window is empty: from ${isoSeconds(from)} is not before ${isoSeconds(to)}`,
          type: 'validation',
          nonRetryable: true,
        });
      }
      const window = { from: isoSeconds(from), to: isoSeconds(to) };
      const startedAt = now.toISOString();
      await recordRunStarted(deps.db, {
        workflowId: input.workflowId,
        runId: input.runId,
        tenant: input.tenant,
        channel: input.channel,
        flow,
        startedAt,
        windowFrom: window.from,
        windowTo: window.to,
      });
      deps.logger.info({ tenant: input.tenant, channel: input.channel, window, fromSource }, 'orders sync planned');
      return { window, startedAt, fromSource };
    });
  }

  async function importOrdersPage(input: ImportOrdersPageInput): Promise<ImportOrdersPageResult> {
    const ctx = Context.current();
    const log = deps.logger.child({ tenant: input.tenant, channel: input.channel, page: input.page });
    const pageToken = input.nextToken ?? null;
    const previous = ctx.info.heartbeatDetails as PageHeartbeat | undefined;
    const resumed = previous && previous.page === input.page && previous.pageToken === pageToken ? previous : undefined;
    const done = new Set(resumed?.done ?? []);
    let counts: SyncCounts = { ...(resumed?.counts ?? ZERO) };
    const heartbeat = () => ctx.heartbeat({ page: input.page, pageToken, done: [...done], counts } satisfies PageHeartbeat);
    if (resumed) log.info({ alreadyWritten: done.size }, 'resuming page after a retry');

    return asActivity(async () => {
      const { client, connection } = deps.vendors.amazon(input.tenant, input.channel);
      const throttledBefore = client.stats().throttled;
      const syncThrottled = () => client.stats().throttled - throttledBefore;
      // Cancelling the activity cancels the waits and requests in flight, not only the next batch.
      const call = { signal: ctx.cancellationSignal };
      const timer = setInterval(heartbeat, HEARTBEAT_EVERY_MS);
      try {
        const marketplaceIds = connection.settings.marketplaceIds;
        const page = await client.getOrders(
          input.nextToken !== undefined
            ? { marketplaceIds, nextToken: input.nextToken }
            : {
                marketplaceIds,
                lastUpdatedAfter: input.window.from,
                lastUpdatedBefore: input.window.to,
                maxResultsPerPage: input.pageSize ?? connection.orders.pageSize,
              },
          call,
        );
        counts.fetched = page.orders.length;
        heartbeat();

        const pending = page.orders.filter((raw) => {
          const id = (raw as { AmazonOrderId?: unknown } | null)?.AmazonOrderId;
          return !(typeof id === 'string' && done.has(id));
        });
        const batchSize = connection.orders.writeBatchSize;
        for (let start = 0; start < pending.length; start += batchSize) {
          ctx.cancellationSignal.throwIfAborted();
          const batch = pending.slice(start, start + batchSize);
          const mapped = await mapWithConcurrency(batch, connection.orders.itemsConcurrency, async (raw) => {
            const id = (raw as { AmazonOrderId?: unknown } | null)?.AmazonOrderId;
            if (typeof id !== 'string' || !id) return mapAmazonOrderRecord(raw, undefined, input.channel);
            let items: unknown[];
            try {
              items = await client.getAllOrderItems(id, call);
            } catch (e) {
              // An order that vanished between the two calls is a record problem, not a page failure.
              if (e instanceof ConnectorError && e.kind === 'not_found') {
                return {
                  ok: false as const,
                  rejection: {
                    recordType: AMAZON_ORDER_RECORD,
                    externalId: id,
                    field: 'orderItems',
                    errorKind: 'schema' as const,
                    message: `${AMAZON_ORDER_RECORD} ${id}: orderItems: getOrderItems answered 404 (${e.message})`,
                    issues: [{ field: 'orderItems', message: 'not found' }],
                  },
                  raw,
                };
              }
              throw e;
            }
            return { ...mapAmazonOrderRecord(raw, items, input.channel), raw, items };
          });

          const orders: Order[] = [];
          const dead: DeadLetterInput[] = [];
          mapped.forEach((m, i) => {
            if (m.ok) {
              orders.push(m.order);
            } else {
              const r = m.rejection;
              dead.push({
                tenant: input.tenant,
                channel: input.channel,
                flow,
                recordType: r.recordType,
                ...(r.externalId ? { externalId: r.externalId } : {}),
                field: r.field,
                errorKind: r.errorKind,
                message: r.message,
                payload: { order: batch[i], ...('items' in m && m.items ? { items: m.items } : {}) },
                workflowId: input.workflowId,
                runId: input.runId,
              });
            }
          });
          const written = orders.length ? await upsertOrders(deps.db, input.tenant, orders, { now: clock() }) : { inserted: 0, updated: 0, unchanged: 0 };
          if (dead.length) {
            await recordDeadLetters(deps.db, dead, { now: clock() });
            for (const d of dead) log.warn({ externalId: d.externalId, field: d.field, errorKind: d.errorKind }, 'record dead-lettered');
          }
          counts = {
            ...counts,
            inserted: counts.inserted + written.inserted,
            updated: counts.updated + written.updated,
            unchanged: counts.unchanged + written.unchanged,
            deadLettered: counts.deadLettered + dead.length,
          };
          for (const raw of batch) {
            const id = (raw as { AmazonOrderId?: unknown } | null)?.AmazonOrderId;
            if (typeof id === 'string') done.add(id);
          }
          counts.throttled = (resumed?.counts.throttled ?? 0) + syncThrottled();
          heartbeat();
        }
        counts.throttled = (resumed?.counts.throttled ?? 0) + syncThrottled();
        log.info({ counts, more: page.nextToken !== undefined }, 'orders page imported');
        return { ...(page.nextToken !== undefined ? { nextToken: page.nextToken } : {}), counts };
      } catch (e) {
        // Keep what this attempt learnt about throttling for the next one.
        counts.throttled = (resumed?.counts.throttled ?? 0) + syncThrottled();
        heartbeat();
        throw e;
      } finally {
        clearInterval(timer);
      }
    });
  }

  async function finishOrdersSync(input: FinishOrdersSyncInput): Promise<FinishOrdersSyncResult> {
    return asActivity(async () => {
      const finished = clock();
      const durationMs = Math.max(0, finished.getTime() - new Date(input.startedAt).getTime());
      const cursor = { tenant: input.tenant, channel: input.channel, flow: input.flow, cursor: input.window.to, workflowId: input.workflowId, runId: input.runId };
      await advanceCursor(deps.db, cursor, { now: finished });
      await recordRunFinished(deps.db, {
        workflowId: input.workflowId,
        runId: input.runId,
        status: 'completed',
        finishedAt: finished.toISOString(),
        durationMs,
        ...runCounts(input.pages, input.totals),
      });
      deps.logger.info({ tenant: input.tenant, channel: input.channel, totals: input.totals, durationMs }, 'orders sync finished');
      return { finishedAt: finished.toISOString(), durationMs, cursor: input.window.to };
    });
  }

  async function recordOrdersSyncFailure(input: RecordOrdersSyncFailureInput): Promise<void> {
    return asActivity(async () => {
      const finished = clock();
      await recordRunFinished(deps.db, {
        workflowId: input.workflowId,
        runId: input.runId,
        status: input.status,
        finishedAt: finished.toISOString(),
        durationMs: Math.max(0, finished.getTime() - new Date(input.startedAt).getTime()),
        ...runCounts(input.pages, input.totals),
        error: input.error,
      });
      deps.logger.warn({ tenant: input.tenant, channel: input.channel, status: input.status, error: input.error }, 'orders sync did not finish');
    });
  }

  return { planOrdersSync, importOrdersPage, finishOrdersSync, recordOrdersSyncFailure };
}
