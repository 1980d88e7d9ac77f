/**
 * Wire format of the SP-API Orders API 2026-01-01 (models/orders-api-model/orders_2026-01-01.json):
 * `searchOrders` (GET /orders/2026-01-01/orders) and `getOrder` (GET …/orders/{orderId}). The
 * order carries its items (`orderItems`), camelCase. Blocks other than the order's ids, times,
 * sales channel, programs, associations and item products come only when asked for with
 * `includedData` (BUYER, RECIPIENT, PROCEEDS, FULFILLMENT, PROMOTION, TAX, …): every block is
 * optional here. Lenient as the v0 schemas are: objects are loose (new fields pass through),
 * enum-like fields are plain strings (a new value is kept raw), `null` reads as absent,
 * counts may be digit strings; what cannot be read is an issue on the field.
 */
import { z } from 'zod';
import { countLike, emptyAsAbsent, nullAsAbsent, optionalCountLike, withoutNullFields } from '../../http/wire-leniency.js';
import { issuePath } from '../../http/zod-issues.js';
import type { WireIssue } from '../schemas.js';
import { unchangedCheck } from './unchanged-check.js';

const text = z.string().optional();
/** Text where `""` means absent (the model's examples send `"addressLine3": ""`, `"conditionNote": ""`). */
const optionalText = emptyAsAbsent(z.string());

/**
 * Money: `amount` is a Decimal, "a decimal number with no loss of precision", sent as a string
 * ("154.99", "19940"); never read through a float. Both members are required by the model; a
 * Money without amount reads as absent money (as v0's does), a number amount is an issue.
 */
export const Amazon2026MoneySchema = z.looseObject({
  amount: emptyAsAbsent(z.string()),
  currencyCode: emptyAsAbsent(z.string()),
});
export type Amazon2026Money = z.infer<typeof Amazon2026MoneySchema>;

export const Amazon2026DateTimeRangeSchema = z.looseObject({
  earliestDateTime: optionalText,
  latestDateTime: optionalText,
});

/** CustomerAddress; addressType RESIDENTIAL, COMMERCIAL, PICKUP_POINT (others kept raw). */
export const Amazon2026CustomerAddressSchema = z.looseObject({
  name: text,
  companyName: text,
  addressLine1: text,
  addressLine2: text,
  addressLine3: text,
  city: text,
  districtOrCounty: text,
  stateOrRegion: text,
  municipality: text,
  postalCode: text,
  countryCode: text,
  phone: text,
  extendedFields: z
    .looseObject({ streetName: text, streetNumber: text, complement: text, neighborhood: text })
    .optional(),
  addressType: text,
});
export type Amazon2026CustomerAddress = z.infer<typeof Amazon2026CustomerAddressSchema>;

export const Amazon2026SalesChannelSchema = z.looseObject({
  // Required by the model; AMAZON or NON_AMAZON.
  channelName: text,
  marketplaceId: text,
  marketplaceName: text,
});

export const Amazon2026BuyerSchema = z.looseObject({
  buyerName: text,
  buyerEmail: text,
  buyerCompanyName: text,
  buyerPurchaseOrderNumber: text,
});

export const Amazon2026RecipientSchema = z.looseObject({
  deliveryAddress: Amazon2026CustomerAddressSchema.optional(),
  deliveryPreference: z.looseObject({}).optional(),
});

/** OrderProceedsBreakdown / ItemProceedsBreakdown: `type` ITEM, SHIPPING, GIFT_WRAP, COD_FEE, TAX, DISCOUNT, DELIVERY_TIP, OTHER. */
export const Amazon2026ProceedsBreakdownSchema = z.looseObject({
  type: z.string(),
  status: text,
  subtotal: Amazon2026MoneySchema.optional(),
  detailedBreakdowns: z
    .array(z.looseObject({ subtype: text, value: Amazon2026MoneySchema.optional() }))
    .optional(),
});
export type Amazon2026ProceedsBreakdown = z.infer<typeof Amazon2026ProceedsBreakdownSchema>;

export const Amazon2026OrderProceedsSchema = z.looseObject({
  grandTotal: Amazon2026MoneySchema.optional(),
  breakdowns: z.array(Amazon2026ProceedsBreakdownSchema).optional(),
});

/** FulfillmentStatus values of the model; the schema accepts others (kept raw) so a new status is not a wire error. */
export const AMAZON_2026_FULFILLMENT_STATUSES = [
  'PENDING_AVAILABILITY',
  'PENDING',
  'UNSHIPPED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'CANCELLED',
  'UNFULFILLABLE',
] as const;

export const Amazon2026OrderFulfillmentSchema = z.looseObject({
  // Required by the model whenever the block is sent (includedData=FULFILLMENT).
  fulfillmentStatus: text,
  fulfilledBy: text,
  fulfillmentServiceLevel: text,
  shipByWindow: Amazon2026DateTimeRangeSchema.optional(),
  deliverByWindow: Amazon2026DateTimeRangeSchema.optional(),
  labelPrintingWindow: Amazon2026DateTimeRangeSchema.optional(),
});

export const Amazon2026ItemProductSchema = z.looseObject({
  asin: text,
  title: text,
  sellerSku: text,
  condition: z.looseObject({ conditionType: text, conditionSubtype: text, conditionNote: text }).optional(),
  price: z.looseObject({ unitPrice: Amazon2026MoneySchema.optional(), priceDesignation: text }).optional(),
  serialNumbers: z.array(z.string()).optional(),
  customization: z.looseObject({ customizedUrl: text }).optional(),
});

export const Amazon2026OrderItemSchema = z.looseObject({
  orderItemId: z.string().min(1),
  quantityOrdered: countLike,
  measurement: z.looseObject({ unit: text, value: z.union([z.number(), z.string()]).optional() }).optional(),
  associatedOrderItems: z
    .array(z.looseObject({ orderId: text, orderItemId: text, associationType: text }))
    .optional(),
  programs: z.array(z.string()).optional(),
  // Required by the model; an item without it still parses (the mapping names what it lacks).
  product: Amazon2026ItemProductSchema.optional(),
  proceeds: z
    .looseObject({
      proceedsTotal: Amazon2026MoneySchema.optional(),
      breakdowns: z.array(Amazon2026ProceedsBreakdownSchema).optional(),
    })
    .optional(),
  expense: z
    .looseObject({
      pointsCost: z
        .looseObject({
          pointsGranted: z
            .looseObject({ pointsNumber: optionalCountLike, pointsMonetaryValue: Amazon2026MoneySchema.optional() })
            .optional(),
        })
        .optional(),
    })
    .optional(),
  promotion: z.looseObject({ breakdowns: z.array(z.looseObject({ promotionId: text })).optional() }).optional(),
  cancellation: z
    .looseObject({
      cancellationRequest: z.looseObject({ requester: text, cancelReason: text }).optional(),
      cancellationExecution: z.looseObject({ cancelledBy: text, cancelReason: text }).optional(),
    })
    .optional(),
  fulfillment: z
    .looseObject({
      quantityFulfilled: optionalCountLike,
      quantityUnfulfilled: optionalCountLike,
      picking: z.looseObject({}).optional(),
      packing: z
        .looseObject({
          giftOption: z.looseObject({ giftMessage: text, giftWrapLevel: text }).optional(),
          serialNumberRequirement: z.looseObject({ requirementType: text }).optional(),
        })
        .optional(),
      shipping: z
        .looseObject({
          scheduledDeliveryWindow: Amazon2026DateTimeRangeSchema.optional(),
          shippingConstraints: z.looseObject({}).optional(),
          internationalShipping: z.looseObject({ iossNumber: text }).optional(),
        })
        .optional(),
    })
    .optional(),
  tax: z
    .looseObject({
      taxCalculationBreakdowns: z.array(z.looseObject({ reportingScheme: text })).optional(),
      taxCollections: z.array(z.looseObject({ model: text, responsibleParty: text })).optional(),
    })
    .optional(),
});
export type Amazon2026OrderItem = z.infer<typeof Amazon2026OrderItemSchema>;

export const Amazon2026PackageSchema = z.looseObject({
  packageReferenceId: text,
  createdTime: text,
  // amzn/selling-partner-api-models#5127: real replies carry `status` without `detailedStatus`.
  packageStatus: z.looseObject({ status: text, detailedStatus: text }).optional(),
  carrier: text,
  shipTime: text,
  shippingService: text,
  trackingNumber: text,
  shipFromAddress: z.looseObject({}).optional(),
  packageItems: z.array(z.looseObject({ orderItemId: text, quantity: optionalCountLike })).optional(),
});

/** Order (model: required orderId, createdTime, lastUpdatedTime, salesChannel, orderItems). */
export const Amazon2026OrderSchema = z.looseObject({
  orderId: z.string().min(1),
  orderAliases: z.array(z.looseObject({ aliasId: text, aliasType: text })).optional(),
  createdTime: z.string().min(1),
  lastUpdatedTime: z.string().min(1),
  programs: z.array(z.string()).optional(),
  associatedOrders: z.array(z.looseObject({ orderId: text, associationType: text })).optional(),
  salesChannel: Amazon2026SalesChannelSchema,
  buyer: Amazon2026BuyerSchema.optional(),
  recipient: Amazon2026RecipientSchema.optional(),
  proceeds: Amazon2026OrderProceedsSchema.optional(),
  payment: z.looseObject({}).optional(),
  tax: z.looseObject({}).optional(),
  fulfillment: Amazon2026OrderFulfillmentSchema.optional(),
  // Required by the model; an order without it maps with no lines (as a v0 order without items).
  orderItems: z.array(Amazon2026OrderItemSchema).optional(),
  packages: z.array(Amazon2026PackageSchema).optional(),
  fulfillmentOrders: z.array(z.looseObject({ fulfillmentOrderId: text })).optional(),
});
/** A 2026-01-01 order as parsed (counts read, nulls dropped): what the mapping takes. */
export type Amazon2026Order = z.infer<typeof Amazon2026OrderSchema>;
/** A 2026-01-01 order as Amazon may send it. */
export type Amazon2026OrderWire = z.input<typeof Amazon2026OrderSchema>;

export const Amazon2026ErrorSchema = z.looseObject({ code: z.string(), message: z.string(), details: z.string().optional() });
/** ErrorList: `{ errors: [{ code, message, details? }] }` (the same shape as v0's error replies). */
export const Amazon2026ErrorListSchema = z.looseObject({ errors: z.array(Amazon2026ErrorSchema) });

/** searchOrders reply; `orders` are left raw here and parsed one by one (one bad order never fails the page). */
export const Amazon2026SearchOrdersResponseSchema = z.looseObject({
  orders: z.array(z.unknown()),
  pagination: nullAsAbsent(z.looseObject({ nextToken: nullAsAbsent(z.string()) })),
  lastUpdatedBefore: nullAsAbsent(z.string()),
  createdBefore: nullAsAbsent(z.string()),
});
export type Amazon2026SearchOrdersResponse = z.infer<typeof Amazon2026SearchOrdersResponseSchema>;

/** getOrder reply; the order is parsed with parseAmazon2026Order by the caller. */
export const Amazon2026GetOrderResponseSchema = z.looseObject({ order: z.record(z.string(), z.unknown()) });
export type Amazon2026GetOrderResponse = z.infer<typeof Amazon2026GetOrderResponseSchema>;

export type ParseAmazon2026OrderResult =
  | { readonly ok: true; readonly order: Amazon2026Order }
  | { readonly ok: false; readonly id?: string; issues: WireIssue[] };

/** True when a value looks like a 2026-01-01 Order (camelCase `orderId`) rather than a v0 one (`AmazonOrderId`). */
export function isAmazon2026Order(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'orderId' in raw && !('AmazonOrderId' in raw);
}

/** The orderId of a raw 2026-01-01 order, when it has a usable one. */
export function amazon2026OrderIdOf(raw: unknown): string | undefined {
  const id = raw && typeof raw === 'object' ? (raw as { orderId?: unknown }).orderId : undefined;
  return typeof id === 'string' && id.trim() !== '' ? id : undefined;
}

const orderUnchanged = unchangedCheck(Amazon2026OrderSchema);

/**
 * Parses one raw 2026-01-01 order; never throws. Payloads re-serialised by SDK models carry
 * absent members as `null`: an explicit null reads as absent.
 */
export function parseAmazon2026Order(raw: unknown): ParseAmazon2026OrderResult {
  // Nearly every order already reads as the schema would give it back: no copy then, nor a walk for
  // nulls (a null in a known field fails the check, and is read as absent below).
  if (orderUnchanged(raw)) return { ok: true, order: raw as Amazon2026Order };
  const input = withoutNullFields(raw);
  if (input !== raw && orderUnchanged(input)) return { ok: true, order: input as Amazon2026Order };
  const result = Amazon2026OrderSchema.safeParse(input);
  if (result.success) return { ok: true, order: result.data };
  const issues = result.error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }));
  const id = amazon2026OrderIdOf(raw);
  return id === undefined ? { ok: false, issues } : { ok: false, id, issues };
}
