/**
 * A connection's ledger imports on Temporal Schedules (`caravan schedules apply`):
 *
 *   ledger:       paymentLedgerSync of a payment ledger source (PayPal, Stripe, Amazon Finances)
 *                 over the last `lookback` at each run
 *   settlements:  settlementsImport of an Amazon connection: the settlement reports created
 *                 in the last `lookback`
 *
 * Each run reads a window that overlaps the previous one: the ledger is idempotent by the
 * source's line identity, so the overlap adds nothing and a missed run is caught up by the next.
 */
import { z } from 'zod';
import { FlowScheduleSchema } from './flow-schedule.js';

const LOOKBACK = /^([1-9]\d*)(h|d)$/;
const lookback = (fallback: string) => z.string().regex(LOOKBACK, 'must be a whole number of hours or days, e.g. 36h, 3d').default(fallback);

export const LedgerImportSettingsSchema = z.strictObject({
  schedule: FlowScheduleSchema,
  /** How far back each run reads (PayPal's data lags up to 3 h, Amazon Finances 48 h). */
  lookback: lookback('3d'),
});
export type LedgerImportSettings = z.infer<typeof LedgerImportSettingsSchema>;

export const SettlementsImportSettingsSchema = z.strictObject({
  schedule: FlowScheduleSchema,
  /** Amazon closes a settlement about every 14 days: a month finds the newest ones. */
  lookback: lookback('30d'),
});
export type SettlementsImportSettings = z.infer<typeof SettlementsImportSettingsSchema>;

/** `36h`, `3d` in hours. */
export function lookbackHours(text: string): number {
  const m = LOOKBACK.exec(text);
  if (!m) throw new Error(`lookback "${text}" is not a whole number of hours or days`);
  return Number(m[1]) * (m[2] === 'd' ? 24 : 1);
}
