/**
 * The Orders v0 wire format as the official model defines it (models/ordersV0.json):
 * only the fields the sandbox emits. Amounts and counts keep Amazon's JSON types
 * (Money.Amount and ProductInfo.NumberOfItems are strings, quantities are integers).
 */

export interface AmazonMoney {
  CurrencyCode?: string;
  Amount?: string;
}

export interface AmazonAddress {
  Name?: string;
  CompanyName?: string;
  AddressLine1?: string;
  AddressLine2?: string;
  AddressLine3?: string;
  City?: string;
  County?: string;
  District?: string;
  StateOrRegion?: string;
  Municipality?: string;
  PostalCode?: string;
  CountryCode?: string;
  Phone?: string;
  AddressType?: 'Residential' | 'Commercial';
}

export interface AmazonTaxClassification {
  Name?: string;
  Value?: string;
}

export interface AmazonBuyerInfo {
  BuyerEmail?: string;
  BuyerName?: string;
  BuyerCounty?: string;
  BuyerTaxInfo?: {
    CompanyLegalName?: string;
    TaxingRegion?: string;
    TaxClassifications?: AmazonTaxClassification[];
  };
  PurchaseOrderNumber?: string;
}

export const AMAZON_ORDER_STATUSES = [
  'PendingAvailability',
  'Pending',
  'Unshipped',
  'PartiallyShipped',
  'Shipped',
  'InvoiceUnconfirmed',
  'Canceled',
  'Unfulfillable',
] as const;
export type AmazonOrderStatus = (typeof AMAZON_ORDER_STATUSES)[number];

export type AmazonFulfillmentChannel = 'MFN' | 'AFN';
export type AmazonPaymentMethod = 'COD' | 'CVS' | 'Other';

export interface AmazonOrder {
  AmazonOrderId: string;
  SellerOrderId?: string;
  PurchaseDate: string;
  LastUpdateDate: string;
  OrderStatus: AmazonOrderStatus;
  FulfillmentChannel?: AmazonFulfillmentChannel;
  SalesChannel?: string;
  OrderChannel?: string;
  ShipServiceLevel?: string;
  OrderTotal?: AmazonMoney;
  NumberOfItemsShipped?: number;
  NumberOfItemsUnshipped?: number;
  PaymentMethod?: AmazonPaymentMethod;
  PaymentMethodDetails?: string[];
  MarketplaceId?: string;
  ShipmentServiceLevelCategory?: string;
  OrderType?: 'StandardOrder' | 'LongLeadTimeOrder' | 'Preorder' | 'BackOrder' | 'SourcingOnDemandOrder';
  EarliestShipDate?: string;
  LatestShipDate?: string;
  EarliestDeliveryDate?: string;
  LatestDeliveryDate?: string;
  IsBusinessOrder?: boolean;
  IsPrime?: boolean;
  IsPremiumOrder?: boolean;
  IsGlobalExpressEnabled?: boolean;
  ReplacedOrderId?: string;
  IsReplacementOrder?: boolean;
  IsSoldByAB?: boolean;
  IsIBA?: boolean;
  DefaultShipFromLocationAddress?: AmazonAddress;
  IsISPU?: boolean;
  IsAccessPointOrder?: boolean;
  ShippingAddress?: AmazonAddress;
  BuyerInfo?: AmazonBuyerInfo;
  AutomatedShippingSettings?: { HasAutomatedShippingSettings?: boolean };
}

export interface AmazonOrderItem {
  ASIN: string;
  SellerSKU?: string;
  OrderItemId: string;
  Title?: string;
  QuantityOrdered: number;
  QuantityShipped?: number;
  ProductInfo?: { NumberOfItems?: string };
  PointsGranted?: { PointsNumber?: number; PointsMonetaryValue?: AmazonMoney };
  ItemPrice?: AmazonMoney;
  ShippingPrice?: AmazonMoney;
  ItemTax?: AmazonMoney;
  ShippingTax?: AmazonMoney;
  ShippingDiscount?: AmazonMoney;
  ShippingDiscountTax?: AmazonMoney;
  PromotionDiscount?: AmazonMoney;
  PromotionDiscountTax?: AmazonMoney;
  PromotionIds?: string[];
  CODFee?: AmazonMoney;
  CODFeeDiscount?: AmazonMoney;
  IsGift?: string;
  ConditionNote?: string;
  ConditionId?: string;
  ConditionSubtypeId?: string;
  PriceDesignation?: string;
  TaxCollection?: { Model?: 'MarketplaceFacilitator'; ResponsibleParty?: 'Amazon Services, Inc.' };
  SerialNumberRequired?: boolean;
  IsTransparency?: boolean;
  BuyerInfo?: {
    GiftWrapPrice?: AmazonMoney;
    GiftWrapTax?: AmazonMoney;
    GiftMessageText?: string;
    GiftWrapLevel?: string;
  };
  BuyerRequestedCancel?: { IsBuyerRequestedCancel?: string; BuyerCancelReason?: string };
}

/** One error of an SP-API `ErrorList`. */
export interface AmazonError {
  code: string;
  message: string;
  details?: string;
}
