/**
 * listingsPublish: publishes a tenant's catalogue to one channel.
 *
 * Orchestration only (no I/O). A planning pass pages through the catalogue in SKU order,
 * building each product's listings and finding those that changed since the last send (the
 * activities record what the hub's own checks reject). Few changes (≤ the feed threshold) are
 * then sent one by one through Listings Items, each with its verdict at once; many go as feeds,
 * page by page, and a `listingsFeed` child per feed waits on durable timers until the channel
 * has processed it and records its per-SKU verdicts: an accepted feed is not done until its
 * results are read. Large catalogues continue-as-new, carrying the cursor and totals.
 */
import {
  ApplicationFailure,
  continueAsNew,
  defineQuery,
  executeChild,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ListingsFeedVerdictCounts, ListingsPublishActivities, ListingToSend, PublishCounts, SubmittedFeed } from '../activities/listings-publish-types.js';
import { closeRunAndRethrow, historyIsLong } from './run-lifecycle.js';
import {
  ACTIVITY_OPTIONS,
  FLOWS,
  LISTINGS_FEED_POLL,
  LISTINGS_PUBLISH,
  listingsFeedWorkflowId,
  reportPollDelayMs,
  searchAttributeKeys,
  type ReportPollSchedule,
} from '../temporal.config.js';

export interface ListingsPublishInput {
  tenant: string;
  channel: string;
  /** Only these SKUs (e.g. a replay of rejected ones); the whole catalogue when absent. */
  skus?: string[];
  /** Send even listings equal to their last send. */
  force?: boolean;
  /** Override of the connection's feed threshold (tests force the feed path with 0). */
  feedThreshold?: number;
  /** Products per activity (LISTINGS_PUBLISH.pageSize when absent). */
  pageSize?: number;
  /** Override of the feed polling schedule (the sandbox processes feeds in seconds). */
  feedPoll?: ReportPollSchedule;
  /** Override of LISTINGS_PUBLISH.continueAsNewAfterEvents (tests exercise continue-as-new with it). */
  continueAsNewAfterEvents?: number;
  /** State carried across continue-as-new; never set by callers. */
  carry?: ListingsPublishCarry;
}

export type ListingsPublishPhase = 'planning' | 'sending' | 'submitting-feeds' | 'awaiting-feeds' | 'finishing' | 'done';
export type ListingsPublishMode = 'listings-items' | 'feeds' | 'nothing';

export interface ListingsPublishCarry {
  phase: ListingsPublishPhase;
  afterSku?: string;
  pages: number;
  totals: PublishCounts;
  /** Changes found by the planning pass so far. */
  changes: number;
  /** The changes, while few enough to send one by one. */
  toSend?: ListingToSend[];
  feeds: SubmittedFeed[];
  /** Decided when planning ends. */
  mode?: ListingsPublishMode;
  startedAt: string;
  onDate: string;
  feedThreshold: number;
  firstRunId: string;
  continuedAsNew: number;
}

export interface ListingsPublishProgress {
  tenant: string;
  channel: string;
  phase: ListingsPublishPhase;
  mode?: ListingsPublishMode;
  pages: number;
  changes: number;
  totals: PublishCounts;
  feedsSubmitted: number;
  feedsFinished: number;
  continuedAsNew: number;
  startedAt?: string;
}

export interface ListingsPublishSummary {
  tenant: string;
  channel: string;
  mode: ListingsPublishMode;
  pages: number;
  changes: number;
  totals: PublishCounts;
  feeds: { feedId: string; marketplaceId: string; state: ListingsFeedOutcome['state'] }[];
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  continuedAsNew: number;
}

export const listingsPublishProgressQuery = defineQuery<ListingsPublishProgress>('progress');

const { startListingsPublish, finishListingsPublish, getListingsFeedStatus, recordListingsFeedResults } = proxyActivities<ListingsPublishActivities>({
  ...ACTIVITY_OPTIONS.store,
  summary: 'store bookkeeping',
});
const { planListingsPage, stageListingsFeedPage, submitStagedListingsFeeds, putListing } = proxyActivities<ListingsPublishActivities>({ ...ACTIVITY_OPTIONS.vendorPage });

function add(a: PublishCounts, b: Partial<PublishCounts>): PublishCounts {
  const out = { ...a };
  for (const [k, v] of Object.entries(b) as [keyof PublishCounts, number][]) out[k] += v;
  return out;
}

function describe(p: ListingsPublishProgress): string {
  const t = p.totals;
  return [
    `**${p.phase}** ${p.tenant}/${p.channel}${p.mode ? ` (${p.mode})` : ''}`,
    `pages ${p.pages}: ${t.products} products, ${t.candidates} listings, ${t.unchanged} unchanged, ${p.changes} to send`,
    `sent ${t.sent}: ${t.accepted} accepted, ${t.acceptedWithWarnings} with warnings, ${t.rejected} rejected (${t.rejectedLocally} by the hub's checks), ${t.cancelled} in cancelled feeds`,
    p.feedsSubmitted > 0 ? `feeds ${p.feedsFinished}/${p.feedsSubmitted} finished` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

export async function listingsPublish(input: ListingsPublishInput): Promise<ListingsPublishSummary> {
  const { tenant, channel } = input;
  if (!tenant || !channel) throw ApplicationFailure.nonRetryable('listingsPublish needs a tenant and a channel', 'validation');
  const info = workflowInfo();
  const pageSize = input.pageSize ?? LISTINGS_PUBLISH.pageSize;
  const scope = { ...(input.skus === undefined ? {} : { skus: input.skus }), ...(input.force ? { force: true } : {}) };

  if (!input.carry) {
    // Set by the starter too; upserted here so a run started by other means is still filterable.
    upsertSearchAttributes([
      { key: searchAttributeKeys.tenant, value: tenant },
      { key: searchAttributeKeys.channel, value: channel },
      { key: searchAttributeKeys.flow, value: FLOWS.listingsPublish },
    ]);
  }
  let carry: ListingsPublishCarry;
  if (input.carry) {
    carry = input.carry;
  } else {
    const started = await startListingsPublish({ tenant, channel, workflowId: info.workflowId, runId: info.runId });
    carry = {
      phase: 'planning',
      pages: 0,
      totals: started.totals,
      changes: 0,
      toSend: [],
      feeds: [],
      startedAt: started.startedAt,
      onDate: started.onDate,
      feedThreshold: input.feedThreshold ?? started.feedThreshold,
      firstRunId: info.runId,
      continuedAsNew: 0,
    };
  }
  const run = { tenant, channel, workflowId: info.workflowId, runId: carry.firstRunId };
  const progress: ListingsPublishProgress = {
    tenant,
    channel,
    phase: carry.phase,
    pages: carry.pages,
    changes: carry.changes,
    totals: carry.totals,
    feedsSubmitted: carry.feeds.length,
    feedsFinished: 0,
    continuedAsNew: carry.continuedAsNew,
    startedAt: carry.startedAt,
    ...(carry.mode === undefined ? {} : { mode: carry.mode }),
  };
  setHandler(listingsPublishProgressQuery, () => progress);
  const update = (): void => {
    progress.phase = carry.phase;
    progress.pages = carry.pages;
    progress.changes = carry.changes;
    progress.totals = carry.totals;
    progress.feedsSubmitted = carry.feeds.length;
    upsertSearchAttributes([
      { key: searchAttributeKeys.recordsImported, value: carry.totals.accepted + carry.totals.acceptedWithWarnings },
      { key: searchAttributeKeys.deadLetters, value: carry.totals.deadLettered },
    ]);
    setCurrentDetails(describe(progress));
  };
  const eventLimit = input.continueAsNewAfterEvents ?? LISTINGS_PUBLISH.continueAsNewAfterEvents;
  const maybeContinue = async (): Promise<void> => {
    if (historyIsLong(eventLimit)) await continueAsNew<typeof listingsPublish>({ ...input, carry: { ...carry, continuedAsNew: carry.continuedAsNew + 1 } });
  };
  const modeOf = (): ListingsPublishMode => (carry.changes === 0 ? 'nothing' : carry.toSend !== undefined ? 'listings-items' : 'feeds');
  update();

  const outcomes: ListingsPublishSummary['feeds'] = [];
  let finished: Awaited<ReturnType<typeof finishListingsPublish>>;
  try {
    while (carry.phase === 'planning') {
      const page = await planListingsPage.executeWithOptions({ ...ACTIVITY_OPTIONS.vendorPage, summary: `plan page ${carry.pages + 1}` }, [
        {
          ...run,
          ...scope,
          onDate: carry.onDate,
          ...(carry.afterSku === undefined ? {} : { afterSku: carry.afterSku }),
          pageSize,
          keepKeysUpTo: carry.feedThreshold,
          changesSoFar: carry.changes,
        },
      ]);
      const changes = carry.changes + page.changes;
      carry = {
        ...carry,
        pages: carry.pages + 1,
        totals: add(carry.totals, page.counts),
        changes,
        ...(carry.toSend !== undefined && page.toSend !== undefined && changes <= carry.feedThreshold ? { toSend: [...carry.toSend, ...page.toSend] } : { toSend: undefined }),
      };
      if (carry.toSend === undefined) delete carry.toSend;
      if (page.nextAfterSku === undefined) {
        delete carry.afterSku;
        carry.mode = modeOf();
        carry.phase = carry.mode === 'listings-items' ? 'sending' : carry.mode === 'feeds' ? 'submitting-feeds' : 'finishing';
        progress.mode = carry.mode;
      } else carry.afterSku = page.nextAfterSku;
      update();
      if (carry.phase === 'planning') await maybeContinue();
    }

    if (carry.phase === 'sending') {
      for (const listing of carry.toSend ?? []) {
        const r = await putListing.executeWithOptions({ ...ACTIVITY_OPTIONS.vendorPage, summary: `put ${listing.sku} on ${listing.marketplaceId} (${listing.reason})` }, [
          { ...run, onDate: carry.onDate, listing },
        ]);
        if (r.status !== 'unchanged') {
          carry.totals = add(carry.totals, {
            sent: 1,
            accepted: r.status === 'accepted' ? 1 : 0,
            acceptedWithWarnings: r.status === 'accepted-with-warnings' ? 1 : 0,
            rejected: r.status === 'rejected' ? 1 : 0,
            deadLettered: r.deadLettered,
          });
        }
        update();
      }
      carry.phase = 'finishing';
      delete carry.toSend;
    }

    while (carry.phase === 'submitting-feeds') {
      // Each page's changes are staged in the store; the whole run's go out together below, in as
      // few feeds as the channel's limits allow (one feed per page would spend the createFeed bucket).
      const page = await stageListingsFeedPage.executeWithOptions({ ...ACTIVITY_OPTIONS.vendorPage, summary: `stage page after ${carry.afterSku ?? '(start)'}` }, [
        { ...run, ...scope, onDate: carry.onDate, ...(carry.afterSku === undefined ? {} : { afterSku: carry.afterSku }), pageSize },
      ]);
      carry.totals = add(carry.totals, { rejectedLocally: page.rejectedLocally, rejected: page.rejectedLocally, deadLettered: page.deadLettered });
      if (page.nextAfterSku === undefined) {
        delete carry.afterSku;
        const submitted = await submitStagedListingsFeeds.executeWithOptions({ ...ACTIVITY_OPTIONS.vendorPage, summary: 'submit the staged listings as feeds' }, [run]);
        carry.feeds = [...carry.feeds, ...submitted.feeds];
        carry.totals = add(carry.totals, { sent: submitted.sent });
        carry.phase = 'awaiting-feeds';
      } else carry.afterSku = page.nextAfterSku;
      update();
      if (carry.phase === 'submitting-feeds') await maybeContinue();
    }

    if (carry.phase === 'awaiting-feeds') {
      const results = await Promise.all(
        carry.feeds.map(async (feed) => {
          const outcome = await executeChild(listingsFeed, {
            workflowId: listingsFeedWorkflowId(tenant, channel, feed.feedId),
            args: [{ tenant, channel, feedId: feed.feedId, marketplaceId: feed.marketplaceId, workflowId: run.workflowId, runId: run.runId, ...(input.feedPoll === undefined ? {} : { schedule: input.feedPoll }) }],
            staticSummary: `Feed ${feed.feedId}: ${feed.messages} listings on ${feed.marketplaceId}`,
          });
          progress.feedsFinished += 1;
          carry.totals = add(carry.totals, outcome.counts);
          update();
          return { feedId: feed.feedId, marketplaceId: feed.marketplaceId, state: outcome.state };
        }),
      );
      outcomes.push(...results);
      carry.phase = 'finishing';
    }

    update();
    finished = await finishListingsPublish({ ...run, startedAt: carry.startedAt, pages: carry.pages, totals: carry.totals, status: 'completed' });
  } catch (e) {
    return closeRunAndRethrow(e, (end) => finishListingsPublish({ ...run, startedAt: carry.startedAt, pages: carry.pages, totals: carry.totals, ...end }));
  }
  carry.phase = 'done';
  update();
  return {
    tenant,
    channel,
    mode: carry.mode ?? modeOf(),
    pages: carry.pages,
    changes: carry.changes,
    totals: carry.totals,
    feeds: outcomes,
    startedAt: carry.startedAt,
    finishedAt: finished.finishedAt,
    durationMs: finished.durationMs,
    continuedAsNew: carry.continuedAsNew,
  };
}

// ---- one feed: wait for the channel, then record its verdicts --------------------------------

export interface ListingsFeedInput {
  tenant: string;
  channel: string;
  feedId: string;
  marketplaceId: string;
  /** The publish that submitted the feed (dead letters and sends name it). */
  workflowId: string;
  runId: string;
  schedule?: ReportPollSchedule;
}

export interface ListingsFeedOutcome {
  feedId: string;
  /** `timed_out`: no end within the schedule's patience; its SKUs are sent again next run. */
  state: 'done' | 'cancelled' | 'fatal' | 'timed_out';
  polls: number;
  counts: Partial<PublishCounts> & ListingsFeedVerdictCounts;
}

export async function listingsFeed(input: ListingsFeedInput): Promise<ListingsFeedOutcome> {
  const schedule = input.schedule ?? LISTINGS_FEED_POLL;
  const key = { tenant: input.tenant, channel: input.channel, feedId: input.feedId };
  let waited = 0;
  for (let polls = 0; ; polls++) {
    const status = await getListingsFeedStatus(key);
    setCurrentDetails(`feed ${input.feedId} on ${input.marketplaceId}: ${status.rawStatus} after ${polls + 1} polls`);
    if (status.state === 'done' || status.state === 'cancelled' || status.state === 'fatal') {
      const counts = await recordListingsFeedResults({
        ...key,
        workflowId: input.workflowId,
        runId: input.runId,
        state: status.state,
        ...(status.resultDocumentId === undefined ? {} : { resultDocumentId: status.resultDocumentId }),
      });
      return { feedId: input.feedId, state: status.state, polls: polls + 1, counts };
    }
    if (waited >= schedule.giveUpAfterMs) {
      // No verdict in time: its SKUs are sent again by the next publish rather than left pending.
      const counts = await recordListingsFeedResults({ ...key, workflowId: input.workflowId, runId: input.runId, state: 'timed_out' });
      return { feedId: input.feedId, state: 'timed_out', polls: polls + 1, counts };
    }
    const delay = reportPollDelayMs(polls, schedule);
    waited += delay;
    await sleep(delay);
  }
}
