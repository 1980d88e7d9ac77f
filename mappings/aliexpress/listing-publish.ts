/**
 * What listingsPublish and inventorySync need to know of AliExpress beside its capabilities: the
 * marketplace, the product document a listing payload becomes (write request and feed item), and
 * the verdicts the platform's replies carry. Pure and total.
 *
 * The document: the listing rules' plain attribute values with `category_id` set from the
 * payload's product type (the category id: a JSON number when it is one, as the category schema
 * types it). A feed item names the document by its SKU (`item_content_id`), so feed.query's
 * per-item results name the SKU back.
 *
 * Verdicts: a write the platform took is `accepted`; validateListing's pass is `valid`; a refusal
 * is `rejected` with the platform's code and text. A feed item whose `item_execution_result` says
 * `success: true` is accepted; false, rejected with its error; a sent item the job's results do not
 * name, or whose result cannot be read, is rejected with that reason (it must be looked at).
 */
import type { AliexpressFeedQueryResult, AliexpressListingSubmission } from '../../connectors/aliexpress/schemas/catalog.js';
import { ListingFeedOutcomeSchema, type ListingFeedOutcome, type ListingIssue } from '../canonical/listing.js';
import { fail, MappingError, ok, type MappingResult } from '../canonical/result.js';
import { ALIEXPRESS_MARKETPLACE } from './listing.js';

export const ALIEXPRESS_LISTING_RECORD_TYPE = 'aliexpress.listing';

export type AliexpressPublishStatus = 'accepted' | 'accepted-with-warnings' | 'rejected' | 'valid';
export type AliexpressItemStatus = Exclude<AliexpressPublishStatus, 'valid'>;

export interface AliexpressListingPayload {
  readonly productType: string;
  readonly attributes: Record<string, unknown>;
}

/** The one AliExpress marketplace; undefined for any other id. */
export function aliexpressListingMarketplace(id: string): { id: string; country: string; currency: string } | undefined {
  return id === ALIEXPRESS_MARKETPLACE.id ? { ...ALIEXPRESS_MARKETPLACE } : undefined;
}

/** The product document (schema instance) of a listing payload. */
export function aliexpressProductDocument(payload: AliexpressListingPayload): Record<string, unknown> {
  const category = payload.productType.trim();
  const asNumber = /^\d+$/.test(category) && Number.isSafeInteger(Number(category)) ? Number(category) : category;
  return { ...payload.attributes, category_id: asNumber };
}

/** A feed item of feed.submit: the document as JSON text, named by the SKU. */
export function aliexpressListingFeedItem(sku: string, payload: AliexpressListingPayload): { item_content_id: string; item_content: string } {
  return { item_content_id: sku, item_content: JSON.stringify(aliexpressProductDocument(payload)) };
}

const issue = (code: string | undefined, message: string): ListingIssue => ({ ...(code === undefined ? {} : { code }), message, severity: 'error' });

/** putListing / validateListing's answer → its verdict. */
export function aliexpressListingSubmissionVerdict(reply: AliexpressListingSubmission): { status: AliexpressPublishStatus; issues: ListingIssue[]; submissionId?: string } {
  const submissionId = reply.requestId;
  const withId = submissionId === undefined ? {} : { submissionId };
  if (reply.success) return { status: reply.operation === 'validate' ? 'valid' : 'accepted', issues: [], ...withId };
  return { status: 'rejected', issues: [issue(reply.errorCode, reply.errorMessage ?? `AliExpress refused the ${reply.operation} without a message`)], ...withId };
}

const textOf = (o: Record<string, unknown>, names: readonly string[]): string | undefined => {
  for (const n of names) {
    const v = o[n];
    if (typeof v === 'string' && v.trim() !== '') return v;
    if (typeof v === 'number') return String(v);
  }
  return undefined;
};

/** One item's `item_execution_result` (JSON text) → its outcome. */
export function aliexpressFeedItemOutcome(resultText: string | undefined): { status: AliexpressItemStatus; issues: ListingIssue[] } {
  let parsed: unknown;
  try {
    parsed = resultText === undefined ? undefined : JSON.parse(resultText);
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { status: 'rejected', issues: [issue('unreadable_report', `item_execution_result is not a JSON object: ${resultText === undefined ? 'absent' : JSON.stringify(resultText.slice(0, 200))}`)] };
  }
  const r = parsed as Record<string, unknown>;
  const success = r.success === true || r.success === 'true';
  if (success) return { status: 'accepted', issues: [] };
  const code = textOf(r, ['errorCode', 'error_code', 'code']);
  const message = textOf(r, ['errorMessage', 'error_message', 'errorMsg', 'error_msg', 'message', 'msg']) ?? 'the item failed without a message';
  return { status: 'rejected', issues: [issue(code, message)] };
}

/** A job's per-item results by item id (the SKU), each item read. */
export function aliexpressFeedOutcomes(report: AliexpressFeedQueryResult): Map<string, { status: AliexpressItemStatus; issues: ListingIssue[] }> {
  const out = new Map<string, { status: AliexpressItemStatus; issues: ListingIssue[] }>();
  for (const item of report.result_list ?? []) {
    if (item.item_content_id === undefined) continue;
    out.set(item.item_content_id, aliexpressFeedItemOutcome(item.item_execution_result));
  }
  return out;
}

/** feed.query's result → a verdict per message sent. */
export function aliexpressFeedVerdicts(report: AliexpressFeedQueryResult, sent: readonly { readonly sku: string }[]): { verdicts: { sku: string; status: AliexpressItemStatus; issues: ListingIssue[] }[]; feedIssues: ListingIssue[] } {
  const outcomes = aliexpressFeedOutcomes(report);
  const verdicts = sent.map((m) => {
    const own = outcomes.get(m.sku);
    if (own !== undefined) return { sku: m.sku, ...own };
    return { sku: m.sku, status: 'rejected' as const, issues: [issue('not_in_report', `job ${report.job_id ?? '?'} reports no result for ${m.sku}`)] };
  });
  return { verdicts, feedIssues: [] };
}

/** The product id an item's execution result names (`productId`), when it does. */
function productIdOf(resultText: string | undefined): string | undefined {
  const m = resultText === undefined ? null : /"product_?[iI]d"\s*:\s*"?(\d+)/.exec(resultText);
  return m?.[1];
}

/**
 * feed.query's result → a canonical feed outcome per item (the SKU is the item's id), the job id
 * as the feed id and the product the item wrote under refs (read from the text: it may pass 2^53).
 */
export function aliexpressFeedReportToOutcomes(report: AliexpressFeedQueryResult, ctx: { channel: string }): MappingResult<ListingFeedOutcome>[] {
  return (report.result_list ?? []).map((item, i) => {
    const outcome = aliexpressFeedItemOutcome(item.item_execution_result);
    const productId = productIdOf(item.item_execution_result);
    const record: ListingFeedOutcome = {
      channel: ctx.channel,
      vendor: 'aliexpress',
      ...(report.job_id === undefined ? {} : { feedId: report.job_id }),
      messageId: i + 1,
      ...(item.item_content_id === undefined || item.item_content_id === '' ? {} : { sku: item.item_content_id }),
      outcome: outcome.status,
      issues: outcome.issues,
      refs: productId === undefined ? {} : { productId },
    };
    const checked = ListingFeedOutcomeSchema.safeParse(record);
    if (checked.success) return ok(record);
    return fail(new MappingError('aliexpress.feed-result', item.item_content_id, checked.error.issues.map((x) => ({ field: `result_list[${i}].${x.path.join('.')}`, message: x.message }))));
  });
}
