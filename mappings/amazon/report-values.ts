/**
 * Cell readers shared by the Amazon flat-file report mappings: local date-times with a zone
 * abbreviation, decimal money, counts. Pure; each returns a value or a message.
 */
import type { z } from 'zod';
import { currencyInfo } from '../canonical/currencies.js';
import { parseDecimalMoney, type Money } from '../canonical/money.js';
import { MappingError, fail, ok, type MappingResult } from '../canonical/result.js';
import { normaliseUtcTimestamp } from '../canonical/utc-timestamp.js';

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * UTC offsets of the zone abbreviations Amazon's reports print (marketplace-local time:
 * `2023-05-01 10:20:30 PDT`, `2023/05/01 10:20:30 JST`). IST is India's (Amazon.in), not
 * Ireland's; MEZ/MESZ (German) and MET/MEST (Java's names) are CET/CEST.
 */
export const ZONE_OFFSETS: Readonly<Record<string, string>> = {
  UTC: '+00:00',
  GMT: '+00:00',
  Z: '+00:00',
  WET: '+00:00',
  WEST: '+01:00',
  BST: '+01:00',
  CET: '+01:00',
  CEST: '+02:00',
  MEZ: '+01:00',
  MESZ: '+02:00',
  MET: '+01:00',
  MEST: '+02:00',
  EET: '+02:00',
  EEST: '+03:00',
  TRT: '+03:00',
  AST: '+03:00',
  GST: '+04:00',
  IST: '+05:30',
  SGT: '+08:00',
  JST: '+09:00',
  AEST: '+10:00',
  AEDT: '+11:00',
  BRT: '-03:00',
  EST: '-05:00',
  EDT: '-04:00',
  CST: '-06:00',
  CDT: '-05:00',
  MST: '-07:00',
  MDT: '-06:00',
  PST: '-08:00',
  PDT: '-07:00',
};

const LOCAL_YMD = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})$/;
const LOCAL_DMY = /^(\d{1,2})([./])(\d{1,2})[./](\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})$/;

/** Zones of the American storefronts: a `04/05/2023` date written with one of them is month first. */
const MONTH_FIRST_ZONES: ReadonlySet<string> = new Set(['PST', 'PDT', 'MST', 'MDT', 'CST', 'CDT', 'EST', 'EDT']);

const two = (s: string): string => s.padStart(2, '0');

/**
 * A report date-time → UTC ISO 8601 (`…Z`): ISO 8601 with an offset (the order reports), or a
 * local date-time with a zone abbreviation or offset (the listings report's open-date; dates
 * year first with `-` or `/` (JP: 2023/05/01), day first with `.` (de), and with `/` and the
 * year last: month first with an American zone (PST …), else day first (en-GB, fr). A time without a zone, or a zone not in
 * ZONE_OFFSETS, names no instant: an error.
 */
export function readReportTimestamp(raw: string): Read<string> {
  const iso = normaliseUtcTimestamp(raw);
  if (iso.ok) return iso;
  const ymd = LOCAL_YMD.exec(raw);
  const dmy = ymd ? undefined : LOCAL_DMY.exec(raw);
  if (!ymd && !dmy) return { ok: false, message: `"${raw}" is not a date-time with a zone (e.g. 2024-01-15T10:20:30+00:00 or 2023-05-01 10:20:30 PDT)` };
  let year: string, month: string, day: string, hour: string, minute: string, second: string | undefined, zone: string;
  if (ymd) {
    [year, month, day, hour, minute, second, zone] = [ymd[1]!, ymd[2]!, ymd[3]!, ymd[4]!, ymd[5]!, ymd[6], ymd[7]!];
  } else {
    const m = dmy!;
    [day, month, year, hour, minute, second, zone] = [m[1]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7], m[8]!];
    // `.` is always day first (de); `/` is day first (en-GB, fr …) unless the zone is American
    // and the first number can be a month (25/12 is day first whatever the zone).
    if (m[2] === '/' && MONTH_FIRST_ZONES.has(zone.toUpperCase()) && Number(m[1]) <= 12) [day, month] = [m[3]!, m[1]!];
  }
  const offset = /^[+-]/.test(zone) ? zone : ZONE_OFFSETS[zone.toUpperCase()];
  if (offset === undefined) return { ok: false, message: `"${raw}" has the time zone "${zone}", which Caravan does not know (known: ${Object.keys(ZONE_OFFSETS).join(', ')})` };
  const normalised = normaliseUtcTimestamp(`${year}-${two(month)}-${two(day)}T${two(hour)}:${minute}:${second ?? '00'}${offset}`);
  return normalised.ok ? normalised : { ok: false, message: normalised.message.replace(/^"[^"]*"/, `"${raw}"`) };
}

/** The decimal a report cell writes, as plain decimal text (decimal comma and thousands separators read): "1.234,56" → "1234.56". */
export function readReportDecimalText(raw: string): Read<string> {
  const text = normaliseDecimal(raw).trim();
  return /^\d+(\.\d+)?$/.test(text) ? { ok: true, value: text } : { ok: false, message: `"${raw}" is not a non-negative decimal amount` };
}

/** Grouping spaces (FR/SE write `1 234,56`, with a space, no-break or narrow no-break space) between digits. */
const GROUPING_SPACE = /(?<=\d)[ \u00a0\u202f](?=\d{3}(?:\D|$))/g;

/**
 * Localized decimal text → plain: a decimal comma (`19,99`, `19,9`, `1980,00`: no more digits
 * after it than the currency has, or two), thousands grouped by commas (`1,980`, `1,234.56`), by
 * dots (`1.234,56`) or by spaces (`1 234,56`), a leading `+`.
 */
function normaliseDecimal(raw: string, currency?: string): string {
  const t = raw.trim().replace(/^\+/, '').replace(GROUPING_SPACE, '');
  const comma = /^-?\d+,(\d+)$/.exec(t);
  if (comma && comma[1]!.length <= Math.max((currency === undefined ? undefined : currencyInfo(currency)?.exponent) ?? 2, 2)) return t.replace(',', '.');
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return t.replace(/,/g, '');
  if (/^-?\d{1,3}(\.\d{3})+,\d+$/.test(t)) return t.replace(/\./g, '').replace(',', '.');
  return t;
}

/**
 * A report amount in `currency` (exponent from the currency: JPY 0, EUR 2): `12.99`, `1980`,
 * `-5.00`, or localized (normaliseDecimal). Never a float.
 */
export function readReportMoney(raw: string, currency: string): Read<Money> {
  const text = normaliseDecimal(raw, currency);
  const r = parseDecimalMoney(text, currency);
  return r.ok ? { ok: true, value: r.money } : { ok: false, message: r.message };
}

export function readCount(raw: string): Read<number> {
  if (!/^\d+$/.test(raw.trim())) return { ok: false, message: `"${raw}" is not a whole number of units` };
  const n = Number(raw.trim());
  return Number.isSafeInteger(n) ? { ok: true, value: n } : { ok: false, message: `"${raw}" is too large` };
}

export function readBooleanCell(raw: string): Read<boolean> {
  const v = raw.trim().toLowerCase();
  if (v === 'true' || v === 'yes' || v === 'y') return { ok: true, value: true };
  if (v === 'false' || v === 'no' || v === 'n') return { ok: true, value: false };
  return { ok: false, message: `"${raw}" is neither true nor false` };
}

/** Drops keys whose value is undefined, so records serialise and hash the same however built. */
export function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** The mapped record checked against its canonical schema: whatever a mapping missed becomes issues. */
export function checkedRecord<T>(schema: z.ZodType<T>, record: T, recordType: string, recordId: string | undefined): MappingResult<T> {
  const checked = schema.safeParse(record);
  if (checked.success) return ok(record);
  const issues = checked.error.issues.map((i) => ({ field: `canonical.${i.path.join('.')}`, message: `the mapped record breaks the canonical schema: ${i.message}` }));
  return fail(new MappingError(recordType, recordId, issues));
}
