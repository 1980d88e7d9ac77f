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

export function normaliseUtcTimestamp(raw: string): UtcTimestampResult {
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
