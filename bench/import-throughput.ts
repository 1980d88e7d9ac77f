/**
 * (a) End-to-end import throughput with rate limits off — through Temporal, the connector,
 * the mapping and the store — beside the raw rate of upsertOrders writing the same rows
 * in the same batches into a fresh database.
 *
 * "Rate limits off" on both sides: the sandbox never throttles, and the connector does not
 * pace itself. The sandbox still sends x-amzn-RateLimit-Limit (the published rate ×
 * timeScale) and the connector adopts that rate, so timeScale is huge; the connection's
 * rateLimits give buckets whose burst never runs dry.
 */
import { performance } from 'node:perf_hooks';
import { mapAmazon2026OrderRecord, mapAmazonOrderRecord, type AmazonRecordResult } from '../activities/amazon-records.js';
import { AMAZON_2026_DEFAULT_INCLUDED_DATA, type AmazonOrdersApi } from '../connectors/amazon/index.js';
import type { Order } from '../mappings/canonical/index.js';
import { generateAmazonSeed, type SandboxOrder, type SandboxStats } from '../sandbox/amazon/index.js';
import { toOrder2026 } from '../sandbox/amazon/orders-2026-api.js';
import { countOrders, upsertOrders } from '../store/index.js';
import {
  BENCH_CHANNEL,
  openBenchDatabase,
  runSync,
  startPhase,
  workflowChain,
  type BenchInfra,
  type WorkflowChain,
} from './bench-stack.js';
import { startCpuProfile } from './cpu-profile.js';
import { startMeter, type MeterReading } from './process-meter.js';
import type { Teardown } from './teardown.js';

/** Sandbox refill speed-up for (a): every published rate × 1e6, i.e. no refill wait to speak of. */
export const UNLIMITED_TIME_SCALE = 1e6;
/** The connector's buckets for (a): a burst larger than any bench run's calls. */
const UNLIMITED_PLAN = { rate: 1e6, burst: 1e9 };
/** Seeded PurchaseDates fall in the 30 days before the anchor; read from a day earlier. */
const SEED_DAYS = 30;

export interface ThroughputSettings {
  pageSize: number;
  itemsConcurrency: number;
  writeBatchSize: number;
}

export interface ThroughputResult {
  /** The Orders API the connection read. */
  ordersApi: AmazonOrdersApi;
  orders: number;
  settings: ThroughputSettings & {
    maxConcurrentActivityTaskExecutions: string;
    sandboxTimeScale: number;
    connectorRateLimits: typeof UNLIMITED_PLAN;
    /** Where the worker ran, and its V8 old-space cap when it had its own process. */
    worker: string;
  };
  seedMs: number;
  import: {
    wallMs: number;
    workflowDurationMs: number;
    ordersPerSecond: number;
    fetched: number;
    inserted: number;
    updated: number;
    unchanged: number;
    deadLettered: number;
    throttled: number;
    storedOrders: number;
    pages: number;
    continuedAsNew: number;
    chain: WorkflowChain;
    meter: MeterReading;
    sandbox: SandboxStats['operations'];
  };
  rawUpsert: {
    rows: number;
    batches: number;
    upsertMs: number;
    ordersPerSecond: number;
    mapMs: number;
    mapOrdersPerSecond: number;
    rejected: number;
  };
  /** End-to-end rate ÷ raw upsert rate. */
  ratio: number;
}

/** The sandbox pages getOrders by (LastUpdateDate, AmazonOrderId); the baseline writes in that order too. */
function inServingOrder(orders: readonly SandboxOrder[]): SandboxOrder[] {
  const key = (o: SandboxOrder) => Date.parse(o.order.LastUpdateDate);
  return [...orders].sort((a, b) => key(a) - key(b) || (a.order.AmazonOrderId < b.order.AmazonOrderId ? -1 : 1));
}

export async function runImportThroughput(
  infra: BenchInfra,
  teardown: Teardown,
  opts: {
    orders: number;
    settings: ThroughputSettings;
    say: (line: string) => void;
    cpuProfileFile?: string | undefined;
    ordersApi?: AmazonOrdersApi;
    /** The worker in its own process (its RSS and CPU its own); a CPU profile needs it in the bench's. */
    workerProcess?: boolean;
    /** That process's V8 old-space cap in MB; node's default (a share of the machine's memory) when absent. */
    workerHeapMb?: number;
    /** That process's V8 semi-space cap in MB; node's default when absent. */
    workerSemiSpaceMb?: number;
  },
): Promise<ThroughputResult> {
  const { say, settings } = opts;
  const ordersApi = opts.ordersApi ?? 'v0';
  const anchor = new Date(Math.floor(Date.now() / 1000) * 1000);
  const since = new Date(anchor.getTime() - (SEED_DAYS + 1) * 86_400_000).toISOString();

  // The sandbox seeds itself (maybe on its own thread). The baseline generates the same
  // orders from the same options after the import, so the import's peak RSS holds one copy.
  const seedOptions = { count: opts.orders, now: anchor };
  let t = performance.now();
  const stack = await startPhase(infra, teardown, {
    phase: ordersApi === 'v0' ? 'a' : 'a26',
    sandbox: { seed: seedOptions, rateLimits: false, timeScale: UNLIMITED_TIME_SCALE, minLagSeconds: 0 },
    orders: settings,
    rateLimits: { getOrders: UNLIMITED_PLAN, getOrder: UNLIMITED_PLAN, getOrderItems: UNLIMITED_PLAN, searchOrders: UNLIMITED_PLAN },
    ordersApi,
    workerProcess: opts.workerProcess === true && !opts.cpuProfileFile,
    ...(opts.workerHeapMb !== undefined ? { workerHeapMb: opts.workerHeapMb } : {}),
    ...(opts.workerSemiSpaceMb !== undefined ? { workerSemiSpaceMb: opts.workerSemiSpaceMb } : {}),
  });
  say(
    `  sandbox ${stack.sandbox.placement === 'thread' ? 'on its own thread' : 'inline'} at ${stack.sandbox.url}, ` +
      `${opts.orders} orders seeded; ready in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  let imported: ThroughputResult['import'];
  try {
    const profiler = opts.cpuProfileFile ? await startCpuProfile() : undefined;
    const meter = startMeter({ serverPid: infra.devServer.process.pid, sandboxPid: stack.sandbox.pid, workerPid: stack.workerPid });
    stack.sandbox.eventLoopBusy();
    const run = await runSync(infra, stack, { since, say, label: `(a ${ordersApi})` });
    const reading = meter.stop();
    const sandboxBusy = stack.sandbox.eventLoopBusy();
    if (profiler && opts.cpuProfileFile) await profiler.stop(opts.cpuProfileFile);
    const s = run.summary;
    const chain = await workflowChain(infra, run.workflowId, run.firstRunId);
    imported = {
      wallMs: run.wallMs,
      workflowDurationMs: s.durationMs,
      ordersPerSecond: s.totals.fetched / (run.wallMs / 1000),
      ...s.totals,
      storedOrders: await countOrders(stack.db, { tenant: stack.tenant, channel: BENCH_CHANNEL }),
      pages: s.pages,
      continuedAsNew: s.continuedAsNew,
      chain,
      meter: { ...reading, ...(sandboxBusy !== undefined ? { sandboxThreadBusy: sandboxBusy } : {}) },
      sandbox: (await stack.sandbox.stats()).operations,
    };
  } finally {
    await stack.stop();
  }

  // The same orders, pages and write batches as importOrdersPage, straight into upsertOrders.
  say('  raw upsertOrders of the same rows into a fresh database…');
  t = performance.now();
  const seed = generateAmazonSeed(seedOptions).orders;
  const seedMs = performance.now() - t;
  const served = inServingOrder(seed.filter((o) => o.order.MarketplaceId !== undefined && stack.marketplaceIds.includes(o.order.MarketplaceId)));
  // Each API's own record path; a 2026 order is converted beforehand, as the sandbox serves it (not timed).
  const included = new Set(AMAZON_2026_DEFAULT_INCLUDED_DATA);
  const converted = ordersApi === 'v0' ? undefined : new Map(served.map((o) => [o, toOrder2026(o, included)]));
  const mapOne = (o: SandboxOrder): AmazonRecordResult =>
    converted ? mapAmazon2026OrderRecord(converted.get(o), BENCH_CHANNEL) : mapAmazonOrderRecord(o.order, o.items, BENCH_CHANNEL);
  const batches: Order[][] = [];
  let rejected = 0;
  t = performance.now();
  for (let page = 0; page < served.length; page += settings.pageSize) {
    const pageOrders = served.slice(page, page + settings.pageSize);
    for (let start = 0; start < pageOrders.length; start += settings.writeBatchSize) {
      const batch: Order[] = [];
      for (const o of pageOrders.slice(start, start + settings.writeBatchSize)) {
        const m = mapOne(o);
        if (m.ok) batch.push(m.order);
        else rejected++;
      }
      if (batch.length) batches.push(batch);
    }
  }
  const mapMs = performance.now() - t;

  const { db, close } = await openBenchDatabase(infra, teardown, 'raw-upsert');
  const rawTenant = `bench-raw-${infra.runId}`;
  let rows = 0;
  let upsertMs = 0;
  try {
    for (const batch of batches) {
      t = performance.now();
      const r = await upsertOrders(db, rawTenant, batch);
      upsertMs += performance.now() - t;
      rows += r.inserted + r.updated + r.unchanged;
    }
  } finally {
    await close();
  }
  const upsertRate = rows / (upsertMs / 1000);
  return {
    ordersApi,
    orders: seed.length,
    settings: {
      ...settings,
      maxConcurrentActivityTaskExecutions: 'default (createCaravanWorker: 20)',
      sandboxTimeScale: UNLIMITED_TIME_SCALE,
      connectorRateLimits: UNLIMITED_PLAN,
      worker:
        opts.workerProcess === true && !opts.cpuProfileFile
          ? `own process (the build, node alone)${opts.workerHeapMb !== undefined ? `, --max-old-space-size=${opts.workerHeapMb}` : ''}` +
            `${opts.workerSemiSpaceMb !== undefined ? `, --max-semi-space-size=${opts.workerSemiSpaceMb}` : ''}`
          : 'in the bench process',
    },
    seedMs,
    import: imported,
    rawUpsert: {
      rows,
      batches: batches.length,
      upsertMs,
      ordersPerSecond: upsertRate,
      mapMs,
      mapOrdersPerSecond: served.length / (mapMs / 1000),
      rejected,
    },
    ratio: imported.ordersPerSecond / upsertRate,
  };
}
