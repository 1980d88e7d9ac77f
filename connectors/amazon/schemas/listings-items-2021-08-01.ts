/**
 * Wire format of the SP-API Listings Items API 2021-08-01 (models/listings-items-api-model/
 * listingsItems_2021-08-01.json): `getListingsItem` (an `Item`), `searchListingsItems`
 * (`ItemSearchResults`: `{ numberOfResults, pagination, items[] }`) and the put/patch/delete
 * reply `ListingsItemSubmissionResponse` (`{ sku, status, submissionId, issues[] }`).
 *
 * Every block of an Item but `sku` comes only when asked for with `includedData` (peddler's
 * recording asks for attributes and issues: no summaries, offers or availability), and real
 * replies send `null` for blocks not asked for (amzn/selling-partner-api-models#2337:
 * "attributes … returns null, always" until includedData named it): every block is optional,
 * `null` reads as absent. Objects are loose (new members pass), enum-like members are plain
 * text (a new value is kept raw; the mapping decides), counts may be digit strings.
 * Money `amount` is the model's Decimal, "a decimal number with no loss of precision", sent
 * as a string ("100.00"): never read through a float; a number is an issue.
 */
import { z } from 'zod';
import { dateTimeLike, nullAsAbsent, optionalCountLike } from '../../http/wire-leniency.js';
import { issuePath } from '../../http/zod-issues.js';
import type { WireIssue } from '../schemas.js';
import { isObject } from '../../http/json-object.js';

const text = nullAsAbsent(z.string());
const texts = nullAsAbsent(z.array(z.string()));

/** `Issue`: code, message, severity (ERROR, WARNING, INFO), attributeNames, categories, marketplaceIds. */
export const AmazonListingsIssueSchema = z.looseObject({
  code: text,
  message: z.string().min(1),
  severity: z.string().min(1),
  attributeNames: texts,
  categories: texts,
  marketplaceIds: texts,
});
export type AmazonListingsIssue = z.infer<typeof AmazonListingsIssueSchema>;

/**
 * `Money`: both members required; `amount` decimal text. The live API wrote the currency as
 * `currency` instead of `currencyCode` (amzn/selling-partner-api-models#259; the fix sends
 * both): `currency` stands in when `currencyCode` is missing.
 */
export const AmazonListingsMoneySchema = z.preprocess(
  (m) => (isObject(m) && m.currencyCode === undefined && typeof m.currency === 'string' ? { ...m, currencyCode: m.currency } : m),
  z.looseObject({
    currencyCode: z.string().min(1),
    amount: z.string().min(1),
  }),
);

/** `ItemSummaryByMarketplace`. status: BUYABLE, DISCOVERABLE (an empty array: neither). */
export const AmazonListingsSummarySchema = z.looseObject({
  marketplaceId: z.string().min(1),
  asin: text,
  productType: text,
  conditionType: text,
  status: texts,
  fnSku: text,
  itemName: text,
  createdDate: nullAsAbsent(dateTimeLike),
  lastUpdatedDate: nullAsAbsent(dateTimeLike),
  mainImage: z.unknown().optional(),
});
export type AmazonListingsSummary = z.infer<typeof AmazonListingsSummarySchema>;

/** `ItemOfferByMarketplace`: offerType B2C or B2B. */
export const AmazonListingsOfferSchema = z.looseObject({
  marketplaceId: z.string().min(1),
  offerType: z.string().min(1),
  price: AmazonListingsMoneySchema,
  points: z.unknown().optional(),
  audience: z.unknown().optional(),
});
export type AmazonListingsOffer = z.infer<typeof AmazonListingsOfferSchema>;

/** `FulfillmentAvailability`: DEFAULT is the seller's own network; AMAZON_NA, AMAZON_EU … are FBA (no quantity). */
export const AmazonFulfillmentAvailabilitySchema = z.looseObject({
  fulfillmentChannelCode: z.string().min(1),
  quantity: optionalCountLike,
});

/** `Item`. */
export const AmazonListingsItemSchema = z.looseObject({
  sku: z.string().min(1),
  summaries: nullAsAbsent(z.array(AmazonListingsSummarySchema)),
  attributes: nullAsAbsent(z.record(z.string(), z.unknown())),
  issues: nullAsAbsent(z.array(AmazonListingsIssueSchema)),
  offers: nullAsAbsent(z.array(AmazonListingsOfferSchema)),
  fulfillmentAvailability: nullAsAbsent(z.array(AmazonFulfillmentAvailabilitySchema)),
  procurement: z.unknown().optional(),
  relationships: z.unknown().optional(),
  productTypes: z.unknown().optional(),
});
export type AmazonListingsItem = z.infer<typeof AmazonListingsItemSchema>;

/** `ListingsItemSubmissionResponse`: status ACCEPTED, INVALID, VALID (VALIDATION_PREVIEW mode only). */
export const AmazonListingsSubmissionSchema = z.looseObject({
  sku: z.string().min(1),
  status: z.string().min(1),
  submissionId: z.string().min(1),
  issues: nullAsAbsent(z.array(AmazonListingsIssueSchema)),
  identifiers: nullAsAbsent(z.array(z.looseObject({ marketplaceId: text, asin: text }))),
});
export type AmazonListingsSubmission = z.infer<typeof AmazonListingsSubmissionSchema>;

/** A put/patch/delete reply: sku, status and submissionId. */
export function isAmazonListingsSubmission(d: unknown): boolean {
  return isObject(d) && typeof d.submissionId === 'string' && 'status' in d && 'sku' in d;
}

/** A searchListingsItems reply: `items[]` with numberOfResults (or pagination). */
export function isAmazonListingsSearchReply(d: unknown): d is { items: unknown[] } {
  return isObject(d) && Array.isArray(d.items) && ('numberOfResults' in d || 'pagination' in d);
}

/** A getListingsItem reply: an Item (sku and at least one Item block, or the sku alone). */
export function isAmazonListingsItem(d: unknown): boolean {
  if (!isObject(d) || typeof d.sku !== 'string' || isAmazonListingsSubmission(d)) return false;
  return ['summaries', 'attributes', 'issues', 'offers', 'fulfillmentAvailability', 'procurement', 'relationships', 'productTypes'].some((k) => k in d) || Object.keys(d).length === 1;
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly id?: string; readonly issues: WireIssue[] };

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): ParseResult<T> {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const id = isObject(raw) && typeof raw.sku === 'string' ? raw.sku : undefined;
  return { ok: false, ...(id === undefined ? {} : { id }), issues: r.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })) };
}

export const parseAmazonListingsItem = (raw: unknown): ParseResult<AmazonListingsItem> => parseWith(AmazonListingsItemSchema, raw);
export const parseAmazonListingsSubmission = (raw: unknown): ParseResult<AmazonListingsSubmission> => parseWith(AmazonListingsSubmissionSchema, raw);

// ---- request bodies (checked before sending) --------------------------------------------------

/** `requirements` of a put request and of a JSON_LISTINGS_FEED message. */
export const AMAZON_LISTINGS_REQUIREMENTS = ['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY'] as const;

/** `ListingsItemPutRequest`: productType and attributes (keyed by attribute name) required. */
export const AmazonListingsItemPutRequestSchema = z.looseObject({
  productType: z.string().min(1),
  requirements: z.enum(AMAZON_LISTINGS_REQUIREMENTS).optional(),
  attributes: z.record(z.string(), z.unknown()),
});
export type AmazonListingsItemPutRequest = z.infer<typeof AmazonListingsItemPutRequestSchema>;

/** `PatchOperation`: op add, replace, merge or delete; a JSON Pointer path; value an array of objects. */
export const AmazonListingsPatchOperationSchema = z.strictObject({
  op: z.enum(['add', 'replace', 'merge', 'delete']),
  path: z.string().startsWith('/'),
  value: z.array(z.record(z.string(), z.unknown())).optional(),
});
export type AmazonListingsPatchOperation = z.infer<typeof AmazonListingsPatchOperationSchema>;

/** `ListingsItemPatchRequest`: productType and at least one patch. */
export const AmazonListingsItemPatchRequestSchema = z.looseObject({
  productType: z.string().min(1),
  patches: z.array(AmazonListingsPatchOperationSchema).min(1),
});
export type AmazonListingsItemPatchRequest = z.infer<typeof AmazonListingsItemPatchRequestSchema>;
