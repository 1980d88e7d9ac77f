import { z } from 'zod';
import { AddressSchema, CountryCodeSchema } from './address.js';
import { ConversionSchema, DecimalStringSchema, IsoDateSchema } from './fx.js';
import { CurrencyCodeSchema, MoneySchema } from './money.js';
import { IncotermSchema } from './shipment.js';

/**
 * Product tax categories the built-in engines know. Each jurisdiction's rate table maps a
 * category to its rate (standard where it has no special rate).
 */
export const TaxCategorySchema = z.enum([
  'standard',
  'reduced', // generic reduced rate
  'super-reduced',
  'zero',
  'exempt',
  'food',
  'books',
  'ebooks',
  'newspapers',
  'childrens-clothing',
  'medical',
  'pharmaceuticals',
  'digital-services',
]);
export type TaxCategory = z.infer<typeof TaxCategorySchema>;

/** Who the tax is quoted for: the seller's establishment and registrations. */
export const SellerTaxProfileSchema = z.object({
  /** Country where the seller is established. */
  country: CountryCodeSchema,
  /** VAT/GST registrations by country (ISO alpha-2 → number). */
  registrations: z.record(z.string(), z.string()).default({}),
  /** Union OSS / IOSS / UK VAT / NO VOEC registration numbers, when held. */
  ossNumber: z.string().optional(),
  iossNumber: z.string().optional(),
  /** EU-wide cross-border B2C sales in the current and previous calendar year, in EUR (OSS threshold). */
  euDistanceSalesEur: z.object({ currentYear: DecimalStringSchema, previousYear: DecimalStringSchema }).optional(),
  /** Whether the sale goes through a marketplace that acts as deemed supplier (it then collects). */
  viaMarketplace: z.boolean().default(false),
});
export type SellerTaxProfile = z.infer<typeof SellerTaxProfileSchema>;

export const TaxQuoteLineInputSchema = z.object({
  id: z.string().min(1),
  description: z.string().optional(),
  quantity: z.number().int().positive().default(1),
  /** Line amount (unit × quantity). */
  amount: MoneySchema,
  taxCategory: TaxCategorySchema.default('standard'),
  hsCode: z.string().optional(),
  originCountry: CountryCodeSchema.optional(),
});

/** The engine-neutral question every tax provider (built-in, AvaTax) answers. */
export const TaxQuoteRequestSchema = z.object({
  /** Business key: order or shipment id; providers derive idempotent document codes from it. */
  reference: z.string().min(1),
  date: IsoDateSchema,
  seller: SellerTaxProfileSchema,
  shipFrom: AddressSchema,
  shipTo: AddressSchema,
  buyer: z.object({ vatNumber: z.string().optional(), isBusiness: z.boolean().default(false) }).default({ isBusiness: false }),
  currency: CurrencyCodeSchema,
  /** True when the line amounts already include VAT/GST (marketplaces in the EU, UK, JP …). */
  pricesIncludeTax: z.boolean().default(false),
  lines: z.array(TaxQuoteLineInputSchema).min(1),
  shipping: MoneySchema.optional(),
  /** Goods physically imported into the destination (cross-border parcel). */
  imported: z.boolean().optional(),
  incoterm: IncotermSchema.optional(),
});
export type TaxQuoteRequest = z.infer<typeof TaxQuoteRequestSchema>;

/** The dated rule a figure came from, and where the rule is published. */
export const TaxRuleRefSchema = z.object({
  id: z.string(),
  description: z.string(),
  source: z.string(),
  effectiveFrom: IsoDateSchema,
  effectiveTo: IsoDateSchema.optional(),
});
export type TaxRuleRef = z.infer<typeof TaxRuleRefSchema>;

export const TaxQuoteLineSchema = z.object({
  lineId: z.string(),
  taxable: MoneySchema,
  /** Percentage as a decimal string, e.g. "19" or "7.7". */
  ratePercent: DecimalStringSchema,
  tax: MoneySchema,
  jurisdiction: z.string(),
  rule: TaxRuleRefSchema,
  explanation: z.string(),
});

export const TaxQuoteSchema = z.object({
  provider: z.string(),
  reference: z.string(),
  date: IsoDateSchema,
  /** Where the tax is due: ISO country, plus subdivision (e.g. CA-ON) where it matters. */
  jurisdiction: z.string(),
  /** Scheme applied: domestic, oss, ioss, uk-low-value, voec, reverse-charge, import, none … */
  scheme: z.string(),
  /** Who accounts for the tax: seller, marketplace, buyer (reverse charge), customs (at import). */
  collectedBy: z.enum(['seller', 'marketplace', 'buyer', 'customs', 'none']),
  currency: CurrencyCodeSchema,
  lines: z.array(TaxQuoteLineSchema),
  totalTax: MoneySchema,
  /** Thresholds checked and what they decided, FX used, and anything the quote cannot cover. */
  notes: z.array(z.string()),
  conversions: z.array(ConversionSchema).default([]),
  /** Set when no rate could be given (e.g. US sales tax without AvaTax): says why instead of guessing. */
  unavailable: z.string().optional(),
});
export type TaxQuote = z.infer<typeof TaxQuoteSchema>;

export const LandedCostItemSchema = z.object({
  itemId: z.string(),
  hsCode: z.string(),
  originCountry: CountryCodeSchema,
  customsValue: MoneySchema,
  dutyRatePercent: DecimalStringSchema,
  /**
   * How the duty figure came about: assessed at the rate, relieved by a low-value rule,
   * not collected (below a minimum), or unknown (no tariff entry: the 0 is not a rate).
   */
  dutyStatus: z.enum(['assessed', 'relieved', 'not-collected', 'unknown', 'none']).optional(),
  duty: MoneySchema,
  importTax: MoneySchema,
  explanation: z.string(),
});

export const LandedCostQuoteSchema = z.object({
  provider: z.string(),
  reference: z.string(),
  date: IsoDateSchema,
  destination: CountryCodeSchema,
  incoterm: IncotermSchema,
  /** The buyer's (destination) currency. */
  currency: CurrencyCodeSchema,
  items: z.array(LandedCostItemSchema),
  duty: MoneySchema,
  importTax: MoneySchema,
  fees: z.array(z.object({ type: z.string(), amount: MoneySchema, explanation: z.string() })),
  total: MoneySchema,
  /** The same totals in the seller's currency. */
  seller: z.object({ currency: CurrencyCodeSchema, duty: MoneySchema, importTax: MoneySchema, fees: MoneySchema, total: MoneySchema }),
  /** De minimis / low-value rules checked, and what they decided. */
  rules: z.array(z.object({ rule: TaxRuleRefSchema, outcome: z.string() })),
  conversions: z.array(ConversionSchema),
  notes: z.array(z.string()),
});
export type LandedCostQuote = z.infer<typeof LandedCostQuoteSchema>;
