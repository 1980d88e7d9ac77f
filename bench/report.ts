/** The bench's printed report: compact, numbers first, settings named. */
import { formatBackfillBench, type BackfillBenchResult } from './backfill.js';
import { formatCataloguePublish, type CataloguePublishResult } from './catalogue-publish.js';
import { formatFulfilOrders, type FulfilOrdersResult } from './fulfil-orders.js';
import type { WorkflowChain } from './bench-stack.js';
import type { ThroughputResult } from './import-throughput.js';
import { formatLedgerReconcile, type LedgerReconcileResult } from './ledger-reconcile.js';
import type { MoneyInResult } from './money-in.js';
import type { MeterReading } from './process-meter.js';
import type { RateLimitedResult } from './rate-limited-import.js';
import type { TwoWorkerOutcome } from './two-worker-import.js';

export interface BenchReport {
  startedAt: string;
  environment: {
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    temporalCli: string;
    database: 'sqlite' | 'postgres';
    sandbox: 'process' | 'thread' | 'inline';
  };
  flags: Record<string, unknown>;
  setupMs: { temporal: number; bundle: number; workerBuild?: number };
  a?: ThroughputResult;
  /** (a) again on Orders API 2026-01-01 (searchOrders, items inside each order). */
  a2026?: ThroughputResult;
  /** (b) through Orders v0. */
  b?: RateLimitedResult;
  /** (b) through Orders 2026-01-01. */
  b2026?: RateLimitedResult;
  /** (b) through order reports (ordersBackfill). */
  bReports?: BackfillBenchResult;
  /** (b) split across two worker processes sharing the buckets through PostgreSQL. */
  b2?: TwoWorkerOutcome;
  c?: MoneyInResult;
  /** Catalogue publish by feed. */
  d?: CataloguePublishResult;
  /** Settlements at scale: a settlement file imported and reconciled beside raw csv-parse. */
  e?: LedgerReconcileResult;
  /** fulfilOrder throughput beside its carrier calls alone. */
  f?: FulfilOrdersResult;
}

const SANDBOX_PLACES = { process: 'in its own process', thread: 'on its own thread', inline: 'inline on the hub thread' } as const;

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ms = (n: number) => `${int(Math.round(n))} ms`;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const pct = (x: number) => `${Math.round(x * 100)}%`;

function meterLine(m: MeterReading): string {
  const server = m.temporalServerCpuMs !== undefined ? `; Temporal server CPU ${sec(m.temporalServerCpuMs)}` : '';
  const sandbox = m.sandboxThreadBusy !== undefined ? `, sandbox thread busy ${pct(m.sandboxThreadBusy)}` : '';
  const sandboxCpu = m.sandboxCpuMs !== undefined ? `; sandbox process CPU ${sec(m.sandboxCpuMs)}` : '';
  if (m.workerPeakRssBytes !== undefined) {
    // The worker in its own process: the bench process only starts the sync and waits.
    return (
      `CPU: worker process ${m.workerCpuMs !== undefined ? sec(m.workerCpuMs) : 'n/a'}` +
      `${m.workerCpuMs !== undefined ? ` (${pct(m.workerCpuMs / m.wallMs)} of one core)` : ''}${sandboxCpu}${server}, bench process ${sec(m.cpuMs)}; ` +
      `peak RSS: worker process ${mb(m.workerPeakRssBytes)}${m.sandboxPeakRssBytes !== undefined ? `, sandbox process ${mb(m.sandboxPeakRssBytes)}` : ''}`
    );
  }
  // With the sandbox in its own process the bench process holds the hub alone (worker, Temporal client).
  const rss =
    m.sandboxPeakRssBytes !== undefined
      ? `peak RSS: worker (bench process) ${mb(m.peakRssBytes)}${m.startRssBytes !== undefined ? ` (${mb(m.startRssBytes)} at the start)` : ''}, sandbox process ${mb(m.sandboxPeakRssBytes)}`
      : `peak RSS ${mb(m.peakRssBytes)} (worker and sandbox together)`;
  return (
    `CPU: bench process ${sec(m.cpuMs)} (${pct(m.cpuMs / m.wallMs)} of one core; all its threads), ` +
    `hub JS thread busy ${pct(m.eventLoopBusy)}${sandbox}${sandboxCpu}${server}; ${rss}`
  );
}

function chainLine(c: WorkflowChain): string {
  const per = (ms: number) => (c.pageActivities ? `${Math.round(ms / c.pageActivities)} ms/page` : '');
  return (
    `time by history: in importOrdersPage ${sec(c.inPageActivitiesMs)} (${per(c.inPageActivitiesMs)}), ` +
    `Temporal turnaround between pages ${sec(c.betweenPagesMs)} (${per(c.betweenPagesMs)}), ` +
    `before first page ${sec(c.beforeFirstPageMs)}, after last ${sec(c.afterLastPageMs)}` +
    (c.pageAttemptsFailed ? `, ${c.pageAttemptsFailed} failed page attempts` : '')
  );
}

function sandboxCalls(ops: ThroughputResult['import']['sandbox']): string {
  return (['getOrders', 'getOrderItems', 'getOrder', 'searchOrders', 'getOrder2026', 'token'] as const)
    .filter((op) => ops[op].requests > 0)
    .map((op) => `${op} ${int(ops[op].requests)}${ops[op].throttled ? ` (${int(ops[op].throttled)}×429)` : ''}`)
    .join(', ');
}

export function formatReport(r: BenchReport): string {
  const out: string[] = [];
  const e = r.environment;
  out.push(
    `Caravan bench ${r.startedAt}: node ${e.node}, ${e.cpus} × ${e.cpuModel}, ${e.temporalCli} (in-memory dev server), ${e.database}, sandbox ${SANDBOX_PLACES[e.sandbox]}`,
    `setup: Temporal dev server + connections ${sec(r.setupMs.temporal)} (workflow bundle ${sec(r.setupMs.bundle)}${r.setupMs.workerBuild === undefined ? '' : `, worker build ${sec(r.setupMs.workerBuild)}`}, in parallel)`,
  );
  for (const a of [r.a, r.a2026]) {
    if (!a) continue;
    const i = a.import;
    const w = a.rawUpsert;
    const mapper = a.ordersApi === 'v0' ? 'mapAmazonOrderRecord' : 'mapAmazon2026OrderRecord';
    out.push(
      '',
      `(a) import throughput, rate limits off, Orders API ${a.ordersApi}: ${int(a.orders)} sandbox orders (generated in ${sec(a.seedMs)})`,
      `    settings: pageSize ${a.settings.pageSize}, itemsConcurrency ${a.settings.itemsConcurrency}, writeBatchSize ${a.settings.writeBatchSize}, ` +
        `maxConcurrentActivityTaskExecutions ${a.settings.maxConcurrentActivityTaskExecutions}; ` +
        `sandbox rateLimits off, timeScale ${a.settings.sandboxTimeScale}; connector buckets rate ${a.settings.connectorRateLimits.rate}/s burst ${a.settings.connectorRateLimits.burst}` +
        `${a.settings.worker ? `; worker ${a.settings.worker}` : ''}`,
      `    one workflow: its pages run one after another (one importOrdersPage activity at a time)`,
      `    end-to-end        ${int(i.ordersPerSecond).padStart(8)} orders/s   ${int(i.fetched)} fetched in ${sec(i.wallMs)} (start → result; workflow's own duration ${sec(i.workflowDurationMs)})`,
      `    raw upsertOrders  ${int(w.ordersPerSecond).padStart(8)} orders/s   ${int(w.rows)} rows in ${sec(w.upsertMs)}, ${int(w.batches)} batches (same pages and batches, fresh database)`,
      `    ratio             ${a.ratio.toFixed(3).padStart(8)}            end-to-end is ${(1 / a.ratio).toFixed(1)}× slower than the raw upsert`,
      `    mapping alone     ${int(w.mapOrdersPerSecond).padStart(8)} orders/s   ${mapper} of the same orders (${sec(w.mapMs)}, ${w.rejected} rejected)`,
      `    pages ${int(i.pages)}, continue-as-new ${i.continuedAsNew}, dead letters ${i.deadLettered}, inserted ${int(i.inserted)}, in hub ${int(i.storedOrders)}, 429s ${i.throttled}; ` +
        `Temporal events ${int(i.chain.events)} in ${i.chain.runs} run(s)`,
      `    ${chainLine(i.chain)}`,
      `    sandbox calls: ${sandboxCalls(i.sandbox)}`,
      `    ${meterLine(i.meter)}`,
    );
  }
  if (r.a && r.a2026) {
    const side = (a: ThroughputResult) =>
      `${int(a.import.ordersPerSecond)} orders/s, ratio ${a.ratio.toFixed(3)}, worker peak RSS ${mb(a.import.meter.workerPeakRssBytes ?? a.import.meter.peakRssBytes)}`;
    out.push('', `(a) side by side: v0 ${side(r.a)}; 2026-01-01 ${side(r.a2026)}`);
  }
  if (r.bReports) out.push('', formatBackfillBench(r.bReports));
  for (const b of [r.b2026, r.b]) {
    if (!b) continue;
    out.push(
      '',
      `(b) import through Orders ${b.ordersApi} under SP-API's token buckets, time scale ${b.timeScale}×: ${int(b.orders)} sandbox orders`,
      `    settings: pageSize ${b.settings.pageSize}, itemsConcurrency ${b.settings.itemsConcurrency}, writeBatchSize ${b.settings.writeBatchSize}; connector buckets: ${b.settings.connectorRateLimits}`,
      `    actual import     ${sec(b.wallMs)} (start → result; workflow's own duration ${sec(b.workflowDurationMs)})`,
      `    bucket minimum    ${sec(b.minimum.minSeconds * 1000)}${b.minimum.bindingOperation ? ` (${b.minimum.bindingOperation})` : ''}   actual ÷ minimum ${Number.isFinite(b.overMinimum) ? b.overMinimum.toFixed(2) : 'n/a'}`,
      `    minimum = max over operations of max(0, (N − B) / (r × timeScale)), N = calls that took a token (sandbox stats):`,
      ...b.minimum.rows.map(
        (row) =>
          `      ${row.operation.padEnd(17)} N ${int(row.tokenCalls).padStart(6)} (requests ${int(row.requests)}, 429s ${row.throttled})  ` +
          `B ${row.burst}  r ${row.rate}/s × ${row.timeScale} = ${+(row.rate * row.timeScale).toFixed(4)}/s  → ${row.minSeconds.toFixed(2)} s`,
      ),
      `    429s: ${b.throttled.workflowTotals} in the workflow summary (totals.throttled), ${b.throttled.sandbox} answered by the sandbox (stats)`,
      `    pages ${b.pages}, continue-as-new ${b.continuedAsNew}, dead letters ${b.deadLettered}, fetched ${int(b.fetched)}, in hub ${int(b.storedOrders)}; ` +
        `Temporal events ${int(b.chain.events)} in ${b.chain.runs} run(s)`,
      `    ${chainLine(b.chain)}`,
      `    ${meterLine(b.meter)}`,
    );
  }
  const sideBySide = bSideBySide(r);
  if (sideBySide.length) out.push('', ...sideBySide);
  const b2 = r.b2;
  if (b2 && 'skipped' in b2) {
    out.push('', `(b) two worker processes: skipped (${b2.skipped})`);
  } else if (b2) {
    const ratio = Number.isFinite(b2.overMinimum) ? b2.overMinimum.toFixed(2) : 'n/a';
    out.push(
      '',
      `(b) two worker processes, one PostgreSQL, buckets shared: ${int(b2.orders)} sandbox orders in two channels of one seller (${b2.channels.map((c) => `${c.channel} ${int(c.expected)}`).join(', ')})`,
      `    two workers       ${b2.throttled.sandbox} × 429 (sandbox), ${b2.throttled.workflowTotals} in the workflow summaries; import ${sec(b2.wallMs)} vs bucket minimum ${sec(b2.minimum.minSeconds * 1000)}${b2.minimum.bindingOperation ? ` (${b2.minimum.bindingOperation})` : ''}: actual ÷ minimum ${ratio}`,
      ...b2.minimum.rows
        .filter((row) => row.requests > 0)
        .map((row) => `      ${row.operation.padEnd(13)} N ${int(row.tokenCalls).padStart(6)} (requests ${int(row.requests)}, 429s ${row.throttled})  B ${row.burst}  → ${row.minSeconds.toFixed(2)} s`),
      ...(b2.phases
        ? [
            `    time: start → first getOrderItems ${ms(b2.phases.beforeFirstItemsMs)}, first → last ${ms(b2.phases.itemsSpanMs)} (bucket minimum ${ms(b2.minimum.minSeconds * 1000)}), last → both results ${ms(b2.phases.afterLastItemsMs)}`,
          ]
        : []),
      `    warm-up before it: ${int(b2.warmUp.orders)} orders of other tenants in ${sec(b2.warmUp.wallMs)}, then the sandbox reset; a fresh worker's first workflow task took up to ${ms(b2.warmUp.firstWorkflowTaskMaxMs)} (cold start, paid once per process)`,
      `    channels: ${b2.channels.map((c) => `${c.channel} fetched ${int(c.fetched)}, inserted ${int(c.inserted)}, updated ${c.updated}, dead letters ${c.deadLettered}, in hub ${int(c.storedOrders)}`).join('; ')}`,
      `    worker processes: ${b2.workers.map((w, i) => `#${i + 1} CPU ${w.cpuMs !== undefined ? sec(w.cpuMs) : 'n/a'}, peak RSS ${w.peakRssBytes !== undefined ? mb(w.peakRssBytes) : 'n/a'}`).join('; ')}` +
        (b2.sandboxPeakRssBytes !== undefined ? `; sandbox process peak RSS ${mb(b2.sandboxPeakRssBytes)}` : ''),
    );
  }
  const c = r.c;
  if (c) {
    const tally = (m: Record<string, number>) => Object.entries(m).map(([k, v]) => `${k} ${int(v)}`).join(', ');
    out.push(
      '',
      '(c) money in (one core, no Temporal)',
      `    ECB full history ${c.history.days} days, ${c.history.megabytes} MB: parse ${sec(c.history.parseMs)} + map ${sec(c.history.mapMs)} → ${int(c.history.rates)} rates, ${int(c.history.ratesPerSec)} rates/s; ` +
        `store (SQLite upsert) ${sec(c.history.storeMs)}, ${int(c.history.storedPerSec)} rates/s`,
      `    convert(): ${int(c.convert.count)} in ${sec(c.convert.ms)} = ${int(c.convert.perSec)}/s (${tally(c.convert.methods)}; weekend/holiday fallbacks ${int(c.convert.fallbacks)})`,
      `    built-in tax quotes: ${int(c.taxQuotes.count)} in ${sec(c.taxQuotes.ms)} = ${int(c.taxQuotes.perSec)}/s (${tally(c.taxQuotes.schemes)})`,
      `    built-in landed-cost quotes: ${int(c.landedCost.count)} in ${sec(c.landedCost.ms)} = ${int(c.landedCost.perSec)}/s`,
    );
  }
  if (r.d) out.push('', formatCataloguePublish(r.d));
  if (r.e) out.push('', ...formatLedgerReconcile(r.e));
  if (r.f) out.push('', formatFulfilOrders(r.f), `    ${meterLine(r.f.workflows.meter)}`);
  return out.join('\n');
}


/** (b)'s lines in one table: wall time, bucket minimum (binding operation), their ratio, 429s. */
function bSideBySide(r: BenchReport): string[] {
  const rows: { route: string; orders: number; wallMs: number; minimum: number; binding: string | undefined; throttled: number; note?: string }[] = [];
  const f = r.bReports;
  if (f) {
    rows.push({
      route: 'order reports',
      orders: f.orders,
      wallMs: f.wallMs,
      minimum: f.reportBuckets.minSeconds,
      binding: f.reportBuckets.bindingOperation,
      throttled: f.throttled,
      note: `each report also takes the sandbox ${f.reportBuildSeconds.toFixed(1)} s to build`,
    });
  }
  for (const b of [r.b2026, r.b]) {
    if (b) rows.push({ route: `Orders ${b.ordersApi}`, orders: b.orders, wallMs: b.wallMs, minimum: b.minimum.minSeconds, binding: b.minimum.bindingOperation, throttled: b.throttled.sandbox });
  }
  if (rows.length < 2) return [];
  const scale = r.bReports?.timeScale ?? r.b2026?.timeScale ?? r.b?.timeScale ?? 0;
  return [
    `(b) side by side, SP-API's buckets at ${scale}× (minimum = max over operations of (N − B) / (r × timeScale); ratio = wall ÷ minimum):`,
    `    ${'route'.padEnd(18)} ${'orders'.padStart(7)} ${'wall'.padStart(9)} ${'bucket minimum'.padStart(15)}  ${'binding'.padEnd(17)} ${'ratio'.padStart(6)} ${'429s'.padStart(5)}`,
    ...rows.map(
      (x) =>
        `    ${x.route.padEnd(18)} ${int(x.orders).padStart(7)} ${sec(x.wallMs).padStart(9)} ${sec(x.minimum * 1000).padStart(15)}  ${(x.binding ?? 'all in burst').padEnd(17)} ` +
        `${(x.minimum > 0 ? (x.wallMs / 1000 / x.minimum).toFixed(2) : 'n/a').padStart(6)} ${int(x.throttled).padStart(5)}${x.note ? `  (${x.note})` : ''}`,
    ),
  ];
}
