/**
 * ISO 8601 date-times → canonical UTC form `YYYY-MM-DDTHH:MM:SS[.fraction]Z`.
 * Vendors document their dates as ISO 8601: Amazon sends `Z` (sometimes with milliseconds),
 * Mailchimp `+00:00`, and
 * files fed to `caravan map` may carry offsets such as `+09:00`. Every field is range-checked
 * before any arithmetic so that `2026-02-30` or `25:61` is rejected instead of being rolled
 * over by `Date`. A time without a zone is rejected: it names no instant.
 */

export type UtcTimestampResult = { ok: true; value: string } | { ok: false; message: string };

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

const MAX_OFFSET_HOURS = 18; // widest offset ISO 8601 / RFC 3339 parsers accept (±18:00)

/** Days of a month (1–12) of a proleptic Gregorian year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The digit at `i` (0–9), or -1. */
function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** The number of `count` digits at `from`, or -1 when one is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = digitAt(text, i);
    if (d < 0) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * True for the canonical form `YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z` naming a real instant (no 30
 * February, no 25:61; proleptic Gregorian leap years, as Date counts them). Read character by
 * character, no Date built: every mapped order's timestamps pass through here.
 */
export function isRealUtcTimestamp(value: string): boolean {
  const n = value.length;
  if (n < 20 || n === 21 || n > 30) return false;
  if (value[4] !== '-' || value[7] !== '-' || value[10] !== 'T' || value[13] !== ':' || value[16] !== ':' || value[n - 1] !== 'Z') return false;
  if (n > 20) {
    if (value[19] !== '.') return false;
    for (let i = 20; i < n - 1; i++) if (digitAt(value, i) < 0) return false;
  }
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  const hour = digitsAt(value, 11, 2);
  const minute = digitsAt(value, 14, 2);
  const second = digitsAt(value, 17, 2);
  if (year < 0 || hour < 0 || minute < 0 || second < 0) return false;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59;
}

export function normaliseUtcTimestamp(raw: string): UtcTimestampResult {
  // Already canonical (as Amazon sends it): the conversion below would give it back unchanged.
  if (isRealUtcTimestamp(raw)) return { ok: true, value: raw };
  const m = ISO_DATE_TIME.exec(raw);
  if (!m) {
    return {
      ok: false,
      message: `"${raw}" is not an ISO 8601 date-time with a zone (e.g. 2026-03-02T10:15:00Z or 2026-03-02T19:15:00+09:00)`,
    };
  }
  const [, y, mo, d, h, mi, s = '00', fraction, zulu, sign, oh = '00', om = '00'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12) return { ok: false, message: `"${raw}" has month ${mo}, outside 01–12` };
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, message: `"${raw}" has day ${d}, which ${y}-${mo} does not have` };
  }
  // 24:00 and leap seconds (:60) are not accepted: Amazon never sends them and Date cannot hold :60.
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, message: `"${raw}" has an impossible time of day` };
  if (fraction !== undefined && fraction.length > 9) {
    return { ok: false, message: `"${raw}" has more than 9 fractional second digits` };
  }
  let offsetMinutes = 0;
  if (zulu === undefined) {
    const offHours = Number(oh);
    const offMinutes = Number(om);
    if (offHours > MAX_OFFSET_HOURS || offMinutes > 59) return { ok: false, message: `"${raw}" has an impossible UTC offset` };
    offsetMinutes = (sign === '-' ? -1 : 1) * (offHours * 60 + offMinutes);
  }
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  t.setUTCHours(hour, minute - offsetMinutes, second, 0);
  const utcYear = t.getUTCFullYear();
  if (!Number.isFinite(t.getTime()) || utcYear < 0 || utcYear > 9999) {
    return { ok: false, message: `"${raw}" falls outside years 0000–9999 in UTC` };
  }
  // Offsets are whole minutes, so the fraction is carried over digit for digit.
  const frac = fraction === undefined ? '' : `.${fraction}`;
  return {
    ok: true,
    value:
      `${pad(utcYear, 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}` +
      `T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}${frac}Z`,
  };
}
