/** Calendar-day arithmetic on YYYY-MM-DD (UTC), for grace periods and date windows. */

export const dayOf = (isoDateOrInstant: string): string => isoDateOrInstant.slice(0, 10);

export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export const inPeriod = (date: string, period: { from: string; to: string }): boolean => date >= period.from && date <= period.to;
