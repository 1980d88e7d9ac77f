/**
 * A tenant's `reconcile:` section of the tenants file: the nightly Schedule of the reconcile
 * workflow, the rules the engine checks against (fees per channel and currency, tolerances,
 * grace periods for late data) and where the reports go.
 *
 * ```yaml
 * reconcile:
 *   schedule: { cron: "30 5 * * *" }     # or { every: 1d }; reconciles the day before each run
 *   rules:
 *     feeRules:
 *       - { source: amazon, currency: EUR, percent: "15", fixedMinor: 0, toleranceMinor: 1, feeTypes: [Commission] }
 *     amountTolerance: { EUR: "0.01" }  # per currency, decimal text
 *     bankGraceDays: 5                   # a payout is "not received" this long after the end of its expected day
 *     orderGraceHours: 48                # a sale's order may be imported this long after the line is posted
 *   reportsDir: data/reconcile           # CSV and JSON reports, one pair per period
 * ```
 */
import { z } from 'zod';
import type { ReconcileRules } from '../engines/reconcile/index.js';
import { CurrencyCodeSchema, parseDecimalMoney } from '../mappings/canonical/money.js';
import { SETTLEMENT_SOURCES } from '../mappings/canonical/settlement.js';

export const FeeRuleSchema = z
  .object({
    source: z.enum(SETTLEMENT_SOURCES),
    currency: CurrencyCodeSchema,
    /** Percent of the sale's gross, decimal text ("2.9"). */
    percent: z.string().regex(/^\d+(\.\d+)?$/, 'must be a decimal percentage as text, e.g. "2.9"'),
    fixedMinor: z.number().int().min(0).default(0),
    toleranceMinor: z.number().int().min(0).default(0),
    feeTypes: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

const CRON = /^\S+(\s+\S+){4}$/;

export const ReconcileScheduleSchema = z
  .object({
    /** Five-field cron in `timezone` (UTC by default), e.g. "30 5 * * *". */
    cron: z.string().regex(CRON, 'must be a five-field cron expression, e.g. "30 5 * * *"').optional(),
    /** Or an interval such as 1d, 12h. */
    every: z.string().regex(/^[1-9]\d*(m|h|d)$/, 'must be a whole number of minutes, hours or days, e.g. 1d').optional(),
    timezone: z.string().min(1).optional(),
    paused: z.boolean().default(false),
  })
  .strict()
  .refine((s) => (s.cron === undefined) !== (s.every === undefined), { message: 'give either cron or every' });
export type ReconcileSchedule = z.infer<typeof ReconcileScheduleSchema>;

export const ReconcileRulesConfigSchema = z
  .object({
    feeRules: z.array(FeeRuleSchema).default([]),
    /** How far a settled amount may be from the order's (or the bank's from the payout's), per currency, decimal text. */
    amountTolerance: z.record(CurrencyCodeSchema, z.string()).optional(),
    /** Days (fractions allowed) after the end of a payout's expected day before it is declared not received. */
    bankGraceDays: z.number().min(0).optional(),
    /** Days around a payout's expected day a bank credit may be booked and still match it. */
    bankDateWindowDays: z.number().int().min(0).optional(),
    /** Hours after a sale line is posted before its order, still not imported, is declared missing. */
    orderGraceHours: z.number().min(0).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    for (const [currency, text] of Object.entries(r.amountTolerance ?? {})) {
      const parsed = parseDecimalMoney(text, currency);
      if (!parsed.ok || parsed.money.amountMinor < 0) ctx.addIssue({ code: 'custom', path: ['amountTolerance', currency], message: parsed.ok ? 'must not be negative' : parsed.message });
    }
  });
export type ReconcileRulesConfig = z.infer<typeof ReconcileRulesConfigSchema>;

export const TenantReconcileSchema = z
  .object({
    schedule: ReconcileScheduleSchema.optional(),
    rules: ReconcileRulesConfigSchema.default(ReconcileRulesConfigSchema.parse({})),
    /** Where the reports are written (relative to the worker's working folder); default `<data folder>/reconcile`. */
    reportsDir: z.string().min(1).optional(),
  })
  .strict();
export type TenantReconcile = z.infer<typeof TenantReconcileSchema>;

/** The engine's rules from the tenants file's (tolerances to minor units of their currency). */
export function reconcileRulesOf(section: TenantReconcile | undefined): ReconcileRules {
  const r = section?.rules;
  if (r === undefined) return { feeRules: [] };
  const tolerance = Object.entries(r.amountTolerance ?? {}).map(([currency, text]) => {
    const parsed = parseDecimalMoney(text, currency);
    return [currency, parsed.ok ? parsed.money.amountMinor : 0] as const;
  });
  return {
    feeRules: r.feeRules.map((f) => ({ ...f, ...(f.feeTypes === undefined ? {} : { feeTypes: [...f.feeTypes] }) })),
    ...(tolerance.length > 0 ? { amountToleranceMinor: Object.fromEntries(tolerance) } : {}),
    ...(r.bankGraceDays !== undefined ? { payoutGraceDays: r.bankGraceDays } : {}),
    ...(r.bankDateWindowDays !== undefined ? { bankDateWindowDays: r.bankDateWindowDays } : {}),
    ...(r.orderGraceHours !== undefined ? { orderGraceHours: r.orderGraceHours } : {}),
  };
}
