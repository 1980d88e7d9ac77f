// Types only: the wire formats are described once, in connectors/amazon/schemas/.
import type { AmazonFeedProcessingReport } from '../../connectors/amazon/schemas/feeds.js';
import type { AmazonListingsSubmission } from '../../connectors/amazon/schemas/listings-items-2021-08-01.js';
import type { ListingIssue } from '../canonical/listing.js';
import { amazonFeedReportToRecords } from './feed-report.js';
import { amazonListingsSubmissionToRecord } from './listings-item.js';
import { amazonMarketplace } from './marketplaces.js';

/**
 * What listingsPublish needs to know of Amazon, beside the ListingTarget capability: the feed
 * message a listing payload becomes, and the verdicts Amazon's replies carry. Pure and total.
 *
 * Verdicts: a submission ACCEPTED with no issue is `accepted`; with WARNING or INFO issues only,
 * `accepted-with-warnings`; INVALID (or any ERROR issue) is `rejected`, the issues carrying
 * Amazon's reason; VALID (a VALIDATION_PREVIEW that passed) is `valid`. A feed message follows
 * the same rule (feed-report.ts); acceptance is not a live listing, later checks run at Amazon.
 */

export const AMAZON_LISTING_RECORD_TYPE = 'amazon.listing';

export type ListingPublishStatus = 'accepted' | 'accepted-with-warnings' | 'rejected' | 'valid';

export interface ListingPublishVerdict {
  readonly status: ListingPublishStatus;
  readonly issues: readonly ListingIssue[];
  readonly submissionId?: string;
}

export interface ListingPayloadForFeed {
  readonly productType: string;
  readonly requirements?: string;
  readonly attributes: Record<string, unknown>;
}

/** A listing put body → a JSON_LISTINGS_FEED UPDATE message (messageId is numbered when the feed is built). */
export function amazonListingFeedMessage(sku: string, payload: ListingPayloadForFeed): Record<string, unknown> {
  return {
    sku,
    operationType: 'UPDATE',
    productType: payload.productType,
    ...(payload.requirements === undefined ? {} : { requirements: payload.requirements }),
    attributes: payload.attributes,
  };
}

function statusOf(issues: readonly ListingIssue[], accepted: boolean): ListingPublishStatus {
  if (!accepted || issues.some((i) => i.severity === 'error')) return 'rejected';
  return issues.length > 0 ? 'accepted-with-warnings' : 'accepted';
}

/** A putListingsItem reply (ListingsItemSubmissionResponse) → its verdict; an unreadable reply is a rejection naming why. */
export function amazonListingSubmissionVerdict(reply: AmazonListingsSubmission, channel: string): ListingPublishVerdict {
  const mapped = amazonListingsSubmissionToRecord(reply, { channel });
  if (!mapped.ok) {
    return { status: 'rejected', issues: [{ code: 'unreadable_reply', message: mapped.error.message, severity: 'error' }], ...(reply.submissionId ? { submissionId: reply.submissionId } : {}) };
  }
  const s = mapped.value;
  const status = s.status === 'valid' ? (s.issues.some((i) => i.severity === 'error') ? 'rejected' : 'valid') : statusOf(s.issues, s.status === 'accepted');
  return { status, issues: s.issues, submissionId: s.submissionId };
}

export interface FeedMessageRef {
  readonly messageId: number;
  readonly sku: string;
}

export interface FeedVerdicts {
  /** One per message of the feed. */
  readonly verdicts: readonly { readonly sku: string; readonly status: Exclude<ListingPublishStatus, 'valid'>; readonly issues: readonly ListingIssue[] }[];
  /** Findings about the feed as a whole (header errors): every message shares them. */
  readonly feedIssues: readonly ListingIssue[];
}

/**
 * A processing report → a verdict per message sent. `sent`: the messages the feed carried (the
 * hub keeps their messageIds), so messages the report does not name are the accepted ones. A
 * feed-level ERROR rejects every message; a message the report cannot be read for is rejected
 * with the mapping's reason (it must be looked at, not taken as accepted).
 */
export function amazonFeedReportVerdicts(report: AmazonFeedProcessingReport, sent: readonly FeedMessageRef[], channel: string): FeedVerdicts {
  const feed = { header: {}, messages: sent.map((m) => ({ messageId: m.messageId, sku: m.sku })) };
  const results = amazonFeedReportToRecords(report, { channel, feed });
  const bySku = new Map<string, { status: Exclude<ListingPublishStatus, 'valid'>; issues: ListingIssue[] }>();
  const feedIssues: ListingIssue[] = [];
  for (const r of results) {
    if (!r.ok) {
      const sku = r.error.recordId;
      if (sku !== undefined && sent.some((m) => m.sku === sku)) bySku.set(sku, { status: 'rejected', issues: [{ code: 'unreadable_report', message: r.error.message, severity: 'error' }] });
      else feedIssues.push({ code: 'unreadable_report', message: r.error.message, severity: 'error' });
      continue;
    }
    const rec = r.value;
    if (!('outcome' in rec)) continue;
    if (rec.messageId === undefined || rec.sku === undefined) {
      feedIssues.push(...rec.issues);
      continue;
    }
    bySku.set(rec.sku, { status: rec.outcome, issues: rec.issues });
  }
  const feedRejects = feedIssues.some((i) => i.severity === 'error');
  const verdicts = sent.map((m) => {
    const own = bySku.get(m.sku) ?? { status: 'accepted' as const, issues: [] };
    if (!feedRejects) return { sku: m.sku, ...own };
    return { sku: m.sku, status: 'rejected' as const, issues: [...feedIssues, ...own.issues] };
  });
  return { verdicts, feedIssues };
}

/** The marketplace as listingsPublish needs it: country and currency. */
export function amazonListingMarketplace(id: string): { id: string; country: string; currency: string } | undefined {
  const m = amazonMarketplace(id);
  return m === undefined ? undefined : { id, country: m.country, currency: m.defaultCurrency };
}
