/**
 * (b) with two worker processes: one seller's import split across two hub workers on one
 * PostgreSQL, against the sandbox enforcing SP-API's (time-scaled) buckets. Two channels
 * of the seller in one region (its marketplaces in two halves) sync at once on one
 * task queue that both workers poll, so both workers call getOrderItems on the seller's one
 * bucket, which they share through the database. Reports the 429s and the import time
 * against the buckets' minimum.
 *
 * Both workers are warmed first by a small import of other tenants (then the sandbox is
 * reset: full buckets, zero stats), as the one-worker line runs in a worker that has run
 * workflows before: a fresh worker process pays its workflow sandbox's first activation and
 * its code's first runs once (reported as the cold start), and a hub's workers live long.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import proto from '@temporalio/proto';
import { startOrdersSync } from '../cli/commands/sync.js';
import { generateAmazonSeed, MARKETPLACES, SANDBOX_DEMO_CREDENTIALS, type SandboxStats } from '../sandbox/amazon/index.js';
import { closeDatabase, countOrders, migrateLatest, openDatabase } from '../store/index.js';
import { bucketMinimum, type BucketMinimum } from './bucket-minimum.js';
import { removeBenchTenants, type BenchInfra } from './bench-stack.js';
import type { ThroughputSettings } from './import-throughput.js';
import { processCpuMs } from './process-meter.js';
import { sandboxProcessUsage, startBenchSandbox } from './sandbox-host.js';
import type { Teardown } from './teardown.js';
import { startWorkerProcess, type WorkerProcess } from './worker-process.js';

const SEED_DAYS = 30;
/** The warm-up imports the orders of the last this many hours (a few dozen of 2,000). */
const WARM_UP_HOURS = 12;
/** Warm-up tenants: two tenants × two channels, four workflows, so both workers take some. */
const WARM_UP_TENANTS = 2;

/** Marketplaces into two channels, largest first into the smaller channel (every marketplace, even one without orders). */
function balancedSplit(orderMarketplaces: readonly string[]): Record<string, string[]> {
  const counts = new Map(MARKETPLACES.map((m) => [m.marketplaceId, 0]));
  for (const id of orderMarketplaces) counts.set(id, (counts.get(id) ?? 0) + 1);
  const channels = [
    { name: 'amazon-1', ids: [] as string[], orders: 0 },
    { name: 'amazon-2', ids: [] as string[], orders: 0 },
  ];
  for (const [id, n] of [...counts].sort((x, y) => y[1] - x[1])) {
    const target = channels[0]!.orders <= channels[1]!.orders ? channels[0]! : channels[1]!;
    target.ids.push(id);
    target.orders += n;
  }
  return Object.fromEntries(channels.map((c) => [c.name, c.ids]));
}

export interface TwoWorkerChannel {
  channel: string;
  marketplaceIds: string[];
  /** Orders the sandbox holds for these marketplaces. */
  expected: number;
  fetched: number;
  inserted: number;
  updated: number;
  deadLettered: number;
  storedOrders: number;
  throttled: number;
}

export interface TwoWorkerResult {
  orders: number;
  timeScale: number;
  settings: ThroughputSettings;
  /** Start of both syncs → both results. */
  wallMs: number;
  minimum: BucketMinimum;
  overMinimum: number;
  /** Where the wall time went: start → first getOrderItems, first → last, last → both results (sandbox clock = this machine's). */
  phases?: { beforeFirstItemsMs: number; itemsSpanMs: number; afterLastItemsMs: number };
  /** The warm-up import before the measured one: its orders, wall time, and the longest first workflow task (a fresh worker's cold start). */
  warmUp: { orders: number; wallMs: number; firstWorkflowTaskMaxMs: number };
  throttled: { workflowTotals: number; sandbox: number };
  channels: TwoWorkerChannel[];
  workers: { pid: number; cpuMs?: number; peakRssBytes?: number }[];
  sandboxPeakRssBytes?: number;
  sandbox: SandboxStats['operations'];
}

export type TwoWorkerOutcome = TwoWorkerResult | { skipped: string };

export async function runTwoWorkerImport(
  infra: BenchInfra,
  teardown: Teardown,
  opts: { databaseUrl: string; orders: number; timeScale: number; settings: ThroughputSettings; say: (line: string) => void },
): Promise<TwoWorkerResult> {
  const anchor = new Date(Math.floor(Date.now() / 1000) * 1000);
  const since = new Date(anchor.getTime() - (SEED_DAYS + 1) * 86_400_000).toISOString();
  const tenant = `bench-b2-${infra.runId}`;
  const warmTenants = Array.from({ length: WARM_UP_TENANTS }, (_, i) => `bench-b2w${i + 1}-${infra.runId}`);
  const taskQueue = `bench-b2-${infra.runId}`;
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
    // As (b) with one worker, every marketplace through the one (EU) endpoint; the marketplaces
    // split in two channels of about equal orders, so neither sync's sequence of pages is
    // what sets the time.
    const seed = generateAmazonSeed({ count: opts.orders, now: anchor });
    const split = balancedSplit(seed.orders.map((o) => o.order.MarketplaceId ?? ''));
    const expected = (ids: string[]) => seed.orders.filter((o) => ids.includes(o.order.MarketplaceId ?? '')).length;

    const sandbox = await startBenchSandbox(infra.sandboxPlacement, {
      port: 0,
      clients: [SANDBOX_DEMO_CREDENTIALS],
      seed: { count: opts.orders, now: anchor },
      rateLimits: true,
      timeScale: opts.timeScale,
      minLagSeconds: 0,
    });
    stops.push(teardown.add('sandbox (b, two workers)', () => sandbox.close()));

    const db = openDatabase({ url: opts.databaseUrl });
    stops.push(teardown.add('database (b, two workers)', () => closeDatabase(db)));
    await migrateLatest(db);
    stops.push(() => removeBenchTenants(db, [tenant, ...warmTenants]));

    const connections = Object.fromEntries(
      Object.entries(split).map(([channel, marketplaceIds]) => [
        channel,
        {
          vendor: 'amazon',
          // Published usage plans, corrected by x-amzn-RateLimit-Limit: as (b) with one worker.
          settings: { region: 'eu', marketplaceIds, endpoint: sandbox.url, tokenEndpoint: `${sandbox.url}/auth/o2/token` },
          secrets: {
            clientId: { env: 'CARAVAN_BENCH_LWA_CLIENT_ID' },
            clientSecret: { env: 'CARAVAN_BENCH_LWA_CLIENT_SECRET' },
            refreshToken: { env: 'CARAVAN_BENCH_LWA_REFRESH_TOKEN' },
          },
          orders: { ...opts.settings, settleSeconds: 0 },
        },
      ]),
    );
    const configFile = join(infra.dir, 'two-workers.json');
    const tenants = Object.fromEntries([tenant, ...warmTenants].map((t) => [t, { connections }]));
    writeFileSync(configFile, JSON.stringify({ tenants }));
    const bundleFile = join(infra.dir, 'workflow-bundle.js');
    const bundle = infra.workflowBundle;
    if ('code' in bundle) writeFileSync(bundleFile, bundle.code);
    const env = {
      TEMPORAL_ADDRESS: infra.devServer.address,
      CARAVAN_DATABASE_URL: opts.databaseUrl,
      CARAVAN_CONFIG: configFile,
      CARAVAN_TASK_QUEUE: taskQueue,
      CARAVAN_WORKFLOW_BUNDLE: 'code' in bundle ? bundleFile : bundle.codePath,
      LOG_LEVEL: 'info',
    };
    const workers: WorkerProcess[] = [1, 2].map((i) => startWorkerProcess({ env, logFile: join(infra.dir, `worker-b2-${i}.log`), builtDir: infra.workerBuildDir }));
    for (const [i, w] of workers.entries()) stops.push(teardown.add(`worker process ${i + 1} (b)`, async () => void (await w.stop())));
    await Promise.all(workers.map((w) => w.ready));
    const warmUp = await warmUpWorkers(infra, { tenants: warmTenants, channels: Object.keys(split), since: new Date(anchor.getTime() - WARM_UP_HOURS * 3_600_000).toISOString(), taskQueue });
    await resetSandbox(sandbox.url);
    const cpuBefore = workers.map((w) => processCpuMs(w.pid) ?? 0);

    const t0 = performance.now();
    const startedAtMs = Date.now();
    const started = await Promise.all(Object.keys(split).map((channel) => startOrdersSync(infra.client, tenant, channel, { since, taskQueue })));
    const ticker = setInterval(() => opts.say(`  (b, two workers) ${((performance.now() - t0) / 1000).toFixed(0)} s`), 5_000);
    let summaries;
    try {
      summaries = await Promise.all(started.map((s) => s.handle.result()));
    } finally {
      clearInterval(ticker);
    }
    const wallMs = performance.now() - t0;
    const endedAtMs = Date.now();

    const workerUsage = workers.map((w, i) => {
      const cpu = processCpuMs(w.pid);
      const peak = w.peakRssBytes();
      return { pid: w.pid, ...(cpu !== undefined ? { cpuMs: cpu - cpuBefore[i]! } : {}), ...(peak !== undefined ? { peakRssBytes: peak } : {}) };
    });
    const sandboxPeak = sandboxProcessUsage(sandbox).peakRssBytes;
    const stats = await sandbox.stats();
    const minimum = bucketMinimum(stats, opts.timeScale);
    const items = stats.operations.getOrderItems;
    const phases =
      items.firstAt !== undefined && items.lastAt !== undefined
        ? { beforeFirstItemsMs: items.firstAt - startedAtMs, itemsSpanMs: items.lastAt - items.firstAt, afterLastItemsMs: endedAtMs - items.lastAt }
        : undefined;
    const channels: TwoWorkerChannel[] = [];
    for (const [i, [channel, ids]] of Object.entries(split).entries()) {
      const t = summaries[i]!.totals;
      channels.push({
        channel,
        marketplaceIds: ids,
        expected: expected(ids),
        fetched: t.fetched,
        inserted: t.inserted,
        updated: t.updated,
        deadLettered: t.deadLettered,
        storedOrders: await countOrders(db, { tenant, channel }),
        throttled: t.throttled,
      });
    }
    return {
      orders: stats.orders,
      timeScale: opts.timeScale,
      settings: opts.settings,
      wallMs,
      minimum,
      overMinimum: minimum.minSeconds > 0 ? wallMs / 1000 / minimum.minSeconds : Number.NaN,
      ...(phases ? { phases } : {}),
      warmUp,
      throttled: {
        workflowTotals: channels.reduce((n, c) => n + c.throttled, 0),
        sandbox: Object.values(stats.operations).reduce((n, o) => n + o.throttled, 0),
      },
      channels,
      workers: workerUsage,
      ...(sandboxPeak !== undefined ? { sandboxPeakRssBytes: sandboxPeak } : {}),
      sandbox: stats.operations,
    };
  } finally {
    await stop();
  }
}

/** Runs a small import of the warm-up tenants on the workers; returns what it took and the longest first workflow task. */
async function warmUpWorkers(
  infra: BenchInfra,
  o: { tenants: readonly string[]; channels: readonly string[]; since: string; taskQueue: string },
): Promise<TwoWorkerResult['warmUp']> {
  const t0 = performance.now();
  const started = await Promise.all(o.tenants.flatMap((t) => o.channels.map((c) => startOrdersSync(infra.client, t, c, { since: o.since, taskQueue: o.taskQueue }))));
  const summaries = await Promise.all(started.map((s) => s.handle.result()));
  const wallMs = performance.now() - t0;
  const EventType = proto.temporal.api.enums.v1.EventType;
  let firstWorkflowTaskMaxMs = 0;
  for (const s of started) {
    const events = (await s.handle.fetchHistory()).events ?? [];
    const at = (type: number) => {
      const e = events.find((x) => x.eventType === type);
      const t = e?.eventTime;
      return t ? Number(t.seconds ?? 0) * 1000 + (t.nanos ?? 0) / 1e6 : undefined;
    };
    const taskStarted = at(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);
    const taskCompleted = at(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    if (taskStarted !== undefined && taskCompleted !== undefined) firstWorkflowTaskMaxMs = Math.max(firstWorkflowTaskMaxMs, taskCompleted - taskStarted);
  }
  return { orders: summaries.reduce((n, s) => n + s.totals.fetched, 0), wallMs, firstWorkflowTaskMaxMs };
}

/** The sandbox back to its seed, with full buckets and zero stats (its admin API). */
async function resetSandbox(url: string): Promise<void> {
  const res = await fetch(`${url}/_sandbox/reset`, { method: 'POST' });
  if (!res.ok) throw new Error(`sandbox reset: HTTP ${res.status}`);
}
