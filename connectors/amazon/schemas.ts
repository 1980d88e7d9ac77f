/**
 * Wire format of the SP-API Orders v0 calls this connector makes (models/ordersV0.json) and of
 * the LWA token endpoint. Objects are loose: fields Amazon adds later pass through untouched.
 * Envelopes are checked strictly; orders and items are parsed one by one (parseAmazonOrder)
 * so one malformed record never fails a whole page.
 */
import { z } from 'zod';
import { issuePath } from '../http/zod-issues.js';

/** Money: `Amount` is a decimal string (e.g. "11.01"), never a float. */
export const AmazonMoneySchema = z.looseObject({
  CurrencyCode: z.string().optional(),
  Amount: z.string().optional(),
});
export type AmazonMoney = z.infer<typeof AmazonMoneySchema>;

export const AmazonAddressSchema = z.looseObject({
  Name: z.string().optional(),
  CompanyName: z.string().optional(),
  AddressLine1: z.string().optional(),
  AddressLine2: z.string().optional(),
  AddressLine3: z.string().optional(),
  City: z.string().optional(),
  County: z.string().optional(),
  District: z.string().optional(),
  StateOrRegion: z.string().optional(),
  Municipality: z.string().optional(),
  PostalCode: z.string().optional(),
  CountryCode: z.string().optional(),
  Phone: z.string().optional(),
  AddressType: z.string().optional(),
});
export type AmazonAddress = z.infer<typeof AmazonAddressSchema>;

export const AmazonErrorSchema = z.looseObject({
  code: z.string(),
  message: z.string(),
  details: z.string().optional(),
});
export type AmazonError = z.infer<typeof AmazonErrorSchema>;

export const AmazonErrorListSchema = z.array(AmazonErrorSchema);
export type AmazonErrorList = z.infer<typeof AmazonErrorListSchema>;

/** The error body of every SP-API operation: `{ "errors": [{ code, message, details }] }`. */
export const AmazonErrorResponseSchema = z.looseObject({ errors: AmazonErrorListSchema });
export type AmazonErrorResponse = z.infer<typeof AmazonErrorResponseSchema>;

export const AmazonBuyerInfoSchema = z.looseObject({
  BuyerEmail: z.string().optional(),
  BuyerName: z.string().optional(),
  BuyerCounty: z.string().optional(),
  BuyerTaxInfo: z.looseObject({}).optional(),
  PurchaseOrderNumber: z.string().optional(),
});
export type AmazonBuyerInfo = z.infer<typeof AmazonBuyerInfoSchema>;

/** Known OrderStatus values (the model's enum); the schema accepts others so a new status is not fatal. */
export const AMAZON_ORDER_STATUSES = [
  'PendingAvailability',
  'Pending',
  'Unshipped',
  'PartiallyShipped',
  'Shipped',
  'Canceled',
  'Unfulfillable',
  'InvoiceUnconfirmed',
] as const;

/** Order (model: required AmazonOrderId, PurchaseDate, LastUpdateDate, OrderStatus). */
export const AmazonOrderSchema = z.looseObject({
  AmazonOrderId: z.string().min(1),
  SellerOrderId: z.string().optional(),
  PurchaseDate: z.string().min(1),
  LastUpdateDate: z.string().min(1),
  OrderStatus: z.string().min(1),
  FulfillmentChannel: z.string().optional(),
  SalesChannel: z.string().optional(),
  OrderChannel: z.string().optional(),
  ShipServiceLevel: z.string().optional(),
  OrderTotal: AmazonMoneySchema.optional(),
  NumberOfItemsShipped: z.number().int().optional(),
  NumberOfItemsUnshipped: z.number().int().optional(),
  PaymentMethod: z.string().optional(),
  PaymentMethodDetails: z.array(z.string()).optional(),
  MarketplaceId: z.string().optional(),
  ShipmentServiceLevelCategory: z.string().optional(),
  EasyShipShipmentStatus: z.string().optional(),
  OrderType: z.string().optional(),
  EarliestShipDate: z.string().optional(),
  LatestShipDate: z.string().optional(),
  EarliestDeliveryDate: z.string().optional(),
  LatestDeliveryDate: z.string().optional(),
  IsBusinessOrder: z.boolean().optional(),
  IsPrime: z.boolean().optional(),
  IsPremiumOrder: z.boolean().optional(),
  IsGlobalExpressEnabled: z.boolean().optional(),
  ReplacedOrderId: z.string().optional(),
  IsReplacementOrder: z.boolean().optional(),
  IsSoldByAB: z.boolean().optional(),
  IsIBA: z.boolean().optional(),
  IsISPU: z.boolean().optional(),
  IsAccessPointOrder: z.boolean().optional(),
  DefaultShipFromLocationAddress: AmazonAddressSchema.optional(),
  ShippingAddress: AmazonAddressSchema.optional(),
  BuyerInfo: AmazonBuyerInfoSchema.optional(),
  BuyerInvoicePreference: z.string().optional(),
  SellerDisplayName: z.string().optional(),
  HasRegulatedItems: z.boolean().optional(),
  ElectronicInvoiceStatus: z.string().optional(),
});
export type AmazonOrder = z.infer<typeof AmazonOrderSchema>;

/** OrderItem (model: required ASIN, OrderItemId, QuantityOrdered). */
export const AmazonOrderItemSchema = z.looseObject({
  ASIN: z.string().min(1),
  SellerSKU: z.string().optional(),
  OrderItemId: z.string().min(1),
  Title: z.string().optional(),
  QuantityOrdered: z.number().int().min(0),
  QuantityShipped: z.number().int().min(0).optional(),
  ProductInfo: z.looseObject({ NumberOfItems: z.string().optional() }).optional(),
  PointsGranted: z
    .looseObject({ PointsNumber: z.number().int().optional(), PointsMonetaryValue: AmazonMoneySchema.optional() })
    .optional(),
  ItemPrice: AmazonMoneySchema.optional(),
  ShippingPrice: AmazonMoneySchema.optional(),
  ItemTax: AmazonMoneySchema.optional(),
  ShippingTax: AmazonMoneySchema.optional(),
  ShippingDiscount: AmazonMoneySchema.optional(),
  ShippingDiscountTax: AmazonMoneySchema.optional(),
  PromotionDiscount: AmazonMoneySchema.optional(),
  PromotionDiscountTax: AmazonMoneySchema.optional(),
  PromotionIds: z.array(z.string()).optional(),
  CODFee: AmazonMoneySchema.optional(),
  CODFeeDiscount: AmazonMoneySchema.optional(),
  /** A string in the model ("true"/"false"), not a boolean. */
  IsGift: z.string().optional(),
  ConditionNote: z.string().optional(),
  ConditionId: z.string().optional(),
  ConditionSubtypeId: z.string().optional(),
  ScheduledDeliveryStartDate: z.string().optional(),
  ScheduledDeliveryEndDate: z.string().optional(),
  PriceDesignation: z.string().optional(),
  TaxCollection: z.looseObject({ Model: z.string().optional(), ResponsibleParty: z.string().optional() }).optional(),
  SerialNumberRequired: z.boolean().optional(),
  IsTransparency: z.boolean().optional(),
  IossNumber: z.string().optional(),
  StoreChainStoreId: z.string().optional(),
  DeemedResellerCategory: z.string().optional(),
  BuyerInfo: z.looseObject({}).optional(),
  BuyerRequestedCancel: z
    .looseObject({ IsBuyerRequestedCancel: z.string().optional(), BuyerCancelReason: z.string().optional() })
    .optional(),
  SerialNumbers: z.array(z.string()).optional(),
});
export type AmazonOrderItem = z.infer<typeof AmazonOrderItemSchema>;

/** getOrders envelope; `Orders` are left raw here and parsed one by one. */
export const AmazonOrdersListSchema = z.looseObject({
  Orders: z.array(z.unknown()),
  NextToken: z.string().optional(),
  // Not always ISO 8601: the static sandbox answers "1.569521782042E9".
  LastUpdatedBefore: z.string().optional(),
  CreatedBefore: z.string().optional(),
});
export type AmazonOrdersList = z.infer<typeof AmazonOrdersListSchema>;

export const AmazonGetOrdersResponseSchema = z.looseObject({
  payload: AmazonOrdersListSchema,
  errors: AmazonErrorListSchema.optional(),
});
export type AmazonGetOrdersResponse = z.infer<typeof AmazonGetOrdersResponseSchema>;

/** getOrder envelope; the order itself is parsed with AmazonOrderSchema by the caller. */
export const AmazonGetOrderResponseSchema = z.looseObject({
  payload: z.record(z.string(), z.unknown()),
  errors: AmazonErrorListSchema.optional(),
});
export type AmazonGetOrderResponse = z.infer<typeof AmazonGetOrderResponseSchema>;

export const AmazonOrderItemsListSchema = z.looseObject({
  OrderItems: z.array(z.unknown()),
  NextToken: z.string().optional(),
  AmazonOrderId: z.string().min(1),
});
export type AmazonOrderItemsList = z.infer<typeof AmazonOrderItemsListSchema>;

export const AmazonGetOrderItemsResponseSchema = z.looseObject({
  payload: AmazonOrderItemsListSchema,
  errors: AmazonErrorListSchema.optional(),
});
export type AmazonGetOrderItemsResponse = z.infer<typeof AmazonGetOrderItemsResponseSchema>;

/** LWA token response (refresh_token grant). */
export const LwaTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
  refresh_token: z.string().optional(),
});
export type LwaTokenResponse = z.infer<typeof LwaTokenResponseSchema>;

/** LWA error body: HTTP 400 `{ error: invalid_grant | invalid_client | …, error_description }`. */
export const LwaErrorResponseSchema = z.looseObject({
  error: z.string().min(1),
  error_description: z.string().optional(),
  request_id: z.string().optional(),
});
export type LwaErrorResponse = z.infer<typeof LwaErrorResponseSchema>;

export interface WireIssue {
  /** Dotted path in the record, arrays as `[i]`: `OrderTotal.Amount`, `PaymentMethodDetails[1]`. */
  readonly path: string;
  readonly message: string;
}

export type ParseAmazonOrderResult =
  | { readonly ok: true; readonly order: AmazonOrder }
  | { readonly ok: false; readonly id?: string; issues: WireIssue[] };

export type ParseAmazonOrderItemResult =
  | { readonly ok: true; readonly item: AmazonOrderItem }
  | { readonly ok: false; readonly id?: string; issues: WireIssue[] };

function toIssues(error: z.ZodError): WireIssue[] {
  return error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }));
}

function stringField(raw: unknown, field: string): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value = (raw as Record<string, unknown>)[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Parses one raw order from a page; never throws. */
/**
 * Amazon omits absent fields, but payloads re-serialised by other tools often carry them
 * as `null`; an explicit null is read as absent rather than failing the record.
 */
export function withoutNullFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullFields);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = withoutNullFields(v);
  return out;
}

export function parseAmazonOrder(raw: unknown): ParseAmazonOrderResult {
  const result = AmazonOrderSchema.safeParse(withoutNullFields(raw));
  if (result.success) return { ok: true, order: result.data };
  const id = stringField(raw, 'AmazonOrderId');
  return id === undefined ? { ok: false, issues: toIssues(result.error) } : { ok: false, id, issues: toIssues(result.error) };
}

/** Parses one raw order item; never throws. */
export function parseAmazonOrderItem(raw: unknown): ParseAmazonOrderItemResult {
  const result = AmazonOrderItemSchema.safeParse(withoutNullFields(raw));
  if (result.success) return { ok: true, item: result.data };
  const id = stringField(raw, 'OrderItemId');
  return id === undefined ? { ok: false, issues: toIssues(result.error) } : { ok: false, id, issues: toIssues(result.error) };
}
