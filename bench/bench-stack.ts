/**
 * What the bench runs on: one in-memory Temporal dev server (free port, headless) and one
 * workflow bundle for the whole run; per phase a sandbox SP-API, a fresh hub database and
 * an in-process worker on a task queue of its own. Everything lives in a temp folder,
 * never in the demo's data/.
 */
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
// @temporalio/proto is CommonJS: its namespace comes from the default export under ESM.
import proto from '@temporalio/proto';
import { NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import type { Knex } from 'knex';
import { queryProgress, startOrdersSync } from '../cli/commands/sync.js';
import type { AmazonConnectionSettings } from '../connectors/amazon/config.js';
import { MARKETPLACES, SANDBOX_DEMO_CREDENTIALS, type AmazonSandboxOptions } from '../sandbox/amazon/index.js';
import { closeDatabase, migrateLatest, openDatabase } from '../store/index.js';
import { buildDist, PROJECT_ROOT } from '../worker/build.js';
import { bundleWorkflows } from '../worker/bundle.js';
import { startDevServer, type DevServer } from '../worker/dev-server.js';
import { createLogger, type Logger } from '../worker/logger.js';
import { resolveTemporalCli } from '../worker/temporal-cli.js';
import { installTemporalRuntime } from '../worker/temporal-runtime.js';
import { parseTenantsConfig, type OrdersSyncSettings, type TenantsConfig } from '../config/tenants-config.js';
import { createCaravanWorker } from '../worker/worker.js';
import type { OrdersSyncSummary } from '../workflows/orders-sync.js';
import { startBenchSandbox, type BenchSandbox, type SandboxPlacement } from './sandbox-host.js';
import type { Teardown } from './teardown.js';
import { startWorkerProcess } from './worker-process.js';

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
  setupMs: { temporal: number; bundle: number; workerBuild: number };
  /** The hub built for node alone (worker/build.ts): what the bench's worker processes run. */
  workerBuildDir: string;
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
  installTemporalRuntime(logger);
  Object.assign(process.env, SECRET_ENV);

  const cli = await resolveTemporalCli({ log: (l) => say(`  ${l}`) });
  const runId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  // The bench's own build (inside the project, to find its packages): a dist/ a deployment runs is left alone.
  const buildDir = join(PROJECT_ROOT, '.caravan', `bench-build-${runId}`);
  teardown.add('worker build', async () => rmSync(buildDir, { recursive: true, force: true }));
  const t0 = performance.now();
  const [devServer, bundle, workerBuild] = await Promise.all([
    startDevServer({ cliPath: cli.path, port: 0, uiPort: false, logFile: join(dir, 'temporal.log') }).then((s) => {
      teardown.add('Temporal dev server', () => s.stop());
      return s;
    }),
    bundleWorkflows({ quiet: true }),
    // The worker processes run the build (node alone), as a deployed worker does.
    buildDist({ outDir: buildDir }),
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
    runId,
    setupMs: { temporal: temporalMs, bundle: bundleMs, workerBuild: workerBuild.ms },
    workerBuildDir: workerBuild.outDir,
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
  /** The Orders API the connection reads (v0 when absent). */
  ordersApi?: AmazonConnectionSettings['ordersApi'];
  /**
   * Run the phase's worker as its own process (worker/main.ts, as production does), so its
   * CPU and memory are its own rather than shared with the bench (webpack, baselines).
   */
  workerProcess?: boolean;
  /** V8 old-space cap of that worker process in MB (node --max-old-space-size), as a container's worker would set it. */
  workerHeapMb?: number;
  /** V8 semi-space cap of that worker process in MB (node --max-semi-space-size): the young generation's share of its RSS. */
  workerSemiSpaceMb?: number;
  /** More of the connection's settings (e.g. sellerId) and sections (e.g. `listings`), for the phases that publish. */
  connection?: { settings?: Record<string, unknown>; sections?: Record<string, unknown> };
  /** Top-level sections of the tenants file beside `tenants` (e.g. `fx`). */
  tenantsFile?: Record<string, unknown>;
  /** More fields of the tenant (e.g. `currency`, `shipping`), for the phases that ship. */
  tenant?: Record<string, unknown>;
  /** More connections of the tenant beside the channel's (e.g. carriers), by id. */
  connections?: Record<string, unknown>;
}

export interface PhaseStack {
  tenant: string;
  taskQueue: string;
  sandbox: BenchSandbox;
  db: Knex;
  config: TenantsConfig;
  marketplaceIds: string[];
  /** The worker's process, when it runs in its own. */
  workerPid?: number;
  stop(): Promise<void>;
}

/** NODE_OPTIONS of a phase's worker process: the V8 heap caps a container's worker would set. */
function workerNodeOptions(opts: Pick<PhaseOptions, 'workerHeapMb' | 'workerSemiSpaceMb'>): { NODE_OPTIONS?: string } {
  const flags = [
    ...(opts.workerHeapMb !== undefined ? [`--max-old-space-size=${opts.workerHeapMb}`] : []),
    ...(opts.workerSemiSpaceMb !== undefined ? [`--max-semi-space-size=${opts.workerSemiSpaceMb}`] : []),
  ];
  return flags.length ? { NODE_OPTIONS: [process.env.NODE_OPTIONS ?? '', ...flags].join(' ').trim() } : {};
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
    // A worker process opens <CARAVAN_DATA_DIR>/caravan.db; the bench reads the same file.
    const dataDir = join(infra.dir, `hub-${opts.phase}`);
    if (opts.workerProcess) mkdirSync(dataDir, { recursive: true });
    const { db, close } = await openBenchDatabase(infra, teardown, opts.workerProcess ? join(`hub-${opts.phase}`, 'caravan') : `hub-${opts.phase}`);
    stops.push(close);

    const marketplaceIds = MARKETPLACES.map((m) => m.marketplaceId);
    const tenants = {
      ...opts.tenantsFile,
      tenants: {
        [tenant]: {
          ...opts.tenant,
          connections: {
            ...opts.connections,
            [BENCH_CHANNEL]: {
              vendor: 'amazon',
              settings: {
                region: 'eu',
                marketplaceIds,
                endpoint: sandbox.url,
                tokenEndpoint: `${sandbox.url}/auth/o2/token`,
                ...(opts.rateLimits ? { rateLimits: opts.rateLimits } : {}),
                ...(opts.ordersApi ? { ordersApi: opts.ordersApi } : {}),
                ...opts.connection?.settings,
              },
              secrets: {
                clientId: { env: 'CARAVAN_BENCH_LWA_CLIENT_ID' },
                clientSecret: { env: 'CARAVAN_BENCH_LWA_CLIENT_SECRET' },
                refreshToken: { env: 'CARAVAN_BENCH_LWA_REFRESH_TOKEN' },
              },
              // The sandbox runs with minLagSeconds 0, so the window may end now.
              orders: { ...opts.orders, settleSeconds: 0 },
              ...opts.connection?.sections,
            },
          },
        },
      },
    };
    const config = parseTenantsConfig(tenants);

    if (opts.workerProcess) {
      const configFile = join(infra.dir, `tenants-${opts.phase}.json`);
      writeFileSync(configFile, JSON.stringify(tenants));
      const bundleFile = join(infra.dir, 'workflow-bundle.js');
      const bundle = infra.workflowBundle;
      if ('code' in bundle && !existsSync(bundleFile)) writeFileSync(bundleFile, bundle.code);
      const workerProcess = startWorkerProcess({
        builtDir: infra.workerBuildDir,
        env: {
          ...SECRET_ENV,
          TEMPORAL_ADDRESS: infra.devServer.address,
          ...(infra.database.kind === 'postgres' ? { CARAVAN_DATABASE_URL: infra.database.url } : { CARAVAN_DATA_DIR: dataDir }),
          CARAVAN_CONFIG: configFile,
          CARAVAN_TASK_QUEUE: taskQueue,
          CARAVAN_WORKFLOW_BUNDLE: 'code' in bundle ? bundleFile : bundle.codePath,
          // "worker started" (info) tells it is ready.
          LOG_LEVEL: 'info',
          ...workerNodeOptions(opts),
        },
        logFile: join(infra.dir, `worker-${opts.phase}.log`),
      });
      stops.push(teardown.add(`worker process (${opts.phase})`, async () => void (await workerProcess.stop())));
      await workerProcess.ready;
      return { tenant, taskQueue, sandbox, db, config, marketplaceIds, workerPid: workerProcess.pid, stop };
    }

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
  /** importOrdersPage activities that completed (one per page), and failed attempts. */
  pageActivities: number;
  pageAttemptsFailed: number;
  /** Σ started → completed of importOrdersPage: time spent inside the page activities. */
  inPageActivitiesMs: number;
  /**
   * Σ completed → next page's started: Temporal's turnaround between two sequential pages
   * (activity result to the server, a workflow task, the next activity task to the worker).
   */
  betweenPagesMs: number;
  /** First event → first page started (planning), last page completed → last event (finishing). */
  beforeFirstPageMs: number;
  afterLastPageMs: number;
  /** How long reading the histories took. */
  lookupMs: number;
}

type HistoryEvent = proto.temporal.api.history.v1.IHistoryEvent;
type LongLike = number | { toNumber(): number };

function eventMs(e: HistoryEvent): number {
  const t = e.eventTime;
  if (!t) return Number.NaN;
  const seconds = t.seconds as LongLike | null | undefined;
  const s = typeof seconds === 'number' ? seconds : (seconds?.toNumber() ?? 0);
  return s * 1000 + (t.nanos ?? 0) / 1e6;
}

const idOf = (v: LongLike | null | undefined): number => (typeof v === 'number' ? v : (v?.toNumber() ?? 0));

/**
 * Follows the continue-as-new chain from its first run and reads each run's history:
 * the event count, and where the time went between the page activities.
 */
export async function workflowChain(infra: BenchInfra, workflowId: string, firstRunId: string): Promise<WorkflowChain> {
  const t0 = performance.now();
  const EventType = proto.temporal.api.enums.v1.EventType;
  const pages: { started: number; completed: number }[] = [];
  let runId: string | undefined = firstRunId;
  let runs = 0;
  let events = 0;
  let failed = 0;
  let first = Number.NaN;
  let last = Number.NaN;
  while (runId) {
    const history: proto.temporal.api.history.v1.IHistory = await infra.client.workflow.getHandle(workflowId, runId).fetchHistory();
    const list: HistoryEvent[] = history.events ?? [];
    runs += 1;
    events += list.length;
    if (list.length && Number.isNaN(first)) first = eventMs(list[0]!);
    if (list.length) last = eventMs(list[list.length - 1]!);
    const pageScheduled = new Set<number>();
    const startedAt = new Map<number, number>();
    runId = undefined;
    for (const e of list) {
      const id = idOf(e.eventId as LongLike | null | undefined);
      switch (e.eventType) {
        case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
          if (e.activityTaskScheduledEventAttributes?.activityType?.name === 'importOrdersPage') pageScheduled.add(id);
          break;
        case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED: {
          const scheduled = idOf(e.activityTaskStartedEventAttributes?.scheduledEventId as LongLike | null | undefined);
          if (pageScheduled.has(scheduled)) startedAt.set(scheduled, eventMs(e));
          break;
        }
        case EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED: {
          const scheduled = idOf(e.activityTaskCompletedEventAttributes?.scheduledEventId as LongLike | null | undefined);
          const started = startedAt.get(scheduled);
          if (started !== undefined) pages.push({ started, completed: eventMs(e) });
          break;
        }
        case EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED:
        case EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT:
          failed += 1;
          break;
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
          runId = e.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
          break;
        default:
          break;
      }
    }
  }
  let inPages = 0;
  let between = 0;
  pages.forEach((p, i) => {
    inPages += p.completed - p.started;
    if (i > 0) between += p.started - pages[i - 1]!.completed;
  });
  return {
    runs,
    events,
    pageActivities: pages.length,
    pageAttemptsFailed: failed,
    inPageActivitiesMs: inPages,
    betweenPagesMs: between,
    beforeFirstPageMs: pages.length ? pages[0]!.started - first : 0,
    afterLastPageMs: pages.length ? last - pages[pages.length - 1]!.completed : 0,
    lookupMs: performance.now() - t0,
  };
}

/** On PostgreSQL the bench writes into a shared database: remove its tenants' rows afterwards. */
export async function removeBenchTenants(db: Knex, tenants: readonly string[]): Promise<void> {
  if (tenants.length === 0) return;
  await db.transaction(async (trx) => {
    for (const table of ['order_lines', 'orders', 'dead_letters', 'sync_cursors', 'sync_runs', 'listing_publications', 'catalogue_products', 'catalogue_sequences', 'shipments']) {
      if (await trx.schema.hasTable(table)) await trx(table).whereIn('tenant', tenants).delete();
    }
    // Shared rate-limit buckets are keyed tenant/vendor/operation/scope.
    if (await trx.schema.hasTable('rate_limit_buckets')) {
      for (const tenant of tenants) await trx('rate_limit_buckets').where('id', 'like', `${encodeURIComponent(tenant)}/%`).delete();
    }
  });
}
