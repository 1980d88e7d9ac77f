import { z } from 'zod';
import { currencyInfo } from './currencies.js';

/**
 * Money: an integer count of the currency's minor units plus its ISO 4217 code.
 * `amountMinor` is a safe integer (|n| < 2^53); amounts never pass through floats.
 */
export const CurrencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code')
  .refine((c) => currencyInfo(c) !== undefined, 'is not an ISO 4217 currency code');

export const MoneySchema = z.object({
  amountMinor: z.number().int().refine(Number.isSafeInteger, 'must be a safe integer'),
  currency: CurrencyCodeSchema,
});
export type Money = z.infer<typeof MoneySchema>;

export type DecimalParseFailure = { ok: false; message: string };
export type DecimalParseResult = { ok: true; money: Money } | DecimalParseFailure;

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal string such as "11.01", "1980" or "-3.500" into minor units of
 * `currency`. Digits beyond the currency's exponent are accepted only when they are
 * zeros ("10.50" JPY is rejected, "10.500" EUR becomes 1050): money is never rounded
 * silently.
 */
export function parseDecimalMoney(amount: string, currency: string): DecimalParseResult {
  const info = currencyInfo(currency);
  if (!info) return { ok: false, message: `unknown currency code "${currency}"` };
  const m = DECIMAL.exec(amount.trim());
  if (!m) return { ok: false, message: `"${amount}" is not a decimal amount (digits with an optional "." fraction)` };
  const [, sign, whole = '0', frac = ''] = m;
  const significant = frac.replace(/0+$/, '');
  if (significant.length > info.exponent) {
    return {
      ok: false,
      message: `"${amount}" has more decimals than ${currency} allows (${info.exponent})`,
    };
  }
  const digits = (whole + significant.padEnd(info.exponent, '0')).replace(/^0+(?=\d)/, '');
  const minor = Number(digits);
  if (!Number.isSafeInteger(minor)) return { ok: false, message: `"${amount}" is too large` };
  return { ok: true, money: { amountMinor: sign === '-' && minor !== 0 ? -minor : minor, currency } };
}

/** Formats minor units back into the currency's decimal notation ("11.01", "1980", "1.250"). */
export function formatMoney(money: Money): string {
  const exponent = currencyInfo(money.currency)?.exponent ?? 2;
  const negative = money.amountMinor < 0;
  const digits = String(Math.abs(money.amountMinor)).padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const frac = exponent === 0 ? '' : `.${digits.slice(-exponent)}`;
  return `${negative ? '-' : ''}${whole}${frac}`;
}

export function zeroMoney(currency: string): Money {
  return { amountMinor: 0, currency };
}

export class CurrencyMismatchError extends Error {
  override readonly name = 'CurrencyMismatchError';
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) {
    throw new CurrencyMismatchError(`cannot add ${b.currency} to ${a.currency}`);
  }
  const sum = a.amountMinor + b.amountMinor;
  if (!Number.isSafeInteger(sum)) throw new RangeError('money sum overflows safe integer range');
  return { amountMinor: sum, currency: a.currency };
}

/** The sum of `amounts` in `currency` (0 for none): one currency, no overflow, or it throws. */
export function sumMoney(currency: string, amounts: readonly Money[]): Money {
  return amounts.reduce((a, b) => addMoney(a, b), zeroMoney(currency));
}
