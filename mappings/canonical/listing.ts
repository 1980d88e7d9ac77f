/**
 * A listing: one SKU offered on one channel's marketplace, as the hub holds it. Titles and
 * descriptions are per locale (BCP 47, e.g. `ja-JP`); the price is per market and currency
 * (one listing per marketplace); the product's customs and shipping data (HS code, origin,
 * certifications, weight, dimensions) are optional: a marketplace listings report carries none.
 * Also here: the channel's findings on a listing (issues), the outcome of a listing write
 * (ListingSubmission) and of a listings feed (ListingFeedOutcome, ListingFeedSummary).
 */
import { z } from 'zod';
import { CountryCodeSchema } from './address.js';
import { MoneySchema } from './money.js';
import { RefsSchema, UtcTimestampSchema } from './order.js';

export const LocaleSchema = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a BCP 47 locale such as ja-JP or de');

/** Text per locale: `{ "ja-JP": "…" }`. */
export const LocalizedTextSchema = z.record(LocaleSchema, z.string().min(1));
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const ListingStatusSchema = z.enum(['active', 'inactive', 'incomplete']);
export type ListingStatus = z.infer<typeof ListingStatusSchema>;

/** A decimal written as text (never a float): `12.5`. */
const DecimalTextSchema = z.string().regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal such as 12.5');

/**
 * A channel's finding on a listing or on a listing submission (Amazon's `Issue`): `error`
 * stops the listing or submission, `warning` should be reviewed, `info` is for information.
 */
export const ListingIssueSchema = z.strictObject({
  /** The channel's issue code, verbatim (Amazon: `90220`, `4000001`). */
  code: z.string().min(1).optional(),
  message: z.string().min(1),
  severity: z.enum(['error', 'warning', 'info']),
  /** The listing attributes the finding is about (Amazon: `item_name`, `purchasable_offer`). */
  attributeNames: z.array(z.string().min(1)).optional(),
  /** The channel's categories, verbatim (Amazon: MISSING_ATTRIBUTE, INVALID_PRICE …). */
  categories: z.array(z.string().min(1)).optional(),
  /** The marketplaces it applies to, when the channel names them (else: all of the listing's). */
  marketplaceIds: z.array(z.string().min(1)).optional(),
});
export type ListingIssue = z.infer<typeof ListingIssueSchema>;

export const ListingSchema = z.strictObject({
  /** The tenant's connection the listing was read through, e.g. `amazon-eu`. */
  channel: z.string().min(1),
  vendor: z.string().min(1),
  sku: z.string().min(1),
  /** Absent when the source does not say which marketplace (an English listings report read without one). */
  marketplace: z.object({ id: z.string().min(1), country: CountryCodeSchema.optional(), name: z.string().optional() }).optional(),
  title: LocalizedTextSchema.optional(),
  description: LocalizedTextSchema.optional(),
  price: MoneySchema.optional(),
  /** The price as the source wrote it (decimal text) when its currency is not known: never given a guessed currency. */
  unpricedAmount: DecimalTextSchema.optional(),
  /** Units the channel may sell (seller-fulfilled); absent when the marketplace holds the stock. */
  quantity: z.number().int().nonnegative().optional(),
  /** Units in orders not yet confirmed. */
  pendingQuantity: z.number().int().nonnegative().optional(),
  status: ListingStatusSchema.optional(),
  /** The channel's own status, kept verbatim. */
  rawStatus: z.string().optional(),
  fulfilment: z.enum(['merchant', 'marketplace']).optional(),
  /** The channel's own fulfilment channel code (Amazon: DEFAULT, AMAZON_EU …). */
  rawFulfilment: z.string().optional(),
  openedAt: UtcTimestampSchema.optional(),
  /** When the channel last changed the listing (Amazon Listings Items: summaries[].lastUpdatedDate), UTC. */
  updatedAt: UtcTimestampSchema.optional(),
  /** The channel's condition code or name, verbatim (Amazon: 11 = New). */
  condition: z.string().optional(),
  conditionNote: z.string().optional(),
  /** Product identifier the listing was matched by (EAN, UPC, ISBN, ASIN …). */
  productId: z.object({ type: z.string().min(1), value: z.string().min(1) }).optional(),
  hsCode: z.string().regex(/^\d{6,12}$/, 'must be an HS code of 6 to 12 digits, no dots').optional(),
  originCountry: CountryCodeSchema.optional(),
  certifications: z.array(z.string().min(1)).optional(),
  weight: z.object({ value: DecimalTextSchema, unit: z.enum(['g', 'kg', 'oz', 'lb']) }).optional(),
  dimensions: z.object({ length: DecimalTextSchema, width: DecimalTextSchema, height: DecimalTextSchema, unit: z.enum(['mm', 'cm', 'm', 'in']) }).optional(),
  /** The channel's findings on the listing (Amazon Listings Items `issues[]`): absent when the source reports none. */
  issues: z.array(ListingIssueSchema).optional(),
  /** Vendor identifiers: Amazon asin, listingId … */
  refs: RefsSchema,
});
export type Listing = z.infer<typeof ListingSchema>;


/**
 * The outcome of one listing write (Amazon Listings Items put/patch/delete): `accepted` for
 * processing, `invalid` (not accepted; the issues say why), or `valid` (a validation preview:
 * nothing was written). Acceptance is not success: later findings come with the listing.
 */
export const ListingSubmissionSchema = z.strictObject({
  channel: z.string().min(1),
  vendor: z.string().min(1),
  sku: z.string().min(1),
  status: z.enum(['accepted', 'invalid', 'valid']),
  /** The channel's status, verbatim (ACCEPTED …). */
  rawStatus: z.string().min(1),
  submissionId: z.string().min(1),
  issues: z.array(ListingIssueSchema),
  /** Vendor identifiers: asin (Amazon, per marketplace as `asin:<marketplaceId>`). */
  refs: RefsSchema,
});
export type ListingSubmission = z.infer<typeof ListingSubmissionSchema>;

/**
 * One message of a listings feed as the channel processed it (Amazon JSON_LISTINGS_FEED
 * processing report): `accepted` (no findings), `accepted-with-warnings` (warnings or notes,
 * none blocking) or `rejected` (an error: the issues carry the channel's reason). A record
 * without `messageId` is about the whole feed (a header or schema error before any message).
 */
export const ListingFeedOutcomeSchema = z.strictObject({
  channel: z.string().min(1),
  vendor: z.string().min(1),
  feedId: z.string().min(1).optional(),
  messageId: z.number().int().positive().optional(),
  /** Absent when neither the report nor the submitted feed names it. */
  sku: z.string().min(1).optional(),
  outcome: z.enum(['accepted', 'accepted-with-warnings', 'rejected']),
  issues: z.array(ListingIssueSchema),
  refs: RefsSchema,
});
export type ListingFeedOutcome = z.infer<typeof ListingFeedOutcomeSchema>;

/** A listings feed's totals as the channel counted them (Amazon processing report `summary`). */
export const ListingFeedSummarySchema = z.strictObject({
  channel: z.string().min(1),
  vendor: z.string().min(1),
  feedId: z.string().min(1).optional(),
  messagesProcessed: z.number().int().nonnegative(),
  messagesAccepted: z.number().int().nonnegative(),
  messagesInvalid: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  refs: RefsSchema,
});
export type ListingFeedSummary = z.infer<typeof ListingFeedSummarySchema>;
