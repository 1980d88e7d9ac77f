/**
 * The AvaTax REST v2 wire format this connector sends and reads, with the field names and
 * limits of the official description (shared/vendor/avalara/openapi, v21.12.0):
 * CreateTransactionModel, LineItemModel, AddressLocationInfo, CreateOrAdjustTransactionModel,
 * CommitTransactionModel, VoidTransactionModel, RefundTransactionModel, TransactionModel,
 * PingResultModel, and the `{ error: { code, message, details[] } }` error body.
 *
 * Requests are checked before sending (a request AvaTax would refuse costs no call). Responses
 * are checked loosely: the fields the mappings read must have the model's types, everything
 * else passes through untouched. Enumerations the mappings only display are plain strings,
 * because Avalara adds values without a new major version.
 */
import { z } from 'zod';
import { nullAsAbsent } from '../http/wire-leniency.js';

export const AVALARA_DOCUMENT_TYPES = [
  'SalesOrder',
  'SalesInvoice',
  'PurchaseOrder',
  'PurchaseInvoice',
  'ReturnOrder',
  'ReturnInvoice',
  'InventoryTransferOrder',
  'InventoryTransferInvoice',
  'ReverseChargeOrder',
  'ReverseChargeInvoice',
  'CustomsInvoice',
  'CustomsOrder',
  'Any',
] as const;
export type AvalaraDocumentType = (typeof AVALARA_DOCUMENT_TYPES)[number];

/** VoidTransactionModel.code. */
export const AVALARA_VOID_REASONS = ['Unspecified', 'PostFailed', 'DocDeleted', 'DocVoided', 'AdjustmentCancelled'] as const;
export type AvalaraVoidReason = (typeof AVALARA_VOID_REASONS)[number];

/** RefundTransactionModel.refundType. */
export const AVALARA_REFUND_TYPES = ['Full', 'Partial', 'TaxOnly', 'Percentage'] as const;
export type AvalaraRefundType = (typeof AVALARA_REFUND_TYPES)[number];

/** CreateOrAdjustTransactionModel.adjustmentReason. */
export const AVALARA_ADJUSTMENT_REASONS = [
  'NotAdjusted',
  'SourcingIssue',
  'ReconciledWithGeneralLedger',
  'ExemptCertApplied',
  'PriceAdjusted',
  'ProductReturned',
  'ProductExchanged',
  'BadDebt',
  'Other',
  'Offline',
] as const;
export type AvalaraAdjustmentReason = (typeof AVALARA_ADJUSTMENT_REASONS)[number];

const text = (max: number) => z.string().max(max);
/** AvaTax's `format: double` amounts: finite JSON numbers. */
const double = z.number().finite();
/** `format: date`: YYYY-MM-DD. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const AvalaraAddressLocationInfoSchema = z.object({
  locationCode: z.string().optional(),
  line1: text(100).optional(),
  line2: text(100).optional(),
  line3: text(100).optional(),
  city: text(50).optional(),
  region: z.string().optional(),
  country: z.string().optional(),
  postalCode: text(11).optional(),
  latitude: double.optional(),
  longitude: double.optional(),
});
export type AvalaraAddressLocationInfo = z.infer<typeof AvalaraAddressLocationInfoSchema>;

export const AvalaraAddressesSchema = z.object({
  singleLocation: AvalaraAddressLocationInfoSchema.optional(),
  shipFrom: AvalaraAddressLocationInfoSchema.optional(),
  shipTo: AvalaraAddressLocationInfoSchema.optional(),
  pointOfOrderOrigin: AvalaraAddressLocationInfoSchema.optional(),
  pointOfOrderAcceptance: AvalaraAddressLocationInfoSchema.optional(),
  goodsPlaceOrServiceRendered: AvalaraAddressLocationInfoSchema.optional(),
  import: AvalaraAddressLocationInfoSchema.optional(),
  billTo: AvalaraAddressLocationInfoSchema.optional(),
});
export type AvalaraAddresses = z.infer<typeof AvalaraAddressesSchema>;

/** LineItemModel (required: amount). */
export const AvalaraLineItemSchema = z.object({
  number: text(50).optional(),
  quantity: double.optional(),
  amount: double,
  addresses: AvalaraAddressesSchema.optional(),
  taxCode: text(25).optional(),
  entityUseCode: text(25).optional(),
  itemCode: text(50).optional(),
  exemptionCode: z.string().optional(),
  discounted: z.boolean().optional(),
  taxIncluded: z.boolean().optional(),
  revenueAccount: text(50).optional(),
  ref1: text(250).optional(),
  ref2: text(250).optional(),
  description: text(2096).optional(),
  businessIdentificationNo: text(25).optional(),
  hsCode: text(25).optional(),
  merchantSellerIdentifier: text(100).optional(),
  marketplaceLiabilityType: z.enum(['Marketplace', 'Seller']).optional(),
  category: text(4000).optional(),
  summary: text(4000).optional(),
});
export type AvalaraLineItem = z.infer<typeof AvalaraLineItemSchema>;

/** CreateTransactionModel (required: customerCode, date, lines). */
export const AvalaraCreateTransactionModelSchema = z.object({
  code: text(50).optional(),
  lines: z.array(AvalaraLineItemSchema).min(1, 'needs at least one line (AvaTax answers MissingLine otherwise)'),
  type: z.enum(AVALARA_DOCUMENT_TYPES).optional(),
  companyCode: text(50).optional(),
  date: isoDate,
  salespersonCode: text(25).optional(),
  customerCode: z.string().min(1).max(50),
  entityUseCode: text(25).optional(),
  discount: double.optional(),
  purchaseOrderNo: text(50).optional(),
  exemptionNo: text(25).optional(),
  addresses: AvalaraAddressesSchema.optional(),
  referenceCode: text(1024).optional(),
  reportingLocationCode: text(50).optional(),
  commit: z.boolean().optional(),
  batchCode: text(25).optional(),
  currencyCode: text(3).optional(),
  serviceMode: z.enum(['Automatic', 'Local', 'Remote']).optional(),
  exchangeRate: double.optional(),
  exchangeRateEffectiveDate: isoDate.optional(),
  exchangeRateCurrencyCode: text(3).optional(),
  posLaneCode: text(50).optional(),
  businessIdentificationNo: text(25).optional(),
  isSellerImporterOfRecord: z.boolean().optional(),
  description: text(2048).optional(),
  email: text(50).optional(),
  debugLevel: z.enum(['Normal', 'Diagnostic']).optional(),
  customerSupplierName: text(200).optional(),
  deliveryTerms: z.enum(['DAP', 'DDP']).optional(),
});
export type AvalaraCreateTransactionModel = z.infer<typeof AvalaraCreateTransactionModelSchema>;

/** CreateOrAdjustTransactionModel (required: createTransactionModel). */
export interface AvalaraCreateOrAdjustTransactionModel {
  readonly adjustmentReason?: AvalaraAdjustmentReason;
  readonly adjustmentDescription?: string;
  readonly createTransactionModel: AvalaraCreateTransactionModel;
}

/** RefundTransactionModel (required: refundDate). */
export const AvalaraRefundTransactionModelSchema = z.object({
  refundTransactionCode: text(50).optional(),
  refundDate: isoDate,
  refundType: z.enum(AVALARA_REFUND_TYPES).optional(),
  refundPercentage: double.optional(),
  refundLines: z.array(z.string()).optional(),
  referenceCode: z.string().optional(),
});
export type AvalaraRefundTransactionModel = z.infer<typeof AvalaraRefundTransactionModelSchema>;

// --- responses -----------------------------------------------------------------------------

/** TransactionLineDetailModel: one jurisdiction's tax on one line. */
export const AvalaraTransactionLineDetailSchema = z.looseObject({
  country: nullAsAbsent(z.string()),
  region: nullAsAbsent(z.string()),
  jurisCode: nullAsAbsent(z.string()),
  jurisName: nullAsAbsent(z.string()),
  jurisType: nullAsAbsent(z.string()),
  jurisdictionType: nullAsAbsent(z.string()),
  rate: nullAsAbsent(double),
  tax: nullAsAbsent(double),
  taxableAmount: nullAsAbsent(double),
  nonTaxableAmount: nullAsAbsent(double),
  exemptAmount: nullAsAbsent(double),
  taxCalculated: nullAsAbsent(double),
  taxType: nullAsAbsent(z.string()),
  taxSubTypeId: nullAsAbsent(z.string()),
  taxName: nullAsAbsent(z.string()),
  rateType: nullAsAbsent(z.string()),
  rateTypeCode: nullAsAbsent(z.string()),
  isFee: nullAsAbsent(z.boolean()),
  liabilityType: nullAsAbsent(z.string()),
  nonTaxableType: nullAsAbsent(z.string()),
  unitOfBasis: nullAsAbsent(z.string()),
});
export type AvalaraTransactionLineDetail = z.infer<typeof AvalaraTransactionLineDetailSchema>;

/** TransactionLineModel. */
export const AvalaraTransactionLineSchema = z.looseObject({
  lineNumber: nullAsAbsent(z.string()),
  description: nullAsAbsent(z.string()),
  itemCode: nullAsAbsent(z.string()),
  quantity: nullAsAbsent(double),
  lineAmount: nullAsAbsent(double),
  discountAmount: nullAsAbsent(double),
  exemptAmount: nullAsAbsent(double),
  tax: nullAsAbsent(double),
  taxableAmount: nullAsAbsent(double),
  taxCalculated: nullAsAbsent(double),
  taxCode: nullAsAbsent(z.string()),
  taxDate: nullAsAbsent(z.string()),
  taxIncluded: nullAsAbsent(z.boolean()),
  hsCode: nullAsAbsent(z.string()),
  costInsuranceFreight: nullAsAbsent(double),
  deemedSupplier: nullAsAbsent(z.string()),
  marketplaceLiabilityType: nullAsAbsent(z.string()),
  details: nullAsAbsent(z.array(AvalaraTransactionLineDetailSchema)),
});
export type AvalaraTransactionLine = z.infer<typeof AvalaraTransactionLineSchema>;

/** AvaTaxMessage. */
export const AvalaraMessageSchema = z.looseObject({
  summary: nullAsAbsent(z.string()),
  details: nullAsAbsent(z.string()),
  refersTo: nullAsAbsent(z.string()),
  severity: nullAsAbsent(z.string()),
  source: nullAsAbsent(z.string()),
});
export type AvalaraMessage = z.infer<typeof AvalaraMessageSchema>;

/** TransactionAddressModel: one address of the document (the roles are in locationTypes). */
export const AvalaraTransactionAddressSchema = z.looseObject({
  id: nullAsAbsent(z.number()),
  line1: nullAsAbsent(z.string()),
  city: nullAsAbsent(z.string()),
  region: nullAsAbsent(z.string()),
  postalCode: nullAsAbsent(z.string()),
  country: nullAsAbsent(z.string()),
});

/** TransactionLocationTypeModel: which address plays which role (ShipFrom, ShipTo …). */
export const AvalaraTransactionLocationTypeSchema = z.looseObject({
  documentAddressId: nullAsAbsent(z.number()),
  locationTypeCode: nullAsAbsent(z.string()),
});

/** TransactionModel: `code` is the one field every answer must carry. */
export const AvalaraTransactionSchema = z.looseObject({
  id: nullAsAbsent(z.number()),
  code: z.string().min(1),
  companyId: nullAsAbsent(z.number()),
  date: nullAsAbsent(z.string()),
  status: nullAsAbsent(z.string()),
  type: nullAsAbsent(z.string()),
  currencyCode: nullAsAbsent(z.string()),
  customerCode: nullAsAbsent(z.string()),
  referenceCode: nullAsAbsent(z.string()),
  totalAmount: nullAsAbsent(double),
  totalExempt: nullAsAbsent(double),
  totalDiscount: nullAsAbsent(double),
  totalTax: nullAsAbsent(double),
  totalTaxable: nullAsAbsent(double),
  totalTaxCalculated: nullAsAbsent(double),
  adjustmentReason: nullAsAbsent(z.string()),
  locked: nullAsAbsent(z.boolean()),
  region: nullAsAbsent(z.string()),
  country: nullAsAbsent(z.string()),
  version: nullAsAbsent(z.number()),
  exchangeRate: nullAsAbsent(double),
  exchangeRateCurrencyCode: nullAsAbsent(z.string()),
  isSellerImporterOfRecord: nullAsAbsent(z.boolean()),
  deliveryTerms: nullAsAbsent(z.string()),
  lines: nullAsAbsent(z.array(AvalaraTransactionLineSchema)),
  messages: nullAsAbsent(z.array(AvalaraMessageSchema)),
  addresses: nullAsAbsent(z.array(AvalaraTransactionAddressSchema)),
  locationTypes: nullAsAbsent(z.array(AvalaraTransactionLocationTypeSchema)),
});
export type AvalaraTransaction = z.infer<typeof AvalaraTransactionSchema>;

/** PingResultModel. */
export const AvalaraPingResultSchema = z.looseObject({
  version: z.string(),
  authenticated: z.boolean(),
  authenticationType: nullAsAbsent(z.string()),
  authenticatedUserName: nullAsAbsent(z.string()),
  authenticatedUserId: nullAsAbsent(z.number()),
  authenticatedAccountId: nullAsAbsent(z.number()),
  authenticatedCompanyId: nullAsAbsent(z.number()),
  crmid: nullAsAbsent(z.string()),
});
export type AvalaraPingResult = z.infer<typeof AvalaraPingResultSchema>;

