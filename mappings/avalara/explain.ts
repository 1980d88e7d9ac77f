/** Shared pieces of the AvaTax quote mappings: sums, rates, jurisdiction names and explanations. */
import { sumDecimals } from '../canonical/decimal.js';
import { formatMoney, type Money } from '../canonical/money.js';
import { MappingError, type MappingIssue } from '../canonical/result.js';
import type { TaxRuleRef } from '../canonical/tax.js';
import { AVALARA_TRANSACTION_RECORD_TYPE, type CheckedDetail } from './read-transaction.js';
import { percentFromRate } from '../canonical/json-numbers.js';

export const AVALARA_PROVIDER = 'avalara';
/** Where the rules behind an AvaTax figure are published: AvaTax's own content. */
export const AVALARA_RULE_SOURCE = 'Avalara AvaTax REST v2';

/** Sum of the details' rates as a percentage ("8" for 0.06 + 0.02). */
export function combinedRatePercent(details: readonly CheckedDetail[]): string {
  return percentFromRate(sumDecimals(details.map((d) => d.rate)));
}

export function unique(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined && v !== ''))];
}

/** "PENNSYLVANIA, PHILADELPHIA" */
export function jurisdictionNames(details: readonly CheckedDetail[]): string {
  return unique(details.map((d) => d.jurisName ?? d.country)).join(', ');
}

/** "PA STATE TAX (PENNSYLVANIA, State) 6% of 10.00 = 0.60 USD" */
export function explainDetail(d: CheckedDetail): string {
  const where = unique([d.jurisName, d.jurisdictionType]).join(', ');
  const name = d.taxName ?? d.taxType ?? 'tax';
  const untaxed =
    d.nonTaxable === undefined ? '' : ` (${formatMoney(d.nonTaxable)} not taxable${d.nonTaxableType === undefined ? '' : `: ${d.nonTaxableType}`})`;
  return `${name}${where === '' ? '' : ` (${where})`} ${percentFromRate(d.rate)}% of ${formatMoney(d.taxable)} = ${formatMoney(d.tax)} ${d.tax.currency}${untaxed}`;
}

/**
 * ISO country plus subdivision where a sub-national jurisdiction taxed ("US-PA"); the country
 * alone for national taxes ("CA" for GST). Undefined when the details name no single country.
 */
export function placeOf(details: readonly CheckedDetail[]): string | undefined {
  const countries = unique(details.map((d) => d.country));
  if (countries.length !== 1) return undefined;
  const country = countries[0]!;
  const regions = unique(details.filter((d) => d.jurisdictionType !== 'Country').map((d) => d.region));
  return regions.length === 1 && regions[0] !== country ? `${country}-${regions[0]!}` : country;
}

export function ruleRef(id: string, description: string, effectiveFrom: string): TaxRuleRef {
  return { id, description, source: AVALARA_RULE_SOURCE, effectiveFrom };
}

/** A canonical schema refused the mapped value: report its issues as mapping issues. */
export function schemaError(recordId: string, issues: readonly { path: readonly PropertyKey[]; message: string }[]): MappingError {
  const list: MappingIssue[] = issues.map((i) => ({ field: `(result).${i.path.map(String).join('.')}`, message: i.message }));
  return new MappingError(AVALARA_TRANSACTION_RECORD_TYPE, recordId, list);
}

export function isZero(money: Money): boolean {
  return money.amountMinor === 0;
}
