/**
 * (e) Settlements at scale (issue 12): an Amazon V2 settlement file of N lines (default
 * 1,000,000; bench/ledger-settlement-file.ts) imported and reconciled by the production code in
 * a worker process of its own (bench/ledger-worker.ts, the V8 caps of the bench's other worker
 * processes): the settlement import activity (streamed rows, mapping, ledger-entry converter,
 * batched upsert) and one reconcile pass over the ledger, on SQLite or PostgreSQL. Beside it, raw
 * csv-parse of the same file with the production flat-file options, in the same process and run.
 * Reports lines/s of each, their ratio, the worker's peak RSS, and whether the reconciliation
 * found exactly the discrepancies planted (the only thing this phase asserts).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { BenchDatabase } from './bench-stack.js';
import { ordersForLines, plantedCounts, writeSettlementFile, type LedgerWorkerOptions, type LedgerWorkerResult } from './ledger-settlement-file.js';
import type { Teardown } from './teardown.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The ceiling for the worker's peak RSS. */
export const LEDGER_PEAK_RSS_LIMIT_BYTES = 256 * 1024 * 1024;

export interface LedgerReconcileResult {
  database: BenchDatabase['kind'];
  lines: number;
  orders: number;
  fileBytes: number;
  generateMs: number;
  worker: LedgerWorkerResult & { heapMb: number; semiSpaceMb: number };
  rawLinesPerSecond: number;
  /** Data rows of the file through import and reconciliation, per second of both. */
  linesPerSecond: number;
  importLinesPerSecond: number;
  ratio: number;
  planted: Record<string, number>;
  /** Found exactly what was planted, and nothing else. */
  plantedFound: boolean;
  peakRssWithinLimit: boolean;
}

function runWorker(options: LedgerWorkerOptions, heapMb: number, semiSpaceMb: number, builtDir: string | undefined, teardown: Teardown): Promise<LedgerWorkerResult> {
  // The build (node alone, as a deployed worker runs), or the sources through tsx.
  const entry = builtDir === undefined ? ['--import', 'tsx', 'bench/ledger-worker.ts'] : [join(builtDir, 'bench', 'ledger-worker.js')];
  const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, `--max-semi-space-size=${semiSpaceMb}`, ...entry, JSON.stringify(options)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  teardown.add('ledger bench worker', async () => stop());
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err = (err + c).slice(-4000)));
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => {
      const last = out.trim().split('\n').at(-1);
      if (code === 0 && last) resolve(JSON.parse(last) as LedgerWorkerResult);
      else reject(new Error(`ledger bench worker exited (${signal ?? code}):\n${err}`));
    });
  });
}

export async function runLedgerReconcile(
  dir: string,
  teardown: Teardown,
  opts: {
    lines: number;
    database: BenchDatabase;
    runId: string;
    heapMb: number;
    semiSpaceMb: number;
    say: (line: string) => void;
    cpuProfileFile?: string | undefined;
    /** The hub's build (worker/build.ts) the worker process runs; the sources through tsx when absent. */
    builtDir?: string;
  },
): Promise<LedgerReconcileResult> {
  const work = join(dir, 'ledger');
  mkdirSync(work, { recursive: true });
  const file = join(work, 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2.tsv');
  const orders = ordersForLines(opts.lines);
  const t = performance.now();
  const lines = await writeSettlementFile(file, orders);
  const generateMs = performance.now() - t;
  const fileBytes = statSync(file).size;
  opts.say(`  settlement file: ${lines.toLocaleString('en-US')} lines, ${orders.toLocaleString('en-US')} orders, ${(fileBytes / 1024 / 1024).toFixed(1)} MiB in ${(generateMs / 1000).toFixed(1)} s`);
  const worker = await runWorker(
    {
      file,
      orders,
      tenant: `bench-ledger-${opts.runId}`,
      dataDir: join(work, 'data'),
      ...(opts.database.kind === 'postgres' ? { databaseUrl: opts.database.url } : { sqliteFile: join(work, 'caravan.db') }),
      ...(opts.cpuProfileFile ? { cpuProfileFile: opts.cpuProfileFile } : {}),
    },
    opts.heapMb,
    opts.semiSpaceMb,
    opts.builtDir,
    teardown,
  );
  const planted = plantedCounts(orders);
  const found = worker.reconcile.discrepancies;
  const kinds = new Set([...Object.keys(planted), ...Object.keys(found)]);
  const rawLinesPerSecond = worker.raw.records / (worker.raw.ms / 1000);
  const linesPerSecond = worker.import.rows / ((worker.import.ms + worker.reconcile.ms) / 1000);
  return {
    database: opts.database.kind,
    lines,
    orders,
    fileBytes,
    generateMs,
    worker: { ...worker, heapMb: opts.heapMb, semiSpaceMb: opts.semiSpaceMb },
    rawLinesPerSecond,
    linesPerSecond,
    importLinesPerSecond: worker.import.rows / (worker.import.ms / 1000),
    ratio: linesPerSecond / rawLinesPerSecond,
    planted,
    plantedFound: [...kinds].every((k) => planted[k] === found[k]) && worker.import.failed === 0,
    peakRssWithinLimit: worker.peakRssBytes <= LEDGER_PEAK_RSS_LIMIT_BYTES,
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** (e)'s lines of the printed report. */
export function formatLedgerReconcile(e: LedgerReconcileResult): string[] {
  const w = e.worker;
  return [
    `(e) settlement file of ${fmt(e.lines)} lines (${fmt(e.orders)} orders, ${(e.fileBytes / 1024 / 1024).toFixed(1)} MiB) imported and reconciled on ${e.database}, worker process (heap cap ${w.heapMb} MB, semi-space ${w.semiSpaceMb} MB)`,
    `    raw csv-parse:               ${fmt(e.rawLinesPerSecond)} lines/s (${(w.raw.ms / 1000).toFixed(2)} s)`,
    `    import + reconcile:          ${fmt(e.linesPerSecond)} lines/s (import ${(w.import.ms / 1000).toFixed(2)} s = ${fmt(e.importLinesPerSecond)} lines/s, reconcile ${(w.reconcile.ms / 1000).toFixed(2)} s)`,
    `    ratio to raw csv-parse:      ${e.ratio.toFixed(2)} (aim ≥ 0.5)`,
    `    worker peak RSS:             ${(w.peakRssBytes / 1024 / 1024).toFixed(0)} MB (limit 256 MB: ${e.peakRssWithinLimit ? 'within' : 'OVER'})`,
    `    ledger: ${fmt(w.import.inserted)} lines inserted, ${w.import.failed} failed; ${fmt(w.reconcile.ordersMatched)} orders and ${w.reconcile.payoutsMatched} payouts matched`,
    `    discrepancies found ${JSON.stringify(w.reconcile.discrepancies)}, planted ${JSON.stringify(e.planted)}: ${e.plantedFound ? 'exactly the planted ones' : 'NOT the planted ones'}`,
  ];
}
