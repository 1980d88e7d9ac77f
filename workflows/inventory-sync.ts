/**
 * inventorySync: publishes the stock one channel may promise per SKU and marketplace.
 *
 * Orchestration only (no I/O): read the marketplace's own stock (FBA) back into the hub when
 * the connection asks, then page through the catalogue: each page is planned across every
 * channel of the tenant (one activity, hub only) and the channel's changed quantities are
 * pushed: a few one call each, many as feeds whose verdicts are polled with durable timers.
 * Long syncs continue-as-new between pages, carrying their state.
 */
import { ApplicationFailure, continueAsNew, defineQuery, proxyActivities, setCurrentDetails, setHandler, sleep, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { InventorySyncActivities, InventorySyncCounts, QuantitiesFeed } from '../activities/inventory-sync-types.js';
import { closeRunAndRethrow, historyIsLong } from './run-lifecycle.js';
import { ACTIVITY_OPTIONS, FLOWS, INVENTORY_SYNC, reportPollDelayMs, searchAttributeKeys, type ReportPollSchedule } from '../temporal.config.js';

export interface InventorySyncInput {
  tenant: string;
  channel: string;
  /** SKUs planned per page (INVENTORY_PLAN_PAGE_SIZE when absent). */
  pageSize?: number;
  /** Override of INVENTORY_SYNC.feedPoll (tests poll fast). */
  feedPoll?: ReportPollSchedule;
  /** Override of INVENTORY_SYNC.continueAsNewAfterEvents. */
  continueAsNewAfterEvents?: number;
  /** State carried across continue-as-new; never set by callers. */
  carry?: InventorySyncCarry;
}

export interface InventorySyncCarry {
  startedAt: string;
  firstRunId: string;
  feedThreshold: number;
  afterSku?: string;
  pages: number;
  totals: InventorySyncCounts;
  continuedAsNew: number;
}

export type InventorySyncPhase = 'starting' | 'reading-marketplace-stock' | 'planning' | 'pushing' | 'waiting-for-feed' | 'finishing' | 'done';

export interface InventorySyncProgress {
  tenant: string;
  channel: string;
  phase: InventorySyncPhase;
  pages: number;
  totals: InventorySyncCounts;
  /** Feeds whose verdicts are awaited. */
  feedsOpen: string[];
  continuedAsNew: number;
  startedAt?: string;
}

export interface InventorySyncSummary {
  tenant: string;
  channel: string;
  pages: number;
  totals: InventorySyncCounts;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  continuedAsNew: number;
}

export const inventorySyncProgressQuery = defineQuery<InventorySyncProgress>('progress');

const { startInventorySync, planInventoryPage, finishInventorySync } = proxyActivities<InventorySyncActivities>({ ...ACTIVITY_OPTIONS.store, summary: 'store bookkeeping' });
const { readMarketplaceStockPage, pushQuantities, submitQuantitiesFeed } = proxyActivities<InventorySyncActivities>({ ...ACTIVITY_OPTIONS.vendorPage });
const { checkQuantitiesFeed: pollFeed } = proxyActivities<InventorySyncActivities>({ ...ACTIVITY_OPTIONS.vendorPage, summary: 'feed status' });

export const ZERO_INVENTORY_COUNTS: InventorySyncCounts = {
  marketplaceStockRead: 0,
  marketplaceStockChanged: 0,
  marketplaceStockRejected: 0,
  skusPlanned: 0,
  unchanged: 0,
  skipped: 0,
  sent: 0,
  accepted: 0,
  rejected: 0,
  pending: 0,
};

function add(a: InventorySyncCounts, b: Partial<InventorySyncCounts>): InventorySyncCounts {
  const out = { ...a };
  for (const [k, v] of Object.entries(b) as [keyof InventorySyncCounts, number][]) out[k] += v;
  return out;
}

function describe(p: InventorySyncProgress): string {
  const t = p.totals;
  return [
    `**${p.phase}** ${p.tenant}/${p.channel}`,
    t.marketplaceStockRead > 0 ? `marketplace stock: ${t.marketplaceStockRead} read, ${t.marketplaceStockChanged} changed, ${t.marketplaceStockRejected} not taken` : '',
    `pages ${p.pages}: ${t.skusPlanned} SKUs planned, ${t.sent} quantities sent (${t.accepted} accepted, ${t.rejected} rejected, ${t.pending} pending), ${t.unchanged} unchanged, ${t.skipped} skipped`,
    p.feedsOpen.length > 0 ? `feeds open: ${p.feedsOpen.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

export async function inventorySync(input: InventorySyncInput): Promise<InventorySyncSummary> {
  const { tenant, channel } = input;
  if (!tenant || !channel) throw ApplicationFailure.nonRetryable('inventorySync needs a tenant and a channel', 'validation');
  const info = workflowInfo();
  const progress: InventorySyncProgress = {
    tenant,
    channel,
    phase: 'starting',
    pages: input.carry?.pages ?? 0,
    totals: input.carry?.totals ?? ZERO_INVENTORY_COUNTS,
    feedsOpen: [],
    continuedAsNew: input.carry?.continuedAsNew ?? 0,
    ...(input.carry ? { startedAt: input.carry.startedAt } : {}),
  };
  setHandler(inventorySyncProgressQuery, () => progress);
  const keys = searchAttributeKeys;
  if (!input.carry) {
    upsertSearchAttributes([
      { key: keys.tenant, value: tenant },
      { key: keys.channel, value: channel },
      { key: keys.flow, value: FLOWS.inventorySync },
    ]);
  }
  const firstRunId = input.carry?.firstRunId ?? info.runId;
  const run = { tenant, channel, workflowId: info.workflowId, runId: firstRunId };
  const show = (phase: InventorySyncPhase) => {
    progress.phase = phase;
    setCurrentDetails(describe(progress));
  };

  let carry: InventorySyncCarry | undefined = input.carry;
  try {
    if (!carry) {
      const start = await startInventorySync(run);
      carry = { startedAt: start.startedAt, firstRunId, feedThreshold: start.feedThreshold, pages: 0, totals: ZERO_INVENTORY_COUNTS, continuedAsNew: 0 };
      progress.startedAt = start.startedAt;
      show('reading-marketplace-stock');
      for (const marketplaceId of start.readMarketplaces) {
        let cursor: string | undefined;
        do {
          const page = await readMarketplaceStockPage.executeWithOptions({ ...ACTIVITY_OPTIONS.vendorPage, summary: `${channel} stock ${marketplaceId}` }, [
            { ...run, marketplaceId, ...(cursor === undefined ? {} : { cursor }) },
          ]);
          cursor = page.cursor;
          carry.totals = add(carry.totals, { marketplaceStockRead: page.read, marketplaceStockChanged: page.changed, marketplaceStockRejected: page.rejected });
          progress.totals = carry.totals;
          setCurrentDetails(describe(progress));
        } while (cursor !== undefined);
      }
    }

    for (;;) {
      show('planning');
      const page = await planInventoryPage({ ...run, ...(carry.afterSku === undefined ? {} : { afterSku: carry.afterSku }), ...(input.pageSize === undefined ? {} : { pageSize: input.pageSize }) });
      carry.pages += 1;
      carry.totals = add(carry.totals, { skusPlanned: page.skusPlanned, unchanged: page.unchanged, skipped: page.skipped });
      if (page.push.length > 0 && page.push.length <= carry.feedThreshold) {
        show('pushing');
        const pushed = await pushQuantities.executeWithOptions({ ...ACTIVITY_OPTIONS.vendorPage, summary: `${channel} ${page.push.length} quantities` }, [{ ...run, push: page.push }]);
        carry.totals = add(carry.totals, pushed);
      } else if (page.push.length > 0) {
        show('pushing');
        const submitted = await submitQuantitiesFeed.executeWithOptions({ ...ACTIVITY_OPTIONS.vendorPage, summary: `${channel} feed of ${page.push.length}` }, [{ ...run, push: page.push }]);
        carry.totals = add(carry.totals, { sent: submitted.sent, pending: submitted.sent });
        for (const feed of submitted.feeds) {
          const verdict = await awaitFeed(run, feed, input.feedPoll ?? INVENTORY_SYNC.feedPoll, progress, show);
          carry.totals = add(carry.totals, { accepted: verdict.accepted, rejected: verdict.rejected, pending: -(verdict.accepted + verdict.rejected) });
        }
      }
      progress.pages = carry.pages;
      progress.totals = carry.totals;
      upsertSearchAttributes([
        { key: keys.recordsImported, value: carry.totals.sent },
        { key: keys.deadLetters, value: carry.totals.rejected },
      ]);
      if (page.nextAfterSku === undefined) break;
      carry.afterSku = page.nextAfterSku;
      if (historyIsLong(input.continueAsNewAfterEvents ?? INVENTORY_SYNC.continueAsNewAfterEvents)) {
        await continueAsNew<typeof inventorySync>({ ...input, carry: { ...carry, continuedAsNew: carry.continuedAsNew + 1 } });
      }
    }
    show('finishing');
    const finished = await finishInventorySync({ ...run, startedAt: carry.startedAt, pages: carry.pages, totals: carry.totals, status: 'completed' });
    show('done');
    return { tenant, channel, pages: carry.pages, totals: carry.totals, startedAt: carry.startedAt, finishedAt: finished.finishedAt, durationMs: finished.durationMs, continuedAsNew: carry.continuedAsNew };
  } catch (e) {
    const c = carry;
    if (c === undefined) throw e;
    return closeRunAndRethrow(e, (end) => finishInventorySync({ ...run, startedAt: c.startedAt, pages: c.pages, totals: c.totals, status: end.status, error: end.error }));
  }
}

/** Polls one feed with durable timers until its verdicts are recorded, or gives up (its sends stay pending). */
async function awaitFeed(
  run: { tenant: string; channel: string; workflowId: string; runId: string },
  feed: QuantitiesFeed,
  schedule: ReportPollSchedule,
  progress: InventorySyncProgress,
  show: (phase: InventorySyncPhase) => void,
): Promise<{ accepted: number; rejected: number }> {
  progress.feedsOpen.push(feed.feedId);
  show('waiting-for-feed');
  let waited = 0;
  try {
    for (let n = 0; ; n++) {
      const delay = reportPollDelayMs(n, schedule);
      await sleep(delay);
      waited += delay;
      const r = await pollFeed({ ...run, feed });
      if (r.state !== 'waiting') return r;
      if (waited >= schedule.giveUpAfterMs) return { accepted: 0, rejected: 0 };
    }
  } finally {
    progress.feedsOpen = progress.feedsOpen.filter((id) => id !== feed.feedId);
  }
}
