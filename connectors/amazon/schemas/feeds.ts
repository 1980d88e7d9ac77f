/**
 * Wire format of the JSON_LISTINGS_FEED documents (schemas/feeds: listings-feed-schema-v2 and
 * listings-feed-processing-report-schema-v2):
 * - the submitted feed: `{ header { sellerId, version, issueLocale? }, messages[] { messageId,
 *   sku, operationType, … } }` (only what names a message's SKU is read);
 * - its processing report: `{ header { sellerId, version, feedId, report? }, issues[] {
 *   messageId?, sku?, code?, severity, message, attributeName? }, summary { errors, warnings,
 *   messagesProcessed, messagesAccepted, messagesInvalid, itemSummary? }, items?[] }`.
 *
 * As real reports are: `messageId` and `sku` are optional (the schema's own; a header error
 * has neither: amzn/selling-partner-api-docs#1133 reports `4002006` with no messageId, and
 * #1098 message-level issues with no sku); the schema's `attributeName` is one name, the
 * Listings Items `attributeNames` a list: both are read; `items[]` (Listings Items `Item`s)
 * come only when the feed header's `report.includedData` asked for them. Objects are loose,
 * counts may be digit strings, `null` reads as absent.
 */
import { z } from 'zod';
import { countLike, nullAsAbsent, optionalCountLike } from '../../http/wire-leniency.js';
import { isObject } from '../../http/json-object.js';

const text = nullAsAbsent(z.string());

export const AmazonFeedReportIssueSchema = z.looseObject({
  messageId: nullAsAbsent(z.preprocess((v: number | string) => (typeof v === 'string' && /^\s*\d{1,15}\s*$/.test(v) ? Number(v) : v), z.number().int().min(1))),
  sku: text,
  code: text,
  severity: z.string().min(1),
  message: z.string().min(1),
  attributeName: text,
  attributeNames: nullAsAbsent(z.array(z.string())),
  categories: nullAsAbsent(z.array(z.string())),
});
export type AmazonFeedReportIssue = z.infer<typeof AmazonFeedReportIssueSchema>;

export const AmazonFeedProcessingReportSchema = z.looseObject({
  header: z.looseObject({
    sellerId: text,
    version: text,
    // The schema's string; a number (as JSON tools re-serialise ids) is read as its digits.
    feedId: nullAsAbsent(z.union([z.string().min(1), z.number().int().nonnegative().transform(String)])),
  }),
  issues: nullAsAbsent(z.array(AmazonFeedReportIssueSchema)),
  summary: z.looseObject({
    errors: countLike,
    warnings: countLike,
    messagesProcessed: countLike,
    messagesAccepted: countLike,
    messagesInvalid: countLike,
    itemSummary: nullAsAbsent(z.looseObject({ items: optionalCountLike, errors: optionalCountLike, warnings: optionalCountLike })),
  }),
  items: nullAsAbsent(z.array(z.unknown())),
});
export type AmazonFeedProcessingReport = z.infer<typeof AmazonFeedProcessingReportSchema>;

/** The submitted JSON_LISTINGS_FEED, as far as the report needs it: which SKU each messageId is. */
export const AmazonListingsFeedSchema = z.looseObject({
  header: z.looseObject({ sellerId: text, version: text }),
  messages: z.array(z.looseObject({ messageId: countLike, sku: z.string().min(1), operationType: text })),
});
export type AmazonListingsFeed = z.infer<typeof AmazonListingsFeedSchema>;

/** A processing report: header, summary, and issues (or items). */
export function isAmazonFeedProcessingReport(d: unknown): boolean {
  return isObject(d) && isObject(d.header) && isObject(d.summary) && ('issues' in d || 'items' in d);
}

/** A submitted listings feed: header and messages[]. */
export function isAmazonListingsFeed(d: unknown): boolean {
  return isObject(d) && isObject(d.header) && Array.isArray(d.messages);
}
