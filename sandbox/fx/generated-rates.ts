/**
 * Deterministic rates: the value of 1 EUR in a currency on a date depends only on the seed,
 * the currency and the date (a slow swing plus day-to-day noise), so any window of days,
 * fetched at any time, shows the same figures for the same date. Exact fixture days can
 * replace generated ones.
 */
import { Decimal } from '../../mappings/canonical/decimal.js';
import { ecbCurrenciesOn, SANDBOX_CURRENCIES, type SandboxCurrency } from './currency-data.js';
import { epochDay } from './target-calendar.js';

/** One published ECB day: 1 EUR = rate units of each currency, as decimal text. */
export interface EcbDay {
  readonly date: string;
  /** Currency → rate text, in the order the file lists them. */
  readonly rates: Readonly<Record<string, string>>;
}

/** A 32-bit hash of a string (FNV-1a), then mixed: the noise source. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

function unit(seed: number, ...parts: string[]): number {
  return hash32(`${seed}|${parts.join('|')}`) / 4294967296;
}

/** The rate of 1 EUR in `currency` on `date`, with the currency's daily-file decimals. */
export function generatedRate(currency: SandboxCurrency, date: string, seed: number): string {
  if (currency.swing === 0) return currency.level.toFixed(currency.decimals);
  const day = epochDay(date);
  const period = 150 + Math.floor(unit(seed, currency.code, 'period') * 250);
  const phase = unit(seed, currency.code, 'phase') * 2 * Math.PI;
  const noise = (unit(seed, currency.code, date) - 0.5) * currency.swing * 0.2;
  const value = currency.level * (1 + currency.swing * Math.sin((2 * Math.PI * day) / period + phase) + noise);
  return value.toFixed(currency.decimals);
}

export interface RateBook {
  /** The ECB day for `date`: injected when given, else generated. */
  ecbDay(date: string): EcbDay;
  /** 1 EUR in `code` on `date` (any calendar day, any sandbox currency); undefined for unknown codes. */
  eurValue(code: string, date: string): Decimal | undefined;
  /** Dates of the injected days. */
  readonly injectedDates: readonly string[];
}

export function createRateBook(seed: number, injected: readonly EcbDay[]): RateBook {
  const fixed = new Map(injected.map((d) => [d.date, d] as const));
  const cache = new Map<string, EcbDay>();
  const ecbDay = (date: string): EcbDay => {
    const given = fixed.get(date);
    if (given !== undefined) return given;
    let day = cache.get(date);
    if (day === undefined) {
      const rates: Record<string, string> = {};
      for (const currency of ecbCurrenciesOn(date)) rates[currency.code] = generatedRate(currency, date, seed);
      day = { date, rates };
      cache.set(date, day);
    }
    return day;
  };
  return {
    ecbDay,
    eurValue(code, date) {
      if (code === 'EUR') return Decimal.fromInt(1);
      const given = fixed.get(date)?.rates[code];
      if (given !== undefined) return Decimal.parse(given);
      const currency = SANDBOX_CURRENCIES.get(code);
      return currency === undefined ? undefined : Decimal.parse(generatedRate(currency, date, seed));
    },
    injectedDates: [...fixed.keys()].sort(),
  };
}
