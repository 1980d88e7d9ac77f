/**
 * Wire format of the MyDHL API operations this connector calls (mydhl-express-api-3.1.1.yaml).
 * Requests are checked strictly against the description (`additionalProperties: false`,
 * lengths, enums) before they leave, so DHL never sees a malformed body; responses are loose
 * objects: fields DHL adds later pass through untouched.
 */
import { z } from 'zod';
import { nullAsAbsent } from '../http/wire-leniency.js';

// ── Errors ─────────────────────────────────────────────────────────────────────────────────

// ── POST /landed-cost request (supermodelIoLogisticsExpressLandedCostRequest) ─────────────

export const CountryCode = z.string().length(2);
export const CurrencyCode = z.string().length(3);
/** A JSON number that is a multiple of 10^-decimals (the description's `multipleOf`), judged on its shortest text. */
export const decimalNumber = (decimals: number) =>
  z.number().refine((n) => new RegExp(`^-?\\d+(\\.\\d{1,${decimals}})?$`).test(String(n)), {
    message: `must be a number with at most ${decimals} decimals`,
  });

/** supermodelIoLogisticsExpressAddressRatesRequest */
export const DhlRatingAddressSchema = z.strictObject({
  postalCode: z.string().max(12),
  cityName: z.string().min(1).max(45),
  countryCode: CountryCode,
  provinceCode: z.string().min(2).max(35).optional(),
  addressLine1: z.string().min(1).max(45).optional(),
  addressLine2: z.string().min(1).max(45).optional(),
  addressLine3: z.string().min(1).max(45).optional(),
  countyName: z.string().min(1).max(45).optional(),
});
export type DhlRatingAddress = z.infer<typeof DhlRatingAddressSchema>;

/** supermodelIoLogisticsExpressAccount */
export const DhlAccountSchema = z.strictObject({
  typeCode: z.enum(['shipper', 'payer', 'duties-taxes']),
  number: z.string().min(1).max(12),
});
export type DhlAccount = z.infer<typeof DhlAccountSchema>;

export const DHL_PACKAGE_TYPE_CODES = [
  '1CE', '2BC', '2BP', '2BX', '3BX', '4BX', '5BX', '6BX', '7BX', '8BX', 'CE1', 'TBL', 'TBS', 'WB1', 'WB2', 'WB3', 'WB6', 'XPD',
] as const;
export type DhlPackageTypeCode = (typeof DHL_PACKAGE_TYPE_CODES)[number];

const Dimension = decimalNumber(3).pipe(z.number().min(0.001).max(9999999));

/** supermodelIoLogisticsExpressPackageRR */
export const DhlRatingPackageSchema = z.strictObject({
  typeCode: z.enum(DHL_PACKAGE_TYPE_CODES).optional(),
  weight: decimalNumber(3).pipe(z.number().min(0.001).max(999999999999)),
  dimensions: z.strictObject({ length: Dimension, width: Dimension, height: Dimension }).optional(),
});
export type DhlRatingPackage = z.infer<typeof DhlRatingPackageSchema>;

export const DHL_TARIFF_RATE_TYPES = [
  'default_rate', 'derived_rate', 'highest_rate', 'center_rate', 'lowest_rate', 'preferential_rate',
] as const;
export type DhlTariffRateType = (typeof DHL_TARIFF_RATE_TYPES)[number];

export const DhlLandedCostItemSchema = z.strictObject({
  number: z.number().int().min(1).max(1000),
  name: z.string().min(1).max(512).optional(),
  description: z.string().min(1).max(255).optional(),
  manufacturerCountry: CountryCode,
  partNumber: z.string().min(1).max(35).optional(),
  quantity: decimalNumber(3).pipe(z.number().max(999999999999)),
  quantityType: z.enum(['prt', 'box']).optional(),
  unitPrice: decimalNumber(5).pipe(z.number().max(999999999999999)),
  unitPriceCurrencyCode: CurrencyCode,
  customsValue: decimalNumber(3).optional(),
  customsValueCurrencyCode: CurrencyCode.optional(),
  commodityCode: z.string().max(18).optional(),
  weight: decimalNumber(3).pipe(z.number().max(999999999999)).optional(),
  weightUnitOfMeasurement: z.enum(['metric', 'imperial']).optional(),
  category: z.string().max(50).optional(),
  brand: z.string().max(50).optional(),
  goodsCharacteristics: z.array(z.strictObject({ typeCode: z.string().max(35), value: z.string().max(50) })).max(999).optional(),
  additionalQuantityDefinitions: z
    .array(z.strictObject({ typeCode: z.string().min(2).max(20), amount: decimalNumber(3) }))
    .max(100)
    .optional(),
  estimatedTariffRateType: z.enum(DHL_TARIFF_RATE_TYPES).optional(),
});
export type DhlLandedCostItem = z.infer<typeof DhlLandedCostItemSchema>;

export const DhlLandedCostChargeSchema = z.strictObject({
  typeCode: z.enum(['freight', 'additional', 'insurance']),
  amount: decimalNumber(3).pipe(z.number().max(999999999999999)),
  currencyCode: CurrencyCode,
});
export type DhlLandedCostCharge = z.infer<typeof DhlLandedCostChargeSchema>;

export const DhlLandedCostRequestSchema = z.strictObject({
  customerDetails: z.strictObject({ shipperDetails: DhlRatingAddressSchema, receiverDetails: DhlRatingAddressSchema }),
  accounts: z.array(DhlAccountSchema).max(5),
  productCode: z.string().min(1).max(6).optional(),
  localProductCode: z.string().min(1).max(3).optional(),
  unitOfMeasurement: z.enum(['metric', 'imperial']),
  currencyCode: CurrencyCode,
  isCustomsDeclarable: z.boolean(),
  isDTPRequested: z.boolean().optional(),
  isInsuranceRequested: z.boolean().optional(),
  getCostBreakdown: z.boolean(),
  charges: z.array(DhlLandedCostChargeSchema).max(20).optional(),
  shipmentPurpose: z.enum(['commercial', 'personal']).optional(),
  transportationMode: z.enum(['air', 'ocean', 'ground']).optional(),
  merchantSelectedCarrierName: z.enum(['DHL', 'UPS', 'FEDEX', 'TNT', 'POST', 'OTHERS']).optional(),
  packages: z.array(DhlRatingPackageSchema).min(1).max(999),
  items: z.array(DhlLandedCostItemSchema).min(1).max(1000),
  getTariffFormula: z.boolean().optional(),
  getQuotationID: z.boolean().optional(),
});
export type DhlLandedCostRequest = z.infer<typeof DhlLandedCostRequestSchema>;

export type DeepReadonly<T> = T extends readonly (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** What getLandedCost accepts: the same shape, read-only all the way down (mapping results are). */
export type DhlLandedCostRequestInput = DeepReadonly<DhlLandedCostRequest>;

// ── POST /landed-cost response (supermodelIoLogisticsExpressRates) ────────────────────────

export const DhlChargeLineSchema = z.looseObject({
  name: nullAsAbsent(z.string()),
  serviceCode: nullAsAbsent(z.string()),
  localServiceCode: nullAsAbsent(z.string()),
  typeCode: nullAsAbsent(z.string()),
  serviceTypeCode: nullAsAbsent(z.string()),
  price: z.number(),
  priceCurrency: nullAsAbsent(z.string()),
  tariffRateFormula: nullAsAbsent(z.string()),
});
export type DhlChargeLine = z.infer<typeof DhlChargeLineSchema>;

export const DhlLandedCostProductSchema = z.looseObject({
  productName: nullAsAbsent(z.string()),
  productCode: nullAsAbsent(z.string()),
  totalPrice: nullAsAbsent(z.array(z.looseObject({ currencyType: z.string().optional(), priceCurrency: z.string().optional(), price: z.number() }))),
  detailedPriceBreakdown: z
    .array(z.looseObject({ currencyType: z.string().optional(), priceCurrency: z.string().optional(), breakdown: z.array(DhlChargeLineSchema).optional() }))
    .optional(),
  items: nullAsAbsent(z.array(z.looseObject({ number: z.number(), breakdown: z.array(DhlChargeLineSchema).optional() }))),
  pricingDate: nullAsAbsent(z.string()),
});
export type DhlLandedCostProduct = z.infer<typeof DhlLandedCostProductSchema>;

export const DhlLandedCostResponseSchema = z.looseObject({
  products: z.array(DhlLandedCostProductSchema),
  exchangeRates: z
    .array(z.looseObject({ currentExchangeRate: z.number(), currency: z.string(), baseCurrency: z.string() }))
    .optional(),
  warnings: nullAsAbsent(z.array(z.string())),
});
export type DhlLandedCostResponse = z.infer<typeof DhlLandedCostResponseSchema>;
