/**
 * A listing: one SKU offered on one channel's marketplace, as the hub holds it. Titles and
 * descriptions are per locale (BCP 47, e.g. `ja-JP`); the price is per market and currency
 * (one listing per marketplace); the product's customs and shipping data (HS code, origin,
 * certifications, weight, dimensions) are optional: a marketplace listings report carries none.
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
  /** Vendor identifiers: Amazon asin, listingId … */
  refs: RefsSchema,
});
export type Listing = z.infer<typeof ListingSchema>;
