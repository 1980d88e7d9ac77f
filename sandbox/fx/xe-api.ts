/**
 * The XE Currency Data API v1 stand-in: convert_from.json and historic_rate.json, mid rates
 * crossed from the sandbox's EUR values and written as JSON numbers with up to 10 decimals,
 * as XE writes them. Errors are XE-shaped `{ code, message, documentation_url }` (the codes
 * are the sandbox's own).
 */
import { Decimal } from '../../mappings/canonical/decimal.js';
import type { RateBook } from './generated-rates.js';
import { SANDBOX_CURRENCIES } from './currency-data.js';

export const XE_TERMS = 'http://www.xe.com/legal/dfs.php';
export const XE_PRIVACY = 'http://www.xe.com/privacy.php';
export const XE_DOCUMENTATION_URL = 'https://xecdapi.xe.com/docs/v1/';

export interface XeReply {
  readonly status: number;
  /** JSON text; rates are number literals, not strings. */
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export function xeError(status: number, code: number, message: string, headers?: Readonly<Record<string, string>>): XeReply {
  return { status, body: JSON.stringify({ code, message, documentation_url: XE_DOCUMENTATION_URL }), ...(headers === undefined ? {} : { headers }) };
}

/** Every code the stand-in quotes, EUR included. */
export function xeCodes(): string[] {
  return ['EUR', ...SANDBOX_CURRENCIES.keys()];
}

/** A mid as XE prints it: at most 10 decimals, no trailing zeros. */
function midText(value: Decimal): string {
  const text = value.round(10, 'half-even').toString();
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

interface RatesQuery {
  readonly from: string;
  readonly to: readonly string[];
  readonly amount: Decimal;
}

function parseRatesQuery(params: URLSearchParams): RatesQuery | XeReply {
  const from = params.get('from') ?? 'USD';
  const toParam = params.get('to');
  if (toParam === null || toParam === '') return xeError(400, 2, 'Required parameter to is missing');
  const amountText = params.get('amount') ?? '1';
  const amount = Decimal.tryParse(amountText);
  if (amount === undefined || amount.isNegative() || amount.isZero()) return xeError(400, 5, `Invalid amount ${amountText}`);
  const codes = new Set(xeCodes());
  if (!codes.has(from)) return xeError(400, 7, `No ${from} found`);
  const to = toParam === '*' ? xeCodes() : toParam.split(',');
  for (const code of to) if (!codes.has(code)) return xeError(400, 7, `No ${code} found`);
  return { from, to, amount };
}

function ratesBody(book: RateBook, query: RatesQuery, date: string, timestamp: string): string {
  const fromValue = book.eurValue(query.from, date)!;
  // mid = amount × (1 EUR in to) / (1 EUR in from), crossed exactly, then printed to 10 decimals.
  const to = query.to.map((code) => `{"quotecurrency":"${code}","mid":${midText(query.amount.mul(book.eurValue(code, date)!).div(fromValue, 16))}}`);
  const head = JSON.stringify({ terms: XE_TERMS, privacy: XE_PRIVACY, from: query.from });
  return `${head.slice(0, -1)},"amount":${query.amount.toString()},"timestamp":"${timestamp}","to":[${to.join(',')}]}`;
}

/** GET /v1/convert_from.json?from=&to=&amount= at `now` (rates of today's UTC date, stamped to the minute). */
export function convertFrom(book: RateBook, params: URLSearchParams, now: Date): XeReply {
  const query = parseRatesQuery(params);
  if ('status' in query) return query;
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString().replace('.000Z', 'Z');
  return { status: 200, body: ratesBody(book, query, minute.slice(0, 10), minute) };
}

/** GET /v1/historic_rate.json?from=&date=&to=&time=&amount= (XE has a rate for every calendar day). */
export function historicRate(book: RateBook, params: URLSearchParams, now: Date): XeReply {
  const date = params.get('date');
  if (date === null || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    return xeError(400, 3, `Invalid date ${date ?? '(missing)'}: expected YYYY-MM-DD`);
  }
  const time = params.get('time') ?? '00:00';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return xeError(400, 3, `Invalid time ${time}: expected HH:MM`);
  const timestamp = `${date}T${time}:00Z`;
  if (Date.parse(timestamp) > now.getTime()) return xeError(400, 3, `No rates for ${date} ${time}: it is in the future`);
  const query = parseRatesQuery(params);
  if ('status' in query) return query;
  return { status: 200, body: ratesBody(book, query, date, timestamp) };
}
