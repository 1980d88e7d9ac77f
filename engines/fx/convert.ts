/**
 * The one currency conversion used everywhere. Pure: rates come in a table, the date is
 * given, nothing is read from a clock or the store.
 *
 * The amount is computed exactly from the published decimals (amount × rates that are
 * multiplied ÷ rates that are divided) and rounded once, to the target currency's
 * exponent, with the policy's mode. The reported `rate` is the effective rate rounded to
 * 10 decimals (half-even); it explains the figure but is never used to compute it.
 */
import { currencyInfo, isActiveOn } from '../../mappings/canonical/currencies.js';
import { Decimal, type RoundingMode } from '../../mappings/canonical/decimal.js';
import type { Conversion } from '../../mappings/canonical/fx.js';
import {
  createFxRateTable,
  type ConvertResult,
  type Converter,
  type FxError,
  type FxErrorCode,
  type FxRateTable,
  type IndexedFxRateTable,
  type IndexedRate,
} from '../../mappings/canonical/fx-rate-table.js';
import type { Money } from '../../mappings/canonical/money.js';

/** Decimals of the reported effective rate. */
export const EFFECTIVE_RATE_DECIMALS = 10;
export const DEFAULT_ROUNDING: RoundingMode = 'half-even';
/** ECB publishes on TARGET business days: a long Easter weekend is 4 days back, 7 covers any holiday run. */
export const DEFAULT_MAX_FALLBACK_DAYS = 7;
/** `source` of an identity conversion when the policy names none. */
export const IDENTITY_SOURCE = 'identity';

export class FxConversionError extends Error {
  override readonly name = 'FxConversionError';
  constructor(readonly error: FxError) {
    super(error.message);
  }

  get code(): FxErrorCode {
    return this.error.code;
  }
}

export interface ConvertPolicy {
  readonly table: FxRateTable;
  /** Rate source to use (ecb, xe …). Default: every source of the table; the most recent rate wins, ties by table order. */
  readonly source?: string;
  /** Default half-even. */
  readonly rounding?: RoundingMode;
  /** How many days before `onDate` a published rate may be. Default 7. */
  readonly maxFallbackDays?: number;
}

/** How a pair resolves on one date: rates multiplied and rates divided. */
interface RatePath {
  readonly method: 'direct' | 'inverse' | 'cross';
  readonly multiply: readonly IndexedRate[];
  readonly divide: readonly IndexedRate[];
}

function resolvePath(table: IndexedFxRateTable, source: string, from: string, to: string, date: string): RatePath | undefined {
  const direct = table.lookup(source, from, to, date);
  if (direct !== undefined) return { method: 'direct', multiply: [direct], divide: [] };
  const inverse = table.lookup(source, to, from, date);
  if (inverse !== undefined) return { method: 'inverse', multiply: [], divide: [inverse] };
  // Cross through a base currency the source publishes from (ECB: EUR). USD→JPY = EURJPY / EURUSD.
  for (const pivot of table.bases(source, date)) {
    if (pivot === from || pivot === to) continue;
    const multiply: IndexedRate[] = [];
    const divide: IndexedRate[] = [];
    const inLeg = table.lookup(source, pivot, from, date);
    const inLegDirect = inLeg === undefined ? table.lookup(source, from, pivot, date) : undefined;
    const outLeg = table.lookup(source, pivot, to, date);
    const outLegInverse = outLeg === undefined ? table.lookup(source, to, pivot, date) : undefined;
    if ((inLeg ?? inLegDirect) === undefined || (outLeg ?? outLegInverse) === undefined) continue;
    // from → pivot: published from→pivot multiplies; published pivot→from divides.
    if (inLegDirect !== undefined) multiply.push(inLegDirect);
    else divide.push(inLeg!);
    // pivot → to: published pivot→to multiplies; published to→pivot divides.
    if (outLeg !== undefined) multiply.push(outLeg);
    else divide.push(outLegInverse!);
    return { method: 'cross', multiply, divide };
  }
  return undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a real calendar date, or undefined. */
function epochDay(date: string): number | undefined {
  const m = ISO_DATE.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return undefined;
  return Math.round(t.getTime() / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(date: string): boolean {
  const day = epochDay(date);
  if (day === undefined) return false;
  const wd = weekday(day);
  return wd === 0 || wd === 6;
}

interface Candidate {
  readonly source: string;
  readonly date: string;
  readonly daysBack: number;
  readonly path: RatePath;
}

/** The newest date ≤ onDate on which `source` lets the pair convert, with its path. */
function newestPath(table: IndexedFxRateTable, source: string, from: string, to: string, onDate: string, onDay: number): Candidate | undefined {
  for (const date of table.dates(source)) {
    if (date > onDate) continue;
    const path = resolvePath(table, source, from, to, date);
    if (path === undefined) continue;
    return { source, date, daysBack: onDay - (epochDay(date) ?? onDay), path };
  }
  return undefined;
}

function product(rates: readonly IndexedRate[]): Decimal {
  return rates.reduce((acc, r) => acc.mul(r.value), Decimal.fromInt(1));
}

/**
 * Converts `money` into `to` on `onDate` (YYYY-MM-DD) with the policy's rates and rounding.
 * Identity → rate 1; direct (from→to published), inverse (to→from published: ÷ rate), or
 * cross through the source's base currency. On a weekend or holiday the last published
 * date within `maxFallbackDays` is used and `fallback` says so; an older rate is `stale`.
 */
export function convert(money: Money, to: string, onDate: string, policy: ConvertPolicy): ConvertResult {
  const from = money.currency;
  const rounding = policy.rounding ?? DEFAULT_ROUNDING;
  const maxFallbackDays = policy.maxFallbackDays ?? DEFAULT_MAX_FALLBACK_DAYS;
  if (!Number.isInteger(maxFallbackDays) || maxFallbackDays < 0) {
    throw new RangeError(`maxFallbackDays must be a non-negative integer, got ${maxFallbackDays}`);
  }
  const pair = `${from}→${to}`;
  const failure = (code: FxErrorCode, message: string, extra: { source?: string; latestRateDate?: string } = {}): ConvertResult => ({
    ok: false,
    error: { code, message, from, to, onDate, ...extra },
  });

  for (const code of [from, to]) {
    if (currencyInfo(code) === undefined) {
      return failure('unknown_currency', `${code} is not an ISO 4217 currency code (converting ${pair} on ${onDate})`);
    }
  }
  const onDay = epochDay(onDate);
  if (onDay === undefined) return failure('invalid_date', `"${onDate}" is not a calendar date YYYY-MM-DD (converting ${pair})`);
  if (!Number.isSafeInteger(money.amountMinor)) {
    throw new RangeError(`amountMinor must be a safe integer, got ${money.amountMinor}`);
  }

  if (from === to) {
    return {
      ok: true,
      conversion: {
        from: { ...money },
        amount: { ...money },
        rate: Decimal.fromInt(1).round(EFFECTIVE_RATE_DECIMALS).toString(),
        source: policy.source ?? IDENTITY_SOURCE,
        requestedDate: onDate,
        rateDate: onDate,
        method: 'identity',
        rates: [],
        rounding,
      },
    };
  }

  // A table that crossed a serialisation boundary (e.g. an activity result) keeps only its data: re-index it.
  const given = policy.table as Partial<IndexedFxRateTable>;
  const table = (typeof given.lookup === 'function' ? given : createFxRateTable(policy.table.rates)) as IndexedFxRateTable;
  const sources = policy.source === undefined ? table.sources : [policy.source];
  let best: Candidate | undefined;
  let newestStale: Candidate | undefined;
  for (const source of sources) {
    const candidate = newestPath(table, source, from, to, onDate, onDay);
    if (candidate === undefined) continue;
    if (candidate.daysBack > maxFallbackDays) {
      if (newestStale === undefined || candidate.daysBack < newestStale.daysBack) newestStale = candidate;
    } else if (best === undefined || candidate.daysBack < best.daysBack) {
      best = candidate;
    }
  }

  const sourceText = policy.source === undefined ? (sources.length === 1 ? `${sources[0]} ` : '') : `${policy.source} `;
  if (best === undefined) {
    const sourceExtra = policy.source === undefined ? {} : { source: policy.source };
    if (newestStale !== undefined) {
      return failure(
        'stale',
        `no ${sourceText}rate for ${pair} within ${maxFallbackDays} days before ${onDate}: the newest is from ${newestStale.date} (${newestStale.daysBack} days back, source ${newestStale.source})`,
        { source: newestStale.source, latestRateDate: newestStale.date },
      );
    }
    const retired = [from, to].filter((c) => !isActiveOn(c, onDate));
    const note =
      retired.length === 0
        ? ''
        : ` (${retired.map((c) => `${c}: ISO 4217 code withdrawn ${currencyInfo(c)?.withdrawn ?? ''}`).join('; ')})`;
    const known = sources.length === 0 ? ' (the rate table is empty)' : '';
    return failure('no_rate', `no ${sourceText}rate for ${pair} on or before ${onDate}${note}${known}`, sourceExtra);
  }

  const { path } = best;
  const targetExponent = currencyInfo(to)!.exponent;
  const numerator = Decimal.fromMoney(money).mul(product(path.multiply));
  const denominator = product(path.divide);
  // One rounding, of the exact quotient, to the target currency's minor unit.
  const exact = path.divide.length === 0 ? numerator.round(targetExponent, rounding) : numerator.div(denominator, targetExponent, rounding);
  const effectiveRate =
    path.divide.length === 0
      ? product(path.multiply).round(EFFECTIVE_RATE_DECIMALS, 'half-even')
      : product(path.multiply).div(denominator, EFFECTIVE_RATE_DECIMALS, 'half-even');

  const conversion: Conversion = {
    from: { ...money },
    amount: exact.toMoney(to, rounding),
    rate: effectiveRate.toString(),
    source: best.source,
    requestedDate: onDate,
    rateDate: best.date,
    ...(best.daysBack > 0
      ? { fallback: { reason: isWeekend(onDate) ? 'weekend' : 'no rate published for that date (holiday)', daysBack: best.daysBack } }
      : {}),
    method: path.method,
    rates: [...path.multiply, ...path.divide].map((r) => ({ ...r.rate })),
    rounding,
  };
  return { ok: true, conversion };
}

/** convert() for callers that prefer exceptions: throws FxConversionError with the typed error. */
export function convertOrThrow(money: Money, to: string, onDate: string, policy: ConvertPolicy): Conversion {
  const result = convert(money, to, onDate, policy);
  if (!result.ok) throw new FxConversionError(result.error);
  return result.conversion;
}

/** A Converter over one policy, for the mappings that convert a seller's figures. */
export function converterFor(policy: ConvertPolicy): Converter {
  return (money, to, onDate) => convert(money, to, onDate, policy);
}
