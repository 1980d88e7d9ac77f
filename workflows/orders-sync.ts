/**
 * ordersSync: imports a channel's orders into the hub, one vendor page per activity.
 *
 * Orchestration only (no I/O): the window comes from the store's cursor (minus an
 * overlap, so late updates are re-read), each page is fetched, mapped and written by
 * one activity that heartbeats its progress, and the cursor moves forward only when
 * the whole window is imported. Long imports continue-as-new, carrying their state.
 */
import {
  ApplicationFailure,
  continueAsNew,
  defineQuery,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { OrdersSyncActivities, SyncCounts, SyncWindow } from '../activities/orders-sync-types.js';
import { closeRunAndRethrow, historyIsLong } from './run-lifecycle.js';
import { ACTIVITY_OPTIONS, FLOWS, ORDERS_SYNC, searchAttributeKeys } from '../temporal.config.js';

export interface OrdersSyncInput {
  tenant: string;
  channel: string;
  /** ISO 8601; read from this instant instead of the stored cursor (ops backfills). */
  since?: string;
  /** Orders per vendor page (vendor maximum when absent). */
  pageSize?: number;
  /** Override of ORDERS_SYNC.continueAsNewAfterEvents (tests exercise continue-as-new with it). */
  continueAsNewAfterEvents?: number;
  /** State carried across continue-as-new; never set by callers. */
  carry?: OrdersSyncCarry;
}

export interface OrdersSyncCarry {
  window: SyncWindow;
  nextToken?: string;
  pages: number;
  totals: SyncCounts;
  startedAt: string;
  /** Run id of the first run of this sync, the key of its run summary. */
  firstRunId: string;
  continuedAsNew: number;
}

export type OrdersSyncPhase = 'planning' | 'importing' | 'finishing' | 'done';

export interface OrdersSyncProgress {
  tenant: string;
  channel: string;
  phase: OrdersSyncPhase;
  window?: SyncWindow;
  pages: number;
  totals: SyncCounts;
  morePages: boolean;
  continuedAsNew: number;
  startedAt?: string;
}

export interface OrdersSyncSummary {
  tenant: string;
  channel: string;
  window: SyncWindow;
  pages: number;
  totals: SyncCounts;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  continuedAsNew: number;
  cursor: string;
}

export const progressQuery = defineQuery<OrdersSyncProgress>('progress');

const { planOrdersSync, finishOrdersSync, recordOrdersSyncFailure } = proxyActivities<OrdersSyncActivities>({
  ...ACTIVITY_OPTIONS.store,
  summary: 'store bookkeeping',
});
const { importOrdersPage } = proxyActivities<OrdersSyncActivities>({ ...ACTIVITY_OPTIONS.vendorPage });

export const ZERO_COUNTS: SyncCounts = {
  fetched: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  deadLettered: 0,
  throttled: 0,
};

function addCounts(a: SyncCounts, b: SyncCounts): SyncCounts {
  return {
    fetched: a.fetched + b.fetched,
    inserted: a.inserted + b.inserted,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    deadLettered: a.deadLettered + b.deadLettered,
    throttled: a.throttled + b.throttled,
  };
}

function describe(p: OrdersSyncProgress): string {
  const t = p.totals;
  return [
    `**${p.phase}** ${p.tenant}/${p.channel}`,
    p.window ? `window ${p.window.from} → ${p.window.to}` : '',
    `pages ${p.pages}: ${t.fetched} fetched, ${t.inserted} new, ${t.updated} updated, ${t.unchanged} unchanged, ` +
      `${t.deadLettered} dead-lettered, ${t.throttled} throttled (429)`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

export async function ordersSync(input: OrdersSyncInput): Promise<OrdersSyncSummary> {
  const { tenant, channel } = input;
  if (!tenant || !channel) {
    throw ApplicationFailure.nonRetryable('ordersSync needs a tenant and a channel', 'validation');
  }
  const info = workflowInfo();
  const progress: OrdersSyncProgress = {
    tenant,
    channel,
    phase: 'planning',
    pages: input.carry?.pages ?? 0,
    totals: input.carry?.totals ?? ZERO_COUNTS,
    morePages: true,
    continuedAsNew: input.carry?.continuedAsNew ?? 0,
    ...(input.carry ? { window: input.carry.window, startedAt: input.carry.startedAt } : {}),
  };
  setHandler(progressQuery, () => progress);

  const keys = searchAttributeKeys;
  if (!input.carry) {
    // Set by the starter too; upserted here so a run started by other means is still filterable.
    upsertSearchAttributes([
      { key: keys.tenant, value: tenant },
      { key: keys.channel, value: channel },
      { key: keys.flow, value: FLOWS.ordersSync },
    ]);
  }

  let carry: OrdersSyncCarry;
  if (input.carry) {
    carry = input.carry;
  } else {
    const plan = await planOrdersSync({
      tenant,
      channel,
      ...(input.since !== undefined ? { since: input.since } : {}),
      workflowId: info.workflowId,
      runId: info.runId,
    });
    carry = {
      window: plan.window,
      pages: 0,
      totals: ZERO_COUNTS,
      startedAt: plan.startedAt,
      firstRunId: info.runId,
      continuedAsNew: 0,
    };
  }
  progress.window = carry.window;
  progress.startedAt = carry.startedAt;
  progress.phase = 'importing';
  setCurrentDetails(describe(progress));

  const eventLimit = input.continueAsNewAfterEvents ?? ORDERS_SYNC.continueAsNewAfterEvents;
  let finished: Awaited<ReturnType<typeof finishOrdersSync>>;
  try {
    for (;;) {
      // The summary names the page in the UI's event history.
      const page = await importOrdersPage.executeWithOptions(
        { ...ACTIVITY_OPTIONS.vendorPage, summary: `${channel} page ${carry.pages + 1}` },
        [
          {
            tenant,
            channel,
            window: carry.window,
            ...(carry.nextToken !== undefined ? { nextToken: carry.nextToken } : {}),
            ...(input.pageSize !== undefined ? { pageSize: input.pageSize } : {}),
            page: carry.pages + 1,
            workflowId: info.workflowId,
            runId: carry.firstRunId,
          },
        ],
      );
      carry = {
        ...carry,
        // An activity may read several vendor pages (pagesPerActivity): pages count vendor pages.
        pages: carry.pages + (page.pages ?? 1),
        totals: addCounts(carry.totals, page.counts),
        ...(page.nextToken !== undefined ? { nextToken: page.nextToken } : {}),
      };
      if (page.nextToken === undefined) delete carry.nextToken;

      progress.pages = carry.pages;
      progress.totals = carry.totals;
      progress.morePages = carry.nextToken !== undefined;
      upsertSearchAttributes([
        { key: keys.recordsImported, value: carry.totals.inserted },
        { key: keys.recordsUpdated, value: carry.totals.updated },
        { key: keys.deadLetters, value: carry.totals.deadLettered },
      ]);
      setCurrentDetails(describe(progress));

      if (carry.nextToken === undefined) break;
      if (historyIsLong(eventLimit)) {
        await continueAsNew<typeof ordersSync>({
          ...input,
          carry: { ...carry, continuedAsNew: carry.continuedAsNew + 1 },
        });
      }
    }

    progress.phase = 'finishing';
    finished = await finishOrdersSync({
      tenant,
      channel,
      window: carry.window,
      pages: carry.pages,
      totals: carry.totals,
      startedAt: carry.startedAt,
      workflowId: info.workflowId,
      runId: carry.firstRunId,
    });
  } catch (e) {
    // Close the run summary (the cursor stays put, so the next sync re-reads this window),
    // then fail or cancel the workflow as before.
    return closeRunAndRethrow(e, (end) =>
      recordOrdersSyncFailure({
        tenant,
        channel,
        ...end,
        pages: carry.pages,
        totals: carry.totals,
        startedAt: carry.startedAt,
        workflowId: info.workflowId,
        runId: carry.firstRunId,
      }),
    );
  }
  progress.phase = 'done';
  setCurrentDetails(describe(progress));
  return {
    tenant,
    channel,
    window: carry.window,
    pages: carry.pages,
    totals: carry.totals,
    startedAt: carry.startedAt,
    finishedAt: finished.finishedAt,
    durationMs: finished.durationMs,
    continuedAsNew: carry.continuedAsNew,
    cursor: finished.cursor,
  };
}
