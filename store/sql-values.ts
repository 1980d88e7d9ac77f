import { StoreDataError, StoreInputError } from './store-errors.js';

/**
 * Converts an integer read from the database to a number. node-postgres returns BIGINT
 * (and COUNT(*)) as strings because they may exceed 2^53; anything outside the safe
 * range is refused rather than rounded.
 */
export function toSafeInteger(value: unknown, column: string): number {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'string' && /^-?\d+$/.test(value)) n = Number(value);
  else throw new StoreDataError(`${column}: expected an integer from the database, got ${describe(value)}`);
  // A decimal string beyond 2^53 parses to a number >= 2^53, which is not safe either.
  if (!Number.isSafeInteger(n)) {
    throw new StoreDataError(`${column}: ${String(value)} is outside the safe integer range (|n| < 2^53)`);
  }
  return n;
}

export function toOptionalSafeInteger(value: unknown, column: string): number | undefined {
  return value === null || value === undefined ? undefined : toSafeInteger(value, column);
}

function describe(value: unknown): string {
  return value === null ? 'null' : `${typeof value} ${String(value).slice(0, 40)}`;
}

const UTC_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/;

/**
 * Normalises a UTC ISO 8601 timestamp to the one fixed-width text form the store keeps
 * (`YYYY-MM-DDTHH:MM:SS.sssZ`, as Date#toISOString), so text comparison is time order on
 * SQLite and PostgreSQL alike. Digits beyond milliseconds are dropped (the full value stays
 * in the JSON record).
 */
export function toStoredTimestamp(value: string | Date, field: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new StoreInputError(`${field}: invalid Date`);
    return value.toISOString();
  }
  const m = UTC_TIMESTAMP.exec(value);
  if (!m) throw new StoreInputError(`${field}: "${value}" is not a UTC ISO 8601 timestamp ending in Z`);
  return `${m[1]}.${(m[2] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
}

/**
 * A sort key that orders UTC ISO 8601 timestamps of any fractional precision by time
 * (nanosecond digits kept), or undefined when `value` is not one.
 */
export function timestampSortKey(value: string): string | undefined {
  const m = UTC_TIMESTAMP.exec(value);
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}Z` : undefined;
}

// Lone UTF-16 surrogates cannot be encoded as UTF-8, and PostgreSQL text cannot hold NUL.
const UNSTORABLE_SOURCE = String.raw`\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]`;
const HAS_UNSTORABLE = new RegExp(UNSTORABLE_SOURCE);
const UNSTORABLE = new RegExp(UNSTORABLE_SOURCE, 'g');

/**
 * Makes vendor text storable in a plain text column on both databases: NUL and lone
 * surrogates become U+FFFD. Only for descriptive columns; the JSON record keeps the exact
 * value (JSON escapes both).
 */
export function storableText(value: string): string;
export function storableText(value: string | undefined): string | null;
export function storableText(value: string | undefined): string | null {
  if (value === undefined) return null;
  return HAS_UNSTORABLE.test(value) ? value.replace(UNSTORABLE, '\uFFFD') : value;
}

/** Key columns must round-trip exactly, so unstorable characters there are refused. */
export function assertStorableKey(value: string, field: string): void {
  if (value.length === 0) throw new StoreInputError(`${field} must not be empty`);
  if (HAS_UNSTORABLE.test(value)) {
    throw new StoreInputError(`${field} ${JSON.stringify(value)} contains NUL or a lone surrogate, which cannot be stored`);
  }
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Rows per multi-row statement for `columns` bound columns: within SQLite's 32 766 host
 * parameters and PostgreSQL's 65 535, and no more than 500 rows, past which a statement
 * only costs more to build and parse.
 */
export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.min(500, Math.floor(30_000 / columns)));
}

/** Parameters per IN (...) list. */
export const IN_LIST_CHUNK = 500;
