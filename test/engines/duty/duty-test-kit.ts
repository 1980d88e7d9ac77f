/** Builders for the landed-cost engine tests: shipments from decimal strings, one FX table, tariffs. */
import { createFxRateTable, type FxRateTable } from '../../../engines/fx/index.js';
import { parseDecimalMoney, type Money } from '../../../mappings/canonical/money.js';
import type { Incoterm, Shipment } from '../../../mappings/canonical/shipment.js';
import type { LandedCostQuote } from '../../../mappings/canonical/tax.js';
import type { TariffEntry } from '../../../engines/duty/index.js';

export const DATE = '2026-03-02';

/** ECB-style reference rates for 2026-03-02 (a Monday): 1 EUR = … */
export const EUR_RATES: Readonly<Record<string, string>> = {
  USD: '1.0500',
  GBP: '0.8500',
  AUD: '1.6000',
  CAD: '1.5000',
  NZD: '1.8000',
  CHF: '0.9500',
  NOK: '11.5000',
  JPY: '160.00',
  SGD: '1.4000',
  PLN: '4.2000',
};

export const FX: FxRateTable = createFxRateTable(
  Object.entries(EUR_RATES).map(([quote, rate]) => ({ source: 'ecb', base: 'EUR', quote, date: DATE, rate })),
);

export const EMPTY_FX: FxRateTable = createFxRateTable([]);

export function money(amount: string, currency: string): Money {
  const parsed = parseDecimalMoney(amount, currency);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.money;
}

export interface ItemSpec {
  readonly id?: string;
  readonly hs?: string;
  readonly origin?: string;
  /** Line value in the shipment currency (or `currency`). */
  readonly value: string;
  readonly currency?: string;
  readonly quantity?: number;
  readonly taxCategory?: string;
  readonly description?: string;
}

export interface ShipmentSpec {
  readonly to: string;
  readonly from?: string;
  readonly region?: string;
  readonly currency: string;
  readonly items: readonly ItemSpec[];
  readonly shipping?: string;
  readonly insurance?: string;
  readonly incoterm?: Incoterm;
}

export function shipment(spec: ShipmentSpec): Shipment {
  return {
    id: `shp-${spec.to.toLowerCase()}`,
    shipFrom: { lines: [], city: 'Origin City', country: spec.from ?? 'CN' },
    shipTo: { lines: [], city: 'Destination City', country: spec.to, ...(spec.region === undefined ? {} : { region: spec.region }) },
    incoterm: spec.incoterm ?? 'DAP',
    currency: spec.currency,
    items: spec.items.map((item, i) => ({
      id: item.id ?? String.fromCharCode(97 + i),
      description: item.description ?? 'Leather shoes',
      hsCode: item.hs ?? '640391',
      originCountry: item.origin ?? spec.from ?? 'CN',
      quantity: item.quantity ?? 1,
      value: money(item.value, item.currency ?? spec.currency),
      ...(item.taxCategory === undefined ? {} : { taxCategory: item.taxCategory }),
    })),
    ...(spec.shipping === undefined ? {} : { shipping: money(spec.shipping, spec.currency) }),
    ...(spec.insurance === undefined ? {} : { insurance: money(spec.insurance, spec.currency) }),
    refs: {},
  };
}

export function tariff(destination: string, hsPrefix: string, ratePercent: string, extra: Partial<TariffEntry> = {}): TariffEntry {
  return { destination, hsPrefix, ratePercent, effectiveFrom: '2020-01-01', source: `test tariff ${destination} ${hsPrefix}`, ...extra };
}

/** The figures a test pins, in minor units: duty, import tax, total (buyer) and the seller's total. */
export function figures(q: LandedCostQuote): { currency: string; duty: number; importTax: number; total: number; seller: string } {
  return {
    currency: q.currency,
    duty: q.duty.amountMinor,
    importTax: q.importTax.amountMinor,
    total: q.total.amountMinor,
    seller: `${q.seller.currency} ${q.seller.duty.amountMinor}/${q.seller.importTax.amountMinor}/${q.seller.total.amountMinor}`,
  };
}

/** The outcome the quote records for one rule id. */
export function outcomeOf(q: LandedCostQuote, ruleId: string): string | undefined {
  return q.rules.find((r) => r.rule.id === ruleId)?.outcome;
}

export function ruleIds(q: LandedCostQuote): string[] {
  return q.rules.map((r) => r.rule.id);
}
