/**
 * JSON_LISTINGS_FEED documents (schemas/feeds/listings-feed-schema-v2.json, draft-07): built from
 * messages, checked message by message against the schema's rules, and split into as few feeds
 * as Amazon takes. Pure.
 *
 * Limits: at most 25,000 messages per feed (the schema's `messages.maxItems`; raised from 10,000
 * on 2025-05-06, SP-API changelog "Feed size and rate limit changes for the JSON_LISTINGS_FEED")
 * and a document under 10 MiB, 10,485,760 bytes (Feeds API Best Practices: "Keep file size less
 * than 10 MiB"). Splitting keeps the messages' order (a later message for a SKU must not land in
 * an earlier feed), so each feed is filled as far as it goes before the next starts: for an
 * ordered split that is the fewest feeds.
 */
import { z } from 'zod';
import { invalidRequest } from '../http/error-factories.js';
import { siteOf } from '../http/request-checks.js';
import { describeFirstIssue } from '../http/zod-issues.js';
import { AMAZON } from './config.js';
import { AMAZON_LISTINGS_ITEM_INCLUDED_DATA, type AmazonListingsItemIncludedData } from './operations/get-listings-item.js';
import { AMAZON_LISTINGS_REQUIREMENTS, AmazonListingsPatchOperationSchema } from './schemas/listings-items-2021-08-01.js';

export const JSON_LISTINGS_FEED = 'JSON_LISTINGS_FEED';
export const LISTINGS_FEED_VERSION = '2.0';
export const LISTINGS_FEED_MAX_MESSAGES = 25_000;
export const LISTINGS_FEED_MAX_BYTES = 10 * 1024 * 1024;
/** The schema's messageId maximum. */
const MAX_MESSAGE_ID = 2_147_483_647;

const SITE = siteOf(AMAZON, 'buildListingsFeed');

const sku = z.string().min(1);
const productType = z.string().min(1);
const attributes = z.record(z.string(), z.unknown()).refine((a) => Object.keys(a).length > 0, { message: 'attributes needs at least one attribute' });

/** A feed message without its messageId, one shape per operationType (the schema's oneOf). */
export const AmazonListingsFeedMessageInputSchema = z.discriminatedUnion('operationType', [
  z.strictObject({ sku, operationType: z.literal('UPDATE'), productType, requirements: z.enum(AMAZON_LISTINGS_REQUIREMENTS).optional(), attributes }),
  z.strictObject({ sku, operationType: z.literal('PARTIAL_UPDATE'), productType, attributes }),
  z.strictObject({ sku, operationType: z.literal('PATCH'), productType, patches: z.array(AmazonListingsPatchOperationSchema).min(1) }),
  z.strictObject({ sku, operationType: z.literal('DELETE') }),
]);
export type AmazonListingsFeedMessageInput = z.infer<typeof AmazonListingsFeedMessageInputSchema>;
export type AmazonListingsFeedMessage = AmazonListingsFeedMessageInput & { readonly messageId: number };

export interface AmazonListingsFeedHeader {
  /** The selling partner id (merchant token). */
  readonly sellerId: string;
  /** Locale of the report's issue messages, e.g. `en_US`. */
  readonly issueLocale?: string;
  /** Listings Items data to put in the processing report (`report.includedData`, apiVersion 2021-08-01). */
  readonly reportIncludedData?: readonly AmazonListingsItemIncludedData[];
}

export interface AmazonListingsFeedDocument {
  readonly header: { readonly sellerId: string; readonly version: string; readonly issueLocale?: string; readonly report?: { readonly includedData: readonly string[]; readonly apiVersion: string } };
  readonly messages: readonly AmazonListingsFeedMessage[];
}

/** One feed ready to upload: the document, its UTF-8 text, and which SKUs it carries. */
export interface AmazonListingsFeedPart {
  readonly feed: AmazonListingsFeedDocument;
  readonly content: string;
  readonly bytes: number;
  readonly skus: readonly string[];
}

function feedHeader(header: AmazonListingsFeedHeader): AmazonListingsFeedDocument['header'] {
  if (typeof header.sellerId !== 'string' || header.sellerId.trim() === '') throw invalidRequest(SITE, 'header sellerId must be a non-empty string');
  if (header.issueLocale !== undefined && header.issueLocale.trim() === '') throw invalidRequest(SITE, 'header issueLocale must be a non-empty string when set');
  const included = header.reportIncludedData;
  const unknown = included?.find((d) => !(AMAZON_LISTINGS_ITEM_INCLUDED_DATA as readonly string[]).includes(d));
  if (unknown !== undefined) throw invalidRequest(SITE, `header reportIncludedData: "${unknown}" is not one of ${AMAZON_LISTINGS_ITEM_INCLUDED_DATA.join(', ')}`);
  return {
    sellerId: header.sellerId,
    version: LISTINGS_FEED_VERSION,
    ...(header.issueLocale === undefined ? {} : { issueLocale: header.issueLocale }),
    ...(included === undefined || included.length === 0 ? {} : { report: { includedData: included, apiVersion: '2021-08-01' } }),
  };
}

/** Messages checked and numbered: messageId is the message's position in `messages` plus `firstMessageId`. */
export function listingsFeedMessages(messages: readonly unknown[], firstMessageId = 1): AmazonListingsFeedMessage[] {
  if (!Number.isInteger(firstMessageId) || firstMessageId < 1 || firstMessageId + messages.length - 1 > MAX_MESSAGE_ID) {
    throw invalidRequest(SITE, `messageIds ${firstMessageId}… do not fit 1–${MAX_MESSAGE_ID}`);
  }
  return messages.map((raw, i) => {
    const parsed = AmazonListingsFeedMessageInputSchema.safeParse(raw);
    if (!parsed.success) {
      const named = raw !== null && typeof raw === 'object' && typeof (raw as { sku?: unknown }).sku === 'string' ? ` (SKU ${(raw as { sku: string }).sku})` : '';
      throw invalidRequest(SITE, `message ${i}${named}: ${describeFirstIssue(parsed.error)}`);
    }
    return { messageId: firstMessageId + i, ...parsed.data };
  });
}

/** One JSON_LISTINGS_FEED document (no size check: see splitListingsFeed). */
export function buildListingsFeed(header: AmazonListingsFeedHeader, messages: readonly unknown[]): AmazonListingsFeedDocument {
  if (messages.length === 0) throw invalidRequest(SITE, 'a listings feed needs at least one message');
  return { header: feedHeader(header), messages: listingsFeedMessages(messages) };
}

export interface ListingsFeedLimits {
  readonly maxMessages?: number;
  readonly maxBytes?: number;
}

/**
 * The messages as few feeds as Amazon's limits allow, in order. messageIds number the messages
 * across all parts (unique within each feed, and each leads back to its input). A message too
 * large for a feed of its own is a validation error naming its SKU.
 */
export function splitListingsFeed(header: AmazonListingsFeedHeader, messages: readonly unknown[], limits: ListingsFeedLimits = {}): AmazonListingsFeedPart[] {
  const maxMessages = limits.maxMessages ?? LISTINGS_FEED_MAX_MESSAGES;
  const maxBytes = limits.maxBytes ?? LISTINGS_FEED_MAX_BYTES;
  if (messages.length === 0) throw invalidRequest(SITE, 'a listings feed needs at least one message');
  const head = feedHeader(header);
  const numbered = listingsFeedMessages(messages);
  // `{"header":…,"messages":[` + `]}`, and one comma between messages.
  const frame = Buffer.byteLength(JSON.stringify({ header: head, messages: [] }));
  const parts: AmazonListingsFeedPart[] = [];
  let current: AmazonListingsFeedMessage[] = [];
  let size = frame;
  const close = (): void => {
    const feed: AmazonListingsFeedDocument = { header: head, messages: current };
    const content = JSON.stringify(feed);
    parts.push({ feed, content, bytes: Buffer.byteLength(content), skus: [...new Set(current.map((m) => m.sku))] });
    current = [];
    size = frame;
  };
  for (const message of numbered) {
    const bytes = Buffer.byteLength(JSON.stringify(message));
    if (frame + bytes > maxBytes) throw invalidRequest(SITE, `message ${message.messageId - 1} (SKU ${message.sku}) is ${bytes} bytes: no feed of at most ${maxBytes} bytes holds it`);
    const added = (current.length === 0 ? 0 : 1) + bytes;
    if (current.length > 0 && (current.length >= maxMessages || size + added > maxBytes)) close();
    size += (current.length === 0 ? 0 : 1) + bytes;
    current.push(message);
  }
  close();
  return parts;
}
