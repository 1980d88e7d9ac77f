/**
 * Wire format of the SP-API Orders v0 calls this connector makes (models/ordersV0.json) and of
 * the LWA token endpoint. Objects are loose: fields Amazon adds later pass through untouched.
 * Envelopes are checked strictly; orders and items are parsed one by one (parseAmazonOrder)
 * so one malformed record never fails a whole page.
 */
import { z } from 'zod';
import { countLike, emptyAsAbsent, nullAsAbsent, optionalBooleanLike, optionalCountLike, withoutNullFields } from '../http/wire-leniency.js';
import { issuePath } from '../http/zod-issues.js';
import { unchangedCheck } from './schemas/unchanged-check.js';

/** Money: `Amount` is a decimal string (e.g. "11.01"), never a float. */
export const AmazonMoneySchema = z.looseObject({
  CurrencyCode: emptyAsAbsent(z.string()),
  // "" is no amount: the mapping reads a Money without Amount as absent money.
  Amount: emptyAsAbsent(z.string()),
});
export type AmazonMoney = z.infer<typeof AmazonMoneySchema>;
/** A Money as Amazon may send it (before the schema's leniency). */
export type AmazonMoneyWire = z.input<typeof AmazonMoneySchema>;

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
export type AmazonAddressWire = z.input<typeof AmazonAddressSchema>;

export const AmazonErrorSchema = z.looseObject({
  code: z.string(),
  message: z.string(),
  details: z.string().optional(),
});
export type AmazonError = z.infer<typeof AmazonErrorSchema>;

export const AmazonErrorListSchema = z.array(AmazonErrorSchema);
export type AmazonErrorList = z.infer<typeof AmazonErrorListSchema>;

export const AmazonBuyerInfoSchema = z.looseObject({
  BuyerEmail: z.string().optional(),
  BuyerName: z.string().optional(),
  BuyerCounty: z.string().optional(),
  BuyerTaxInfo: z
    .looseObject({
      CompanyLegalName: z.string().optional(),
      TaxingRegion: z.string().optional(),
      TaxClassifications: z.array(z.looseObject({ Name: z.string().optional(), Value: z.string().optional() })).optional(),
    })
    .optional(),
  PurchaseOrderNumber: z.string().optional(),
});
export type AmazonBuyerInfo = z.infer<typeof AmazonBuyerInfoSchema>;
export type AmazonBuyerInfoWire = z.input<typeof AmazonBuyerInfoSchema>;

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
  NumberOfItemsShipped: optionalCountLike,
  NumberOfItemsUnshipped: optionalCountLike,
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
  IsBusinessOrder: optionalBooleanLike,
  IsPrime: optionalBooleanLike,
  IsPremiumOrder: optionalBooleanLike,
  IsGlobalExpressEnabled: optionalBooleanLike,
  ReplacedOrderId: z.string().optional(),
  IsReplacementOrder: optionalBooleanLike,
  IsSoldByAB: optionalBooleanLike,
  IsIBA: optionalBooleanLike,
  IsISPU: optionalBooleanLike,
  IsAccessPointOrder: optionalBooleanLike,
  DefaultShipFromLocationAddress: AmazonAddressSchema.optional(),
  ShippingAddress: AmazonAddressSchema.optional(),
  BuyerInfo: AmazonBuyerInfoSchema.optional(),
  BuyerInvoicePreference: z.string().optional(),
  SellerDisplayName: z.string().optional(),
  HasRegulatedItems: optionalBooleanLike,
  ElectronicInvoiceStatus: z.string().optional(),
  AutomatedShippingSettings: z.looseObject({ HasAutomatedShippingSettings: optionalBooleanLike }).optional(),
});
/** An order as parsed (booleans and counts read, nulls dropped): what the mappings take. */
export type AmazonOrder = z.infer<typeof AmazonOrderSchema>;
/** An order as Amazon may send it: what the sandbox serves. */
export type AmazonOrderWire = z.input<typeof AmazonOrderSchema>;

/** OrderItem (model: required ASIN, OrderItemId, QuantityOrdered). */
export const AmazonOrderItemSchema = z.looseObject({
  ASIN: z.string().min(1),
  SellerSKU: z.string().optional(),
  OrderItemId: z.string().min(1),
  Title: z.string().optional(),
  QuantityOrdered: countLike,
  QuantityShipped: optionalCountLike,
  // A string in the model; generated SDKs typed it an integer, so both forms circulate (amzapi/selling-partner-api-sdk#3).
  ProductInfo: z.looseObject({ NumberOfItems: z.union([z.string(), z.number()]).optional() }).optional(),
  PointsGranted: z
    .looseObject({ PointsNumber: optionalCountLike, PointsMonetaryValue: AmazonMoneySchema.optional() })
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
  /** A string in the model ("true"/"false"); SDK re-serialisations send a boolean. Both read as boolean. */
  IsGift: optionalBooleanLike,
  ConditionNote: z.string().optional(),
  ConditionId: z.string().optional(),
  ConditionSubtypeId: z.string().optional(),
  ScheduledDeliveryStartDate: z.string().optional(),
  ScheduledDeliveryEndDate: z.string().optional(),
  PriceDesignation: z.string().optional(),
  TaxCollection: z.looseObject({ Model: z.string().optional(), ResponsibleParty: z.string().optional() }).optional(),
  SerialNumberRequired: optionalBooleanLike,
  IsTransparency: optionalBooleanLike,
  IossNumber: z.string().optional(),
  StoreChainStoreId: z.string().optional(),
  DeemedResellerCategory: z.string().optional(),
  /** ItemBuyerInfo: the per-item buyer block, which also carries the gift-wrap money. */
  BuyerInfo: z
    .looseObject({
      BuyerCustomizedInfo: z.looseObject({ CustomizedURL: z.string().optional() }).optional(),
      GiftWrapPrice: AmazonMoneySchema.optional(),
      GiftWrapTax: AmazonMoneySchema.optional(),
      GiftMessageText: z.string().optional(),
      GiftWrapLevel: z.string().optional(),
    })
    .optional(),
  BuyerRequestedCancel: z
    .looseObject({ IsBuyerRequestedCancel: optionalBooleanLike, BuyerCancelReason: z.string().optional() })
    .optional(),
  SerialNumbers: z.array(z.string()).optional(),
});
export type AmazonOrderItem = z.infer<typeof AmazonOrderItemSchema>;
export type AmazonOrderItemWire = z.input<typeof AmazonOrderItemSchema>;

/**
 * getOrders envelope; `Orders` are left raw here and parsed one by one. A page re-serialised
 * from a generated SDK model writes absent members as null (`"NextToken": null`): read as absent.
 */
export const AmazonOrdersListSchema = z.looseObject({
  Orders: z.array(z.unknown()),
  NextToken: nullAsAbsent(z.string()),
  // Not always ISO 8601: the static sandbox answers "1.569521782042E9".
  LastUpdatedBefore: nullAsAbsent(z.string()),
  CreatedBefore: nullAsAbsent(z.string()),
});
export type AmazonOrdersList = z.infer<typeof AmazonOrdersListSchema>;

export const AmazonGetOrdersResponseSchema = z.looseObject({
  payload: AmazonOrdersListSchema,
  errors: nullAsAbsent(AmazonErrorListSchema),
});
export type AmazonGetOrdersResponse = z.infer<typeof AmazonGetOrdersResponseSchema>;

/** getOrder envelope; the order itself is parsed with AmazonOrderSchema by the caller. */
export const AmazonGetOrderResponseSchema = z.looseObject({
  payload: z.record(z.string(), z.unknown()),
  errors: nullAsAbsent(AmazonErrorListSchema),
});
export type AmazonGetOrderResponse = z.infer<typeof AmazonGetOrderResponseSchema>;

export const AmazonOrderItemsListSchema = z.looseObject({
  OrderItems: z.array(z.unknown()),
  NextToken: nullAsAbsent(z.string()),
  AmazonOrderId: z.string().min(1),
});
export type AmazonOrderItemsList = z.infer<typeof AmazonOrderItemsListSchema>;

export const AmazonGetOrderItemsResponseSchema = z.looseObject({
  payload: AmazonOrderItemsListSchema,
  errors: nullAsAbsent(AmazonErrorListSchema),
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

const orderUnchanged = unchangedCheck(AmazonOrderSchema);

/**
 * Parses one raw order from a page; never throws. Amazon omits absent fields, but payloads
 * re-serialised by other tools carry them as `null`: an explicit null reads as absent.
 */
export function parseAmazonOrder(raw: unknown): ParseAmazonOrderResult {
  const input = withoutNullFields(raw);
  // Nearly every order already reads as the schema would give it back: no parsed copy then.
  if (orderUnchanged(input)) return { ok: true, order: input as AmazonOrder };
  const result = AmazonOrderSchema.safeParse(input);
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
