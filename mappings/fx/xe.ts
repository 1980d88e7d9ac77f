/**
 * XE Currency Data API v1 (convert_from.json, historic_rate.json) → canonical FxRate. Pure
 * and total.
 *
 * Input: the body as readDecimalJson reads it, numbers as decimal text, so `mid` arrives as
 * "0.6817819473" exactly as published. A `mid` that is a JS number went through a float
 * and is refused. Both endpoints answer the same envelope:
 *
 *   { "from": "CAD", "amount": 1, "timestamp": "2016-04-12T13:24:00Z",
 *     "to": [ { "quotecurrency": "EUR", "mid": 0.6817819473 } ] }
 *
 * 1 `from` = mid `quotecurrency` when amount is 1, which is how the connector asks. The
 * rate's date is the timestamp's UTC date; the timestamp is kept.
 */
import type { FxRate } from '../canonical/fx.js';
import { MappingError, fail, ok, type MappingResult } from '../canonical/result.js';
import { utcInstant } from './calendar-date.js';
import { checkCurrencyCode, FxIssues, notIsoMessage, positiveDecimalText, XE_SOURCE, type FxRateBatch } from './rate-batch.js';

export const XE_CONVERT_FROM_RECORD_TYPE = 'fx.xe.convert-from';
export const XE_CONVERT_TO_RECORD_TYPE = 'fx.xe.convert-to';
export const XE_HISTORIC_RATE_RECORD_TYPE = 'fx.xe.historic-rate';
export const XE_HISTORIC_RATE_PERIOD_RECORD_TYPE = 'fx.xe.historic-rate-period';
export const XE_MONTHLY_AVERAGE_RECORD_TYPE = 'fx.xe.monthly-average';

/**
 * Which envelope: convert_from and historic_rate name one `from` and list `to[]`; convert_to
 * names one `to` and lists `from[]` (mid = units of each listed currency per one `to`, the
 * same direction as convert_from seen from `to`).
 */
interface Envelope {
  readonly baseKey: 'from' | 'to';
  readonly listKey: 'to' | 'from';
}
const FROM_ENVELOPE: Envelope = { baseKey: 'from', listKey: 'to' };
const TO_ENVELOPE: Envelope = { baseKey: 'to', listKey: 'from' };

type Wire = Readonly<Record<string, unknown>>;

function isWire(v: unknown): v is Wire {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(record: Wire, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The envelope's base currency (from, or to for convert_to) and its amount, which must be 1; issues are added. */
function readBaseAndAmount(body: Wire, baseKey: 'from' | 'to', issues: FxIssues): string | undefined {
  const from = own(body, baseKey);
  let base: string | undefined;
  if (typeof from !== 'string') issues.add(baseKey, from === undefined ? 'is required but missing' : `expected a currency code, got ${typeName(from)}`, from);
  else if (checkCurrencyCode(from) !== 'iso') issues.add(baseKey, 'is not an ISO 4217 currency code', from);
  else base = from;

  // mid = amount × rate: only amount 1 yields the rate itself, exactly.
  const amount = own(body, 'amount');
  const amountText = typeof amount === 'number' ? String(amount) : amount;
  const amountDecimal = typeof amountText === 'string' ? positiveDecimalText(amountText) : undefined;
  if (amountDecimal === undefined || !/^1(\.0+)?$/.test(amountDecimal)) {
    issues.add('amount', 'must be 1: rates are read from amount=1 answers', typeof amount === 'object' ? typeName(amount) : amount);
  }
  return base;
}

function mapXeRates(recordType: string, body: unknown, envelope: Envelope = FROM_ENVELOPE): MappingResult<FxRateBatch> {
  const { baseKey, listKey } = envelope;
  const issues = new FxIssues();
  const error = (id?: string): MappingResult<FxRateBatch> => fail(new MappingError(recordType, id, issues.list()));
  if (!isWire(body)) {
    issues.add('(record)', `expected a JSON object, got ${typeName(body)}`);
    return error();
  }

  const base = readBaseAndAmount(body, baseKey, issues);

  const rawTimestamp = own(body, 'timestamp');
  let date: string | undefined;
  let timestamp: string | undefined;
  if (typeof rawTimestamp !== 'string') {
    issues.add('timestamp', rawTimestamp === undefined ? 'is required but missing' : `expected a string, got ${typeName(rawTimestamp)}`, rawTimestamp);
  } else {
    const instant = utcInstant(rawTimestamp);
    if (instant.ok) {
      date = instant.date;
      timestamp = instant.timestamp;
    } else issues.add('timestamp', instant.message, rawTimestamp);
  }

  const to = own(body, listKey);
  const rates: FxRate[] = [];
  const skipped = new FxIssues();
  if (!Array.isArray(to)) {
    issues.add(listKey, to === undefined ? 'is required but missing' : `expected an array, got ${typeName(to)}`);
  } else if (to.length === 0) {
    issues.add(listKey, 'is empty: no rates in the answer');
  } else {
    const seen = new Map<string, string>();
    to.forEach((entry: unknown, i) => {
      const field = `${listKey}[${i}]`;
      if (!isWire(entry)) {
        issues.add(field, `expected an object, got ${typeName(entry)}`);
        return;
      }
      const quote = own(entry, 'quotecurrency');
      const mid = own(entry, 'mid');
      if (typeof quote !== 'string') {
        issues.add(`${field}.quotecurrency`, quote === undefined ? 'is required but missing' : `expected a currency code, got ${typeName(quote)}`, quote);
        return;
      }
      const check = checkCurrencyCode(quote);
      if (check === 'malformed') {
        issues.add(`${field}.quotecurrency`, 'is not a three-letter currency code', quote);
        return;
      }
      if (typeof mid === 'number') {
        issues.add(`${field}.mid`, 'is a JS number (it went through a float): read the raw body with readDecimalJson', mid);
        return;
      }
      if (typeof mid !== 'string') {
        issues.add(`${field}.mid`, mid === undefined ? 'is required but missing' : `expected a decimal number, got ${typeName(mid)}`);
        return;
      }
      const rate = positiveDecimalText(mid);
      if (rate === undefined) {
        issues.add(`${field}.mid`, 'is not a positive decimal number', mid);
        return;
      }
      if (check === 'not_iso') {
        skipped.add(`${field}.quotecurrency`, notIsoMessage(quote), quote);
        return;
      }
      if (quote === base) {
        skipped.add(`${field}.quotecurrency`, `${quote} is the ${baseKey} currency itself (rate 1): left out`, quote);
        return;
      }
      const earlier = seen.get(quote);
      if (earlier !== undefined) {
        if (earlier !== rate) issues.add(field, `${quote} appears twice with different rates (${earlier} and ${rate})`);
        return;
      }
      seen.set(quote, rate);
      if (base !== undefined && date !== undefined && timestamp !== undefined) {
        rates.push({ source: XE_SOURCE, base, quote, date, rate, timestamp });
      }
    });
  }

  if (issues.size > 0) return error(base === undefined || date === undefined ? undefined : `${base}@${timestamp}`);
  return ok({ rates, skipped: skipped.list() });
}

/** GET /v1/convert_from.json (amount=1) → FxRates from `from` to each `to[].quotecurrency`. */
export function xeConvertFromToFxRates(body: unknown): MappingResult<FxRateBatch> {
  return mapXeRates(XE_CONVERT_FROM_RECORD_TYPE, body);
}

/** GET /v1/historic_rate.json (amount=1) → FxRates for the timestamp's UTC date. */
export function xeHistoricRateToFxRates(body: unknown): MappingResult<FxRateBatch> {
  return mapXeRates(XE_HISTORIC_RATE_RECORD_TYPE, body);
}

/** GET /v1/convert_to.json (amount=1) → FxRates from `to` to each `from[].quotecurrency`. */
export function xeConvertToToFxRates(body: unknown): MappingResult<FxRateBatch> {
  return mapXeRates(XE_CONVERT_TO_RECORD_TYPE, body, TO_ENVELOPE);
}

/**
 * GET /v1/historic_rate/period.json (amount=1) → FxRates, one per quote currency and UTC
 * date. The envelope lists rates per currency, each with its own timestamp:
 *
 *   { "from": "USD", "amount": 1, "to": { "CAD": [ { "mid": 1.2345, "timestamp": "…Z" } ] } }
 *
 * With an interval finer than a day several rates fall on one date: the latest is kept and
 * the others are listed as skipped, never silently dropped.
 */
export function xeHistoricRatePeriodToFxRates(body: unknown): MappingResult<FxRateBatch> {
  const recordType = XE_HISTORIC_RATE_PERIOD_RECORD_TYPE;
  const issues = new FxIssues();
  if (!isWire(body)) {
    issues.add('(record)', `expected a JSON object, got ${typeName(body)}`);
    return fail(new MappingError(recordType, undefined, issues.list()));
  }
  const base = readBaseAndAmount(body, 'from', issues);

  const to = own(body, 'to');
  const skipped = new FxIssues();
  // quote → date → the latest rate of that date.
  const byQuote = new Map<string, Map<string, { rate: string; timestamp: string; field: string }>>();
  if (!isWire(to)) {
    issues.add('to', to === undefined ? 'is required but missing' : `expected an object of currency → rates, got ${typeName(to)}`);
  } else if (Object.keys(to).length === 0) {
    issues.add('to', 'is empty: no rates in the answer');
  } else {
    for (const [quote, list] of Object.entries(to)) {
      const field = `to.${quote}`;
      const check = checkCurrencyCode(quote);
      if (check === 'malformed') {
        issues.add(field, 'is not a three-letter currency code', quote);
        continue;
      }
      if (!Array.isArray(list)) {
        issues.add(field, `expected an array of rates, got ${typeName(list)}`);
        continue;
      }
      if (check === 'not_iso') {
        skipped.add(field, notIsoMessage(quote), quote);
        continue;
      }
      if (quote === base) {
        skipped.add(field, `${quote} is the from currency itself (rate 1): left out`, quote);
        continue;
      }
      const dates = new Map<string, { rate: string; timestamp: string; field: string }>();
      list.forEach((entry: unknown, i) => {
        const at = `${field}[${i}]`;
        if (!isWire(entry)) {
          issues.add(at, `expected an object, got ${typeName(entry)}`);
          return;
        }
        const mid = own(entry, 'mid');
        const rawTimestamp = own(entry, 'timestamp');
        if (typeof mid === 'number') {
          issues.add(`${at}.mid`, 'is a JS number (it went through a float): read the raw body with readDecimalJson', mid);
          return;
        }
        const rate = typeof mid === 'string' ? positiveDecimalText(mid) : undefined;
        if (rate === undefined) {
          issues.add(`${at}.mid`, mid === undefined ? 'is required but missing' : 'is not a positive decimal number', typeof mid === 'string' ? mid : undefined);
          return;
        }
        if (typeof rawTimestamp !== 'string') {
          issues.add(`${at}.timestamp`, rawTimestamp === undefined ? 'is required but missing' : `expected a string, got ${typeName(rawTimestamp)}`, rawTimestamp);
          return;
        }
        const instant = utcInstant(rawTimestamp);
        if (!instant.ok) {
          issues.add(`${at}.timestamp`, instant.message, rawTimestamp);
          return;
        }
        const earlier = dates.get(instant.date);
        if (earlier === undefined) {
          dates.set(instant.date, { rate, timestamp: instant.timestamp, field: at });
        } else if (earlier.timestamp === instant.timestamp) {
          if (earlier.rate !== rate) issues.add(at, `${quote} at ${instant.timestamp} appears twice with different rates (${earlier.rate} and ${rate})`);
        } else {
          const [kept, dropped] = earlier.timestamp < instant.timestamp ? [{ rate, timestamp: instant.timestamp, field: at }, earlier] : [earlier, { rate, timestamp: instant.timestamp, field: at }];
          dates.set(instant.date, kept);
          skipped.add(dropped.field, `${quote} ${dropped.rate} at ${dropped.timestamp}: a later rate of ${instant.date} (${kept.timestamp}) is kept`);
        }
      });
      byQuote.set(quote, dates);
    }
  }
  if (issues.size > 0) return fail(new MappingError(recordType, base, issues.list()));
  const rates: FxRate[] = [];
  for (const [quote, dates] of byQuote) {
    for (const [date, r] of [...dates].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      rates.push({ source: XE_SOURCE, base: base!, quote, date, rate: r.rate, timestamp: r.timestamp });
    }
  }
  return ok({ rates, skipped: skipped.list() });
}

/**
 * Any XE Currency Data rates body, recognised by its shape: convert_from / historic_rate,
 * convert_to, or historic_rate/period. A monthly_average body is refused: an average of a
 * month is not a rate of a day and is never stored as one.
 */
export function xeBodyToFxRates(body: unknown): MappingResult<FxRateBatch> {
  if (isWire(body)) {
    if (Object.hasOwn(body, 'year') && isWire(own(body, 'to'))) {
      return fail(
        new MappingError(XE_MONTHLY_AVERAGE_RECORD_TYPE, undefined, [
          { field: 'to', message: 'monthly_average.json holds monthly averages, not daily rates: Caravan stores no average as a rate of a day' },
        ]),
      );
    }
    if (isWire(own(body, 'to'))) return xeHistoricRatePeriodToFxRates(body);
    if (typeof own(body, 'to') === 'string' && Array.isArray(own(body, 'from'))) return xeConvertToToFxRates(body);
  }
  return xeConvertFromToFxRates(body);
}
