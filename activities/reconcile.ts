/**
 * Reconciliation of one tenant's period on what the hub holds, shared by the `reconcile`
 * workflow (one activity per pass) and `caravan reconcile --local`: read the period's ledger
 * lines (plus the earlier sales of the orders the period refunds), the payouts they make, the
 * bank entries from a little before the period to the run's day and the tenant's orders; run
 * the engine (engines/reconcile) with the tenant's rules; record what it declares (a resolution
 * given by hand is kept when the same discrepancy is found again); write the report as CSV and
 * JSON. The activity hands back the files' paths and counts, never the report.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { ConfigError } from '../config/errors.js';
import { reconcileRulesOf } from '../config/reconcile.js';
import { findTenant, type TenantsConfig } from '../config/tenants-config.js';
import { addDays, payoutsFromLedger, reconcile, type DiscrepancyKind, type ReconcileRules, type ReconciliationResult } from '../engines/reconcile/index.js';
import type { Order } from '../mappings/canonical/order.js';
import type { SettlementLine } from '../mappings/canonical/settlement.js';
import { bankLinesByPeriod, discrepancyResolutions, ledgerLinesByOrder, ledgerLinesByPeriod, listOrders, recordDiscrepancies, type DiscrepancyResolution } from '../store/index.js';
import { asActivity } from './failures.js';
import { reconciliationCounts, reconciliationCsv, reconciliationJson, reconciliationSummary, totalsAsText } from './reconcile-report.js';
import type { ReconcileActivities, ReconcilePeriodInput, ReconcilePeriodOutcome, ReconcileReportFiles } from './reconcile-types.js';

/** Bank credits may be booked a few days around a payout's day: read from this long before the period. */
const BANK_LEAD_DAYS = 10;
const ORDER_PAGE = 500;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ReconcileDeps {
  db: Knex;
  config: TenantsConfig;
  /** The worker's data folder (CARAVAN_DATA_DIR): reports go under `reconcile/` unless the tenant names a folder. */
  dataDir?: string;
  logger?: Logger;
}

export interface ReconcileRun {
  tenant: string;
  period: { from: string; to: string };
  /** A date (its first moment) or a UTC instant. */
  asOf: string;
  /** Replaces the tenant's rules from the tenants file. */
  rules?: ReconcileRules | undefined;
  /** Write the report there; none written when undefined. */
  outDir?: string | undefined;
}

export interface ReconcileRunResult {
  result: ReconciliationResult;
  resolutions: Map<string, DiscrepancyResolution>;
  recorded: Awaited<ReturnType<typeof recordDiscrepancies>>;
  summary: string;
  files?: ReconcileReportFiles;
}

/** The tenant's rules: the tenants file's `reconcile.rules`, unless the caller gives its own. */
export function tenantReconcileRules(config: TenantsConfig, tenant: string): ReconcileRules {
  return reconcileRulesOf(findTenant(config, tenant).reconcile);
}

/** Where the tenant's reports go when the caller names no folder. */
export function tenantReportsDir(config: TenantsConfig, tenant: string, dataDir = 'data'): string {
  return findTenant(config, tenant).reconcile?.reportsDir ?? join(dataDir, 'reconcile');
}

/** Every order of the tenant (a line may name one purchased long before the period). */
export async function loadTenantOrders(db: Knex, tenant: string): Promise<Order[]> {
  const orders: Order[] = [];
  for (let offset = 0; ; offset += ORDER_PAGE) {
    const page = await listOrders(db, { tenant, limit: ORDER_PAGE, offset });
    orders.push(...page.map((p) => p.order));
    if (page.length < ORDER_PAGE) return orders;
  }
}

/** One reconciliation pass: inputs read, engine run, discrepancies recorded, report written. */
export async function runReconciliation(deps: ReconcileDeps, run: ReconcileRun): Promise<ReconcileRunResult> {
  const { tenant, period, asOf } = run;
  if (!DATE.test(period.from) || !DATE.test(period.to) || period.from > period.to) throw new ConfigError(`reconcile period ${period.from}..${period.to} is not a pair of dates YYYY-MM-DD in order`);
  const rules = run.rules ?? tenantReconcileRules(deps.config, tenant);
  const inPeriod = (await ledgerLinesByPeriod(deps.db, { tenant, ...period })).map((s) => s.line);
  // A refund is judged against its sale, which may have been posted before the period.
  const refunded = [...new Set(inPeriod.filter((l) => l.kind === 'refund' && l.refs.orderId !== undefined).map((l) => l.refs.orderId!))];
  const seen = new Set(inPeriod.map((l) => `${l.source}\u0000${l.lineId}`));
  const earlier: SettlementLine[] = (await ledgerLinesByOrder(deps.db, tenant, refunded)).map((s) => s.line).filter((l) => !seen.has(`${l.source}\u0000${l.lineId}`));
  const lines = [...inPeriod, ...earlier];
  const today = asOf.slice(0, 10);
  const bankLines = (await bankLinesByPeriod(deps.db, { tenant, from: addDays(period.from, -BANK_LEAD_DAYS), to: today > period.to ? today : period.to })).map((b) => b.line);
  const orders = await loadTenantOrders(deps.db, tenant);
  const result = reconcile({ tenant, period, asOf, orders, lines, payouts: payoutsFromLedger(lines), bankLines, rules });
  const recorded = await recordDiscrepancies(deps.db, tenant, { period, discrepancies: result.discrepancies });
  const resolutions = await discrepancyResolutions(deps.db, tenant, result.discrepancies.map((d) => d.id));
  let files: ReconcileReportFiles | undefined;
  if (run.outDir !== undefined) {
    mkdirSync(run.outDir, { recursive: true });
    const base = join(run.outDir, `reconcile-${tenant}-${period.from}-${period.to}`);
    files = { csv: `${base}.csv`, json: `${base}.json` };
    writeFileSync(files.csv, reconciliationCsv(result, resolutions));
    writeFileSync(files.json, reconciliationJson(result, resolutions));
  }
  return { result, resolutions, recorded, summary: reconciliationSummary(result, resolutions), ...(files === undefined ? {} : { files }) };
}

/** What a workflow keeps of a pass: counts, totals, the earliest pending deadline, the files. */
export function outcomeOf(run: ReconcileRunResult & { files: ReconcileReportFiles }): ReconcilePeriodOutcome {
  const { result, resolutions } = run;
  const c = reconciliationCounts(result, resolutions);
  const pendingByKind: Partial<Record<DiscrepancyKind, number>> = {};
  for (const p of result.pending) pendingByKind[p.kind] = (pendingByKind[p.kind] ?? 0) + 1;
  const nextDecideAt = result.pending.map((p) => p.decideAt).sort()[0];
  return {
    tenant: result.tenant,
    period: result.period,
    asOf: result.asOf,
    files: run.files,
    open: c.open,
    resolved: c.resolved,
    byKind: c.byKind,
    ordersMatched: c.ordersMatched,
    payoutsMatched: c.payoutsMatched,
    added: run.recorded.added,
    pending: c.pending,
    pendingByKind,
    ...(nextDecideAt === undefined ? {} : { nextDecideAt }),
    totals: totalsAsText(result),
    summary: run.summary,
  };
}

export function createReconcileActivities(deps: ReconcileDeps): ReconcileActivities {
  return {
    async reconcilePeriod(input: ReconcilePeriodInput): Promise<ReconcilePeriodOutcome> {
      return asActivity(async () => {
        const outDir = input.outDir ?? tenantReportsDir(deps.config, input.tenant, deps.dataDir);
        const run = await runReconciliation(deps, { tenant: input.tenant, period: { from: input.from, to: input.to }, asOf: input.asOf, rules: input.rules, outDir });
        const outcome = outcomeOf({ ...run, files: run.files! });
        deps.logger?.info({ tenant: input.tenant, period: outcome.period, open: outcome.open, pending: outcome.pending, added: outcome.added }, 'reconciled');
        return outcome;
      });
    },
  };
}
