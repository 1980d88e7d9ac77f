import { isCurrencyCode } from '../canonical/currencies.js';
import { parseDecimalMoney, type Money } from '../canonical/money.js';
import type { MappingIssue } from '../canonical/result.js';
import { normaliseUtcTimestamp } from './utc-timestamp.js';

/**
 * Runtime-checked readers for untrusted wire records. Each reader takes the record, the key and
 * the dotted path to report, and records an issue instead of throwing. `null` reads as absent
 * (JSON writers emit it for missing fields); a blank string reads as absent for optional text
 * (Amazon sends `""` for "none", e.g. `IossNumber`).
 */

export type WireRecord = Readonly<Record<string, unknown>>;

export function isWireRecord(value: unknown): value is WireRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own properties only: a key such as `constructor` must not reach Object.prototype. */
export function own(record: WireRecord, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function typeName(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const SHOWN_STRING_LENGTH = 80;

/** Issues of one record, in reading order. The offending value is kept only when short and primitive. */
export class IssueList {
  readonly issues: MappingIssue[] = [];

  add(field: string, message: string, value?: unknown): void {
    const shown =
      value === null ||
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      (typeof value === 'string' && value.length <= SHOWN_STRING_LENGTH);
    this.issues.push(shown ? { field, message, value } : { field, message });
  }

  get size(): number {
    return this.issues.length;
  }
}

const isAbsent = (v: unknown): v is undefined | null => v === undefined || v === null;

/** Optional text; blank reads as absent. Non-blank strings are returned exactly as given. */
export function readText(record: WireRecord, key: string, path: string, issues: IssueList): string | undefined {
  const v = own(record, key);
  if (isAbsent(v)) return undefined;
  if (typeof v !== 'string') {
    issues.add(path, `expected a string, got ${typeName(v)}`, v);
    return undefined;
  }
  return v.trim() === '' ? undefined : v;
}

/** Text the model requires: missing or blank is an issue. */
export function readRequiredText(record: WireRecord, key: string, path: string, issues: IssueList): string | undefined {
  const v = own(record, key);
  if (isAbsent(v)) {
    issues.add(path, 'is required but missing');
    return undefined;
  }
  if (typeof v !== 'string') {
    issues.add(path, `expected a string, got ${typeName(v)}`, v);
    return undefined;
  }
  if (v.trim() === '') {
    issues.add(path, 'is required but blank', v);
    return undefined;
  }
  return v;
}

/**
 * Booleans; the Orders v0 model sends some (`IsGift`) as text, and getOrders sends
 * `IsReplacementOrder` as "true"/"false" (selling-partner-api-models#2166, #2647), also "False".
 */
export function readBoolean(record: WireRecord, key: string, path: string, issues: IssueList): boolean | undefined {
  const v = own(record, key);
  if (isAbsent(v) || (typeof v === 'string' && v.trim() === '')) return undefined;
  const text = typeof v === 'string' ? v.trim().toLowerCase() : undefined;
  if (v === true || text === 'true') return true;
  if (v === false || text === 'false') return false;
  issues.add(path, `expected true or false, got ${typeof v === 'string' ? `"${v}"` : typeName(v)}`, v);
  return undefined;
}

/** A count of items: a non-negative safe integer, as a JSON number or its digits ("1", as XML-era payloads carry it). */
export function readCount(
  record: WireRecord,
  key: string,
  path: string,
  issues: IssueList,
  required: boolean,
): number | undefined {
  const v = own(record, key);
  if (isAbsent(v)) {
    if (required) issues.add(path, 'is required but missing');
    return undefined;
  }
  if (typeof v === 'string' && /^\s*\d{1,15}\s*$/.test(v)) return Number(v);
  if (typeof v !== 'number') {
    issues.add(path, `expected a non-negative integer, got ${typeof v === 'string' ? `"${v}"` : typeName(v)}`, v);
    return undefined;
  }
  if (!Number.isSafeInteger(v) || v < 0) {
    issues.add(path, `${v} is not a non-negative integer`, v);
    return undefined;
  }
  return v;
}

/** An ISO 8601 date-time, returned in canonical UTC `…Z` form. */
export function readTimestamp(
  record: WireRecord,
  key: string,
  path: string,
  issues: IssueList,
  required: boolean,
): string | undefined {
  const v = own(record, key);
  if (isAbsent(v) || v === '') {
    if (required) issues.add(path, 'is required but missing');
    return undefined;
  }
  if (typeof v !== 'string') {
    issues.add(path, `expected an ISO 8601 date-time string, got ${typeName(v)}`, v);
    return undefined;
  }
  const r = normaliseUtcTimestamp(v);
  if (!r.ok) {
    issues.add(path, r.message, v);
    return undefined;
  }
  return r.value;
}

/** An optional nested object. */
export function readObject(record: WireRecord, key: string, path: string, issues: IssueList): WireRecord | undefined {
  const v = own(record, key);
  if (isAbsent(v)) return undefined;
  if (!isWireRecord(v)) {
    issues.add(path, `expected an object, got ${typeName(v)}`, v);
    return undefined;
  }
  return v;
}

/**
 * The one currency all money of a record must share. `currency` starts as the order currency,
 * or undefined for a line read on its own, in which case the line's first money fixes it.
 */
export interface CurrencyScope {
  currency: string | undefined;
  readonly label: string;
}

/** Member names of a wire Money: Orders v0 writes {CurrencyCode, Amount}, Orders 2026-01-01 {currencyCode, amount}. */
export interface MoneyKeys {
  readonly code: string;
  readonly amount: string;
}
export const V0_MONEY_KEYS: MoneyKeys = { code: 'CurrencyCode', amount: 'Amount' };
export const ORDERS_2026_MONEY_KEYS: MoneyKeys = { code: 'currencyCode', amount: 'amount' };

/**
 * The currency of a wire Money that carries an amount, when its code is a known ISO 4217 code;
 * used to choose the order currency before the money is read (and checked) field by field.
 */
export function moneyCurrency(value: unknown, keys: MoneyKeys = V0_MONEY_KEYS): string | undefined {
  if (!isWireRecord(value)) return undefined;
  const code = own(value, keys.code);
  const amount = own(value, keys.amount);
  return typeof code === 'string' && typeof amount === 'string' && isCurrencyCode(code) ? code : undefined;
}

/**
 * A wire `Money` {CurrencyCode, Amount} → canonical Money in the currency's minor units.
 * A Money without Amount is no money (absent); an Amount without a currency, an amount that is
 * not a plain decimal ("19,99"), one with more decimals than the currency has, and a currency
 * other than the scope's are issues.
 */
export function readMoney(
  record: WireRecord,
  key: string,
  path: string,
  scope: CurrencyScope,
  issues: IssueList,
  keys: MoneyKeys = V0_MONEY_KEYS,
): Money | undefined {
  const v = own(record, key);
  if (isAbsent(v)) return undefined;
  if (!isWireRecord(v)) {
    issues.add(path, `expected a Money object {${keys.code}, ${keys.amount}}, got ${typeName(v)}`, v);
    return undefined;
  }
  const code = own(v, keys.code);
  const amount = own(v, keys.amount);
  let currency: string | undefined;
  let codeReported = false;
  if (!isAbsent(code)) {
    if (typeof code !== 'string') {
      issues.add(`${path}.${keys.code}`, `expected a string, got ${typeName(code)}`, code);
      codeReported = true;
    } else if (!isCurrencyCode(code)) {
      issues.add(`${path}.${keys.code}`, `"${code}" is not an ISO 4217 currency code`, code);
      codeReported = true;
    } else {
      currency = code;
    }
  }
  if (isAbsent(amount)) return undefined;
  if (typeof amount !== 'string') {
    // A JSON number would already have passed through a float.
    issues.add(`${path}.${keys.amount}`, `expected a decimal string, got ${typeName(amount)}`, amount);
    return undefined;
  }
  if (currency === undefined) {
    if (!codeReported) issues.add(`${path}.${keys.code}`, `is missing, so ${keys.amount} "${amount}" has no currency`);
    return undefined;
  }
  let matches = true;
  if (scope.currency === undefined) {
    scope.currency = currency;
  } else if (scope.currency !== currency) {
    issues.add(`${path}.${keys.code}`, `${currency} differs from the ${scope.label} ${scope.currency}`, currency);
    matches = false;
  }
  const parsed = parseDecimalMoney(amount, currency);
  if (!parsed.ok) {
    issues.add(`${path}.${keys.amount}`, parsed.message, amount);
    return undefined;
  }
  return matches ? parsed.money : undefined;
}
