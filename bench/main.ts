/**
 * `npm run bench [-- flags]`: how fast the Amazon order import runs. A benchmark, not a
 * test: it measures and prints, it asserts nothing.
 *
 *   (a) end-to-end orders/s with rate limits off (through Temporal, the connector, the
 *       mapping and the store) beside the raw batched upsertOrders rate of the same rows,
 *       on Orders v0 and on Orders 2026-01-01, side by side;
 *   (b) a backfill of N orders under SP-API's (time-scaled) token buckets through order
 *       reports (bench/backfill.ts), through Orders 2026-01-01 and through Orders v0, each
 *       beside the minimum its buckets allow, with the 429s, side by side; then an import
 *       through v0 split across two worker processes sharing the buckets through PostgreSQL
 *       (needs CARAVAN_DATABASE_URL);
 *   (c) money in, without Temporal: an ECB full-history file parsed, mapped and stored,
 *       explained conversions, built-in tax and landed-cost quotes (bench/money-in.ts);
 *   (d) catalogue publish: N products published by JSON_LISTINGS_FEED feeds under SP-API's
 *       (time-scaled) buckets: time, feeds used against the Feeds buckets' minimum, verdicts
 *       (bench/catalogue-publish.ts);
 *   (e) settlements at scale: an Amazon V2 settlement file of N lines (1,000,000) imported and
 *       reconciled by the production activities in a worker process, lines/s beside raw
 *       csv-parse of the same file, the worker's peak RSS, the planted discrepancies found
 *       (bench/ledger-reconcile.ts; without Temporal);
 *   (f) fulfilment: N unshipped orders through fulfilOrder on the DHL and FedEx sandboxes with
 *       rate limits off (DAP and DDP, both carriers): orders/s, Temporal events per order,
 *       p50/p95 per order, beside the same rate and ship calls through the connectors alone
 *       (bench/fulfil-orders.ts).
 *
 * Flags: --orders N (50000)  --rate-limited-orders N (10000: (b)'s three lines)  --time-scale X (600)
 *        --two-worker-orders N (2000)  --b-through reports,2026-01-01,v0 ((b)'s lines, all by default)
 *        --page-size N (100)  --items-concurrency N (8)  --write-batch-size N (100)
 *        --conversions N (200000)  --quotes N (20000)
 *        --catalogue-skus N (20000: (d)'s products)
 *        --lines N (1000000: (e)'s settlement file lines)
 *        --fulfil-orders N (1000: (f)'s orders; --orders is (a)'s)  --fulfil-concurrency N (32: (f)'s orders in flight)
 *        --skip-a  --skip-b  --skip-c  --skip-d  --skip-e  --skip-f  --only a|b|c|d|e|f|backfill (backfill: (b)'s reports line alone)
 *        --orders-api v0|2026-01-01|both (both, the default: (a) on each, side by side)
 *        --worker process|inline ((a)'s worker in its own process, the default, or in the bench's; --cpu-prof: the bench's)
 *        --worker-heap-mb N (160: that process's V8 old-space cap, node --max-old-space-size)
 *        --worker-semi-space-mb N (8: its V8 young-generation semi-space cap, node --max-semi-space-size)
 *        --db sqlite|postgres (postgres: CARAVAN_DATABASE_URL)  --keep-temp
 *        --sandbox process|thread|inline (process, the default: the vendor's CPU and memory
 *        apart from the hub's; thread: off the hub's JS thread but in its process)
 *        --cpu-prof (V8 profile of each import and of (d)'s publish, its worker inline, next to the report)
 * The report also goes to data/bench/<timestamp>.json.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AMAZON_ORDERS_APIS, type AmazonOrdersApi } from '../connectors/amazon/index.js';
import { closeDatabase, openDatabase } from '../store/index.js';
import { removeBenchTenants, startBenchInfra, type BenchDatabase, type BenchInfra } from './bench-stack.js';
import { runImportThroughput } from './import-throughput.js';
import { runMoneyIn } from './money-in.js';
import { runRateLimitedImport } from './rate-limited-import.js';
import { runBackfillBench } from './backfill.js';
import { runCataloguePublish } from './catalogue-publish.js';
import { runFulfilOrders } from './fulfil-orders.js';
import { runLedgerReconcile } from './ledger-reconcile.js';
import { runTwoWorkerImport } from './two-worker-import.js';
import type { SandboxPlacement } from './sandbox-host.js';
import { formatReport, type BenchReport } from './report.js';
import { Teardown } from './teardown.js';

const REPORT_DIR = fileURLToPath(new URL('../data/bench/', import.meta.url));

class UsageError extends Error {}

interface BenchFlags {
  orders: number;
  rateLimitedOrders: number;
  timeScale: number;
  pageSize: number;
  itemsConcurrency: number;
  writeBatchSize: number;
  skipA: boolean;
  skipB: boolean;
  skipC: boolean;
  skipD: boolean;
  skipE: boolean;
  /** Lines of (e)'s settlement file. */
  lines: number;
  skipF: boolean;
  /** Orders of (f) and how many run at once. */
  fulfilOrders: number;
  fulfilConcurrency: number;
  /** Products of (d)'s catalogue. */
  catalogueSkus: number;
  /** The lines of (b), side by side at one order count: through order reports, Orders 2026-01-01, Orders v0. */
  bThrough: BLine[];
  /** Orders of (b)'s two-worker line (issue 7's figure); 0: not run. */
  twoWorkerOrders: number;
  /** The Orders APIs (a) imports through, one after the other. */
  ordersApis: AmazonOrdersApi[];
  /** Where (a)'s worker runs: its own process (the default) or the bench's. */
  worker: 'process' | 'inline';
  /** V8 old-space cap of that worker process (MB). */
  workerHeapMb: number;
  /** V8 semi-space cap of that worker process (MB). */
  workerSemiSpaceMb: number;
  conversions: number;
  quotes: number;
  db: 'sqlite' | 'postgres';
  keepTemp: boolean;
  cpuProf: boolean;
  sandbox: SandboxPlacement;
}

const B_LINES = ['reports', '2026-01-01', 'v0'] as const;
type BLine = (typeof B_LINES)[number];
const ONLY = ['a', 'b', 'c', 'd', 'e', 'f', 'backfill'] as const;

function parseFlags(argv: string[]): BenchFlags {
  const { values } = parseArgs({
    args: argv,
    options: {
      orders: { type: 'string' },
      'rate-limited-orders': { type: 'string' },
      'time-scale': { type: 'string' },
      'page-size': { type: 'string' },
      'items-concurrency': { type: 'string' },
      'write-batch-size': { type: 'string' },
      'skip-a': { type: 'boolean' },
      'skip-b': { type: 'boolean' },
      'skip-c': { type: 'boolean' },
      'skip-d': { type: 'boolean' },
      'skip-e': { type: 'boolean' },
      lines: { type: 'string' },
      'skip-f': { type: 'boolean' },
      'fulfil-orders': { type: 'string' },
      'fulfil-concurrency': { type: 'string' },
      'catalogue-skus': { type: 'string' },
      'b-through': { type: 'string' },
      'two-worker-orders': { type: 'string' },
      'orders-api': { type: 'string' },
      worker: { type: 'string' },
      'worker-heap-mb': { type: 'string' },
      'worker-semi-space-mb': { type: 'string' },
      conversions: { type: 'string' },
      quotes: { type: 'string' },
      db: { type: 'string' },
      'keep-temp': { type: 'boolean' },
      'cpu-prof': { type: 'boolean' },
      sandbox: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      'npm run bench -- [--orders 50000] [--rate-limited-orders 10000] [--time-scale 600] [--page-size 100]\n' +
        '                 [--items-concurrency 8] [--write-batch-size 100] [--skip-a] [--skip-b] [--skip-c] [--skip-d] [--skip-e] [--skip-f] [--only a|b|c|d|e|f|backfill]\n' +
        '                 [--fulfil-orders 1000] [--fulfil-concurrency 32] [--lines 1000000]\n' +
        '                 [--b-through reports,2026-01-01,v0] [--two-worker-orders 2000] [--catalogue-skus 20000]\n' +
        '                 [--orders-api v0|2026-01-01|both] [--worker process|inline] [--worker-heap-mb 160] [--worker-semi-space-mb 8]\n' +
        '                 [--conversions 200000] [--quotes 20000]\n' +
        '                 [--db sqlite|postgres] [--sandbox process|thread|inline] [--keep-temp] [--cpu-prof]',
    );
    process.exit(0);
  }
  const int = (name: string, raw: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return n;
  };
  const timeScale = values['time-scale'] === undefined ? 600 : Number(values['time-scale']);
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new UsageError(`--time-scale must be a positive number, got "${values['time-scale']}"`);
  const db = values.db ?? 'sqlite';
  if (db !== 'sqlite' && db !== 'postgres') throw new UsageError(`--db must be sqlite or postgres, got "${db}"`);
  const api = values['orders-api'] ?? 'both';
  if (api !== 'both' && !(AMAZON_ORDERS_APIS as readonly string[]).includes(api)) {
    throw new UsageError(`--orders-api must be v0, 2026-01-01 or both, got "${api}"`);
  }
  const worker = values.worker ?? 'process';
  if (worker !== 'process' && worker !== 'inline') throw new UsageError(`--worker must be process or inline, got "${worker}"`);
  const sandbox = values.sandbox ?? 'process';
  if (sandbox !== 'process' && sandbox !== 'thread' && sandbox !== 'inline') {
    throw new UsageError(`--sandbox must be process, thread or inline, got "${sandbox}"`);
  }
  const only = values.only as (typeof ONLY)[number] | undefined;
  if (only !== undefined && !ONLY.includes(only)) throw new UsageError(`--only takes ${ONLY.join(', ')}, got "${values.only}"`);
  const bThrough = (values['b-through'] ?? B_LINES.join(',')).split(',').map((x) => x.trim());
  for (const line of bThrough) {
    if (!(B_LINES as readonly string[]).includes(line)) throw new UsageError(`--b-through takes a list of ${B_LINES.join(', ')}, got "${line}"`);
  }
  // The same limits as the tenants file's orders settings (worker/tenants-config.ts).
  // itemsConcurrency 8: best of 4/8/16/32 measured on 2 cores; a page is CPU-bound on
  // the hub's one JS thread, so more requests in flight only add interleaving and GC.
  return {
    orders: int('orders', values.orders, 50_000, 16),
    // Issue 9's figure: a 10,000-order backfill through each route.
    rateLimitedOrders: int('rate-limited-orders', values['rate-limited-orders'], 10_000, 16),
    // Issue 7's figure (two workers, buckets shared through PostgreSQL) was measured at 2,000.
    twoWorkerOrders: only === 'backfill' ? 0 : int('two-worker-orders', values['two-worker-orders'], 2_000, 16),
    // --only backfill: the line through order reports alone.
    bThrough: only === 'backfill' ? ['reports'] : (B_LINES.filter((l) => bThrough.includes(l)) as BLine[]),
    timeScale,
    pageSize: int('page-size', values['page-size'], 100, 1, 100),
    itemsConcurrency: int('items-concurrency', values['items-concurrency'], 8, 1, 32),
    writeBatchSize: int('write-batch-size', values['write-batch-size'], 100, 1, 1000),
    skipA: !!values['skip-a'],
    skipB: !!values['skip-b'],
    skipC: !!values['skip-c'],
    skipD: !!values['skip-d'],
    skipE: !!values['skip-e'],
    // Issue 12's figure: a 1,000,000-line settlement file.
    lines: int('lines', values.lines, 1_000_000, 100),
    skipF: !!values['skip-f'],
    fulfilOrders: int('fulfil-orders', values['fulfil-orders'], 1_000, 1),
    // 32: enough to keep the worker's activity slots busy on 2 cores without queueing most runs on the server.
    fulfilConcurrency: int('fulfil-concurrency', values['fulfil-concurrency'], 32, 1, 1000),
    catalogueSkus: int('catalogue-skus', values['catalogue-skus'], 20_000, 30),
    ordersApis: api === 'both' ? [...AMAZON_ORDERS_APIS] : [api as AmazonOrdersApi],
    worker,
    // 160 MB: what a worker container of 384 MB would give V8; the import's live data is far below it.
    workerHeapMb: int('worker-heap-mb', values['worker-heap-mb'], 160, 64, 8192),
    // 8 MB semi-spaces: V8 otherwise grows the young generation to 32 MB under the import's
    // allocation rate (317 MB peak RSS in (a)); at 8 the build's worker measured 256-263 MB.
    workerSemiSpaceMb: int('worker-semi-space-mb', values['worker-semi-space-mb'], 8, 1, 256),
    conversions: int('conversions', values.conversions, 200_000, 1),
    quotes: int('quotes', values.quotes, 20_000, 1),
    db,
    keepTemp: !!values['keep-temp'],
    cpuProf: !!values['cpu-prof'],
    sandbox,
    ...(only ? { skipA: only !== 'a', skipB: only !== 'b' && only !== 'backfill', skipC: only !== 'c', skipD: only !== 'd', skipE: only !== 'e', skipF: only !== 'f' } : {}),
  };
}

function databaseFor(flags: BenchFlags): BenchDatabase {
  if (flags.db === 'sqlite') return { kind: 'sqlite' };
  const url = process.env.CARAVAN_DATABASE_URL;
  if (!url) throw new UsageError('--db postgres needs CARAVAN_DATABASE_URL (postgres://…)');
  return { kind: 'postgres', url };
}

async function main(): Promise<number> {
  let flags: BenchFlags;
  try {
    flags = parseFlags(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const say = (line: string) => console.error(line);
  const teardown = new Teardown(say);
  let infra: BenchInfra | undefined;
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    say(`\n${signal}: stopping the bench (workers, sandboxes, databases, Temporal)…`);
    void teardown.runAll().finally(() => {
      if (infra && !flags.keepTemp) rmSync(infra.dir, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const settings = { pageSize: flags.pageSize, itemsConcurrency: flags.itemsConcurrency, writeBatchSize: flags.writeBatchSize };
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const profileFile = (phase: string) => (flags.cpuProf ? `${REPORT_DIR}${stamp}-${phase}.cpuprofile` : undefined);
  let ok = false;
  try {
    const database = databaseFor(flags);
    mkdirSync(REPORT_DIR, { recursive: true });
    say('starting: Temporal dev server (in memory) and the workflow bundle…');
    infra = await startBenchInfra({ database, sandboxPlacement: flags.sandbox, teardown, say });
    say(`  Temporal at ${infra.devServer.address}; bench files in ${infra.dir}`);
    const cpu = cpus();
    const report: BenchReport = {
      startedAt: startedAt.toISOString(),
      environment: {
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        cpus: cpu.length,
        cpuModel: cpu[0]?.model.trim() ?? 'unknown',
        temporalCli: infra.temporalCli.version,
        database: database.kind,
        sandbox: flags.sandbox,
      },
      flags: { ...flags },
      setupMs: infra.setupMs,
    };
    try {
      if (!flags.skipA) {
        // The same import on each Orders API, side by side (v0: getOrderItems per order; 2026-01-01: items inside).
        for (const ordersApi of flags.ordersApis) {
          say(`(a) import of ${flags.orders} orders with rate limits off, Orders API ${ordersApi}…`);
          const result = await runImportThroughput(infra, teardown, {
            orders: flags.orders,
            settings,
            say,
            cpuProfileFile: profileFile(ordersApi === 'v0' ? 'a' : 'a26'),
            ordersApi,
            workerProcess: flags.worker === 'process',
            workerHeapMb: flags.workerHeapMb,
            workerSemiSpaceMb: flags.workerSemiSpaceMb,
          });
          if (ordersApi === 'v0') report.a = result;
          else report.a2026 = result;
        }
      }
      if (!flags.skipB) {
        // One order count, one time scale, three routes: order reports, Orders 2026-01-01, Orders v0.
        for (const line of flags.bThrough) {
          if (line === 'reports') {
            say(`(b reports) backfill of ${flags.rateLimitedOrders} orders through order reports under SP-API's buckets at ${flags.timeScale}×…`);
            report.bReports = await runBackfillBench(infra, teardown, { orders: flags.rateLimitedOrders, timeScale: flags.timeScale, settings, say });
            continue;
          }
          say(`(b ${line}) import of ${flags.rateLimitedOrders} orders through Orders ${line} under SP-API's buckets at ${flags.timeScale}×…`);
          const result = await runRateLimitedImport(infra, teardown, {
            orders: flags.rateLimitedOrders,
            timeScale: flags.timeScale,
            settings,
            say,
            cpuProfileFile: profileFile(line === 'v0' ? 'b' : 'b26'),
            ordersApi: line,
          });
          if (line === 'v0') report.b = result;
          else report.b2026 = result;
        }
        const sharedUrl = process.env.CARAVAN_DATABASE_URL || (database.kind === 'postgres' ? database.url : undefined);
        if (flags.twoWorkerOrders === 0) {
          // --only backfill: the reports line alone.
        } else if (sharedUrl) {
          say(`(b) ${flags.twoWorkerOrders} orders through Orders v0 split across two worker processes on PostgreSQL…`);
          report.b2 = await runTwoWorkerImport(infra, teardown, {
            databaseUrl: sharedUrl,
            orders: flags.twoWorkerOrders,
            timeScale: flags.timeScale,
            settings,
            say,
          });
        } else {
          report.b2 = { skipped: 'two workers share their buckets through PostgreSQL: set CARAVAN_DATABASE_URL=postgres://… to run it' };
        }
      }
      if (!flags.skipD) {
        say(`(d) catalogue publish: ${flags.catalogueSkus} SKUs by feed under SP-API's buckets at ${flags.timeScale}×…`);
        report.d = await runCataloguePublish(infra, teardown, { skus: flags.catalogueSkus, timeScale: flags.timeScale, say, cpuProfileFile: profileFile('d') });
      }
      if (!flags.skipF) {
        say(`(f) fulfilment: ${flags.fulfilOrders} orders through fulfilOrder on the DHL and FedEx sandboxes, rate limits off…`);
        report.f = await runFulfilOrders(infra, teardown, {
          orders: flags.fulfilOrders,
          concurrency: flags.fulfilConcurrency,
          say,
          workerHeapMb: flags.workerHeapMb,
          workerSemiSpaceMb: flags.workerSemiSpaceMb,
        });
      }
      if (!flags.skipC) {
        say(`(c) money in: ECB full history, ${flags.conversions} conversions, ${flags.quotes} tax and ${flags.quotes} landed-cost quotes…`);
        report.c = await runMoneyIn({ conversions: flags.conversions, quotes: flags.quotes, say });
      }
      if (!flags.skipE) {
        say(`(e) settlements at scale: a ${flags.lines}-line settlement file imported and reconciled in a worker process, beside raw csv-parse…`);
        report.e = await runLedgerReconcile(infra.dir, teardown, {
          builtDir: infra.workerBuildDir,
          lines: flags.lines,
          database,
          runId: infra.runId,
          heapMb: flags.workerHeapMb,
          semiSpaceMb: flags.workerSemiSpaceMb,
          say,
          cpuProfileFile: profileFile('e'),
        });
      }
    } finally {
      // A shared PostgreSQL keeps no bench rows; the SQLite files go with the temp folder.
      if (database.kind === 'postgres' && !interrupted) {
        const db = openDatabase({ url: database.url });
        try {
          await removeBenchTenants(db, ['a', 'a26', 'b', 'b26', 'raw', 'f'].map((p) => `bench-${p}-${infra!.runId}`));
        } finally {
          await closeDatabase(db);
        }
      }
    }

    const file = `${REPORT_DIR}${stamp}.json`;
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(formatReport(report));
    console.log(`\nreport: ${file}`);
    if (flags.cpuProf) console.log(`CPU profiles of the imports and the publish: ${REPORT_DIR}${stamp}-{a,a26,b,b26,d,e}.cpuprofile`);
    ok = true;
    // (e) asserts one thing: the reconciliation found exactly the discrepancies planted in its file.
    if (report.e && !report.e.plantedFound) {
      console.error('(e) the reconciliation did not find exactly the planted discrepancies');
      return 1;
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(e.message);
      return 2;
    }
    // Stopping on Ctrl-C fails the calls in flight; that is not news.
    if (interrupted) return 130;
    console.error(`bench failed: ${(e as Error).stack ?? String(e)}`);
    return 1;
  } finally {
    if (!interrupted) {
      await teardown.runAll();
      if (infra) {
        if (ok && !flags.keepTemp) rmSync(infra.dir, { recursive: true, force: true });
        else say(`bench files (logs) kept in ${infra.dir}`);
      }
    }
  }
}

process.exitCode = await main();
