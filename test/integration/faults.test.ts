/**
 * Faults with "nothing lost, nothing doubled" asserted: a 429 storm, a worker process
 * killed with SIGKILL in the middle of a sync and replaced by a new one, and the
 * Temporal server stopped and restarted in the middle of a sync.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { startOrdersSync } from '../../cli/commands/sync.js';
import { KNOWN_MALFORMED_ORDERS } from '../../sandbox/amazon/index.js';
import { countOrders, listDeadLetters, listRuns, ordersSnapshot } from '../../store/index.js';
import { startDevServer, type DevServer } from '../../worker/dev-server.js';
import { freeStablePort } from '../support/ports.js';
import { resolveTemporalCli } from '../../worker/temporal-cli.js';
import { createHarness, eventually, SECRET_ENV, tenantsConfigFor, type Harness } from './harness.js';

const SEEDED = 240;
const GOOD = SEEDED - KNOWN_MALFORMED_ORDERS.length;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('a 429 storm', () => {
  let h: Harness;
  const tenant = `storm-${Date.now().toString(36)}`;
  const clean = `calm-${Date.now().toString(36)}`;

  beforeAll(async () => {
    // Buckets at 100× speed (getOrderItems 50/s, burst 30) and storms injected on top.
    h = await createHarness({ tenants: [tenant, clean], sandbox: { timeScale: 100 }, orders: { pageSize: 100, itemsConcurrency: 4 } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('is survived with nothing lost and nothing doubled', async () => {
    const reference = await h.sync(clean);
    expect(reference.totals.inserted).toBe(GOOD);
    const before = h.sandbox.stats();

    h.sandbox.injectFaults([
      { operation: 'getOrders', status: 429, count: 6 },
      { operation: 'getOrderItems', status: 429, count: 80 },
    ]);
    const summary = await h.sync(tenant);
    const after = h.sandbox.stats();
    const thrown429 =
      after.operations.getOrders.throttled - before.operations.getOrders.throttled +
      (after.operations.getOrderItems.throttled - before.operations.getOrderItems.throttled);

    expect(thrown429).toBeGreaterThanOrEqual(86);
    // Every order exactly once, with the same content as a storm-free import.
    expect(await countOrders(h.db, { tenant })).toBe(GOOD);
    const stormy = (await ordersSnapshot(h.db, tenant)).map((o) => [o.externalId, o.contentHash, o.version]);
    const calm = (await ordersSnapshot(h.db, clean)).map((o) => [o.externalId, o.contentHash, o.version]);
    expect(stormy).toEqual(calm);
    expect(stormy.every(([, , v]) => v === 1)).toBe(true);
    expect(await listDeadLetters(h.db, { tenant })).toHaveLength(KNOWN_MALFORMED_ORDERS.length);
    expect(summary.totals.inserted + summary.totals.unchanged).toBe(GOOD);
    // The 429s are seen and reported (attempts that failed carry theirs over through heartbeats).
    expect(summary.totals.throttled).toBeGreaterThan(0);
    // No retry storm: every request beyond the storm's 429s did useful work — at most one
    // extra getOrderItems call per order for a page an activity retry had to redo.
    const itemCalls = after.operations.getOrderItems.requests - before.operations.getOrderItems.requests;
    const itemPages = reference.totals.fetched + 2; // one 47-line order pages three times
    expect(itemCalls - (after.operations.getOrderItems.throttled - before.operations.getOrderItems.throttled)).toBeLessThanOrEqual(
      itemPages * 2,
    );
  });
});

describe('a worker killed mid-sync', () => {
  let h: Harness;
  let worker: ChildProcess | undefined;
  const tenant = `killed-${Date.now().toString(36)}`;
  const clean = `clean-${Date.now().toString(36)}`;
  const taskQueue = `kill-${Date.now().toString(36)}`;

  function startWorkerProcess(configPath: string): ChildProcess {
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'worker/main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...SECRET_ENV,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        CARAVAN_CONFIG: configPath,
        CARAVAN_DATA_DIR: h.dir,
        CARAVAN_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
        CARAVAN_TASK_QUEUE: taskQueue,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
      // Its own process group: tsx runs the worker in a child node process, and the kill must reach it.
      detached: true,
    });
    return child;
  }

  beforeAll(async () => {
    // No in-process worker: the worker under test is a separate process writing to the
    // harness's database file. Latency slows the sandbox so the kill lands mid-sync.
    h = await createHarness({ tenants: [tenant, clean], sandbox: { latencyMs: 40 }, worker: false });
  });
  afterAll(async () => {
    // Stop the worker process group before the dev server goes away, or it would retry forever.
    if (worker?.pid && worker.exitCode === null && worker.signalCode === null) {
      const exited = new Promise((r) => worker!.once('exit', r));
      const signal = (s: NodeJS.Signals) => {
        try {
          process.kill(-worker!.pid!, s);
        } catch {
          // already gone
        }
      };
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await h?.stop();
  });

  it('loses nothing and doubles nothing when a new worker takes over', async () => {
    const configPath = join(h.dir, 'caravan.config.yaml');
    writeFileSync(
      configPath,
      toYaml(tenantsConfigFor(h.sandbox.url, [tenant, clean], { pageSize: 100, itemsConcurrency: 2, writeBatchSize: 10 }, 1000)),
    );

    worker = startWorkerProcess(configPath);
    const started = await startOrdersSync(h.client, tenant, 'amazon', { taskQueue });
    // Kill it in the middle of the first page (100 orders), once part of it is written.
    await eventually(async () => (await countOrders(h.db, { tenant })) >= 30, 120_000);
    const exited = new Promise((r) => worker!.once('exit', r));
    process.kill(-worker.pid!, 'SIGKILL');
    await exited;
    const atKill = await countOrders(h.db, { tenant });
    expect(atKill).toBeLessThan(100);

    worker = startWorkerProcess(configPath);
    const summary = await started.handle.result();
    expect(summary.totals.fetched).toBe(SEEDED);
    // The page the dead worker held was retried by the new one (attempt 2, after the heartbeat timeout).
    const history = await started.handle.fetchHistory();
    const attempts = (history.events ?? []).map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 0);
    expect(Math.max(...attempts)).toBeGreaterThanOrEqual(2);

    // A clean run of the same data by the same (new) worker, for comparison.
    const reference = await startOrdersSync(h.client, clean, 'amazon', { taskQueue });
    await reference.handle.result();

    const killed = (await ordersSnapshot(h.db, tenant)).map((o) => [o.externalId, o.contentHash, o.version]);
    const cleanRun = (await ordersSnapshot(h.db, clean)).map((o) => [o.externalId, o.contentHash, o.version]);
    expect(killed).toHaveLength(GOOD);
    expect(killed).toEqual(cleanRun);
    expect(killed.every(([, , v]) => v === 1)).toBe(true);
    expect(summary.totals.inserted + summary.totals.unchanged).toBe(GOOD);
    expect(await listDeadLetters(h.db, { tenant })).toHaveLength(KNOWN_MALFORMED_ORDERS.length);
    const runs = await eventually(async () => {
      const r = await listRuns(h.db, { tenant });
      return r.length === 1 && r[0]!.status === 'completed' ? r : undefined;
    });
    expect(runs[0]).toMatchObject({ status: 'completed', deadLettered: KNOWN_MALFORMED_ORDERS.length });
  });
});

describe('the Temporal server restarted mid-sync', () => {
  let h: Harness | undefined;
  let server: DevServer | undefined;
  const tenant = `restart-${Date.now().toString(36)}`;

  afterAll(async () => {
    await h?.stop();
    await server?.stop();
  });

  it('resumes from its persisted state and finishes with nothing lost or doubled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caravan-restart-'));
    const cli = await resolveTemporalCli({ allowBuild: false });
    // The restarted server listens on the same port: one no other test's listen(0) can take meanwhile.
    const port = await freeStablePort();
    const start = () => startDevServer({ cliPath: cli.path, dbFile: join(dir, 'temporal.db'), port, uiPort: false, logFile: join(dir, 'temporal.log') });
    server = await start();
    h = await createHarness({ tenants: [tenant], temporalAddress: server.address, sandbox: { latencyMs: 30 }, orders: { itemsConcurrency: 2, writeBatchSize: 10 } });
    const started = await startOrdersSync(h.client, tenant, 'amazon', { taskQueue: h.taskQueue });
    await eventually(async () => (await countOrders(h!.db, { tenant })) >= 30, 120_000);

    await server.stop();
    const during = await countOrders(h.db, { tenant });
    await new Promise((r) => setTimeout(r, 2000));
    server = await start();

    const summary = await started.handle.result();
    expect(during).toBeLessThan(GOOD);
    expect(summary.totals.fetched).toBe(SEEDED);
    expect(summary.totals.inserted + summary.totals.unchanged).toBe(GOOD);
    const rows = await ordersSnapshot(h.db, tenant);
    expect(rows).toHaveLength(GOOD);
    expect(rows.every((o) => o.version === 1)).toBe(true);
    expect(await listDeadLetters(h.db, { tenant })).toHaveLength(KNOWN_MALFORMED_ORDERS.length);
  });
});
