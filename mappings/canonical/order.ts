import { z } from 'zod';
import { AddressSchema, CountryCodeSchema } from './address.js';
import { CurrencyCodeSchema, MoneySchema } from './money.js';
import { isRealUtcTimestamp } from './utc-timestamp.js';

const UTC_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

/** UTC ISO 8601 timestamp with a `Z` suffix, e.g. `2026-03-02T10:15:00Z` or with fractional seconds. */
export const UtcTimestampSchema = z
  .string()
  .regex(UTC_TIMESTAMP, 'must be a UTC ISO 8601 timestamp ending in Z')
  .refine(isRealUtcTimestamp, 'is not a real date and time');

export const OrderStatusSchema = z.enum([
  /** Placed, payment not yet authorised (or pre-order awaiting availability). */
  'pending',
  /** Paid, nothing shipped yet. */
  'unshipped',
  'partially_shipped',
  'shipped',
  'cancelled',
  /** Cannot be fulfilled (e.g. a marketplace-fulfilled order the marketplace cannot fill). */
  'unfulfillable',
  /** Shipped, invoice not yet confirmed (marketplace-specific). */
  'invoice_unconfirmed',
]);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/** Vendor identifiers; values larger than 2^53 are strings, so every ref is a string. */
export const RefsSchema = z.record(z.string(), z.string());

export const OrderLineSchema = z.object({
  /** The channel's identifier of the line (Amazon OrderItemId). */
  lineId: z.string().min(1),
  sku: z.string().optional(),
  title: z.string().optional(),
  quantity: z.number().int().nonnegative(),
  quantityShipped: z.number().int().nonnegative().optional(),
  /** Price of the whole line (unit price × quantity) as the channel reports it. */
  lineTotal: MoneySchema.optional(),
  itemTax: MoneySchema.optional(),
  shipping: MoneySchema.optional(),
  shippingTax: MoneySchema.optional(),
  /** Discounts are positive amounts that reduce the line. */
  shippingDiscount: MoneySchema.optional(),
  promotionDiscount: MoneySchema.optional(),
  giftWrap: MoneySchema.optional(),
  giftWrapTax: MoneySchema.optional(),
  codFee: MoneySchema.optional(),
  isGift: z.boolean().optional(),
  condition: z.string().optional(),
  /** Who collects the tax on this line, when the channel says (e.g. marketplace facilitator). */
  taxCollection: z.object({ model: z.string(), responsibleParty: z.string().optional() }).optional(),
  /** Deemed-reseller scheme (EU IOSS, UK/NO UOSS) and its registration number. */
  deemedResellerScheme: z.string().optional(),
  iossNumber: z.string().optional(),
  /** Customs and tax data of the product, when the channel or the catalog supplies it. */
  hsCode: z.string().regex(/^\d{6,12}$/, 'must be an HS code of 6 to 12 digits, no dots').optional(),
  originCountry: CountryCodeSchema.optional(),
  /** Product tax category (see TaxCategorySchema); standard when absent. */
  taxCategory: z.string().optional(),
  refs: RefsSchema,
});
export type OrderLine = z.infer<typeof OrderLineSchema>;

/**
 * Order-level money. `orderTotal` is the channel's own figure; the sums are computed
 * from the lines and are absent when the lines are unknown or carry no prices.
 */
export const OrderTotalsSchema = z.object({
  orderTotal: MoneySchema.optional(),
  /** Sum of the lines' totals. */
  items: MoneySchema.optional(),
  itemTax: MoneySchema.optional(),
  shipping: MoneySchema.optional(),
  shippingTax: MoneySchema.optional(),
  /** Promotion and shipping discounts, as a positive amount. */
  discounts: MoneySchema.optional(),
});
export type OrderTotals = z.infer<typeof OrderTotalsSchema>;

export const OrderSchema = z.object({
  /** Channel id within the tenant, e.g. `amazon-eu`. */
  channel: z.string().min(1),
  /** Vendor behind the channel, e.g. `amazon`. */
  vendor: z.string().min(1),
  externalId: z.string().min(1),
  status: OrderStatusSchema,
  /** The channel's own status code, kept verbatim. */
  rawStatus: z.string(),
  marketplace: z.object({ id: z.string().min(1), country: CountryCodeSchema.optional(), name: z.string().optional() }),
  purchasedAt: UtcTimestampSchema,
  updatedAt: UtcTimestampSchema,
  currency: CurrencyCodeSchema.optional(),
  fulfilment: z.enum(['merchant', 'marketplace']).optional(),
  buyer: z
    .object({
      name: z.string().optional(),
      email: z.string().optional(),
      companyName: z.string().optional(),
      purchaseOrderNumber: z.string().optional(),
    })
    .optional(),
  shipTo: AddressSchema.optional(),
  shipServiceLevel: z.string().optional(),
  isBusiness: z.boolean().optional(),
  isPrime: z.boolean().optional(),
  isReplacement: z.boolean().optional(),
  earliestShipAt: UtcTimestampSchema.optional(),
  latestShipAt: UtcTimestampSchema.optional(),
  earliestDeliveryAt: UtcTimestampSchema.optional(),
  latestDeliveryAt: UtcTimestampSchema.optional(),
  lines: z.array(OrderLineSchema),
  /** Absent while the channel withholds prices (e.g. Amazon orders still Pending). */
  totals: OrderTotalsSchema.optional(),
  /** Marketplace fees, when the channel reports them with the order. */
  fees: z.array(z.object({ type: z.string(), amount: MoneySchema })).optional(),
  refs: RefsSchema,
}).superRefine((order, ctx) => {
  // A line is addressed by its id (stored per order, confirmed per line): two lines sharing one are a mapping fault.
  const seen = new Set<string>();
  order.lines.forEach((line, i) => {
    if (seen.has(line.lineId)) ctx.addIssue({ code: 'custom', path: ['lines', i, 'lineId'], message: `"${line.lineId}" appears twice in the order` });
    seen.add(line.lineId);
  });
});
export type Order = z.infer<typeof OrderSchema>;
