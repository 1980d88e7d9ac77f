/**
 * Rate shopping: the canonical quotes of every carrier of a tenant ranked by its rule —
 * `cheapest`, `fastest`, or `cheapestWithin` a delivery promise of N days. Prices in different
 * currencies are compared in one currency through the one conversion (engines/fx). Each
 * carrier service counts once, at the rate the shipper is billed; services without a price
 * are left out. Ties are broken by price, then transit days, then carrier and service code,
 * so the same quotes always give the same choice. Pure.
 */
import type { Converter } from '../../mappings/canonical/fx-rate-table.js';
import type { RateQuote } from '../../mappings/canonical/carrier.js';

export type ShippingRule = 'cheapest' | 'fastest' | { readonly cheapestWithin: number };

export const describeRule = (rule: ShippingRule): string => (typeof rule === 'string' ? rule : `cheapest within ${rule.cheapestWithin} days`);

/**
 * The rate types that are what the shipper pays, best first: DHL's billing currency (BILLC),
 * FedEx's account rates; list prices and other currencies' restatements only when nothing else.
 */
const BILLED_FIRST = ['BILLC', 'ACCOUNT', 'PAYOR_ACCOUNT_SHIPMENT', 'PAYOR_ACCOUNT_PACKAGE', 'PREFERRED_ACCOUNT_SHIPMENT', 'PULCL', 'LIST', 'PAYOR_LIST_SHIPMENT', 'BASEC'];
const billedRank = (q: RateQuote): number => {
  const i = BILLED_FIRST.indexOf(q.rateType ?? '');
  return i < 0 ? BILLED_FIRST.length : i;
};

export interface RankedRate {
  readonly quote: RateQuote;
  /** The total in the comparison currency. */
  readonly compared: { readonly amountMinor: number; readonly currency: string };
}

export class RateShoppingError extends Error {
  override readonly name = 'RateShoppingError';
}

export interface RankOptions {
  /** The currency prices are compared in. */
  readonly currency: string;
  readonly date: string;
  readonly convert: Converter;
}

/** One quote per carrier service: the one the shipper is billed. */
export function billedQuotes(quotes: readonly RateQuote[]): RateQuote[] {
  const best = new Map<string, RateQuote>();
  for (const q of quotes) {
    if (!q.priced || q.total === undefined) continue;
    const key = `${q.carrier}\u0000${q.service.code ?? q.service.name ?? ''}`;
    const held = best.get(key);
    if (held === undefined || billedRank(q) < billedRank(held)) best.set(key, q);
  }
  return [...best.values()];
}

function compare(rule: ShippingRule, a: RankedRate, b: RankedRate): number {
  const price = a.compared.amountMinor - b.compared.amountMinor;
  const days = (a.quote.transitDays ?? Number.MAX_SAFE_INTEGER) - (b.quote.transitDays ?? Number.MAX_SAFE_INTEGER);
  const primary = rule === 'fastest' ? [days, price] : [price, days];
  for (const d of primary) if (d !== 0) return d;
  const ka = `${a.quote.carrier}/${a.quote.service.code ?? ''}`;
  const kb = `${b.quote.carrier}/${b.quote.service.code ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * The billed quotes ranked by `rule`, best first. `cheapestWithin` keeps only services whose
 * transit time is known and within the promise. A price that cannot be converted is an error
 * (a choice made without it could be wrong).
 */
export function rankRates(quotes: readonly RateQuote[], rule: ShippingRule, opts: RankOptions): RankedRate[] {
  const ranked = billedQuotes(quotes).map((quote): RankedRate => {
    const total = quote.total!;
    const converted = opts.convert(total, opts.currency, opts.date);
    if (!converted.ok) throw new RateShoppingError(`${quote.carrier} ${quote.service.code ?? ''}: ${converted.error.message}`);
    return { quote, compared: converted.conversion.amount };
  });
  const eligible = typeof rule === 'object' ? ranked.filter((r) => r.quote.transitDays !== undefined && r.quote.transitDays <= rule.cheapestWithin) : ranked;
  return eligible.sort((a, b) => compare(rule, a, b));
}

/** The best quote by `rule`; a RateShoppingError saying why when none qualifies. */
export function chooseRate(quotes: readonly RateQuote[], rule: ShippingRule, opts: RankOptions): RankedRate {
  const ranked = rankRates(quotes, rule, opts);
  const best = ranked[0];
  if (best === undefined) {
    const priced = billedQuotes(quotes).length;
    throw new RateShoppingError(
      priced === 0 ? 'no carrier quoted a price for this shipment' : `none of the ${priced} priced services meets the rule "${describeRule(rule)}" (transit times: ${billedQuotes(quotes).map((q) => `${q.carrier} ${q.service.code ?? '?'} ${q.transitDays ?? '?'}d`).join(', ')})`,
    );
  }
  return best;
}

