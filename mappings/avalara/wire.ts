/**
 * The AvaTax REST v2 records the mappings write and read, with the description's names and
 * fields (shared/vendor/avalara/openapi, v21.12.0: CreateTransactionModel, LineItemModel,
 * AddressLocationInfo, TransactionModel, TransactionLineModel, TransactionLineDetailModel …).
 * Type-only: transactions may come from anywhere (API answers, files fed to `caravan map`), so
 * the mappings check every value they read. Amounts and rates are JSON numbers (`format: double`).
 */

export type DocumentType =
  | 'SalesOrder'
  | 'SalesInvoice'
  | 'PurchaseOrder'
  | 'PurchaseInvoice'
  | 'ReturnOrder'
  | 'ReturnInvoice'
  | 'InventoryTransferOrder'
  | 'InventoryTransferInvoice'
  | 'ReverseChargeOrder'
  | 'ReverseChargeInvoice'
  | 'CustomsInvoice'
  | 'CustomsOrder'
  | 'Any';

/** AddressLocationInfo (line1–3 ≤ 100, city ≤ 50, postalCode ≤ 11). */
export interface AddressLocationInfo {
  readonly locationCode?: string;
  readonly line1?: string;
  readonly line2?: string;
  readonly line3?: string;
  readonly city?: string;
  readonly region?: string;
  readonly country?: string;
  readonly postalCode?: string;
  readonly latitude?: number;
  readonly longitude?: number;
}

/** AddressesModel. */
export interface AddressesModel {
  readonly singleLocation?: AddressLocationInfo;
  readonly shipFrom?: AddressLocationInfo;
  readonly shipTo?: AddressLocationInfo;
  readonly pointOfOrderOrigin?: AddressLocationInfo;
  readonly pointOfOrderAcceptance?: AddressLocationInfo;
  readonly goodsPlaceOrServiceRendered?: AddressLocationInfo;
  readonly import?: AddressLocationInfo;
  readonly billTo?: AddressLocationInfo;
}

/** LineItemModel (required: amount; number ≤ 50, taxCode ≤ 25, itemCode ≤ 50, hsCode ≤ 25). */
export interface LineItemModel {
  readonly number?: string;
  readonly quantity?: number;
  readonly amount: number;
  readonly addresses?: AddressesModel;
  readonly taxCode?: string;
  readonly itemCode?: string;
  readonly taxIncluded?: boolean;
  readonly description?: string;
  readonly hsCode?: string;
}

/** CreateTransactionModel (required: customerCode, date, lines; code ≤ 50). */
export interface CreateTransactionModel {
  readonly type?: DocumentType;
  readonly code?: string;
  readonly companyCode?: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly customerCode: string;
  readonly addresses?: AddressesModel;
  // Mutable, like the connector's input type (a readonly array is not assignable to a mutable one).
  readonly lines: LineItemModel[];
  readonly commit?: boolean;
  readonly currencyCode?: string;
  readonly referenceCode?: string;
  /** The buyer's VAT/GST registration number. */
  readonly businessIdentificationNo?: string;
  /** true: the seller clears customs and pays duty and import tax (DDP). */
  readonly isSellerImporterOfRecord?: boolean;
  readonly deliveryTerms?: 'DAP' | 'DDP';
}

/** TransactionLineDetailModel: one jurisdiction's tax (or duty, or fee) on one line. */
export interface TransactionLineDetailModel {
  readonly country?: string;
  readonly region?: string;
  readonly jurisCode?: string;
  readonly jurisName?: string;
  readonly jurisType?: string;
  /** Country, State, County, City, Special. */
  readonly jurisdictionType?: string;
  readonly rate?: number;
  readonly tax?: number;
  readonly taxableAmount?: number;
  readonly nonTaxableAmount?: number;
  /** The rule that left part of the line untaxed: NexusRule, ExemptEntityRule, ProductTaxabilityRule … */
  readonly nonTaxableType?: string;
  readonly exemptAmount?: number;
  readonly taxCalculated?: number;
  /** Sales, SellersUse, ConsumerUse, Output, Input, LandedCost … */
  readonly taxType?: string;
  readonly taxSubTypeId?: string;
  readonly taxName?: string;
  readonly rateType?: string;
  readonly rateTypeCode?: string;
  readonly isFee?: boolean;
  readonly unitOfBasis?: string;
}

/** TransactionLineModel. */
export interface TransactionLineModel {
  readonly lineNumber?: string;
  readonly description?: string;
  readonly itemCode?: string;
  readonly quantity?: number;
  /** The net line amount (AvaTax backs the tax out when taxIncluded). */
  readonly lineAmount?: number;
  readonly discountAmount?: number;
  readonly exemptAmount?: number;
  readonly tax?: number;
  readonly taxableAmount?: number;
  readonly taxCalculated?: number;
  readonly taxCode?: string;
  readonly taxDate?: string;
  readonly taxIncluded?: boolean;
  readonly hsCode?: string;
  /** Customs value basis (cost, insurance, freight) of a cross-border line. */
  readonly costInsuranceFreight?: number;
  /** Marketplace | Merchant. */
  readonly deemedSupplier?: string;
  readonly marketplaceLiabilityType?: string;
  readonly details?: readonly TransactionLineDetailModel[];
}

/** AvaTaxMessage. */
export interface AvaTaxMessage {
  readonly summary?: string;
  readonly details?: string;
  readonly refersTo?: string;
  readonly severity?: string;
  readonly source?: string;
}

/** TransactionAddressModel. */
export interface TransactionAddressModel {
  readonly id?: number;
  readonly line1?: string;
  readonly city?: string;
  readonly region?: string;
  readonly postalCode?: string;
  readonly country?: string;
}

/** TransactionLocationTypeModel: which address plays which role (ShipFrom, ShipTo …). */
export interface TransactionLocationTypeModel {
  readonly documentAddressId?: number;
  readonly locationTypeCode?: string;
}

/** TransactionModel. */
export interface TransactionModel {
  readonly id?: number;
  readonly code?: string;
  readonly companyId?: number;
  /** YYYY-MM-DD. */
  readonly date?: string;
  /** Temporary, Saved, Posted, Committed, Cancelled, Adjusted … */
  readonly status?: string;
  readonly type?: string;
  readonly currencyCode?: string;
  readonly customerCode?: string;
  readonly referenceCode?: string;
  readonly totalAmount?: number;
  readonly totalExempt?: number;
  readonly totalDiscount?: number;
  readonly totalTax?: number;
  readonly totalTaxable?: number;
  readonly totalTaxCalculated?: number;
  readonly adjustmentReason?: string;
  readonly locked?: boolean;
  readonly region?: string;
  readonly country?: string;
  readonly version?: number;
  readonly exchangeRate?: number;
  readonly exchangeRateCurrencyCode?: string;
  readonly isSellerImporterOfRecord?: boolean;
  readonly deliveryTerms?: string;
  readonly lines?: readonly TransactionLineModel[];
  readonly addresses?: readonly TransactionAddressModel[];
  readonly locationTypes?: readonly TransactionLocationTypeModel[];
  readonly messages?: readonly AvaTaxMessage[];
}
