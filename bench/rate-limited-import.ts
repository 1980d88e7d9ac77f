/**
 * (b) The import (Orders v0 or 2026-01-01) against a sandbox that enforces SP-API's token buckets (time-scaled):
 * actual import time beside the minimum the buckets allow, and the 429s seen by the
 * connector (workflow summary) and answered by the sandbox (its stats).
 */
import type { AmazonOrdersApi } from '../connectors/amazon/index.js';
import type { SandboxStats } from '../sandbox/amazon/index.js';
import { countOrders } from '../store/index.js';
import { bucketMinimum, type BucketMinimum } from './bucket-minimum.js';
import { BENCH_CHANNEL, runSync, startPhase, workflowChain, type BenchInfra, type WorkflowChain } from './bench-stack.js';
import type { ThroughputSettings } from './import-throughput.js';
import { startCpuProfile } from './cpu-profile.js';
import { startMeter, type MeterReading } from './process-meter.js';
import type { Teardown } from './teardown.js';

const SEED_DAYS = 30;

export interface RateLimitedResult {
  /** The Orders API the connection read (`settings.ordersApi`). */
  ordersApi: AmazonOrdersApi;
  orders: number;
  timeScale: number;
  settings: ThroughputSettings & { connectorRateLimits: 'published usage plans, rate corrected by x-amzn-RateLimit-Limit' };
  wallMs: number;
  workflowDurationMs: number;
  minimum: BucketMinimum;
  /** Actual wall time ÷ the bucket minimum. */
  overMinimum: number;
  throttled: { workflowTotals: number; sandbox: number };
  fetched: number;
  deadLettered: number;
  storedOrders: number;
  pages: number;
  continuedAsNew: number;
  chain: WorkflowChain;
  meter: MeterReading;
  sandbox: SandboxStats['operations'];
}

export async function runRateLimitedImport(
  infra: BenchInfra,
  teardown: Teardown,
  opts: {
    orders: number;
    timeScale: number;
    settings: ThroughputSettings;
    say: (line: string) => void;
    cpuProfileFile?: string | undefined;
    /** v0 when absent. */
    ordersApi?: AmazonOrdersApi;
  },
): Promise<RateLimitedResult> {
  const ordersApi = opts.ordersApi ?? 'v0';
  const anchor = new Date(Math.floor(Date.now() / 1000) * 1000);
  const since = new Date(anchor.getTime() - (SEED_DAYS + 1) * 86_400_000).toISOString();
  const stack = await startPhase(infra, teardown, {
    phase: ordersApi === 'v0' ? 'b' : 'b26',
    sandbox: { seed: { count: opts.orders, now: anchor }, rateLimits: true, timeScale: opts.timeScale, minLagSeconds: 0 },
    orders: opts.settings,
    ordersApi,
  });
  try {
    const profiler = opts.cpuProfileFile ? await startCpuProfile() : undefined;
    const meter = startMeter({ serverPid: infra.devServer.process.pid, sandboxPid: stack.sandbox.pid });
    stack.sandbox.eventLoopBusy();
    const run = await runSync(infra, stack, { since, say: opts.say, label: `(b ${ordersApi})` });
    const reading = meter.stop();
    const sandboxBusy = stack.sandbox.eventLoopBusy();
    if (profiler && opts.cpuProfileFile) await profiler.stop(opts.cpuProfileFile);
    const stats = await stack.sandbox.stats();
    const minimum = bucketMinimum(stats, opts.timeScale);
    const s = run.summary;
    const sandboxThrottled = Object.values(stats.operations).reduce((n, o) => n + o.throttled, 0);
    return {
      ordersApi,
      orders: stats.orders,
      timeScale: opts.timeScale,
      settings: { ...opts.settings, connectorRateLimits: 'published usage plans, rate corrected by x-amzn-RateLimit-Limit' },
      wallMs: run.wallMs,
      workflowDurationMs: s.durationMs,
      minimum,
      overMinimum: minimum.minSeconds > 0 ? run.wallMs / 1000 / minimum.minSeconds : Number.NaN,
      throttled: { workflowTotals: s.totals.throttled, sandbox: sandboxThrottled },
      fetched: s.totals.fetched,
      deadLettered: s.totals.deadLettered,
      storedOrders: await countOrders(stack.db, { tenant: stack.tenant, channel: BENCH_CHANNEL }),
      pages: s.pages,
      continuedAsNew: s.continuedAsNew,
      chain: await workflowChain(infra, run.workflowId, run.firstRunId),
      meter: { ...reading, ...(sandboxBusy !== undefined ? { sandboxThreadBusy: sandboxBusy } : {}) },
      sandbox: stats.operations,
    };
  } finally {
    await stack.stop();
  }
}
