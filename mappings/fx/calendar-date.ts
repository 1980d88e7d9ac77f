/** Calendar dates and UTC timestamps as the rate sources write them, range-checked before use. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real date YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

// XE writes `2016-04-12T13:24:00Z`, and `2013-01-23T13:27Z` (no seconds) in account_info.
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

export type UtcInstant = { ok: true; date: string; timestamp: string } | { ok: false; message: string };

/**
 * An ISO 8601 timestamp with a zone → its UTC date and the canonical UTC form
 * `YYYY-MM-DDTHH:MM:SS[.fraction]Z`. An offset moves the instant (and maybe the date) to UTC.
 */
export function utcInstant(raw: string): UtcInstant {
  const m = TIMESTAMP.exec(raw);
  if (!m) return { ok: false, message: 'is not an ISO 8601 timestamp with a zone (e.g. 2016-04-12T13:24:00Z)' };
  const [, date = '', hh = '', mm = '', ss = '00', fraction, zone, sign, oh = '00', om = '00'] = m;
  if (!isCalendarDate(date)) return { ok: false, message: `has a date (${date}) that is not a calendar date` };
  const [h, mi, s] = [Number(hh), Number(mm), Number(ss)];
  if (h > 23 || mi > 59 || s > 59) return { ok: false, message: 'has an impossible time of day' };
  const offsetMinutes = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  if (Math.abs(offsetMinutes) > 18 * 60 || Number(om) > 59) return { ok: false, message: 'has an impossible UTC offset' };
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi - offsetMinutes, s, 0);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const utcDate = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  const frac = fraction === undefined ? '' : `.${fraction}`;
  return {
    ok: true,
    date: utcDate,
    timestamp: `${utcDate}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}${frac}Z`,
  };
}
