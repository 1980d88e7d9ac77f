// Types only: the wire format is described once, in connectors/amazon/schemas/feeds.ts.
import type { AmazonFeedProcessingReport, AmazonListingsFeed } from '../../connectors/amazon/schemas/feeds.js';
import { ListingFeedOutcomeSchema, ListingFeedSummarySchema, type ListingFeedOutcome, type ListingFeedSummary, type ListingIssue } from '../canonical/listing.js';
import { MappingError, fail, type MappingIssue, type MappingResult } from '../canonical/result.js';
import { amazonListingsIssue } from './listings-item.js';
import { checkedRecord, compact } from './report-values.js';

/**
 * Amazon JSON_LISTINGS_FEED processing report → canonical feed outcomes, one per message, then
 * the feed's summary. Pure and total.
 *
 * - A message with an ERROR issue is `rejected`, its issues carrying Amazon's reason; one with
 *   only WARNING or INFO issues is `accepted-with-warnings`; a message of the submitted feed
 *   with no issue is `accepted`. Without the submitted feed, the report names only messages
 *   with issues: the summary's counts say how many others were accepted.
 * - The SKU: the issue's own `sku` when the report gives one, else the submitted feed's message
 *   of that messageId. When both are given and differ (Amazon's own example pair does), the
 *   report's is kept and the feed's is in refs.feedSku: the report says what Amazon processed.
 * - Issues without a messageId are about the feed itself (header or version errors,
 *   amzn/selling-partner-api-docs#1133): one outcome without messageId.
 * - The XML feeds' processing report (feed-processing-report-xml.ts) comes in the same shape;
 *   the order its result names (order feeds) is kept in refs.amazonOrderId.
 * - Acceptance is not a live listing (amzn/selling-partner-api-models#4295, #4801: later checks
 *   run asynchronously): the Listings Items issues of the SKU tell the rest.
 */

export const AMAZON_FEED_REPORT_RECORD_TYPE = 'amazon.feed-report';

export interface AmazonFeedReportContext {
  readonly channel: string;
  /** The submitted feed, when given: names the SKU of every messageId, and the messages without issues. */
  readonly feed?: AmazonListingsFeed;
}

type Outcome = ListingFeedOutcome['outcome'];

function outcomeOf(issues: readonly ListingIssue[]): Outcome {
  if (issues.some((i) => i.severity === 'error')) return 'rejected';
  return issues.length > 0 ? 'accepted-with-warnings' : 'accepted';
}

export function amazonFeedReportToRecords(report: AmazonFeedProcessingReport, ctx: AmazonFeedReportContext): MappingResult<ListingFeedOutcome | ListingFeedSummary>[] {
  const feedId = report.header.feedId;
  const base = { channel: ctx.channel, vendor: 'amazon' };
  const feedSkus = new Map<number, string>((ctx.feed?.messages ?? []).map((m) => [m.messageId, m.sku]));
  // messageId → its issues, report order; undefined: the feed's own.
  const groups = new Map<number | undefined, { issues: ListingIssue[]; skus: Set<string>; orders: Set<string>; problems: MappingIssue[] }>();
  const group = (id: number | undefined) => {
    let g = groups.get(id);
    if (g === undefined) groups.set(id, (g = { issues: [], skus: new Set(), orders: new Set(), problems: [] }));
    return g;
  };
  for (const m of ctx.feed?.messages ?? []) group(m.messageId);
  (report.issues ?? []).forEach((raw, i) => {
    const g = group(raw.messageId);
    const issue = amazonListingsIssue(raw, `issues[${i}]`, g.problems);
    if (issue !== undefined) g.issues.push(issue);
    if (raw.sku !== undefined && raw.sku !== '') g.skus.add(raw.sku);
    if (raw.amazonOrderId !== undefined && raw.amazonOrderId !== '') g.orders.add(raw.amazonOrderId);
  });
  const out: MappingResult<ListingFeedOutcome | ListingFeedSummary>[] = [];
  for (const [messageId, g] of groups) {
    const fromFeed = messageId === undefined ? undefined : feedSkus.get(messageId);
    const [reported] = g.skus;
    const sku = reported ?? fromFeed;
    const id = messageId === undefined ? `feed ${feedId ?? ''}`.trim() : `message ${messageId}`;
    if (g.skus.size > 1) g.problems.push({ field: `issues(messageId ${messageId})`, message: `names more than one sku: ${[...g.skus].join(', ')}` });
    if (g.problems.length > 0) {
      out.push(fail(new MappingError(AMAZON_FEED_REPORT_RECORD_TYPE, sku ?? id, g.problems)));
      continue;
    }
    const refs: Record<string, string> = {};
    if (fromFeed !== undefined && reported !== undefined && fromFeed !== reported) refs.feedSku = fromFeed;
    // An XML order feed's result names the order, not a SKU.
    if (g.orders.size > 0) refs.amazonOrderId = [...g.orders].join(' ');
    const record = compact<ListingFeedOutcome>({ ...base, feedId, messageId, sku, outcome: outcomeOf(g.issues), issues: g.issues, refs });
    out.push(checkedRecord(ListingFeedOutcomeSchema, record, AMAZON_FEED_REPORT_RECORD_TYPE, sku ?? id));
  }
  const s = report.summary;
  const summary = compact<ListingFeedSummary>({
    ...base,
    feedId,
    messagesProcessed: s.messagesProcessed,
    messagesAccepted: s.messagesAccepted,
    messagesInvalid: s.messagesInvalid,
    errors: s.errors,
    warnings: s.warnings,
    refs: compact({ sellerId: report.header.sellerId }) as Record<string, string>,
  });
  out.push(checkedRecord(ListingFeedSummarySchema, summary, AMAZON_FEED_REPORT_RECORD_TYPE, feedId === undefined ? 'summary' : `${feedId} summary`));
  return out;
}

/** A report's messages that are not ids the submitted feed has: an issue naming them (the files do not belong together). */
export function unknownFeedMessages(report: AmazonFeedProcessingReport, feed: AmazonListingsFeed): number[] {
  const known = new Set(feed.messages.map((m) => m.messageId));
  return [...new Set((report.issues ?? []).flatMap((i) => (i.messageId !== undefined && !known.has(i.messageId) ? [i.messageId] : [])))];
}
