import { z } from 'zod';
import { ROUNDING_MODES } from './decimal.js';
import { CurrencyCodeSchema, MoneySchema } from './money.js';

/** A calendar date, YYYY-MM-DD (rates and rules are dated by day). */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

/** A decimal number as text ("1.1790"): rates are never floats. */
export const DecimalStringSchema = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number such as 1.1790');

/**
 * One published rate: 1 `base` = `rate` `quote`, as `source` published it for `date`
 * (e.g. ECB, 2018-06-11: 1 EUR = 1.1790 USD).
 */
export const FxRateSchema = z.object({
  source: z.string().min(1),
  base: CurrencyCodeSchema,
  quote: CurrencyCodeSchema,
  date: IsoDateSchema,
  rate: DecimalStringSchema,
  /** When the source stamps the rate with a time (XE), UTC ISO 8601. */
  timestamp: z.string().optional(),
});
export type FxRate = z.infer<typeof FxRateSchema>;

export const RoundingModeSchema = z.enum(ROUNDING_MODES);

/**
 * An explained conversion: the amount, the rate actually applied (direct, inverse or
 * cross through the source's base), which published rates it came from, and the date
 * they were published for — earlier than requested on weekends and holidays.
 */
export const ConversionSchema = z.object({
  from: MoneySchema,
  amount: MoneySchema,
  /** Units of the target currency per unit of the source currency, as applied. */
  rate: DecimalStringSchema,
  source: z.string(),
  requestedDate: IsoDateSchema,
  rateDate: IsoDateSchema,
  /** Present when rateDate is before requestedDate, saying why. */
  fallback: z.object({ reason: z.string(), daysBack: z.number().int().positive() }).optional(),
  /** 'identity' | 'direct' | 'inverse' | 'cross' */
  method: z.enum(['identity', 'direct', 'inverse', 'cross']),
  /** The published rates used (one for direct/inverse, two for a cross rate). */
  rates: z.array(FxRateSchema),
  rounding: RoundingModeSchema,
});
export type Conversion = z.infer<typeof ConversionSchema>;
