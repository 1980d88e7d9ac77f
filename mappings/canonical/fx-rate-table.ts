/**
 * Published FX rates as plain data: the table convert() (engines/fx) reads, and the shape
 * of a conversion's answer. Building and indexing the table is data handling, kept here so
 * the store and the mappings can hold a table without depending on the engine.
 */
import { Decimal } from './decimal.js';
import type { Conversion, FxRate } from './fx.js';
import type { Money } from './money.js';

export const FX_ERROR_CODES = ['no_rate', 'unknown_currency', 'stale', 'invalid_date'] as const;
export type FxErrorCode = (typeof FX_ERROR_CODES)[number];

/** Why a conversion could not be made; plain data, so it can travel in activity results. */
export interface FxError {
  readonly code: FxErrorCode;
  /** Names the pair and the date, e.g. `no ecb rate for USD→JPY within 7 days before 2026-03-02 …`. */
  readonly message: string;
  readonly from: string;
  readonly to: string;
  readonly onDate: string;
  readonly source?: string;
  /** For `stale`: the newest date a rate for the pair was published. */
  readonly latestRateDate?: string;
}

export type ConvertResult = { readonly ok: true; readonly conversion: Conversion } | { readonly ok: false; readonly error: FxError };

/**
 * Converts `money` into `to` on `onDate` (YYYY-MM-DD). Mappings take one in their context
 * (the caller builds it with engines/fx `converterFor`), so they stay pure and engine-free.
 */
export type Converter = (money: Money, to: string, onDate: string) => ConvertResult;

/** A rate table was given a rate it cannot use (bad decimal, non-positive, conflicting duplicate). */
export class FxRateTableError extends Error {
  override readonly name = 'FxRateTableError';
}

/** A rate with its parsed value, as convert() reads it from the table. */
export interface IndexedRate {
  readonly rate: FxRate;
  readonly value: Decimal;
}

/** Published rates indexed by (source, base, quote, date). */
export interface FxRateTable {
  /** Every rate once, ordered by source, date, base, quote. */
  readonly rates: readonly FxRate[];
  /** Sources in the order they first appear in the input. */
  readonly sources: readonly string[];
  /** The rate `source` published for 1 `base` in `quote` on `date`. */
  get(source: string, base: string, quote: string, date: string): FxRate | undefined;
  /** Dates `source` published any rate for, newest first. */
  dates(source: string): readonly string[];
  /** Base currencies `source` published on `date` (the pivots of cross rates), sorted. */
  bases(source: string, date: string): readonly string[];
}

/** The table createFxRateTable builds: the public view plus the parsed-rate lookup convert() uses. */
export interface IndexedFxRateTable extends FxRateTable {
  lookup(source: string, base: string, quote: string, date: string): IndexedRate | undefined;
}

const pairKey = (base: string, quote: string): string => `${base}/${quote}`;

/**
 * Indexes rates by (source, base, quote, date). The same rate given twice (e.g. from the
 * daily and the 90-day file, "1.1790" and "1.179") is kept once; two different rates for
 * one key, a rate that is not a positive decimal, or base = quote throw FxRateTableError.
 */
export function createFxRateTable(rates: readonly FxRate[]): IndexedFxRateTable {
  // source → date → pair → rate
  const index = new Map<string, Map<string, Map<string, IndexedRate>>>();
  const sources: string[] = [];
  for (const rate of rates) {
    const where = `${rate.source} ${rate.base}/${rate.quote} ${rate.date}`;
    if (rate.base === rate.quote) throw new FxRateTableError(`${where}: base and quote are the same currency`);
    const value = Decimal.tryParse(rate.rate);
    if (value === undefined || !/^\d+(\.\d+)?$/.test(rate.rate)) {
      throw new FxRateTableError(`${where}: rate "${rate.rate}" is not a decimal number`);
    }
    if (value.isZero() || value.isNegative()) throw new FxRateTableError(`${where}: rate ${rate.rate} is not positive`);
    let byDate = index.get(rate.source);
    if (byDate === undefined) {
      byDate = new Map();
      index.set(rate.source, byDate);
      sources.push(rate.source);
    }
    let byPair = byDate.get(rate.date);
    if (byPair === undefined) {
      byPair = new Map();
      byDate.set(rate.date, byPair);
    }
    const key = pairKey(rate.base, rate.quote);
    const existing = byPair.get(key);
    if (existing !== undefined) {
      if (!existing.value.eq(value)) {
        throw new FxRateTableError(`${where}: two different rates, ${existing.rate.rate} and ${rate.rate}`);
      }
      continue;
    }
    byPair.set(key, { rate, value });
  }

  const ordered: FxRate[] = [];
  const datesDesc = new Map<string, string[]>();
  const basesOn = new Map<string, string[]>();
  for (const source of [...index.keys()].sort()) {
    const byDate = index.get(source)!;
    const dates = [...byDate.keys()].sort();
    datesDesc.set(source, [...dates].reverse());
    for (const date of dates) {
      const byPair = byDate.get(date)!;
      const entries = [...byPair.values()].sort((a, b) =>
        a.rate.base === b.rate.base ? cmp(a.rate.quote, b.rate.quote) : cmp(a.rate.base, b.rate.base),
      );
      for (const e of entries) ordered.push(e.rate);
      basesOn.set(`${source}\u0000${date}`, [...new Set(entries.map((e) => e.rate.base))].sort());
    }
  }

  const lookup = (source: string, base: string, quote: string, date: string): IndexedRate | undefined =>
    index.get(source)?.get(date)?.get(pairKey(base, quote));

  const table: IndexedFxRateTable = {
    rates: ordered,
    sources,
    get: (source, base, quote, date) => lookup(source, base, quote, date)?.rate,
    dates: (source) => datesDesc.get(source) ?? [],
    bases: (source, date) => basesOn.get(`${source}\u0000${date}`) ?? [],
    lookup,
  };
  return table;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
