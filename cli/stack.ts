/**
 * Starts what the demo needs, in order, and stops it in reverse: Temporal (the embedded
 * dev server unless TEMPORAL_ADDRESS is set), search attributes, the hub database, the
 * sandbox vendor API, the worker. Before starting it cleans up after a demo on the same
 * data folder that died without stopping (cli/stack-state.ts) and checks every port, so
 * a port held by another program fails at once with one line naming the port and the
 * variable that moves it. Any failure stops what had started, so the process can exit.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Client, type Connection } from '@temporalio/client';
import type { NativeConnection, Worker, WorkflowBundleOption } from '@temporalio/worker';
import type { Knex } from 'knex';
import { startAmazonSandbox, SANDBOX_DEMO_CREDENTIALS, type AmazonSandbox } from '../sandbox/amazon/index.js';
import { SANDBOX_ALIEXPRESS_CREDENTIALS, startAliexpressSandbox, type AliexpressSandbox } from '../sandbox/aliexpress/index.js';
import { SANDBOX_ALIBABA_CREDENTIALS, startAlibabaSandbox, type AlibabaSandbox } from '../sandbox/alibaba/index.js';
import { SANDBOX_DHL_CREDENTIALS, startDhlSandbox, type DhlSandbox } from '../sandbox/dhl/index.js';
import { SANDBOX_FEDEX_CREDENTIALS, startFedexSandbox, type FedexSandbox } from '../sandbox/fedex/index.js';
import { closeDatabase, migrateLatest, openDatabase } from '../store/index.js';
import { isPortOpen, PortInUseError, startDevServer, type DevServer } from '../worker/dev-server.js';
import type { Env } from '../worker/env.js';
import { createLogger, type Logger } from '../worker/logger.js';
import { installTemporalRuntime, releaseTemporalRuntime } from '../worker/temporal-runtime.js';
import { resolveTemporalCli } from '../worker/temporal-cli.js';
import {
  connectClientWithRetry,
  connectWorker,
  ensureSearchAttributes,
  temporalTargetFromEnv,
} from '../worker/temporal-connection.js';
import { loadTenantsConfig, type TenantsConfig } from '../config/tenants-config.js';
import { createCaravanWorker } from '../worker/worker.js';
import { StartupError } from './output.js';
import { startPaymentStandIns, type PaymentStandIns } from './stack-payments.js';
import { demoTemporalDbFile, recordStack, recoverCrashedStack } from './stack-state.js';

export interface StackOptions {
  env: Env;
  configPath: string;
  /** Print progress for the user. */
  say: (line: string) => void;
  dataDir: string;
  /** Persist the dev server's state under dataDir (the demo) or keep it in memory (bench). */
  persistTemporal: boolean;
  /** Ports 0 pick free ones (bench); the demo uses the configured ones. */
  temporalPort: number;
  temporalUiPort: number | false;
  sandbox: {
    port: number;
    timeScale: number;
    rateLimits: boolean;
    orderCount: number;
    /** Anchor of the seeded data; the demo keeps it in the data folder so restarts see the same orders. */
    anchor: Date;
    minLagSeconds?: number;
    /** The demo's planted settlement anomalies (sandbox/amazon/reports-api.ts); default off. */
    plantSettlementDiscrepancies?: boolean;
  };
  /** The AliExpress and Alibaba.com stand-ins (the demo); absent: not started. */
  openPlatforms?: { aliexpressPort: number; alibabaPort: number; orderCount: number };
  /** The DHL Express and FedEx stand-ins (the demo ships through them); absent: not started. */
  carriers?: { dhlPort: number; fedexPort: number };
  /** The PayPal stand-in (and stripe-mock when installed): cli/stack-payments.ts; absent: not started. */
  payments?: { paypalPort: number };
  workflowBundle?: WorkflowBundleOption;
  logLevel?: Env['LOG_LEVEL'];
}

export interface Stack {
  client: Client;
  namespace: string;
  temporalAddress: string;
  uiUrl: string | undefined;
  db: Knex;
  sandbox: AmazonSandbox;
  aliexpress?: AliexpressSandbox;
  alibaba?: AlibabaSandbox;
  dhl?: DhlSandbox;
  fedex?: FedexSandbox;
  payments?: PaymentStandIns;
  config: TenantsConfig;
  worker: Worker;
  workerDone: Promise<void>;
  logger: Logger;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * The demo seller's sandbox credentials: one app, one refresh token per region (as a
 * seller authorises each region separately), so each region has its own rate limits.
 */
export const DEMO_REGION_CREDENTIALS = Object.fromEntries(
  (['eu', 'na', 'fe'] as const).map((region) => [
    region,
    { ...SANDBOX_DEMO_CREDENTIALS, refreshToken: `${SANDBOX_DEMO_CREDENTIALS.refreshToken}-${region}` },
  ]),
);

/** The demo's sandbox data is generated relative to this instant, kept across restarts. */
export function demoAnchor(dataDir: string, now = new Date()): Date {
  const file = join(dataDir, 'sandbox-anchor.json');
  if (existsSync(file)) {
    try {
      const { anchor } = JSON.parse(readFileSync(file, 'utf8')) as { anchor: string };
      const d = new Date(anchor);
      if (!Number.isNaN(d.getTime())) return d;
    } catch {
      // fall through and write a fresh anchor
    }
  }
  mkdirSync(dataDir, { recursive: true });
  const anchor = new Date(Math.floor(now.getTime() / 1000) * 1000);
  writeFileSync(file, JSON.stringify({ anchor: anchor.toISOString() }, null, 2));
  return anchor;
}

const LOOPBACK = '127.0.0.1';

/** One line naming the port, what wanted it, and the variable that moves it. */
function portInUse(port: number, what: string, variable: string, extra = ''): PortInUseError {
  return new PortInUseError(
    port,
    what,
    `port ${port} (${what}) on ${LOOPBACK} is in use by another program: stop that program, or choose another port ` +
      `with ${variable} (e.g. ${variable}=${port + 10} npm start)${extra}`,
  );
}

/** A listen failure, with EADDRINUSE told as portInUse. */
const rethrowInUse = (port: number, what: string, variable: string) => (e: unknown): never => {
  if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw portInUse(port, what, variable);
  throw e;
};

/** The ports this start will listen on, checked before anything starts. */
async function checkPortsFree(opts: StackOptions, devServer: boolean): Promise<void> {
  const wanted: [number | false, string, string, string?][] = [[opts.sandbox.port, 'sandbox Amazon SP-API', 'CARAVAN_SANDBOX_PORT']];
  if (opts.openPlatforms !== undefined) {
    wanted.push([opts.openPlatforms.aliexpressPort, 'sandbox AliExpress', 'CARAVAN_SANDBOX_ALIEXPRESS_PORT'], [opts.openPlatforms.alibabaPort, 'sandbox Alibaba.com', 'CARAVAN_SANDBOX_ALIBABA_PORT']);
  }
  if (opts.carriers !== undefined) {
    wanted.push([opts.carriers.dhlPort, 'sandbox DHL Express', 'CARAVAN_SANDBOX_DHL_PORT'], [opts.carriers.fedexPort, 'sandbox FedEx', 'CARAVAN_SANDBOX_FEDEX_PORT']);
  }
  if (opts.payments !== undefined) wanted.push([opts.payments.paypalPort, 'sandbox PayPal', 'CARAVAN_SANDBOX_PAYPAL_PORT']);
  if (devServer) {
    const grpc = opts.temporalPort;
    wanted.unshift(
      [grpc, 'Temporal gRPC', 'CARAVAN_TEMPORAL_PORT', `; to use a Temporal server that listens there, set TEMPORAL_ADDRESS=${LOOPBACK}:${grpc}`],
      [opts.temporalUiPort, 'Temporal Web UI', 'CARAVAN_TEMPORAL_UI_PORT'],
    );
  }
  for (const [port, what, variable, extra] of wanted) {
    if (port !== false && port !== 0 && (await isPortOpen(LOOPBACK, port))) throw portInUse(port, what, variable, extra);
  }
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const { env, say } = opts;
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (e) {
        say(`  (while stopping: ${(e as Error).message})`);
      }
    }
    stops.length = 0;
    await releaseTemporalRuntime();
  };
  try {
    await recoverCrashedStack(opts.dataDir, say);
    await checkPortsFree(opts, !env.TEMPORAL_ADDRESS);
    const record = recordStack(opts.dataDir, opts.sandbox.port);
    stops.push(async () => record.remove());
    mkdirSync(join(opts.dataDir, 'logs'), { recursive: true });
    const logFile = join(opts.dataDir, 'logs', 'caravan.log');
    const logger = createLogger({ level: opts.logLevel ?? env.LOG_LEVEL, destination: createWriteStream(logFile, { flags: 'a' }) });
    installTemporalRuntime(logger);

    // 1. Temporal
    let devServer: DevServer | undefined;
    let fallbackAddress: string | undefined;
    if (!env.TEMPORAL_ADDRESS) {
      const cli = await resolveTemporalCli({ log: (l) => say(`  ${l}`) });
      say(`Temporal CLI: ${cli.path} (${cli.version}; ${cli.source})`);
      const dbFile = opts.persistTemporal ? demoTemporalDbFile(opts.dataDir) : undefined;
      devServer = await startDevServer({
        cliPath: cli.path,
        ...(dbFile ? { dbFile } : {}),
        ip: LOOPBACK,
        port: opts.temporalPort,
        uiPort: opts.temporalUiPort,
        logFile: join(opts.dataDir, 'logs', 'temporal.log'),
        onSpawned: (p) => record.devServerSpawned(p, dbFile),
      }).catch((e: unknown) => {
        // Taken between the check and the start.
        if (e instanceof PortInUseError) {
          throw portInUse(e.port, e.what, e.what === 'Temporal gRPC' ? 'CARAVAN_TEMPORAL_PORT' : 'CARAVAN_TEMPORAL_UI_PORT');
        }
        throw e;
      });
      stops.push(() => devServer!.stop());
      fallbackAddress = devServer.address;
      say(`Temporal dev server: ${devServer.address}${opts.persistTemporal ? ` (state in ${join(opts.dataDir, 'temporal', 'temporal.db')})` : ''}`);
    }
    const target = temporalTargetFromEnv(env, fallbackAddress);
    const connection: Connection = await connectClientWithRetry(target, 60_000);
    stops.push(() => connection.close());
    const added = await ensureSearchAttributes(connection, target.namespace);
    if (added.length) say(`registered search attributes: ${added.join(', ')}`);
    const client = new Client({ connection, namespace: target.namespace });

    // 2. Hub database
    const db = openDatabase(
      env.CARAVAN_DATABASE_URL ? { url: env.CARAVAN_DATABASE_URL } : { sqliteFile: join(opts.dataDir, 'caravan.db') },
    );
    stops.push(() => closeDatabase(db));
    await migrateLatest(db).catch((e: unknown) => {
      const where = env.CARAVAN_DATABASE_URL ? 'PostgreSQL at CARAVAN_DATABASE_URL' : join(opts.dataDir, 'caravan.db');
      throw new StartupError(`cannot open the hub database (${where}): ${(e as Error).message.split('\n')[0]}`);
    });
    say(`hub database: ${env.CARAVAN_DATABASE_URL ? 'PostgreSQL (CARAVAN_DATABASE_URL)' : join(opts.dataDir, 'caravan.db')} (migrated)`);

    // 3. Sandbox vendor API
    const sandbox = await startAmazonSandbox({
      port: opts.sandbox.port,
      clients: Object.values(DEMO_REGION_CREDENTIALS),
      timeScale: opts.sandbox.timeScale,
      rateLimits: opts.sandbox.rateLimits,
      seed: { count: opts.sandbox.orderCount, now: opts.sandbox.anchor },
      ...(opts.sandbox.minLagSeconds !== undefined ? { minLagSeconds: opts.sandbox.minLagSeconds } : {}),
      ...(opts.sandbox.plantSettlementDiscrepancies === true ? { plantSettlementDiscrepancies: true } : {}),
    }).catch((e: unknown) => {
      if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw portInUse(opts.sandbox.port, 'sandbox Amazon SP-API', 'CARAVAN_SANDBOX_PORT');
      throw e;
    });
    stops.push(() => sandbox.close());
    process.env.CARAVAN_SANDBOX_URL = sandbox.url;
    process.env.CARAVAN_DEMO_LWA_CLIENT_ID ??= SANDBOX_DEMO_CREDENTIALS.clientId;
    process.env.CARAVAN_DEMO_LWA_CLIENT_SECRET ??= SANDBOX_DEMO_CREDENTIALS.clientSecret;
    for (const [region, c] of Object.entries(DEMO_REGION_CREDENTIALS)) {
      process.env[`CARAVAN_DEMO_LWA_REFRESH_TOKEN_${region.toUpperCase()}`] ??= c.refreshToken;
    }
    say(
      `sandbox Amazon SP-API: ${sandbox.url} (${opts.sandbox.orderCount} seeded orders, ` +
        (opts.sandbox.rateLimits ? `SP-API token buckets at ${opts.sandbox.timeScale}× speed)` : 'rate limits off)'),
    );

    // The open platforms' stand-ins: their URLs and the demo app's secrets for the tenants file.
    let aliexpress: AliexpressSandbox | undefined;
    let alibaba: AlibabaSandbox | undefined;
    if (opts.openPlatforms !== undefined) {
      const o = opts.openPlatforms;
      const inUse = (port: number, what: string, variable: string) => (e: unknown) => {
        if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw portInUse(port, what, variable);
        throw e;
      };
      aliexpress = await startAliexpressSandbox({ port: o.aliexpressPort, host: LOOPBACK, seed: { count: o.orderCount, seed: 7 } }).catch(inUse(o.aliexpressPort, 'sandbox AliExpress', 'CARAVAN_SANDBOX_ALIEXPRESS_PORT'));
      stops.push(() => aliexpress!.close());
      alibaba = await startAlibabaSandbox({ port: o.alibabaPort, host: LOOPBACK, seed: { count: o.orderCount, seed: 7 } }).catch(inUse(o.alibabaPort, 'sandbox Alibaba.com', 'CARAVAN_SANDBOX_ALIBABA_PORT'));
      stops.push(() => alibaba!.close());
      process.env.CARAVAN_SANDBOX_ALIEXPRESS_URL = aliexpress.url;
      process.env.CARAVAN_SANDBOX_ALIBABA_URL = alibaba.url;
      process.env.CARAVAN_DEMO_ALIEXPRESS_APP_SECRET ??= SANDBOX_ALIEXPRESS_CREDENTIALS.appSecret;
      process.env.CARAVAN_DEMO_ALIEXPRESS_REFRESH_TOKEN ??= SANDBOX_ALIEXPRESS_CREDENTIALS.refreshToken;
      process.env.CARAVAN_DEMO_ALIBABA_APP_SECRET ??= SANDBOX_ALIBABA_CREDENTIALS.appSecret;
      process.env.CARAVAN_DEMO_ALIBABA_REFRESH_TOKEN ??= SANDBOX_ALIBABA_CREDENTIALS.refreshToken;
      say(`sandbox AliExpress: ${aliexpress.url} (app key ${SANDBOX_ALIEXPRESS_CREDENTIALS.appKey}); sandbox Alibaba.com: ${alibaba.url} (app key ${SANDBOX_ALIBABA_CREDENTIALS.appKey})`);
    }

    // The carriers' stand-ins: their URLs and the demo accounts' secrets for the tenants file.
    let dhl: DhlSandbox | undefined;
    let fedex: FedexSandbox | undefined;
    if (opts.carriers !== undefined) {
      const c = opts.carriers;
      dhl = await startDhlSandbox({ port: c.dhlPort, host: LOOPBACK }).catch(rethrowInUse(c.dhlPort, 'sandbox DHL Express', 'CARAVAN_SANDBOX_DHL_PORT'));
      stops.push(() => dhl!.close());
      fedex = await startFedexSandbox({ port: c.fedexPort, host: LOOPBACK }).catch(rethrowInUse(c.fedexPort, 'sandbox FedEx', 'CARAVAN_SANDBOX_FEDEX_PORT'));
      stops.push(() => fedex!.close());
      process.env.CARAVAN_SANDBOX_DHL_URL = dhl.url;
      process.env.CARAVAN_SANDBOX_FEDEX_URL = fedex.url;
      process.env.CARAVAN_DEMO_DHL_USERNAME ??= SANDBOX_DHL_CREDENTIALS.username;
      process.env.CARAVAN_DEMO_DHL_PASSWORD ??= SANDBOX_DHL_CREDENTIALS.password;
      process.env.CARAVAN_DEMO_FEDEX_CLIENT_ID ??= SANDBOX_FEDEX_CREDENTIALS.clientId;
      process.env.CARAVAN_DEMO_FEDEX_CLIENT_SECRET ??= SANDBOX_FEDEX_CREDENTIALS.clientSecret;
      say(`sandbox DHL Express: ${dhl.url} (MyDHL account ${SANDBOX_DHL_CREDENTIALS.accountNumber}); sandbox FedEx: ${fedex.url} (account ${SANDBOX_FEDEX_CREDENTIALS.accountNumber})`);
    }
    const payments = opts.payments === undefined ? undefined : await startPaymentStandIns({ paypalPort: opts.payments.paypalPort, anchor: opts.sandbox.anchor, host: LOOPBACK }, say, stops, (port) => portInUse(port, 'sandbox PayPal', 'CARAVAN_SANDBOX_PAYPAL_PORT'));

    // 4. Worker (in this process)
    const config = loadTenantsConfig(opts.configPath);
    const workerConnection: NativeConnection = await connectWorker(target);
    stops.push(() => workerConnection.close());
    const worker = await createCaravanWorker({
      connection: workerConnection,
      namespace: target.namespace,
      db,
      config,
      logger,
      dataDir: opts.dataDir,
      ...(env.CARAVAN_TASK_QUEUE ? { taskQueue: env.CARAVAN_TASK_QUEUE } : {}),
      ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : {}),
    });
    const workerDone = worker.run();
    stops.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await workerDone;
    });
    say(`worker: polling task queue on ${target.address} (logs: ${logFile})`);

    return {
      client,
      namespace: target.namespace,
      temporalAddress: target.address,
      uiUrl: devServer?.uiUrl,
      db,
      sandbox,
      ...(aliexpress === undefined ? {} : { aliexpress }),
      ...(alibaba === undefined ? {} : { alibaba }),
      ...(dhl === undefined ? {} : { dhl }),
      ...(fedex === undefined ? {} : { fedex }),
      ...(payments === undefined ? {} : { payments }),
      config,
      worker,
      workerDone,
      logger,
      logFile,
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
