/**
 * Stripe amounts → canonical Money. Stripe writes integer amounts in "the currency's minor unit"
 * with its own list of exponents (docs.stripe.com/currencies, "Minor units in API amounts",
 * "Zero-decimal currencies", "Three-decimal currencies", "Special cases"):
 * - zero-decimal (amount = whole units): BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF;
 *   MGA is 2 in ISO 4217, so Stripe's MGA amount is multiplied by 100;
 * - three-decimal: BHD JOD KWD OMR TND (last digit always 0), as ISO 4217;
 * - ISK: zero-decimal in ISO 4217, but Stripe keeps a two-decimal representation for backwards
 *   compatibility ("to charge 5 ISK, provide an amount value of 500"): divided by 100;
 * - HUF and TWD: two-decimal in charges (ISO 4217 too); only payouts must be whole units, which
 *   Stripe still writes in two decimals (amounts divisible by 100): no conversion;
 * - every other currency: two decimals.
 * Money is never rounded: an ISK amount that is not a multiple of 100 is an error.
 */
import { currencyInfo, type Money } from '../canonical/index.js';

export const STRIPE_ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
export const STRIPE_THREE_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);
/** Zero-decimal in ISO 4217, two-decimal in Stripe's API. */
export const STRIPE_TWO_DECIMAL_OVERRIDES: ReadonlySet<string> = new Set(['ISK']);

/** How many decimals Stripe's integer amounts of `code` (upper case) carry. */
export function stripeExponent(code: string): number {
  if (STRIPE_ZERO_DECIMAL_CURRENCIES.has(code)) return 0;
  if (STRIPE_THREE_DECIMAL_CURRENCIES.has(code)) return 3;
  return 2;
}

export type StripeMoneyResult = { ok: true; money: Money } | { ok: false; message: string };

/** The ISO code of Stripe's lower-case currency ("usd" → "USD"), or undefined when ISO 4217 does not know it. */
export function stripeCurrency(raw: string): string | undefined {
  const code = raw.trim().toUpperCase();
  return currencyInfo(code) === undefined ? undefined : code;
}

export function stripeMoney(amount: number, rawCurrency: string): StripeMoneyResult {
  const currency = stripeCurrency(rawCurrency);
  if (currency === undefined) return { ok: false, message: `"${rawCurrency}" is not an ISO 4217 currency code` };
  const iso = currencyInfo(currency)!.exponent;
  const shift = iso - stripeExponent(currency);
  if (shift >= 0) {
    const minor = amount * 10 ** shift + 0; // + 0: no -0 for a zero fee negated
    if (!Number.isSafeInteger(minor)) return { ok: false, message: `${amount} ${currency} is too large` };
    return { ok: true, money: { amountMinor: minor, currency } };
  }
  const unit = 10 ** -shift;
  if (amount % unit !== 0) {
    return { ok: false, message: `${amount} is not a whole ${currency} amount in Stripe's ${stripeExponent(currency)}-decimal representation (must be a multiple of ${unit})` };
  }
  return { ok: true, money: { amountMinor: amount / unit || 0, currency } };
}

/** Unix seconds → UTC ISO 8601. */
export function unixToUtc(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}
