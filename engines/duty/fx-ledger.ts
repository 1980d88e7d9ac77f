/**
 * Conversions made for one quote, kept in the order they were made so the quote can show
 * every rate it used. Zero and same-currency amounts need no rate and are not recorded; the
 * same amount converted twice (a value measured against two thresholds) is recorded once.
 */
import { convert, FxConversionError, type FxRateTable } from '../fx/index.js';
import type { Conversion } from '../../mappings/canonical/fx.js';
import type { Money } from '../../mappings/canonical/money.js';

export class FxLedger {
  readonly conversions: Conversion[] = [];
  private readonly made = new Map<string, Conversion>();

  constructor(
    private readonly table: FxRateTable,
    private readonly date: string,
  ) {}

  /** `money` in `currency` (half-even, the convert() default); throws FxConversionError when no rate is usable. */
  to(money: Money, currency: string): Money {
    return this.convert(money, currency)?.amount ?? { amountMinor: 0, currency };
  }

  /** The conversion made, or undefined when none was needed (same currency or zero). */
  convert(money: Money, currency: string): Conversion | undefined {
    if (money.currency === currency) return { ...identity(money, this.date) };
    if (money.amountMinor === 0) return undefined;
    const key = `${money.amountMinor} ${money.currency}>${currency}`;
    const earlier = this.made.get(key);
    if (earlier !== undefined) return earlier;
    const result = convert(money, currency, this.date, { table: this.table });
    if (!result.ok) throw new FxConversionError(result.error);
    this.conversions.push(result.conversion);
    this.made.set(key, result.conversion);
    return result.conversion;
  }
}

function identity(money: Money, date: string): Conversion {
  return {
    from: money,
    amount: money,
    rate: '1',
    source: 'identity',
    requestedDate: date,
    rateDate: date,
    method: 'identity',
    rates: [],
    rounding: 'half-even',
  };
}
