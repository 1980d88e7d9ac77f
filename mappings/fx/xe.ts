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
export const XE_HISTORIC_RATE_RECORD_TYPE = 'fx.xe.historic-rate';

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

function mapXeRates(recordType: string, body: unknown): MappingResult<FxRateBatch> {
  const issues = new FxIssues();
  const error = (id?: string): MappingResult<FxRateBatch> => fail(new MappingError(recordType, id, issues.list()));
  if (!isWire(body)) {
    issues.add('(record)', `expected a JSON object, got ${typeName(body)}`);
    return error();
  }

  const from = own(body, 'from');
  let base: string | undefined;
  if (typeof from !== 'string') issues.add('from', from === undefined ? 'is required but missing' : `expected a currency code, got ${typeName(from)}`, from);
  else if (checkCurrencyCode(from) !== 'iso') issues.add('from', 'is not an ISO 4217 currency code', from);
  else base = from;

  // mid = amount × rate: only amount 1 yields the rate itself, exactly.
  const amount = own(body, 'amount');
  const amountText = typeof amount === 'number' ? String(amount) : amount;
  const amountDecimal = typeof amountText === 'string' ? positiveDecimalText(amountText) : undefined;
  if (amountDecimal === undefined || !/^1(\.0+)?$/.test(amountDecimal)) {
    issues.add('amount', 'must be 1: rates are read from amount=1 answers', typeof amount === 'object' ? typeName(amount) : amount);
  }

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

  const to = own(body, 'to');
  const rates: FxRate[] = [];
  const skipped = new FxIssues();
  if (!Array.isArray(to)) {
    issues.add('to', to === undefined ? 'is required but missing' : `expected an array, got ${typeName(to)}`);
  } else if (to.length === 0) {
    issues.add('to', 'is empty: no rates in the answer');
  } else {
    const seen = new Map<string, string>();
    to.forEach((entry: unknown, i) => {
      const field = `to[${i}]`;
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
        skipped.add(`${field}.quotecurrency`, `${quote} is the from currency itself (rate 1): left out`, quote);
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
