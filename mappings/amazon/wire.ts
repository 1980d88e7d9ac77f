/**
 * The Orders v0 wire records the mapping reads, with the model's field names
 * (models/orders-api-model/ordersV0.json, definitions Order, OrderItem, Money, Address …).
 * Type-only: records may come from anywhere (API pages, files fed to `caravan map`), so the
 * mapping checks every value it reads at runtime instead of trusting these types.
 * Enumerations are typed `string` because Amazon adds values without a new model version.
 */

/** `Money`: both fields optional in the model; Amount is a decimal string such as "11.01". */
export interface AmazonMoneyWire {
  readonly CurrencyCode?: string;
  readonly Amount?: string;
}

/** `Address` (ShippingAddress, DefaultShipFromLocationAddress). */
export interface AmazonAddressWire {
  readonly Name?: string;
  readonly CompanyName?: string;
  readonly AddressLine1?: string;
  readonly AddressLine2?: string;
  readonly AddressLine3?: string;
  readonly City?: string;
  readonly County?: string;
  readonly District?: string;
  readonly StateOrRegion?: string;
  readonly Municipality?: string;
  readonly PostalCode?: string;
  /** ISO 3166-1 alpha-2. */
  readonly CountryCode?: string;
  readonly Phone?: string;
  /** `Residential` | `Commercial`. */
  readonly AddressType?: string;
}

export interface AmazonTaxClassificationWire {
  readonly Name?: string;
  readonly Value?: string;
}

export interface AmazonBuyerTaxInfoWire {
  readonly CompanyLegalName?: string;
  readonly TaxingRegion?: string;
  readonly TaxClassifications?: readonly AmazonTaxClassificationWire[];
}

/** `BuyerInfo` of an order (restricted data: present only with a Restricted Data Token). */
export interface AmazonBuyerInfoWire {
  readonly BuyerEmail?: string;
  readonly BuyerName?: string;
  readonly BuyerCounty?: string;
  readonly BuyerTaxInfo?: AmazonBuyerTaxInfoWire;
  readonly PurchaseOrderNumber?: string;
}

/** `ItemBuyerInfo`: the per-item buyer block, which also carries the gift-wrap money. */
export interface AmazonItemBuyerInfoWire {
  readonly BuyerCustomizedInfo?: { readonly CustomizedURL?: string };
  readonly GiftWrapPrice?: AmazonMoneyWire;
  readonly GiftWrapTax?: AmazonMoneyWire;
  readonly GiftMessageText?: string;
  readonly GiftWrapLevel?: string;
}

/** `TaxCollection`: Model `MarketplaceFacilitator`, ResponsibleParty e.g. `Amazon Services, Inc.`. */
export interface AmazonTaxCollectionWire {
  readonly Model?: string;
  readonly ResponsibleParty?: string;
}

/** `Order`; the model requires AmazonOrderId, PurchaseDate, LastUpdateDate and OrderStatus. */
export interface AmazonOrderWire {
  readonly AmazonOrderId: string;
  readonly SellerOrderId?: string;
  /** ISO 8601 date-time, e.g. `2017-01-20T19:49:35Z` or `2019-05-07T15:42:57.058Z`. */
  readonly PurchaseDate: string;
  readonly LastUpdateDate: string;
  /** Pending | Unshipped | PartiallyShipped | Shipped | Canceled | Unfulfillable | InvoiceUnconfirmed | PendingAvailability. */
  readonly OrderStatus: string;
  /** `MFN` (seller-fulfilled) | `AFN` (fulfilled by Amazon). */
  readonly FulfillmentChannel?: string;
  readonly SalesChannel?: string;
  readonly ShipServiceLevel?: string;
  readonly OrderTotal?: AmazonMoneyWire;
  readonly NumberOfItemsShipped?: number;
  readonly NumberOfItemsUnshipped?: number;
  readonly MarketplaceId?: string;
  readonly ShipmentServiceLevelCategory?: string;
  readonly OrderType?: string;
  readonly EarliestShipDate?: string;
  readonly LatestShipDate?: string;
  readonly EarliestDeliveryDate?: string;
  readonly LatestDeliveryDate?: string;
  readonly IsBusinessOrder?: boolean;
  readonly IsPrime?: boolean;
  readonly IsReplacementOrder?: boolean;
  readonly ReplacedOrderId?: string;
  readonly ShippingAddress?: AmazonAddressWire;
  readonly DefaultShipFromLocationAddress?: AmazonAddressWire;
  readonly BuyerInfo?: AmazonBuyerInfoWire;
}

/** `OrderItem`; the model requires ASIN, OrderItemId and QuantityOrdered. */
export interface AmazonOrderItemWire {
  readonly ASIN: string;
  readonly SellerSKU?: string;
  readonly OrderItemId: string;
  readonly Title?: string;
  readonly QuantityOrdered: number;
  readonly QuantityShipped?: number;
  /** Selling price of the whole item line (unit price × quantity). */
  readonly ItemPrice?: AmazonMoneyWire;
  readonly ShippingPrice?: AmazonMoneyWire;
  readonly ItemTax?: AmazonMoneyWire;
  readonly ShippingTax?: AmazonMoneyWire;
  readonly ShippingDiscount?: AmazonMoneyWire;
  readonly ShippingDiscountTax?: AmazonMoneyWire;
  readonly PromotionDiscount?: AmazonMoneyWire;
  readonly PromotionDiscountTax?: AmazonMoneyWire;
  readonly PromotionIds?: readonly string[];
  readonly CODFee?: AmazonMoneyWire;
  readonly CODFeeDiscount?: AmazonMoneyWire;
  /** The string `"true"` or `"false"` (not a JSON boolean) in the v0 model. */
  readonly IsGift?: boolean | string;
  readonly ConditionNote?: string;
  /** New | Used | Collectible | Refurbished | Preorder | Club. */
  readonly ConditionId?: string;
  readonly ConditionSubtypeId?: string;
  readonly ScheduledDeliveryStartDate?: string;
  readonly ScheduledDeliveryEndDate?: string;
  readonly TaxCollection?: AmazonTaxCollectionWire;
  /** EU IOSS number when Amazon collected the VAT; often `""` when there is none. */
  readonly IossNumber?: string;
  /** `IOSS` | `UOSS`. */
  readonly DeemedResellerCategory?: string;
  readonly BuyerInfo?: AmazonItemBuyerInfoWire;
}
