/**
 * (b, backfill) Order history through order reports under SP-API's (time-scaled) buckets: a
 * backfill of N orders over 90 days (three 30-day report windows) against a sandbox that
 * enforces the Reports API's buckets and takes its (scaled) time to build each report. Its wall
 * time beside the minimum the report buckets allow, the 429s, and, for scale, the minimum
 * Orders v0's buckets allow for the same orders (getOrders pages + one getOrderItems per order),
 * which is what an ordersSync over the same history would have to wait for.
 */
import { DEFAULT_JOB_TIMING, USAGE_PLANS } from '../sandbox/amazon/index.js';
import { countOrders } from '../store/index.js';
import { REPORT_DOWNLOAD } from '../temporal.config.js';
import { backfillOutcome, startOrdersBackfill } from '../cli/commands/backfill.js';
import { bucketMinimum, bucketSeconds, realTime, type BucketMinimum } from './bucket-minimum.js';
import { BENCH_CHANNEL, removeBenchTenants, startPhase, type BenchInfra } from './bench-stack.js';
import type { ThroughputSettings } from './import-throughput.js';
import { startMeter, type MeterReading } from './process-meter.js';
import type { Teardown } from './teardown.js';
import type { BackfillCounts } from '../activities/orders-backfill-types.js';

const DAY = 86_400_000;
/** The history backfilled: three full report windows. */
const RANGE_DAYS = 90;
const REPORT_OPERATIONS = ['createReport', 'getReport', 'getReportDocument'] as const;
/** Orders v0 page size (getOrders' maximum). */
const ORDERS_PAGE = 100;

export interface BackfillBenchResult {
  orders: number;
  timeScale: number;
  windows: number;
  /** Windows by outcome: the sandbox seeds the last 30 days only, so the older windows are empty (CANCELLED). */
  windowOutcomes: Record<string, number>;
  wallMs: number;
  workflowDurationMs: number;
  totals: BackfillCounts;
  batches: number;
  storedOrders: number;
  /** The report buckets' minimum for the calls made (time-scaled seconds). */
  reportBuckets: BucketMinimum;
  /** Time the sandbox takes to build one report (IN_QUEUE + IN_PROGRESS), scaled. */
  reportBuildSeconds: number;
  /** Orders v0's bucket minimum for the same orders, in the same time-scaled seconds. */
  ordersApiMinimumSeconds: { getOrders: number; getOrderItems: number };
  throttled: number;
  meter: MeterReading;
}

/** Orders v0 for `orders` orders: ⌈N/100⌉ getOrders pages and N getOrderItems calls through their buckets. */
function ordersApiMinimum(orders: number, timeScale: number) {
  return {
    getOrders: bucketSeconds(Math.ceil(orders / ORDERS_PAGE), USAGE_PLANS.getOrders, timeScale),
    getOrderItems: bucketSeconds(orders, USAGE_PLANS.getOrderItems, timeScale),
  };
}

export async function runBackfillBench(
  infra: BenchInfra,
  teardown: Teardown,
  opts: { orders: number; timeScale: number; settings: ThroughputSettings; say: (line: string) => void },
): Promise<BackfillBenchResult> {
  const anchor = new Date(Math.floor(Date.now() / 1000) * 1000);
  const stack = await startPhase(infra, teardown, {
    phase: 'bf',
    sandbox: { seed: { count: opts.orders, now: anchor, days: RANGE_DAYS - 2 }, rateLimits: true, timeScale: opts.timeScale, minLagSeconds: 0 },
    orders: opts.settings,
  });
  try {
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const range = { from: iso(anchor.getTime() - RANGE_DAYS * DAY), to: iso(anchor.getTime()) };
    // The poll schedule runs on the sandbox's clock too: Amazon's minutes are the bench's milliseconds.
    const scaled = (ms: number) => Math.max(1, Math.round(ms / opts.timeScale));
    const reportSchedule = { firstPollMs: scaled(REPORT_DOWNLOAD.firstPollMs), factor: REPORT_DOWNLOAD.factor, maxPollMs: scaled(REPORT_DOWNLOAD.maxPollMs), giveUpAfterMs: scaled(REPORT_DOWNLOAD.giveUpAfterMs) };
    const meter = startMeter({ serverPid: infra.devServer.process.pid, sandboxPid: stack.sandbox.pid });
    const t0 = performance.now();
    const started = await startOrdersBackfill(infra.client, stack.tenant, BENCH_CHANNEL, range, { taskQueue: stack.taskQueue, reportSchedule });
    const ticker = setInterval(() => {
      void started.handle
        .query<{ windowsDone: number; windowsTotal: number; totals: BackfillCounts }>('progress')
        .then((p) => opts.say(`  (backfill) ${((performance.now() - t0) / 1000).toFixed(0)} s: windows ${p.windowsDone}/${p.windowsTotal}, ${p.totals.rows} rows, ${p.totals.inserted} new`))
        .catch(() => undefined);
    }, 5_000);
    let outcome: Awaited<ReturnType<typeof backfillOutcome>>;
    try {
      outcome = await backfillOutcome(started.handle);
    } finally {
      clearInterval(ticker);
    }
    const wallMs = performance.now() - t0;
    const reading = meter.stop();
    if (!outcome.summary) throw new Error(`the backfill failed: ${outcome.error ?? 'no summary'}`);
    const stats = await stack.sandbox.stats();
    const s = outcome.summary;
    return {
      orders: stats.orders,
      timeScale: opts.timeScale,
      windows: s.windows.length,
      windowOutcomes: s.windows.reduce<Record<string, number>>((m, w) => ({ ...m, [w.outcome.status]: (m[w.outcome.status] ?? 0) + 1 }), {}),
      wallMs,
      workflowDurationMs: s.durationMs,
      totals: s.totals,
      batches: s.batches,
      storedOrders: await countOrders(stack.db, { tenant: stack.tenant, channel: BENCH_CHANNEL }),
      reportBuckets: bucketMinimum(stats, opts.timeScale, REPORT_OPERATIONS),
      reportBuildSeconds: (DEFAULT_JOB_TIMING.queueSeconds + DEFAULT_JOB_TIMING.progressSeconds) / opts.timeScale,
      ordersApiMinimumSeconds: ordersApiMinimum(stats.orders, opts.timeScale),
      throttled: Object.values(stats.operations).reduce((n, o) => n + o.throttled, 0),
      meter: reading,
    };
  } finally {
    // A shared PostgreSQL keeps no bench rows (SQLite files go with the bench folder).
    if (infra.database.kind === 'postgres') await removeBenchTenants(stack.db, [stack.tenant]);
    await stack.stop();
  }
}

const sec = (s: number) => `${s.toFixed(1)} s`;
const real = realTime;

export function formatBackfillBench(r: BackfillBenchResult): string {
  const t = r.totals;
  const api = Math.max(r.ordersApiMinimumSeconds.getOrders, r.ordersApiMinimumSeconds.getOrderItems);
  return [
    `(b, backfill) ${r.orders.toLocaleString('en-US')} orders over ${RANGE_DAYS} days through order reports, buckets at ${r.timeScale}×`,
    `  ${r.windows} report windows (${Object.entries(r.windowOutcomes).map(([k, n]) => `${n} ${k}`).join(', ')}), ${t.rows.toLocaleString('en-US')} rows in ${r.batches} slices → ${r.storedOrders.toLocaleString('en-US')} orders stored (${t.deadLettered} dead-lettered)`,
    // The wall time is mostly the import's own CPU, which the time scale does not shrink: it is not scaled back.
    `  wall ${sec(r.wallMs / 1000)}, ${(t.orders / (r.wallMs / 1000)).toFixed(0)} orders/s (workflow ${sec(r.workflowDurationMs / 1000)})`,
    `  report buckets' minimum ${sec(r.reportBuckets.minSeconds)} (` +
      r.reportBuckets.rows.map((b) => `${b.operation} ${b.tokenCalls} calls, burst ${b.burst}`).join('; ') +
      `); each report takes the sandbox ${sec(r.reportBuildSeconds)} to build (${real(r.reportBuildSeconds, r.timeScale)})`,
    `  429s: ${r.throttled}`,
    `  the same orders through Orders v0 need at least ${sec(api)} (${real(api, r.timeScale)}): getOrderItems ${sec(r.ordersApiMinimumSeconds.getOrderItems)}, getOrders ${sec(r.ordersApiMinimumSeconds.getOrders)}`,
    `  CPU: bench process ${sec(r.meter.cpuMs / 1000)}, hub JS thread busy ${Math.round(r.meter.eventLoopBusy * 100)}%`,
  ].join('\n');
}
