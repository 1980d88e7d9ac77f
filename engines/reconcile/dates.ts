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

const DAY_MS = 86_400_000;

/** The instant `asOf` stands for: a date alone is its first moment (UTC). */
export const instantOf = (dateOrInstant: string): number => Date.parse(dateOrInstant.length === 10 ? `${dateOrInstant}T00:00:00Z` : dateOrInstant);

/**
 * When a grace period that starts at `from` ends, as a UTC instant: a date alone starts it at the
 * end of that day (a payout expected on D may arrive until D's last moment); an instant starts it
 * there. Fractions of days are kept, so tests and impatient tenants can use minutes.
 */
export function graceEnds(from: string, graceMs: number): string {
  const start = from.length === 10 ? instantOf(from) + DAY_MS : instantOf(from);
  return new Date(start + graceMs).toISOString();
}

/** The last day still inside a grace period ending at `decideAt` (exclusive). */
export const lastDayBefore = (decideAt: string): string => new Date(Date.parse(decideAt) - 1).toISOString().slice(0, 10);

export const daysToMs = (days: number): number => Math.round(days * DAY_MS);
