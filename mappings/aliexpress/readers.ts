/**
 * Readers shared by the AliExpress mappings: platform-local times → UTC, money objects in
 * each form the platform sends → canonical Money, quantities, and the issue list every mapping
 * fills. Pure (Intl's time-zone data is part of the language, not I/O).
 */
import type { WireMoney } from '../../connectors/aliexpress/schemas/wire.js';
import { currencyInfo } from '../canonical/currencies.js';
import { parseDecimalMoney, type Money } from '../canonical/money.js';
import { normaliseUtcTimestamp } from '../canonical/utc-timestamp.js';
import type { MappingIssue } from '../canonical/result.js';

export class Issues {
  readonly list: MappingIssue[] = [];
  add(field: string, message: string, value?: unknown): void {
    const short = typeof value === 'string' ? value.length <= 80 : typeof value === 'number' || typeof value === 'boolean';
    this.list.push({ field, message, ...(short ? { value } : {}) });
  }
  get size(): number {
    return this.list.length;
  }
}

/**
 * The time zone AliExpress order APIs write their local times in: US Pacific time
 * (America/Los_Angeles, GMT-8, GMT-7 in summer). retailcrm/aliexpress-top-client deserialises
 * `gmt_create` and the other order times as PST (ClientTest::testAliexpressSolutionOrderGet,
 * TimezoneDeserializeSubscriber), and the Alibaba.com platform's own order dates print as
 * "PDT"/"PST" beside their epoch milliseconds (../shared/vendor/alibaba samples); sellers'
 * integrations note the same ("create_date_start - PST (pacific time 10 hours moscow difference)",
 * pail-supermasta/tmall v1.0/orders/ali_express/ali_order_list.php: 10 h is PDT against Moscow).
 * TOP *request* timestamps are GMT+8 instead (connectors/aliexpress/signing.ts).
 */
export const ALIEXPRESS_ORDER_TIME_ZONE = 'America/Los_Angeles';

const LOCAL = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const US_LOCAL = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** The zone's offset from UTC, in ms, at the instant `utcMs`. */
function zoneOffsetMs(zone: string, utcMs: number): number {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

export type TimeResult = { ok: true; value: string } | { ok: false; message: string };

/**
 * A platform time → canonical UTC: local wall-clock text (`2024-09-09 21:00:03`, `10/12/2017
 * 12:12:12`) read in `zone`; ISO 8601 with a zone as it says; epoch milliseconds (number or
 * digits) as they are. In a daylight-saving gap or overlap the earlier offset wins.
 */
export function platformTimeToUtc(raw: string, zone: string): TimeResult {
  const text = raw.trim();
  if (/^\d{12,14}$/.test(text)) return { ok: true, value: new Date(Number(text)).toISOString().replace('.000Z', 'Z') };
  const m = LOCAL.exec(text);
  const u = m ? undefined : US_LOCAL.exec(text);
  if (!m && !u) return normaliseUtcTimestamp(text);
  const [y, mo, d, h, mi, s] = m ? [m[1], m[2], m[3], m[4], m[5], m[6]] : [u![3], u![1], u![2], u![4], u![5], u![6]];
  const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? '0')] as const;
  const wall = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== fields[0] || check.getUTCMonth() !== fields[1] - 1 || check.getUTCDate() !== fields[2] || fields[3] > 23 || fields[4] > 59 || fields[5] > 59) {
    return { ok: false, message: `"${raw}" is not a real date and time` };
  }
  // wall - offset(at the guess), then once more at the result (daylight-saving edges).
  let utc = wall - zoneOffsetMs(zone, wall);
  const again = wall - zoneOffsetMs(zone, utc);
  if (again !== utc) utc = Math.min(utc, again);
  return { ok: true, value: new Date(utc).toISOString().replace('.000Z', 'Z') };
}

/** An ISO alpha-2 country as AliExpress writes it ("UK" for the United Kingdom is GB). */
export function countryCode(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const c = raw.trim().toUpperCase();
  return c === 'UK' ? 'GB' : c;
}

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** Text of a JSON amount: strings as sent, numbers by their shortest round-trip text (≤ 15 significant digits are exact). */
function amountText(v: string | number): string | undefined {
  const t = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v.trim();
  return DECIMAL_TEXT.test(t) ? t : undefined;
}

/** The currency a money object states: `currency_code`, or `currency` as a code or `{ currency_code }`. */
export function wireCurrency(m: WireMoney): string | undefined {
  const c = m.currency_code ?? (typeof m.currency === 'string' ? m.currency : (m.currency?.currency_code ?? undefined));
  return c === undefined || c === null || c.trim() === '' ? undefined : c.trim().toUpperCase();
}

/**
 * A money object → Money in the currency it states. `amount` is decimal text (or a JSON number);
 * without it, the cents form `cent` ÷ `cent_factor` (a power of ten; the currency's own minor
 * unit when no factor is given). Never rounded: more decimals than the currency has is an issue.
 */
export function readWireMoney(m: WireMoney | undefined, field: string, issues: Issues): Money | undefined {
  if (m === undefined) return undefined;
  const currency = wireCurrency(m);
  const hasAmount = m.amount !== undefined && m.amount !== null && m.amount !== '';
  const hasCent = m.cent !== undefined && m.cent !== null && m.cent !== '';
  if (!hasAmount && !hasCent) return undefined;
  if (currency === undefined) {
    issues.add(`${field}.currency_code`, 'an amount without a currency');
    return undefined;
  }
  const info = currencyInfo(currency);
  if (info === undefined) {
    issues.add(`${field}.currency_code`, `unknown currency "${currency}"`, currency);
    return undefined;
  }
  let text: string | undefined;
  if (hasAmount) {
    text = amountText(m.amount!);
    if (text === undefined) {
      issues.add(`${field}.amount`, 'is not a decimal amount', m.amount);
      return undefined;
    }
  } else {
    const cent = amountText(m.cent!);
    const factorRaw = m.cent_factor === undefined || m.cent_factor === null || m.cent_factor === '' ? String(10 ** info.exponent) : amountText(m.cent_factor);
    if (cent === undefined || !/^-?\d+$/.test(cent)) {
      issues.add(`${field}.cent`, 'is not a whole number of cents', m.cent);
      return undefined;
    }
    const zeros = factorRaw === undefined ? undefined : /^10*$/.exec(factorRaw.replace(/\.0+$/, ''));
    if (zeros === null || zeros === undefined) {
      issues.add(`${field}.cent_factor`, 'must be a power of ten', m.cent_factor);
      return undefined;
    }
    const scale = zeros[0].length - 1;
    const negative = cent.startsWith('-');
    const digits = (negative ? cent.slice(1) : cent).padStart(scale + 1, '0');
    text = `${negative ? '-' : ''}${scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`}`;
  }
  const r = parseDecimalMoney(text, currency);
  if (!r.ok) {
    issues.add(hasAmount ? `${field}.amount` : `${field}.cent`, r.message, hasAmount ? m.amount : m.cent);
    return undefined;
  }
  return r.money;
}

/** A count sent as "1", 1 or "2.0000": a whole number, or an issue. */
export function readQuantity(raw: string | undefined, field: string, issues: Issues): number | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(raw.trim());
  if (!m || (m[2] !== undefined && /[1-9]/.test(m[2]))) {
    issues.add(field, 'is not a whole quantity', raw);
    return undefined;
  }
  const n = Number(m[1]);
  if (!Number.isSafeInteger(n)) {
    issues.add(field, 'is too large', raw);
    return undefined;
  }
  return n;
}

/** `unit` × `quantity`, exactly (minor units are integers). */
export function timesQuantity(unit: Money, quantity: number): Money | undefined {
  const n = unit.amountMinor * quantity;
  return Number.isSafeInteger(n) ? { amountMinor: n, currency: unit.currency } : undefined;
}

/** The sum of amounts when all are in one currency; undefined for none or a mix. */
export function sumIfOneCurrency(amounts: readonly (Money | undefined)[]): Money | undefined {
  const present = amounts.filter((a): a is Money => a !== undefined);
  if (present.length === 0 || present.length !== amounts.length) return undefined;
  const currency = present[0]!.currency;
  if (present.some((a) => a.currency !== currency)) return undefined;
  const total = present.reduce((s, a) => s + a.amountMinor, 0);
  return Number.isSafeInteger(total) ? { amountMinor: total, currency } : undefined;
}

/** The object without its undefined members (canonical records omit absent fields). */
export function compact<T extends object>(o: { [K in keyof T]?: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
