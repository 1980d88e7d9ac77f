/**
 * Per-market price rules: the price a listing is published at on one marketplace, from the
 * product's base price. `fixed` takes the base price as it is (or a fixed amount) in the
 * market's currency; `convert` takes base price × FX rate (engines/fx convert, the one
 * conversion) × margin, then rounds to the market's price ending (.99, .95, whole units,
 * whole hundreds, 1980-style). All arithmetic is decimal (mappings/canonical/decimal.ts):
 * no float is ever involved. The result carries the rule, the rate and every step, so the
 * caller can store the explanation beside the published price.
 */
import { currencyInfo } from '../../mappings/canonical/currencies.js';
import { Decimal, type RoundingMode } from '../../mappings/canonical/decimal.js';
import type { FxError, FxRateTable } from '../../mappings/canonical/fx-rate-table.js';
import { formatMoney, type Money } from '../../mappings/canonical/money.js';
import { convert } from '../fx/convert.js';

/** `.99`/`.95` endings, whole units, or multiples of `roundTo` less `minus` (JPY 2000 → 1980 with roundTo 100, minus 20). */
export type PriceEnding = '0.99' | '0.95' | 'whole' | { readonly roundTo: string; readonly minus?: string };
/** `up`: the next ending at or above the computed price; `nearest`: the closest one (ties go up). */
export type EndingDirection = 'up' | 'nearest';

export interface FixedPriceRule {
  readonly rule: 'fixed';
  /** The market's currency: the product's base price must be in it (unless `amount` is given). */
  readonly currency: string;
  /** A fixed amount (decimal text) for every product on this market, instead of the base price. */
  readonly amount?: string;
}

export interface ConvertPriceRule {
  readonly rule: 'convert';
  /** The market's currency, the conversion's target. */
  readonly currency: string;
  /** Decimal factor applied after conversion (1.15 = 15 % on top); default 1. */
  readonly margin?: string;
  /** Default: the currency's minor unit (direction up: ceiling; nearest: half-even). */
  readonly ending?: PriceEnding;
  /** Default `up`. */
  readonly direction?: EndingDirection;
  /** FX source to use (ecb, xe); default every source of the table. */
  readonly source?: string;
}

export type PriceRule = FixedPriceRule | ConvertPriceRule;

export interface PriceStep {
  readonly step: 'base' | 'fixed' | 'convert' | 'margin' | 'ending' | 'round';
  /** The amount after this step, decimal text in `currency` (intermediate steps may carry more decimals). */
  readonly amount: string;
  readonly currency: string;
  readonly note?: string;
}

export interface PriceRate {
  readonly from: string;
  readonly to: string;
  /** Units of `to` per unit of `from`, as applied (decimal text). */
  readonly rate: string;
  /** The date the rate was published for. */
  readonly date: string;
  readonly source: string;
}

export interface PriceResult {
  readonly price: Money;
  readonly rule: PriceRule;
  readonly rate?: PriceRate;
  readonly steps: readonly PriceStep[];
}

export const PRICE_RULE_ERROR_CODES = ['no_base_price', 'currency_mismatch', 'no_rate', 'bad_rule', 'not_positive'] as const;
export type PriceRuleErrorCode = (typeof PRICE_RULE_ERROR_CODES)[number];

/** Why a price could not be computed; names the SKU, the marketplace and (for FX) the pair and date. */
export class PriceRuleError extends Error {
  override readonly name = 'PriceRuleError';
  constructor(
    readonly code: PriceRuleErrorCode,
    readonly sku: string,
    readonly marketplaceId: string,
    message: string,
    /** For `no_rate`: convert()'s typed error (pair, date, source). */
    readonly fx?: FxError,
  ) {
    super(`SKU ${sku}, marketplace ${marketplaceId}: ${message}`);
  }
}

export interface PriceInput {
  readonly sku: string;
  readonly basePrice?: Money;
  readonly marketplaceId: string;
  readonly rule: PriceRule;
  /** The published rates (convert rules only) and the conversion date, YYYY-MM-DD. */
  readonly fx?: { readonly table: FxRateTable; readonly onDate: string };
}

/** The step and offset of an ending: prices are k × step + offset for a whole k. */
function endingGrid(ending: PriceEnding): { step: Decimal; offset: Decimal; label: string } {
  if (ending === 'whole') return { step: Decimal.fromInt(1), offset: Decimal.fromInt(0), label: 'whole units' };
  if (typeof ending === 'string') return { step: Decimal.fromInt(1), offset: Decimal.parse(ending), label: `${ending.slice(1)} ending` };
  const minus = Decimal.parse(ending.minus ?? '0');
  return {
    step: Decimal.parse(ending.roundTo),
    offset: minus.neg(),
    label: ending.minus === undefined ? `multiple of ${ending.roundTo}` : `multiple of ${ending.roundTo} less ${ending.minus}`,
  };
}

/**
 * Whether `ending` can be written in `currency` (no more decimals than its exponent, a
 * positive step, an offset below the step); the problem in words, or undefined.
 */
export function endingProblem(ending: PriceEnding, currency: string): string | undefined {
  const info = currencyInfo(currency);
  if (info === undefined) return `${currency} is not an ISO 4217 currency code`;
  let grid;
  try {
    grid = endingGrid(ending);
  } catch (e) {
    return (e as Error).message;
  }
  const decimals = Math.max(grid.step.normalize().scale, grid.offset.normalize().scale);
  if (decimals > info.exponent) return `${grid.label} needs ${decimals} decimals, ${currency} has ${info.exponent}`;
  if (grid.step.isZero() || grid.step.isNegative()) return `roundTo must be more than zero`;
  if (grid.offset.abs().compare(grid.step) >= 0) return `the ending must be smaller than the step it rounds to`;
  return undefined;
}

/** The price on the ending grid for `value`, going `direction`; never zero or below. */
function applyEnding(value: Decimal, ending: PriceEnding, direction: EndingDirection): Decimal {
  const { step, offset } = endingGrid(ending);
  const mode: RoundingMode = direction === 'up' ? 'ceiling' : 'half-up';
  let k = value.sub(offset).div(step, 0, mode);
  let price = k.mul(step).add(offset);
  while (price.compare(Decimal.fromInt(0)) <= 0) {
    k = k.add(Decimal.fromInt(1));
    price = k.mul(step).add(offset);
  }
  return price;
}

const text = (d: Decimal): string => d.toString();

/** The listing price for one SKU on one marketplace under `rule`; throws PriceRuleError. */
export function priceFor(input: PriceInput): PriceResult {
  const { sku, marketplaceId, rule } = input;
  const fail = (code: PriceRuleErrorCode, message: string, fx?: FxError): never => {
    throw new PriceRuleError(code, sku, marketplaceId, message, fx);
  };
  const info = currencyInfo(rule.currency) ?? fail('bad_rule', `${rule.currency} is not an ISO 4217 currency code`);

  if (rule.rule === 'fixed') {
    if (rule.amount !== undefined) {
      const amount = Decimal.tryParse(rule.amount) ?? fail('bad_rule', `fixed amount "${rule.amount}" is not a decimal`);
      if (amount.normalize().scale > info.exponent) fail('bad_rule', `fixed amount ${rule.amount} has more decimals than ${rule.currency} allows (${info.exponent})`);
      if (amount.compare(Decimal.fromInt(0)) <= 0) fail('not_positive', `fixed amount ${rule.amount} is not more than zero`);
      const price = amount.toMoney(rule.currency);
      return { price, rule, steps: [{ step: 'fixed', amount: formatMoney(price), currency: rule.currency, note: 'fixed amount of the rule' }] };
    }
    const base = input.basePrice ?? fail('no_base_price', 'the product has no basePrice for the fixed price rule');
    if (base.currency !== rule.currency) {
      fail('currency_mismatch', `basePrice is in ${base.currency}, the fixed rule prices in ${rule.currency} (use a convert rule)`);
    }
    if (base.amountMinor <= 0) fail('not_positive', `basePrice ${formatMoney(base)} ${base.currency} is not more than zero`);
    return { price: { ...base }, rule, steps: [{ step: 'base', amount: formatMoney(base), currency: base.currency, note: 'basePrice as is' }] };
  }

  const base = input.basePrice ?? fail('no_base_price', 'the product has no basePrice to convert');
  const fx = input.fx ?? fail('no_rate', `no rate table given to convert ${base.currency}→${rule.currency}`);
  const steps: PriceStep[] = [{ step: 'base', amount: formatMoney(base), currency: base.currency }];
  const converted = convert(base, rule.currency, fx.onDate, { table: fx.table, ...(rule.source === undefined ? {} : { source: rule.source }) });
  if (!converted.ok) return fail('no_rate', converted.error.message, converted.error);
  const c = converted.conversion;
  steps.push({
    step: 'convert',
    amount: formatMoney(c.amount),
    currency: rule.currency,
    note: `× ${c.rate} (${c.source}, ${c.rateDate}${c.method === 'identity' ? ', same currency' : ''})`,
  });
  const rate: PriceRate | undefined =
    c.method === 'identity' ? undefined : { from: base.currency, to: rule.currency, rate: c.rate, date: c.rateDate, source: c.source };

  let value = Decimal.fromMoney(c.amount);
  if (rule.margin !== undefined) {
    const margin = Decimal.tryParse(rule.margin) ?? fail('bad_rule', `margin "${rule.margin}" is not a decimal`);
    value = value.mul(margin);
    steps.push({ step: 'margin', amount: text(value), currency: rule.currency, note: `× ${rule.margin}` });
  }
  const direction = rule.direction ?? 'up';
  if (rule.ending !== undefined) {
    const problem = endingProblem(rule.ending, rule.currency);
    if (problem !== undefined) fail('bad_rule', problem);
    value = applyEnding(value, rule.ending, direction);
    steps.push({ step: 'ending', amount: text(value.round(info.exponent)), currency: rule.currency, note: `${endingGrid(rule.ending).label}, ${direction}` });
  } else {
    const mode: RoundingMode = direction === 'up' ? 'ceiling' : 'half-even';
    value = value.round(info.exponent, mode);
    steps.push({ step: 'round', amount: text(value), currency: rule.currency, note: `to the ${rule.currency} minor unit, ${mode}` });
  }
  if (value.compare(Decimal.fromInt(0)) <= 0) fail('not_positive', `the computed price ${text(value)} ${rule.currency} is not more than zero`);
  return { price: value.toMoney(rule.currency), rule, ...(rate === undefined ? {} : { rate }), steps };
}
