/**
 * Vendors that send amounts and rates as JSON numbers (AvaTax `format: double`, DHL MyDHL):
 * they are turned into exact decimals, never added as floats. `String(n)` is the shortest text
 * that reads back as the same double, which for any literal of up to 15 significant digits is
 * the literal the vendor wrote (0.8 → "0.8", 13.89 → "13.89", 0.0625 → "0.0625"). Outgoing
 * numbers are checked the other way: a decimal a double cannot carry exactly is refused.
 */
import { currencyInfo } from './currencies.js';
import { Decimal, type RoundingMode } from './decimal.js';
import type { Money } from './money.js';
import type { MappingIssue } from './result.js';

const EXPONENT_FORM = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/;

/** The decimal a JSON number literal wrote; undefined for NaN, ±Infinity and non-numbers. */
export function decimalFromJsonNumber(value: unknown): Decimal | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const text = String(value);
  const m = EXPONENT_FORM.exec(text);
  if (m === null) return Decimal.parse(text);
  // 1e-7, 1.5e+21: expand the exponent without floats.
  const [, sign, whole = '0', frac = '', exp = '0'] = m;
  const digits = BigInt(whole + frac);
  const shift = Number(exp) - frac.length;
  const coefficient = shift >= 0 ? digits * 10n ** BigInt(shift) : digits;
  return Decimal.of(sign === '-' ? -coefficient : coefficient, shift >= 0 ? 0 : -shift);
}

export type JsonMoneyResult = { readonly ok: true; readonly money: Money } | { readonly ok: false; readonly message: string };

/**
 * A JSON-number amount as Money in `currency`. An amount with more decimals than the currency
 * has is refused rather than rounded: vendors round to the currency, so extra digits mean
 * something is off.
 */
export function moneyFromJsonNumber(value: unknown, currency: string): JsonMoneyResult {
  const info = currencyInfo(currency);
  if (info === undefined) return { ok: false, message: `unknown currency ${currency}` };
  const decimal = decimalFromJsonNumber(value);
  if (decimal === undefined) return { ok: false, message: 'must be a finite JSON number' };
  if (!decimal.round(info.exponent).eq(decimal)) {
    return { ok: false, message: `${decimal.toString()} has more decimals than ${currency} allows (${info.exponent})` };
  }
  try {
    return { ok: true, money: decimal.toMoney(currency) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/**
 * The JSON number a vendor should read for `decimal`, or undefined when a double cannot carry
 * it exactly (more than ~15 significant digits): such an amount is refused, not approximated.
 */
export function jsonNumberFromDecimal(decimal: Decimal): number | undefined {
  const n = Number(decimal.toString());
  const back = decimalFromJsonNumber(n);
  return back !== undefined && back.eq(decimal) ? n : undefined;
}

/**
 * A decimal as the JSON number a request wants, rounded to `decimals` (the field's multipleOf).
 * A value a double cannot carry exactly is an issue on `field`, never sent approximated.
 */
export function wireNumber(value: Decimal, decimals: number, field: string, issues: MappingIssue[], mode: RoundingMode = 'half-even'): number {
  const rounded = value.round(decimals, mode).normalize();
  const n = jsonNumberFromDecimal(rounded);
  if (n === undefined) {
    issues.push({ field, message: `${rounded.toString()} has too many digits to travel exactly as a JSON number` });
    return 0;
  }
  return n;
}

/** A rate fraction (0.0625) as a percentage string ("6.25"), exactly. */
export function percentFromRate(rate: Decimal): string {
  return rate.mul(Decimal.fromInt(100)).normalize().toString();
}
