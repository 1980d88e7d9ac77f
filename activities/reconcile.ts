/**
 * Reconciliation of one tenant's period on what the hub holds, shared by the `reconcile`
 * workflow (one activity per pass) and `caravan reconcile --local`: read the period's ledger
 * lines (plus the earlier sales of the orders the period refunds), the payouts they make, the
 * bank entries from a little before the period to the run's day and the tenant's orders; run
 * the engine (engines/reconcile) with the tenant's rules; record what it declares (a resolution
 * given by hand is kept when the same discrepancy is found again); write the report as CSV and
 * JSON. The activity hands back the files' paths and counts, never the report.
 */
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { ConfigError } from '../config/errors.js';
import { reconcileRulesOf } from '../config/reconcile.js';
import { findTenant, type TenantsConfig } from '../config/tenants-config.js';
import { addDays, dayOf, inPeriod, mergeReconciliations, payoutsFromLedger, reconcile, type DiscrepancyKind, type OrderMatch, type ReconcileRules, type ReconciliationResult } from '../engines/reconcile/index.js';
import type { Order } from '../mappings/canonical/order.js';
import type { SettlementLine } from '../mappings/canonical/settlement.js';
import {
  bankLinesByPeriod,
  discrepancyResolutions,
  ledgerLinesByOrder,
  ledgerLinesOutsideOrderPages,
  listOrders,
  ordersByExternalIds,
  pageOrderIdsInPeriod,
  recordDiscrepancies,
  settlementsDepositedBetween,
  type DiscrepancyResolution,
} from '../store/index.js';
import { asActivity } from './failures.js';
import { orderMatchJsonElement, reconciliationCounts, reconciliationCsv, reconciliationJson, reconciliationSummary, totalsAsText, writeReconciliationJson } from './reconcile-report.js';
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
  /** Orders per page of Amazon lines (500). */
  ordersPerPage?: number;
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
  /**
   * false: the order matches (one per order of the period) go to the report page by page (in
   * the order the pages were read, not sorted by order id) and are counted, not kept in the
   * result, so a million-line period runs at constant memory.
   */
  keepOrderMatches?: boolean;
}

export interface ReconcileRunResult {
  result: ReconciliationResult;
  resolutions: Map<string, DiscrepancyResolution>;
  recorded: Awaited<ReturnType<typeof recordDiscrepancies>>;
  /** Orders matched (result.orderMatches holds them unless keepOrderMatches was false). */
  ordersMatched: number;
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

/** The source whose lines are read a page of orders at a time: its lines never group across orders. */
const PAGED_SOURCE = 'amazon';
/** Orders per page of the paged source's lines: about 2,000 lines of a settlement, a few MB while they are reconciled. */
const ORDERS_PER_PAGE = 500;

type Chunk = { lines: SettlementLine[]; context: SettlementLine[] };

const codeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byPostingTime = (a: SettlementLine, b: SettlementLine): number => codeUnits(a.postedAt, b.postedAt) || codeUnits(a.source, b.source) || codeUnits(a.lineId, b.lineId);

/**
 * The engine's result for the period, read a page of orders at a time so a large period (a
 * million-line settlement) is reconciled at constant memory. Amazon lines with an order id group
 * by that order only, so they come a page of whole orders at a time; every other line (Stripe and
 * PayPal lines, which may meet their order through a charge, payouts, lines without an order)
 * comes in one first part with the payouts and the bank lines. The parts are disjoint and hold
 * whole line groups, so their merged result is the engine's over all the period's lines.
 */
async function reconcileByPages(deps: ReconcileDeps, run: ReconcileRun, rules: ReconcileRules, onMatches?: (matches: OrderMatch[]) => void): Promise<ReconciliationResult> {
  const { tenant, period, asOf } = run;
  const inThePeriod = (l: SettlementLine) => inPeriod(dayOf(l.postedAt), period);
  /** A part's lines (plus every in-period line of the paged source's `ordersNamed`) and, for its refunds, their orders' lines from outside the period: a refund is judged against its sale. */
  const withContext = async (lines: SettlementLine[], ordersNamed: readonly string[]): Promise<Chunk> => {
    const named = ordersNamed.length === 0 ? [] : (await ledgerLinesByOrder(deps.db, tenant, ordersNamed)).map((s) => s.line);
    const inside = [...lines, ...named.filter((l) => l.source === PAGED_SOURCE && inThePeriod(l))];
    const refunded = new Set(inside.filter((l) => l.kind === 'refund' && l.refs.orderId !== undefined).map((l) => l.refs.orderId!));
    const namedSet = new Set(ordersNamed);
    const more = [...refunded].filter((id) => !namedSet.has(id));
    const others = more.length === 0 ? [] : (await ledgerLinesByOrder(deps.db, tenant, more)).map((s) => s.line);
    const context = [...named, ...others].filter((l) => !inThePeriod(l) && refunded.has(l.refs.orderId!));
    return { lines: inside, context };
  };
  const part = async ({ lines, context }: Chunk, withPayouts: boolean): Promise<ReconciliationResult> => {
    // In the order a single read gives them (posting time, source, line id), context last: the engine's output keeps its input's order.
    const all = [...lines.sort(byPostingTime), ...context.sort(byPostingTime)];
    const ids = [...new Set(all.flatMap((l) => [l.refs.orderId, l.refs.merchantOrderId]).filter((id): id is string => id !== undefined))];
    const orders = (await ordersByExternalIds(deps.db, tenant, ids)).map((o) => o.order);
    const today = asOf.slice(0, 10);
    const bankLines = withPayouts ? (await bankLinesByPeriod(deps.db, { tenant, from: addDays(period.from, -BANK_LEAD_DAYS), to: today > period.to ? today : period.to })).map((b) => b.line) : [];
    // Amazon pays a settlement out as one deposit: its stored header (total, deposit date) is the payout the bank should show.
    const settlements = withPayouts ? await settlementsDepositedBetween(deps.db, { tenant, from: period.from, to: period.to }) : [];
    const result = reconcile({ tenant, period, asOf, orders, lines: all, payouts: withPayouts ? payoutsFromLedger(all, settlements) : [], bankLines, rules });
    if (onMatches === undefined) return result;
    onMatches(result.orderMatches);
    return { ...result, orderMatches: [] };
  };

  // An Amazon line without an order id groups by its merchant order id, which may be another line's order id: that order joins the first part.
  const outside = (await ledgerLinesOutsideOrderPages(deps.db, { tenant, ...period, source: PAGED_SOURCE })).map((s) => s.line);
  const joined = new Set(outside.filter((l) => l.source === PAGED_SOURCE && l.refs.merchantOrderId !== undefined).map((l) => l.refs.merchantOrderId!));
  const parts = [await part(await withContext(outside, [...joined]), true)];
  for (let after: string | undefined; ; ) {
    const page = await pageOrderIdsInPeriod(deps.db, { tenant, ...period, source: PAGED_SOURCE, limit: deps.ordersPerPage ?? ORDERS_PER_PAGE, ...(after === undefined ? {} : { after }) });
    const orderIds = page.orderIds.filter((id) => !joined.has(id));
    if (orderIds.length > 0) parts.push(await part(await withContext([], orderIds), false));
    if (page.next === undefined) break;
    after = page.next;
  }
  return mergeReconciliations(parts);
}

/** One reconciliation pass: inputs read, engine run, discrepancies recorded, report written. */
export async function runReconciliation(deps: ReconcileDeps, run: ReconcileRun): Promise<ReconcileRunResult> {
  const { tenant, period } = run;
  if (!DATE.test(period.from) || !DATE.test(period.to) || period.from > period.to) throw new ConfigError(`reconcile period ${period.from}..${period.to} is not a pair of dates YYYY-MM-DD in order`);
  const rules = run.rules ?? tenantReconcileRules(deps.config, tenant);
  let files: ReconcileReportFiles | undefined;
  let base: string | undefined;
  if (run.outDir !== undefined) {
    mkdirSync(run.outDir, { recursive: true });
    base = join(run.outDir, `reconcile-${tenant}-${period.from}-${period.to}`);
    files = { csv: `${base}.csv`, json: `${base}.json` };
  }
  const streamed = run.keepOrderMatches === false ? { file: base === undefined ? undefined : `${base}.matches.tmp`, count: 0 } : undefined;
  if (streamed?.file !== undefined) writeFileSync(streamed.file, '');
  const onMatches =
    streamed === undefined
      ? undefined
      : (matches: OrderMatch[]) => {
          if (streamed.file !== undefined && matches.length > 0) appendFileSync(streamed.file, (streamed.count === 0 ? '' : ',\n') + matches.map(orderMatchJsonElement).join(',\n'));
          streamed.count += matches.length;
        };
  try {
    const result = await reconcileByPages(deps, run, rules, onMatches);
    const ordersMatched = streamed?.count ?? result.orderMatches.length;
    const recorded = await recordDiscrepancies(deps.db, tenant, { period, discrepancies: result.discrepancies });
    const resolutions = await discrepancyResolutions(deps.db, tenant, result.discrepancies.map((d) => d.id));
    if (files !== undefined) {
      writeFileSync(files.csv, reconciliationCsv(result, resolutions));
      if (streamed?.file !== undefined) writeReconciliationJson(files.json, result, resolutions, { file: streamed.file, count: streamed.count });
      else writeFileSync(files.json, reconciliationJson(result, resolutions));
    }
    return { result, resolutions, recorded, ordersMatched, summary: reconciliationSummary(result, resolutions, 10, ordersMatched), ...(files === undefined ? {} : { files }) };
  } finally {
    if (streamed?.file !== undefined) rmSync(streamed.file, { force: true });
  }
}

/** What a workflow keeps of a pass: counts, totals, the earliest pending deadline, the files. */
export function outcomeOf(run: ReconcileRunResult & { files: ReconcileReportFiles }): ReconcilePeriodOutcome {
  const { result, resolutions } = run;
  const c = reconciliationCounts(result, resolutions, run.ordersMatched);
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
        const run = await runReconciliation(deps, { tenant: input.tenant, period: { from: input.from, to: input.to }, asOf: input.asOf, rules: input.rules, outDir, keepOrderMatches: false });
        const outcome = outcomeOf({ ...run, files: run.files! });
        deps.logger?.info({ tenant: input.tenant, period: outcome.period, open: outcome.open, pending: outcome.pending, added: outcome.added }, 'reconciled');
        return outcome;
      });
    },
  };
}
