/**
 * (b) with two worker processes: one seller's import split across two hub workers on one
 * PostgreSQL, against the sandbox enforcing SP-API's (time-scaled) buckets. Two channels
 * of the seller in one region (its marketplaces in two halves) sync at once on one
 * task queue that both workers poll, so both workers call getOrderItems on the seller's one
 * bucket, which they share through the database. Reports the 429s and the import time
 * against the buckets' minimum.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
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
    stops.push(() => removeBenchTenants(db, [tenant]));

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
    writeFileSync(configFile, JSON.stringify({ tenants: { [tenant]: { connections } } }));
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
    const workers: WorkerProcess[] = [1, 2].map((i) => startWorkerProcess({ env, logFile: join(infra.dir, `worker-b2-${i}.log`) }));
    for (const [i, w] of workers.entries()) stops.push(teardown.add(`worker process ${i + 1} (b)`, async () => void (await w.stop())));
    await Promise.all(workers.map((w) => w.ready));
    const cpuBefore = workers.map((w) => processCpuMs(w.pid) ?? 0);

    const t0 = performance.now();
    const started = await Promise.all(Object.keys(split).map((channel) => startOrdersSync(infra.client, tenant, channel, { since, taskQueue })));
    const ticker = setInterval(() => opts.say(`  (b, two workers) ${((performance.now() - t0) / 1000).toFixed(0)} s`), 5_000);
    let summaries;
    try {
      summaries = await Promise.all(started.map((s) => s.handle.result()));
    } finally {
      clearInterval(ticker);
    }
    const wallMs = performance.now() - t0;

    const workerUsage = workers.map((w, i) => {
      const cpu = processCpuMs(w.pid);
      const peak = w.peakRssBytes();
      return { pid: w.pid, ...(cpu !== undefined ? { cpuMs: cpu - cpuBefore[i]! } : {}), ...(peak !== undefined ? { peakRssBytes: peak } : {}) };
    });
    const sandboxPeak = sandboxProcessUsage(sandbox).peakRssBytes;
    const stats = await sandbox.stats();
    const minimum = bucketMinimum(stats, opts.timeScale);
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
