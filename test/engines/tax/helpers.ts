/**
 * Test helpers: canonical requests built through the canonical schema (so defaults apply
 * as in production), quotes checked against TaxQuoteSchema, and a hand-built FX table.
 */
import { createFxRateTable, type FxRateTable } from '../../../engines/fx/index.js';
import type { FxRate } from '../../../mappings/canonical/fx.js';
import { TaxQuoteRequestSchema, TaxQuoteSchema, type TaxQuote, type TaxQuoteRequest } from '../../../mappings/canonical/tax.js';
import { quoteTax, type TaxEngineContext } from '../../../engines/tax/index.js';

/** Hand-set test rates (1 EUR = rate quote), published for each date listed. */
const EUR_RATES: Record<string, string> = {
  USD: '1.0485',
  GBP: '0.8266',
  NOK: '11.7000',
  CHF: '0.9400',
  AUD: '1.6800',
  NZD: '1.8500',
  SGD: '1.4000',
  JPY: '157.00',
  KWD: '0.3235',
  CAD: '1.5100',
};

export const FX_DATES = ['2022-12-30', '2023-12-29', '2024-01-02', '2025-03-03', '2025-06-30', '2025-07-01'];

export function testFx(dates: readonly string[] = FX_DATES): FxRateTable {
  const rates: FxRate[] = [];
  for (const date of dates) {
    for (const [quote, rate] of Object.entries(EUR_RATES)) rates.push({ source: 'ecb', base: 'EUR', quote, date, rate });
  }
  return createFxRateTable(rates);
}

export const FX = testFx();

export interface LineSpec {
  id?: string;
  amount: string;
  currency?: string;
  category?: string;
  quantity?: number;
  hsCode?: string;
}

/** Decimal text → minor units for 0/2/3-decimal currencies used here. */
export function minor(amount: string, exponent = 2): number {
  const [whole = '0', frac = ''] = amount.split('.');
  return Number(whole + frac.padEnd(exponent, '0').slice(0, exponent));
}

const EXPONENT: Record<string, number> = { JPY: 0, KWD: 3 };

export function req(spec: {
  date?: string;
  from: string;
  to: string;
  toPostal?: string;
  toRegion?: string;
  currency: string;
  lines: LineSpec[];
  shipping?: string;
  seller?: Record<string, unknown>;
  buyer?: { isBusiness?: boolean; vatNumber?: string };
  pricesIncludeTax?: boolean;
}): TaxQuoteRequest {
  const exp = (c: string): number => EXPONENT[c] ?? 2;
  return TaxQuoteRequestSchema.parse({
    reference: 'order-1',
    date: spec.date ?? '2025-03-03',
    seller: { country: spec.from, ...spec.seller },
    shipFrom: { lines: ['1 Warehouse Road'], country: spec.from },
    shipTo: {
      lines: ['2 Customer Street'],
      country: spec.to,
      ...(spec.toPostal ? { postalCode: spec.toPostal } : {}),
      ...(spec.toRegion ? { region: spec.toRegion } : {}),
    },
    buyer: { isBusiness: false, ...spec.buyer },
    currency: spec.currency,
    pricesIncludeTax: spec.pricesIncludeTax ?? false,
    lines: spec.lines.map((l, i) => {
      const currency = l.currency ?? spec.currency;
      return {
        id: l.id ?? `l${i + 1}`,
        quantity: l.quantity ?? 1,
        amount: { amountMinor: minor(l.amount, exp(currency)), currency },
        taxCategory: l.category ?? 'standard',
        ...(l.hsCode === undefined ? {} : { hsCode: l.hsCode }),
      };
    }),
    ...(spec.shipping ? { shipping: { amountMinor: minor(spec.shipping, exp(spec.currency)), currency: spec.currency } } : {}),
  });
}

/** quoteTax, with the result checked against the canonical TaxQuote schema. */
export function quote(request: TaxQuoteRequest, context: Partial<TaxEngineContext> = {}): TaxQuote {
  const q = quoteTax(request, { fx: FX, ...context });
  return TaxQuoteSchema.parse(q);
}

/** Line taxes as [lineId, jurisdiction, ratePercent, tax minor units, rule id]. */
export function lineSummary(q: TaxQuote): Array<[string, string, string, number, string]> {
  return q.lines.map((l) => [l.lineId, l.jurisdiction, l.ratePercent, l.tax.amountMinor, l.rule.id]);
}

export function hasNote(q: TaxQuote, text: string): boolean {
  return q.notes.some((n) => n.includes(text));
}
