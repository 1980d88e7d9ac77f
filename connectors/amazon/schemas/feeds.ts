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
  /** Not in the JSON report: the order an XML order feed's result names (feed-processing-report-xml.ts). */
  amazonOrderId: text,
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

// ---- Feeds API 2021-06-30 (models/feeds_2021-06-30.json) ---------------------------------------

/** The model's `processingStatus` values; another value is kept raw (Amazon adds values). */
export const AMAZON_FEED_PROCESSING_STATUSES = ['IN_QUEUE', 'IN_PROGRESS', 'DONE', 'CANCELLED', 'FATAL'] as const;
export type AmazonFeedProcessingStatus = (typeof AMAZON_FEED_PROCESSING_STATUSES)[number];

/**
 * `Feed`. `resultFeedDocumentId` is optional in the model and absent until processing ends; a
 * FATAL feed may come without it (nothing was processed, amzn/selling-partner-api-models#96:
 * "Amazon doesn't return resultFeedDocumentId"), so readers never require it. Times are kept as sent.
 */
export const AmazonFeedSchema = z.looseObject({
  feedId: z.union([z.string().min(1), z.number().int().nonnegative().transform(String)]),
  feedType: z.string().min(1),
  marketplaceIds: nullAsAbsent(z.array(z.string())),
  createdTime: z.string().min(1),
  processingStatus: z.string().min(1),
  processingStartTime: text,
  processingEndTime: text,
  resultFeedDocumentId: text,
});
export type AmazonFeed = z.infer<typeof AmazonFeedSchema>;

/** `GetFeedsResponse`: `feeds[]` and `nextToken`. */
export const AmazonGetFeedsResponseSchema = z.looseObject({ feeds: z.array(AmazonFeedSchema), nextToken: text });

/** `CreateFeedResponse` (HTTP 202). */
export const AmazonCreateFeedResponseSchema = z.looseObject({ feedId: z.union([z.string().min(1), z.number().int().nonnegative().transform(String)]) });

/** `CreateFeedDocumentResponse` (HTTP 201): the document id and the presigned upload URL (5 minutes). */
export const AmazonCreateFeedDocumentResponseSchema = z.looseObject({ feedDocumentId: z.string().min(1), url: z.string().min(1) });
export type AmazonCreateFeedDocumentResponse = z.infer<typeof AmazonCreateFeedDocumentResponseSchema>;

/** `FeedDocument`: the presigned download URL (5 minutes) and `compressionAlgorithm` (GZIP). */
export const AmazonFeedDocumentSchema = z.looseObject({ feedDocumentId: z.string().min(1), url: z.string().min(1), compressionAlgorithm: text });
export type AmazonFeedDocument = z.infer<typeof AmazonFeedDocumentSchema>;
