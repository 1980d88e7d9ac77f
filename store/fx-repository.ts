import type { Knex } from 'knex';
import { createFxRateTable, type FxRateTable } from '../mappings/canonical/fx-rate-table.js';
import { Decimal } from '../mappings/canonical/decimal.js';
import type { FxRate } from '../mappings/canonical/fx.js';
import { insertRows, onConflictUpdate } from './multi-row-insert.js';
import { assertStorableKey, chunk, IN_LIST_CHUNK, toStoredTimestamp } from './sql-values.js';
import { StoreDataError, StoreInputError } from './store-errors.js';
import type { WriteOptions } from './write-options.js';

export interface UpsertFxRatesResult {
  inserted: number;
  /** Rows whose published rate (or timestamp) changed: a correction by the source. */
  updated: number;
  unchanged: number;
}

interface FxRateRow {
  source: string;
  base: string;
  quote: string;
  date: string;
  rate: string;
  timestamp: string | null;
  fetched_at: string;
  /** The address the rate was read from (base URL); null for rows stored before origins were kept. */
  origin: string | null;
}

export interface FxWriteOptions extends WriteOptions {
  /** The address the rates were read from (the source's base URL). */
  origin?: string;
}

const FX_KEY_COLUMNS = ['source', 'date', 'base', 'quote'] as const satisfies readonly (keyof FxRateRow)[];
const FX_COLUMNS = [...FX_KEY_COLUMNS, 'rate', 'timestamp', 'fetched_at', 'origin'] as const satisfies readonly (keyof FxRateRow)[];
const FX_UPSERT = onConflictUpdate(FX_KEY_COLUMNS, ['rate', 'timestamp', 'fetched_at', 'origin']);

const CODE = /^[A-Z]{3}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const RATE = /^\d+(\.\d+)?$/;

function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const t = new Date(Date.UTC(2000, 0, 1));
  t.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return t.toISOString().slice(0, 10) === text;
}

function requireDate(text: string, field: string): void {
  if (typeof text !== 'string' || !isCalendarDate(text)) throw new StoreInputError(`${field} "${String(text)}" is not a date YYYY-MM-DD`);
}

/** YYYY-MM-DD plus `days` (negative goes back). */
export function addDaysToDate(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

const keyOf = (r: Pick<FxRateRow, 'source' | 'date' | 'base' | 'quote'>): string => `${r.source}\u0000${r.date}\u0000${r.base}\u0000${r.quote}`;

function toRow(rate: FxRate, fetchedAt: string, origin: string | null, index: number): FxRateRow {
  const where = `rates[${index}] (${String(rate.source)} ${String(rate.base)}/${String(rate.quote)} ${String(rate.date)})`;
  assertStorableKey(rate.source, `${where}: source`);
  if (!CODE.test(rate.base) || !CODE.test(rate.quote)) throw new StoreInputError(`${where}: base and quote must be three-letter currency codes`);
  if (rate.base === rate.quote) throw new StoreInputError(`${where}: base and quote are the same currency`);
  requireDate(rate.date, `${where}: date`);
  // Exact decimal text only: a float or exponent here would already have lost digits.
  if (typeof rate.rate !== 'string' || !RATE.test(rate.rate) || !/[1-9]/.test(rate.rate)) {
    throw new StoreInputError(`${where}: rate ${JSON.stringify(rate.rate)} is not a positive decimal string`);
  }
  // Kept as given (XE: `2016-04-12T13:24:00Z`), after checking it is a UTC instant.
  if (rate.timestamp !== undefined) toStoredTimestamp(rate.timestamp, `${where}: timestamp`);
  return {
    source: rate.source,
    base: rate.base,
    quote: rate.quote,
    date: rate.date,
    rate: rate.rate,
    timestamp: rate.timestamp ?? null,
    fetched_at: fetchedAt,
    origin,
  };
}

/**
 * Same published figure from the same address: "1.1790" (daily file) and "1.179" (90-day
 * file) are one rate; the same figure read from another address is rewritten with it.
 */
function sameRate(stored: Pick<FxRateRow, 'rate' | 'timestamp' | 'origin'>, next: FxRateRow): boolean {
  const a = Decimal.tryParse(stored.rate);
  return a !== undefined && a.eq(Decimal.parse(next.rate)) && (stored.timestamp ?? null) === next.timestamp && (stored.origin ?? null) === next.origin;
}

/**
 * Upserts rates by (source, base, quote, date) in one transaction. New rates are inserted;
 * a changed rate (the source corrected it) is rewritten and counted as updated; the same
 * rate again, even written differently ("1.179" for "1.1790"), is left as stored and counted
 * unchanged, so a rerun writes nothing. Within one batch the last rate for a key wins.
 */
export async function upsertFxRates(db: Knex, rates: readonly FxRate[], options: FxWriteOptions = {}): Promise<UpsertFxRatesResult> {
  const fetchedAt = toStoredTimestamp(options.now ?? new Date(), 'now');
  const origin = options.origin ?? null;
  const latest = new Map<string, FxRateRow>();
  rates.forEach((rate, i) => {
    const row = toRow(rate, fetchedAt, origin, i);
    const key = keyOf(row);
    latest.delete(key);
    latest.set(key, row);
  });
  if (latest.size === 0) return { inserted: 0, updated: 0, unchanged: 0 };

  return db.transaction(async (trx) => {
    const existing = await selectExisting(trx, [...latest.values()]);
    const toWrite: FxRateRow[] = [];
    let inserted = 0;
    let updated = 0;
    for (const [key, row] of latest) {
      const stored = existing.get(key);
      if (stored === undefined) {
        inserted += 1;
        toWrite.push(row);
      } else if (!sameRate(stored, row)) {
        updated += 1;
        toWrite.push(row);
      }
    }
    await insertRows(trx, 'fx_rates', FX_COLUMNS, toWrite, FX_UPSERT);
    return { inserted, updated, unchanged: latest.size - inserted - updated };
  });
}

/** Stored rate and timestamp of the batch's keys: one query per source and chunk of dates. */
async function selectExisting(trx: Knex.Transaction, rows: readonly FxRateRow[]): Promise<Map<string, Pick<FxRateRow, 'rate' | 'timestamp' | 'origin'>>> {
  const datesBySource = new Map<string, Set<string>>();
  for (const row of rows) {
    const dates = datesBySource.get(row.source) ?? new Set<string>();
    dates.add(row.date);
    datesBySource.set(row.source, dates);
  }
  const found = new Map<string, Pick<FxRateRow, 'rate' | 'timestamp' | 'origin'>>();
  for (const [source, dates] of datesBySource) {
    for (const part of chunk([...dates], IN_LIST_CHUNK)) {
      const stored: FxRateRow[] = await trx('fx_rates')
        .select('source', 'date', 'base', 'quote', 'rate', 'timestamp', 'origin')
        .where({ source })
        .whereIn('date', part);
      for (const r of stored) found.set(keyOf(r), { rate: r.rate, timestamp: r.timestamp, origin: r.origin });
    }
  }
  return found;
}

export interface GetFxRatesQuery {
  source?: string;
  base?: string;
  /** Only these quote currencies. */
  quotes?: readonly string[];
  /** First date, YYYY-MM-DD (inclusive). */
  from: string;
  /** Last date, YYYY-MM-DD (inclusive). */
  to: string;
}

function toFxRate(row: FxRateRow): FxRate {
  if (typeof row.rate !== 'string' || !RATE.test(row.rate)) {
    throw new StoreDataError(`fx_rates ${row.source} ${row.base}/${row.quote} ${row.date}: stored rate ${JSON.stringify(row.rate)} is not decimal text`);
  }
  const rate: FxRate = { source: row.source, base: row.base, quote: row.quote, date: row.date, rate: row.rate };
  if (row.timestamp !== null && row.timestamp !== undefined) rate.timestamp = row.timestamp;
  return rate;
}

/** Sorted here, not in SQL, so both databases give the same order whatever their collation. */
function byDateSourcePair(a: FxRate, b: FxRate): number {
  for (const k of ['date', 'source', 'base', 'quote'] as const) {
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  }
  return 0;
}

/** Stored rates in [from, to], ordered by date, source, base, quote. */
export async function getFxRates(db: Knex, query: GetFxRatesQuery): Promise<FxRate[]> {
  requireDate(query.from, 'from');
  requireDate(query.to, 'to');
  const q = db('fx_rates').select('*').whereBetween('date', [query.from, query.to]);
  if (query.source !== undefined) q.andWhere({ source: query.source });
  if (query.base !== undefined) q.andWhere({ base: query.base });
  if (query.quotes !== undefined) {
    if (query.quotes.length === 0) return [];
    q.whereIn('quote', [...query.quotes]);
  }
  const rows: FxRateRow[] = await q;
  return rows.map(toFxRate).sort(byDateSourcePair);
}

/** The newest date `source` has rates stored for, or undefined. */
export async function latestFxRateDate(db: Knex, source: string): Promise<string | undefined> {
  const row = (await db('fx_rates').max({ latest: 'date' }).where({ source }).first()) as { latest: string | null } | undefined;
  return row?.latest ?? undefined;
}

export interface FxRateTableQuery {
  /** One source (ecb, xe); every source when omitted. */
  source?: string;
  /** The conversion date, YYYY-MM-DD. */
  onDate: string;
  /** Days before onDate whose rates a conversion may fall back to (default 7, convert's maxFallbackDays). */
  lookbackDays?: number;
  /** Only rates read from this address. */
  origin?: string;
}

/** Rows read from `origin`; rows of unknown origin (stored before 0003) are not trusted and get read again. */
function fromOrigin(q: Knex.QueryBuilder, origin: string | undefined): Knex.QueryBuilder {
  return origin === undefined ? q : q.andWhere({ origin });
}

export const DEFAULT_FX_LOOKBACK_DAYS = 7;

/** Whether `source` has any rate in [from, to] (read from `origin`, when given). */
export async function hasFxRates(db: Knex, query: { source: string; from: string; to: string; origin?: string }): Promise<boolean> {
  requireDate(query.from, 'from');
  requireDate(query.to, 'to');
  const row: unknown = await fromOrigin(db('fx_rates').select('date').where({ source: query.source }).whereBetween('date', [query.from, query.to]), query.origin).first();
  return row !== undefined;
}

/**
 * Everything convert() needs for conversions on `onDate`: the rates of [onDate − lookbackDays,
 * onDate], plus each source's newest date before that window, so that an older rate is
 * reported as `stale` (with its date) rather than as no rate at all.
 */
export async function fxRateTableFor(db: Knex, query: FxRateTableQuery): Promise<FxRateTable> {
  requireDate(query.onDate, 'onDate');
  const lookbackDays = query.lookbackDays ?? DEFAULT_FX_LOOKBACK_DAYS;
  if (!Number.isInteger(lookbackDays) || lookbackDays < 0) throw new StoreInputError(`lookbackDays must be a non-negative integer, got ${lookbackDays}`);
  const windowStart = addDaysToDate(query.onDate, -lookbackDays);
  const inWindow = db('fx_rates').select('*').whereBetween('date', [windowStart, query.onDate]);
  if (query.source !== undefined) inWindow.andWhere({ source: query.source });
  const rows: FxRateRow[] = await fromOrigin(inWindow, query.origin);

  const before = db('fx_rates').select('source').max({ latest: 'date' }).where('date', '<', windowStart).groupBy('source');
  if (query.source !== undefined) before.andWhere({ source: query.source });
  const older = (await fromOrigin(before, query.origin)) as { source: string; latest: string }[];
  for (const { source, latest } of older) {
    const extra: FxRateRow[] = await fromOrigin(db('fx_rates').select('*').where({ source, date: latest }), query.origin);
    rows.push(...extra);
  }
  // Source order is the table's preference on ties: alphabetical, so ecb before xe.
  return createFxRateTable(rows.map(toFxRate).sort((a, b) => (a.source === b.source ? byDateSourcePair(a, b) : a.source < b.source ? -1 : 1)));
}
