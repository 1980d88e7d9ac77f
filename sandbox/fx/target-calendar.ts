/**
 * The TARGET calendar ECB publishes reference rates on: every weekday except New Year's Day,
 * Good Friday, Easter Monday, 1 May, and 25–26 December. Rates appear at about 16:00 CET.
 */

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function epochDay(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

export function dateOfEpochDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfEpochDay(epochDay(date) + days);
}

/** Easter Sunday (Gregorian), by the anonymous algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** TARGET closing days of `year` (the days without reference rates, weekends aside). */
export function targetHolidays(year: number): string[] {
  const easter = easterSunday(year);
  return [`${year}-01-01`, addDays(easter, -2), addDays(easter, 1), `${year}-05-01`, `${year}-12-25`, `${year}-12-26`].sort();
}

export function isWeekend(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function isTargetBusinessDay(date: string): boolean {
  if (isWeekend(date)) return false;
  return !targetHolidays(Number(date.slice(0, 4))).includes(date);
}

/** Last Sunday of `month` (1-based) in `year`, as epoch milliseconds at 01:00 UTC (the EU clock change). */
function lastSundayAt0100Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  const sunday = lastDay.getUTCDate() - lastDay.getUTCDay();
  return Date.UTC(year, month - 1, sunday, 1, 0, 0);
}

/** Frankfurt's offset from UTC in hours at `instant`: CEST (+2) between the EU clock changes, else CET (+1). */
export function frankfurtOffsetHours(instant: Date): number {
  const year = instant.getUTCFullYear();
  const t = instant.getTime();
  return t >= lastSundayAt0100Utc(year, 3) && t < lastSundayAt0100Utc(year, 10) ? 2 : 1;
}

/** ECB publishes at about 16:00 Frankfurt time. */
export const PUBLICATION_HOUR_FRANKFURT = 16;

/** The newest date whose rates are published at `now`: today after 16:00 Frankfurt time on a business day, else the business day before. */
export function latestPublishedDate(now: Date): string {
  const local = new Date(now.getTime() + frankfurtOffsetHours(now) * 3_600_000);
  let date = local.toISOString().slice(0, 10);
  if (!(isTargetBusinessDay(date) && local.getUTCHours() >= PUBLICATION_HOUR_FRANKFURT)) date = addDays(date, -1);
  while (!isTargetBusinessDay(date)) date = addDays(date, -1);
  return date;
}

/** `count` TARGET business days ending with `latest`, newest first. */
export function businessDaysBack(latest: string, count: number): string[] {
  const days: string[] = [];
  for (let date = latest; days.length < count; date = addDays(date, -1)) {
    if (isTargetBusinessDay(date)) days.push(date);
  }
  return days;
}
