/**
 * Per-test-file stack on the shared dev server: a sandbox SP-API, a fresh SQLite hub
 * database, a tenants config pointing at the sandbox, and an in-process worker on a
 * task queue of its own. Each test uses its own tenant id, so workflow ids never clash.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Knex } from 'knex';
import { inject } from 'vitest';
import { startOrdersSync } from '../../cli/commands/sync.js';
import { startAmazonSandbox, SANDBOX_DEMO_CREDENTIALS, type AmazonSandbox, type AmazonSandboxOptions } from '../../sandbox/amazon/index.js';
import { closeDatabase, migrateLatest, openDatabase } from '../../store/index.js';
import { createLogger } from '../../worker/logger.js';
import { installTemporalRuntime } from '../../worker/temporal-runtime.js';
import { parseTenantsConfig, type TenantsConfig } from '../../config/tenants-config.js';
import { createCaravanWorker } from '../../worker/worker.js';
import type { OrdersSyncSummary } from '../../workflows/orders-sync.js';

export const SECRET_ENV = {
  CARAVAN_TEST_LWA_CLIENT_ID: SANDBOX_DEMO_CREDENTIALS.clientId,
  CARAVAN_TEST_LWA_CLIENT_SECRET: SANDBOX_DEMO_CREDENTIALS.clientSecret,
  CARAVAN_TEST_LWA_REFRESH_TOKEN: SANDBOX_DEMO_CREDENTIALS.refreshToken,
};

export const ALL_MARKETPLACES = [
  'A1PA6795UKMFR9', 'A13V1IB3VIYZZH', 'APJ6JRA9NG5V4', 'A1RKKUPIHCS9HS', 'A1F83G8C2ARO7P', 'A2VIGQ35RCS4UG',
  'ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1VC38T7YXB528',
];

/** A tenants file with one Amazon channel per tenant id, all pointing at the sandbox. */
export function tenantsConfigFor(
  sandboxUrl: string,
  tenants: string[],
  orders: { pageSize?: number; itemsConcurrency?: number; writeBatchSize?: number; schedule?: { every: string; paused?: boolean } } = {},
  /** The sandbox's time scale: the connection is configured with the usage plans it grants (as a seller with raised limits would be). */
  timeScale?: number,
  /** Further connection settings per tenant id (e.g. `ordersApi`). */
  settingsOf: (tenant: string) => Record<string, unknown> = () => ({}),
): Record<string, unknown> {
  return {
    tenants: Object.fromEntries(
      tenants.map((t) => [
        t,
        {
          connections: {
            amazon: {
              vendor: 'amazon',
              settings: {
                region: 'eu',
                marketplaceIds: ALL_MARKETPLACES,
                endpoint: sandboxUrl,
                tokenEndpoint: `${sandboxUrl}/auth/o2/token`,
                ...(timeScale
                  ? {
                      rateLimits: {
                        getOrders: { rate: 0.0167 * timeScale, burst: 20 },
                        getOrder: { rate: 0.5 * timeScale, burst: 30 },
                        getOrderItems: { rate: 0.5 * timeScale, burst: 30 },
                        searchOrders: { rate: 0.0056 * timeScale, burst: 20 },
                      },
                    }
                  : {}),
                ...settingsOf(t),
              },
              secrets: {
                clientId: { env: 'CARAVAN_TEST_LWA_CLIENT_ID' },
                clientSecret: { env: 'CARAVAN_TEST_LWA_CLIENT_SECRET' },
                refreshToken: { env: 'CARAVAN_TEST_LWA_REFRESH_TOKEN' },
              },
              orders: { settleSeconds: 0, ...orders },
            },
          },
        },
      ]),
    ),
  };
}

export interface Harness {
  dir: string;
  /** JSON lines the in-process worker logged (level trace). */
  logs: string[];
  client: Client;
  db: Knex;
  sandbox: AmazonSandbox;
  config: TenantsConfig;
  taskQueue: string;
  worker: Worker | undefined;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  sync(tenant: string, opts?: { since?: string; pageSize?: number; continueAsNewAfterEvents?: number }): Promise<OrdersSyncSummary>;
  stop(): Promise<void>;
}

let runtimeInstalled = false;

/** Temporal's runtime logs only errors in tests (installed once per process). */
export function quietTemporalRuntime(): void {
  if (runtimeInstalled) return;
  installTemporalRuntime(undefined, 'ERROR');
  runtimeInstalled = true;
}

export async function createHarness(opts: {
  tenants: string[];
  sandbox?: Partial<AmazonSandboxOptions>;
  orders?: { pageSize?: number; itemsConcurrency?: number; writeBatchSize?: number };
  worker?: boolean;
  /** Another Temporal server than the run's shared one (fault tests that restart it). */
  temporalAddress?: string;
  /** Extra top-level config sections (e.g. fx), merged into the generated tenants file. */
  extraConfig?: Record<string, unknown>;
  /** Further Amazon connection settings per tenant id (e.g. `{ ordersApi: '2026-01-01' }`). */
  settingsOf?: (tenant: string) => Record<string, unknown>;
  /** Reshapes the generated tenants file once the sandbox's URL is known (channels of their own). */
  configFor?: (generated: Record<string, unknown>, sandboxUrl: string) => Record<string, unknown>;
}): Promise<Harness> {
  quietTemporalRuntime();
  Object.assign(process.env, SECRET_ENV);
  const dir = mkdtempSync(join(tmpdir(), 'caravan-harness-'));
  const address = opts.temporalAddress ?? inject('temporalAddress');
  const bundlePath = inject('workflowBundlePath');
  // SP-API's buckets stay on, 1000× faster: the connector learns the scaled rates from the headers.
  const sandboxOptions = { port: 0, minLagSeconds: 0, rateLimits: true, timeScale: 1000, ...opts.sandbox };
  const sandbox = await startAmazonSandbox(sandboxOptions);
  const generated = { ...tenantsConfigFor(sandbox.url, opts.tenants, opts.orders, sandboxOptions.timeScale, opts.settingsOf), ...opts.extraConfig };
  const config = parseTenantsConfig(opts.configFor ? opts.configFor(generated, sandbox.url) : generated);
  const db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
  await migrateLatest(db);
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const taskQueue = `it-${Math.random().toString(36).slice(2, 10)}`;
  // Everything the worker logs, at the most verbose level, for tests that check what logs must never contain.
  const logs: string[] = [];
  const logger = createLogger({
    level: 'trace',
    destination: new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  });

  let workerConnection: NativeConnection | undefined;
  let running: Promise<void> | undefined;
  const h: Harness = {
    dir,
    logs,
    client,
    db,
    sandbox,
    config,
    taskQueue,
    worker: undefined,
    async startWorker() {
      workerConnection ??= await NativeConnection.connect({ address });
      h.worker = await createCaravanWorker({
        connection: workerConnection,
        namespace: 'default',
        db,
        config,
        logger,
        taskQueue,
        workflowBundle: { codePath: bundlePath },
        dataDir: join(dir, 'data'),
      });
      running = h.worker.run();
    },
    async stopWorker() {
      if (h.worker && h.worker.getState() === 'RUNNING') h.worker.shutdown();
      await running;
      h.worker = undefined;
      running = undefined;
    },
    async sync(tenant, o = {}) {
      const s = await startOrdersSync(client, tenant, 'amazon', { taskQueue, ...o });
      return s.handle.result();
    },
    async stop() {
      await h.stopWorker();
      await workerConnection?.close();
      await connection.close();
      await sandbox.close();
      await closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (opts.worker !== false) await h.startWorker();
  return h;
}

/** Polls until `fn` returns a truthy value (visibility is eventually consistent). */
export async function eventually<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}
