/**
 * reconcile: one tenant's period reconciled, late data waited for on durable timers.
 *
 * Each pass is one activity (read the period from the store, run the engine, record what it
 * declares, write the CSV and JSON report) that hands back counts and the earliest deadline of
 * what is still inside its grace period (a payout not yet at the bank, a sale whose order is not
 * imported yet). The run sleeps until that deadline, or until a `lateData` signal says something
 * arrived, then passes again; it ends when nothing is pending (or after RECONCILE.maxWaitMs).
 * Started without a period (the nightly Schedule), it reconciles the UTC day before it started.
 * The summary (counts per kind, totals, the report's files) is in the run's memo; `progress`
 * answers where it stands.
 */
import { ApplicationFailure, condition, continueAsNew, defineQuery, defineSignal, proxyActivities, setCurrentDetails, setHandler, upsertMemo, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { ReconcileActivities, ReconcilePeriodOutcome, ReconcileRules } from '../activities/reconcile-types.js';
import { FLOWS, RECONCILE, RECONCILE_ACTIVITY, RECONCILE_LATE_DATA_SIGNAL, searchAttributeKeys, type ReconcileLateData } from '../temporal.config.js';
import { historyIsLong } from './run-lifecycle.js';

const { reconcilePeriod } = proxyActivities<ReconcileActivities>({ ...RECONCILE_ACTIVITY, summary: 'reconcile the period' });

export interface ReconcileWorkflowInput {
  tenant: string;
  /** Posting dates YYYY-MM-DD; both absent: the UTC day before the run started. */
  from?: string;
  to?: string;
  /** Replaces the tenants file's rules (`caravan reconcile --rules FILE`). */
  rules?: ReconcileRules;
  /** Where the worker writes the report; default the tenant's reportsDir. */
  outDir?: string;
  /** Override of RECONCILE.maxWaitMs. */
  maxWaitMs?: number;
  /** Override of RECONCILE.continueAsNewAfterEvents (tests). */
  continueAsNewAfterEvents?: number;
  /** Carried across continue-as-new; never set by callers. */
  carry?: ReconcileCarry;
}

export interface ReconcileCarry {
  startedAt: string;
  passes: number;
  lateData: number;
  continuedAsNew: number;
}

export type ReconcilePhase = 'reconciling' | 'waiting-for-late-data' | 'done';

export interface ReconcileProgress {
  tenant: string;
  period: { from: string; to: string };
  phase: ReconcilePhase;
  passes: number;
  /** Signals received. */
  lateData: number;
  lastLateData?: ReconcileLateData;
  /** While waiting: when the next pass runs unless a signal comes first. */
  nextPassAt?: string;
  last?: ReconcilePeriodOutcome;
  continuedAsNew: number;
}

export interface ReconcileWorkflowResult extends ReconcilePeriodOutcome {
  passes: number;
  lateData: number;
  /** True when the wait ended at maxWaitMs with items still pending. */
  gaveUpWaiting: boolean;
  continuedAsNew: number;
}

export const reconcileProgressQuery = defineQuery<ReconcileProgress>('progress');
export const reconcileLateDataSignal = defineSignal<[ReconcileLateData?]>(RECONCILE_LATE_DATA_SIGNAL);

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day before `t`. */
export function dayBefore(t: Date): string {
  return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() - 1)).toISOString().slice(0, 10);
}

function describe(o: ReconcilePeriodOutcome, nextPassAt: string | undefined): string {
  const kinds = Object.entries(o.byKind)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`);
  return [
    `**${o.tenant}** ${o.period.from}..${o.period.to}: ${o.ordersMatched} orders and ${o.payoutsMatched} payouts matched; ${o.open} open, ${o.resolved} resolved${kinds.length ? ` (${kinds.join(', ')})` : ''}`,
    o.pending > 0 ? `${o.pending} pending${nextPassAt ? `, next check ${nextPassAt}` : ''}` : 'nothing pending',
    `report: ${o.files.csv}`,
  ].join('\n\n');
}

export async function reconcile(input: ReconcileWorkflowInput): Promise<ReconcileWorkflowResult> {
  const { tenant } = input;
  if (!tenant) throw ApplicationFailure.nonRetryable('reconcile needs a tenant', 'validation');
  const info = workflowInfo();
  const yesterday = dayBefore(info.startTime);
  const from = input.from ?? input.to ?? yesterday;
  const to = input.to ?? input.from ?? yesterday;
  if (!DATE.test(from) || !DATE.test(to) || from > to) throw ApplicationFailure.nonRetryable(`reconcile period ${from}..${to} is not a pair of dates YYYY-MM-DD in order`, 'validation');
  const maxWaitMs = input.maxWaitMs ?? RECONCILE.maxWaitMs;
  const carry: ReconcileCarry = input.carry ?? { startedAt: new Date().toISOString(), passes: 0, lateData: 0, continuedAsNew: 0 };
  const progress: ReconcileProgress = { tenant, period: { from, to }, phase: 'reconciling', passes: carry.passes, lateData: carry.lateData, continuedAsNew: carry.continuedAsNew };
  setHandler(reconcileProgressQuery, () => progress);
  let woken = false;
  setHandler(reconcileLateDataSignal, (notice) => {
    woken = true;
    progress.lateData += 1;
    if (notice !== undefined) progress.lastLateData = notice;
  });
  if (!input.carry) {
    upsertSearchAttributes([
      { key: searchAttributeKeys.tenant, value: tenant },
      { key: searchAttributeKeys.flow, value: FLOWS.reconcile },
    ]);
  }
  const giveUpAt = Date.parse(carry.startedAt) + maxWaitMs;

  for (;;) {
    progress.phase = 'reconciling';
    progress.nextPassAt = undefined;
    woken = false;
    const outcome = await reconcilePeriod({ tenant, from, to, asOf: new Date().toISOString(), ...(input.rules ? { rules: input.rules } : {}), ...(input.outDir ? { outDir: input.outDir } : {}) });
    progress.passes += 1;
    progress.last = outcome;
    const waitUntil = outcome.nextDecideAt === undefined ? undefined : Math.min(Date.parse(outcome.nextDecideAt) + RECONCILE.wakeMarginMs, giveUpAt);
    const more = waitUntil !== undefined && Date.now() < giveUpAt;
    const nextPassAt = more ? new Date(waitUntil).toISOString() : undefined;
    upsertMemo({
      reconcile: {
        period: `${from}..${to}`,
        open: outcome.open,
        resolved: outcome.resolved,
        pending: outcome.pending,
        byKind: outcome.byKind,
        totals: outcome.totals,
        report: outcome.files,
        passes: progress.passes,
      },
    });
    setCurrentDetails(describe(outcome, nextPassAt));
    if (!more) {
      progress.phase = 'done';
      return { ...outcome, passes: progress.passes, lateData: progress.lateData, gaveUpWaiting: outcome.pending > 0, continuedAsNew: progress.continuedAsNew };
    }
    progress.phase = 'waiting-for-late-data';
    progress.nextPassAt = nextPassAt;
    // A durable timer: the wait survives worker restarts; a lateData signal ends it early.
    await condition(() => woken, Math.max(1, waitUntil - Date.now()));
    if (historyIsLong(input.continueAsNewAfterEvents ?? RECONCILE.continueAsNewAfterEvents)) {
      await continueAsNew<typeof reconcile>({ ...input, from, to, carry: { startedAt: carry.startedAt, passes: progress.passes, lateData: progress.lateData, continuedAsNew: progress.continuedAsNew + 1 } });
    }
  }
}
