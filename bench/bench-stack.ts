/**
 * What the bench runs on: one in-memory Temporal dev server (free port, headless) and one
 * workflow bundle for the whole run; per phase a sandbox SP-API, a fresh hub database and
 * an in-process worker on a task queue of its own. Everything lives in a temp folder,
 * never in the demo's data/.
 */
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { DefaultLogger, NativeConnection, Runtime, type WorkflowBundleOption } from '@temporalio/worker';
import type { Knex } from 'knex';
import { queryProgress, startOrdersSync } from '../cli/commands/sync.js';
import type { AmazonConnectionSettings } from '../connectors/amazon/config.js';
import { MARKETPLACES, SANDBOX_DEMO_CREDENTIALS, type AmazonSandboxOptions } from '../sandbox/amazon/index.js';
import { closeDatabase, migrateLatest, openDatabase } from '../store/index.js';
import { bundleWorkflows } from '../worker/bundle.js';
import { startDevServer, type DevServer } from '../worker/dev-server.js';
import { createLogger, type Logger } from '../worker/logger.js';
import { resolveTemporalCli } from '../worker/temporal-cli.js';
import { parseTenantsConfig, type OrdersSyncSettings, type TenantsConfig } from '../worker/tenants-config.js';
import { createCaravanWorker } from '../worker/worker.js';
import type { OrdersSyncSummary } from '../workflows/orders-sync.js';
import { startBenchSandbox, type BenchSandbox, type SandboxPlacement } from './sandbox-host.js';
import type { Teardown } from './teardown.js';

// @temporalio/proto is CommonJS: take the namespace from its default export under ESM.
const CLOSE_EVENT_ONLY = proto.temporal.api.enums.v1.HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT;

/** The channel id of the bench's one connection per tenant. */
export const BENCH_CHANNEL = 'amazon';

/** Secrets stay references in the config (as in production); the values are the sandbox's demo app. */
const SECRET_ENV = {
  CARAVAN_BENCH_LWA_CLIENT_ID: SANDBOX_DEMO_CREDENTIALS.clientId,
  CARAVAN_BENCH_LWA_CLIENT_SECRET: SANDBOX_DEMO_CREDENTIALS.clientSecret,
  CARAVAN_BENCH_LWA_REFRESH_TOKEN: SANDBOX_DEMO_CREDENTIALS.refreshToken,
};

export type BenchDatabase = { kind: 'sqlite' } | { kind: 'postgres'; url: string };

export interface BenchInfra {
  dir: string;
  logger: Logger;
  logFile: string;
  temporalCli: { path: string; version: string };
  devServer: DevServer;
  client: Client;
  namespace: string;
  workerConnection: NativeConnection;
  workflowBundle: WorkflowBundleOption;
  database: BenchDatabase;
  sandboxPlacement: SandboxPlacement;
  /** Unique per bench run: tenant ids and task queues carry it. */
  runId: string;
  setupMs: { temporal: number; bundle: number };
}

export async function startBenchInfra(opts: {
  database: BenchDatabase;
  sandboxPlacement: SandboxPlacement;
  teardown: Teardown;
  say: (line: string) => void;
}): Promise<BenchInfra> {
  const { teardown, say } = opts;
  const dir = mkdtempSync(join(tmpdir(), 'caravan-bench-'));
  const logFile = join(dir, 'caravan.log');
  const logger = createLogger({ level: 'info', destination: createWriteStream(logFile, { flags: 'a' }) });
  Runtime.install({ logger: new DefaultLogger('WARN', (entry) => logger.warn({ sdk: entry.meta }, entry.message)) });
  Object.assign(process.env, SECRET_ENV);

  const cli = await resolveTemporalCli({ log: (l) => say(`  ${l}`) });
  const t0 = performance.now();
  const [devServer, bundle] = await Promise.all([
    startDevServer({ cliPath: cli.path, port: 0, uiPort: false, logFile: join(dir, 'temporal.log') }).then((s) => {
      teardown.add('Temporal dev server', () => s.stop());
      return s;
    }),
    bundleWorkflows({ quiet: true }),
  ]);
  const bundleMs = performance.now() - t0;
  const connection = await Connection.connect({ address: devServer.address });
  teardown.add('Temporal client connection', () => connection.close());
  const workerConnection = await NativeConnection.connect({ address: devServer.address });
  teardown.add('worker connection', () => workerConnection.close());
  const temporalMs = performance.now() - t0;
  return {
    dir,
    logger,
    logFile,
    temporalCli: { path: cli.path, version: cli.version },
    devServer,
    client: new Client({ connection, namespace: 'default' }),
    namespace: 'default',
    workerConnection,
    workflowBundle: { code: bundle.code },
    database: opts.database,
    sandboxPlacement: opts.sandboxPlacement,
    runId: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
    setupMs: { temporal: temporalMs, bundle: bundleMs },
  };
}

/** Opens and migrates a hub database: a fresh SQLite file in the temp folder, or the PostgreSQL URL. */
export async function openBenchDatabase(infra: BenchInfra, teardown: Teardown, name: string): Promise<{ db: Knex; close: () => Promise<void> }> {
  const db = openDatabase(infra.database.kind === 'postgres' ? { url: infra.database.url } : { sqliteFile: join(infra.dir, `${name}.db`) });
  const close = teardown.add(`database ${name}`, () => closeDatabase(db));
  await migrateLatest(db);
  return { db, close };
}

export interface PhaseOptions {
  /** Phase letter, part of the tenant id and task queue. */
  phase: string;
  /** Seed options rather than orders: the sandbox may run on another thread. */
  sandbox: Omit<AmazonSandboxOptions, 'now' | 'orders'>;
  orders: Omit<OrdersSyncSettings, 'settleSeconds'>;
  /** The connector's own buckets (usage plans granted to the seller); published defaults when absent. */
  rateLimits?: AmazonConnectionSettings['rateLimits'];
}

export interface PhaseStack {
  tenant: string;
  taskQueue: string;
  sandbox: BenchSandbox;
  db: Knex;
  config: TenantsConfig;
  marketplaceIds: string[];
  stop(): Promise<void>;
}

export async function startPhase(infra: BenchInfra, teardown: Teardown, opts: PhaseOptions): Promise<PhaseStack> {
  const tenant = `bench-${opts.phase}-${infra.runId}`;
  const taskQueue = `bench-${opts.phase}-${infra.runId}`;
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
    const sandbox = await startBenchSandbox(infra.sandboxPlacement, { port: 0, clients: [SANDBOX_DEMO_CREDENTIALS], ...opts.sandbox });
    stops.push(teardown.add(`sandbox (${opts.phase})`, () => sandbox.close()));
    const { db, close } = await openBenchDatabase(infra, teardown, `hub-${opts.phase}`);
    stops.push(close);

    const marketplaceIds = MARKETPLACES.map((m) => m.marketplaceId);
    const config = parseTenantsConfig({
      tenants: {
        [tenant]: {
          connections: {
            [BENCH_CHANNEL]: {
              vendor: 'amazon',
              settings: {
                region: 'eu',
                marketplaceIds,
                endpoint: sandbox.url,
                tokenEndpoint: `${sandbox.url}/auth/o2/token`,
                ...(opts.rateLimits ? { rateLimits: opts.rateLimits } : {}),
              },
              secrets: {
                clientId: { env: 'CARAVAN_BENCH_LWA_CLIENT_ID' },
                clientSecret: { env: 'CARAVAN_BENCH_LWA_CLIENT_SECRET' },
                refreshToken: { env: 'CARAVAN_BENCH_LWA_REFRESH_TOKEN' },
              },
              // The sandbox runs with minLagSeconds 0, so the window may end now.
              orders: { ...opts.orders, settleSeconds: 0 },
            },
          },
        },
      },
    });

    const worker = await createCaravanWorker({
      connection: infra.workerConnection,
      namespace: infra.namespace,
      db,
      config,
      logger: infra.logger,
      taskQueue,
      workflowBundle: infra.workflowBundle,
    });
    const running = worker.run();
    stops.push(
      teardown.add(`worker (${opts.phase})`, async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
      }),
    );
    return { tenant, taskQueue, sandbox, db, config, marketplaceIds, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

export interface SyncRun {
  workflowId: string;
  firstRunId: string;
  summary: OrdersSyncSummary;
  /** From the start request to the result, as the caller sees it. */
  wallMs: number;
}

/** Starts the phase's sync, prints progress every few seconds, waits for the summary. */
export async function runSync(
  infra: BenchInfra,
  stack: PhaseStack,
  opts: { since: string; say: (line: string) => void; label: string },
): Promise<SyncRun> {
  const t0 = performance.now();
  const started = await startOrdersSync(infra.client, stack.tenant, BENCH_CHANNEL, { since: opts.since, taskQueue: stack.taskQueue });
  const ticker = setInterval(() => {
    void queryProgress(started.handle).then((p) => {
      if (!p) return;
      const s = ((performance.now() - t0) / 1000).toFixed(0);
      opts.say(`  ${opts.label} ${s} s: ${p.phase}, ${p.pages} pages, ${p.totals.fetched} fetched, ${p.continuedAsNew} continue-as-new`);
    });
  }, 5_000);
  try {
    const summary = await started.handle.result();
    return { workflowId: started.workflowId, firstRunId: started.runId, summary, wallMs: performance.now() - t0 };
  } finally {
    clearInterval(ticker);
  }
}

export interface WorkflowChain {
  runs: number;
  /** History events of every run of the chain. */
  events: number;
  /** How long reading them took (one close-event request per run). */
  lookupMs: number;
}

/**
 * Follows the continue-as-new chain from its first run. A run's close event is its last
 * event, so its id is the run's event count; one request per run, no full histories.
 */
export async function workflowChain(infra: BenchInfra, workflowId: string, firstRunId: string): Promise<WorkflowChain> {
  const t0 = performance.now();
  let runId: string | undefined = firstRunId;
  let runs = 0;
  let events = 0;
  while (runId) {
    const res: proto.temporal.api.workflowservice.v1.IGetWorkflowExecutionHistoryResponse = await infra.client.workflowService.getWorkflowExecutionHistory({
      namespace: infra.namespace,
      execution: { workflowId, runId },
      historyEventFilterType: CLOSE_EVENT_ONLY,
    });
    const close: proto.temporal.api.history.v1.IHistoryEvent | undefined = res.history?.events?.[0];
    runs += 1;
    events += Number(close?.eventId ?? 0);
    runId = close?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return { runs, events, lookupMs: performance.now() - t0 };
}

/** On PostgreSQL the bench writes into a shared database: remove its tenants' rows afterwards. */
export async function removeBenchTenants(db: Knex, tenants: readonly string[]): Promise<void> {
  if (tenants.length === 0) return;
  await db.transaction(async (trx) => {
    for (const table of ['order_lines', 'orders', 'dead_letters', 'sync_cursors', 'sync_runs']) {
      await trx(table).whereIn('tenant', tenants).delete();
    }
  });
}
