// Types only: the connector describes its replies once (connectors/alibaba/schemas/submission.ts).
import type { AlibabaFeedResults, AlibabaListingReply, AlibabaQuantityReply, AlibabaWriteIssue } from '../../connectors/alibaba/schemas/submission.js';
import type { ListingIssue } from '../canonical/listing.js';

/**
 * What listingsPublish and inventorySync need to know of Alibaba.com beside its capabilities:
 * the product document a listing payload becomes, and the verdicts in the connector's per-SKU
 * replies. Pure and total.
 *
 * The listing engine gives plain attribute values and the category id as the product type; the
 * product document is those attributes with `category_id` (a number when it is one), and the
 * seller's SKU as `sku_code` unless the attributes carry their own SKU list (`product_sku`): the
 * connector finds the product again by it. A feed message is the SKU with its document (the
 * connector sends messages one by one: Alibaba.com has no feed API).
 */

export const ALIBABA_LISTING_RECORD_TYPE = 'alibaba.listing';

/** The one marketplace of the channel (wave 3 contract). */
export function alibabaListingMarketplace(id: string): { id: string; country: string; currency: string } | undefined {
  return id === 'ALIBABA' ? { id: 'ALIBABA', country: 'CN', currency: 'USD' } : undefined;
}

export interface AlibabaListingPayload {
  readonly productType: string;
  readonly attributes: Record<string, unknown>;
}

/** The product document of one listing. */
export function alibabaListingWriteRequest(sku: string, payload: AlibabaListingPayload): Record<string, unknown> {
  const category = /^\d{1,15}$/.test(payload.productType) ? Number(payload.productType) : payload.productType;
  return {
    ...payload.attributes,
    ...('product_sku' in payload.attributes || 'sku_code' in payload.attributes ? {} : { sku_code: sku }),
    category_id: category,
  };
}

export function alibabaListingFeedMessage(sku: string, payload: AlibabaListingPayload): { sku: string; product: Record<string, unknown> } {
  return { sku, product: alibabaListingWriteRequest(sku, payload) };
}

type Status = 'accepted' | 'accepted-with-warnings' | 'rejected' | 'valid';

export interface AlibabaPublishVerdict {
  readonly status: Status;
  readonly issues: readonly ListingIssue[];
  readonly submissionId?: string;
}

const issuesOf = (issues: readonly AlibabaWriteIssue[], severity: ListingIssue['severity']): ListingIssue[] =>
  issues.map((i) => ({ ...(i.code === undefined || i.code === '' ? {} : { code: i.code }), message: i.message === '' ? '(no message)' : i.message, severity }));

const unreadable = (what: string): AlibabaPublishVerdict => ({ status: 'rejected', issues: [{ code: 'unreadable_reply', message: `the Alibaba.com ${what} reply could not be read`, severity: 'error' }] });

function isReply(r: unknown): r is AlibabaListingReply | AlibabaQuantityReply {
  if (r === null || typeof r !== 'object') return false;
  const o = r as Record<string, unknown>;
  return typeof o.sku === 'string' && typeof o.status === 'string' && Array.isArray(o.issues);
}

/** One reply → its verdict: accepted (issues kept as warnings), valid (a local check passed), or rejected with the platform's reason. */
function verdictOf(reply: AlibabaListingReply | AlibabaQuantityReply): AlibabaPublishVerdict {
  const submissionId = reply.requestId === undefined ? {} : { submissionId: reply.requestId };
  if (reply.status === 'rejected') {
    const issues = issuesOf(reply.issues, 'error');
    return { status: 'rejected', issues: issues.length > 0 ? issues : [{ message: 'refused by Alibaba.com without a reason', severity: 'error' }], ...submissionId };
  }
  const issues = issuesOf(reply.issues, 'warning');
  if (reply.status === 'valid') return { status: 'valid', issues, ...submissionId };
  if (reply.status !== 'accepted') return unreadable('write');
  return { status: issues.length > 0 ? 'accepted-with-warnings' : 'accepted', issues, ...submissionId };
}

/** A putListing / validateListing reply → its verdict. */
export function alibabaListingSubmissionVerdict(reply: unknown, _channel: string): AlibabaPublishVerdict {
  return isReply(reply) ? verdictOf(reply) : unreadable('listing');
}

export interface AlibabaFeedVerdicts {
  readonly verdicts: readonly { readonly sku: string; readonly status: Exclude<Status, 'valid'>; readonly issues: readonly ListingIssue[] }[];
  readonly feedIssues: readonly ListingIssue[];
}

/** A one-by-one feed's results → a verdict per SKU sent; a SKU the results do not name is rejected, not taken as accepted. */
export function alibabaFeedVerdicts(report: unknown, sent: readonly { readonly sku: string }[], _channel: string): AlibabaFeedVerdicts {
  const results = report !== null && typeof report === 'object' && Array.isArray((report as AlibabaFeedResults).results) ? (report as AlibabaFeedResults).results : undefined;
  if (results === undefined) return { verdicts: [], feedIssues: [{ code: 'unreadable_report', message: 'the Alibaba.com feed results could not be read', severity: 'error' }] };
  const bySku = new Map(results.filter(isReply).map((r) => [r.sku, r]));
  return {
    verdicts: sent.map(({ sku }) => {
      const r = bySku.get(sku);
      if (r === undefined) return { sku, status: 'rejected' as const, issues: [{ message: 'the feed results name no reply for this SKU', severity: 'error' as const }] };
      const v = verdictOf(r);
      return { sku, status: v.status === 'valid' ? ('accepted' as const) : v.status, issues: v.issues };
    }),
    feedIssues: [],
  };
}

/** A stock write reply → its verdict (as inventorySync reads it), or why it cannot be read. */
export function alibabaQuantityVerdict(reply: unknown): { status: 'accepted' | 'accepted-with-warnings' | 'rejected'; issues: ListingIssue[]; submissionId?: string } | { unreadable: string } {
  if (!isReply(reply)) return { unreadable: 'not an Alibaba.com stock reply ({ sku, status, issues })' };
  const v = verdictOf(reply);
  if (v.status === 'valid') return { unreadable: `status ${reply.status} is not a stock write's` };
  return { status: v.status, issues: [...v.issues], ...(v.submissionId === undefined ? {} : { submissionId: v.submissionId }) };
}

/** A quantities feed's results → the verdict of each SKU they name (inventorySync rejects the SKUs they do not). */
export function alibabaQuantityFeedVerdicts(report: unknown, skus: readonly string[]): Map<string, { status: 'accepted' | 'accepted-with-warnings' | 'rejected'; issues: ListingIssue[] }> {
  const out = new Map<string, { status: 'accepted' | 'accepted-with-warnings' | 'rejected'; issues: ListingIssue[] }>();
  const results = report !== null && typeof report === 'object' && Array.isArray((report as AlibabaFeedResults).results) ? (report as AlibabaFeedResults).results : [];
  const wanted = new Set(skus);
  for (const r of results) {
    if (!isReply(r) || !wanted.has(r.sku)) continue;
    const v = verdictOf(r);
    out.set(r.sku, { status: v.status === 'valid' ? 'accepted' : v.status, issues: [...v.issues] });
  }
  return out;
}
