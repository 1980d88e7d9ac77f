/**
 * (e)'s worker process: `node --import tsx bench/ledger-worker.ts <options as JSON>`, started by
 * bench/ledger-reconcile.ts with the V8 caps of the bench's other worker processes. It reads a
 * settlement file written by the parent, times raw csv-parse over it, then runs the production
 * path: the settlement import activity (activities/settlements.ts: the streaming reader, the
 * mapping, the ledger-entry converter, the batched upsert) and one reconcile pass
 * (activities/reconcile.ts runReconciliation as the reconcile activity calls it: the engine over
 * the ledger a page of orders at a time, the report written with the matches streamed into it). The orders, payouts and bank lines the reconciliation needs are written first, untimed.
 * Prints one JSON line (LedgerWorkerResult) on stdout.
 */
import { createReadStream, linkSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { createFxService } from '../activities/fx.js';
import { runReconciliation } from '../activities/reconcile.js';
import { createSettlementActivities } from '../activities/settlements.js';
import type { VendorClients } from '../activities/vendor-clients.js';
import { createFlatFileParser } from '../connectors/amazon/reports/flat-file.js';
import type { ReportSource } from '../connectors/capabilities.js';
import { parseTenantsConfig } from '../config/tenants-config.js';
import type { ReconcileRules } from '../engines/reconcile/index.js';
import type { BankStatementLine, Order, SettlementLine } from '../mappings/canonical/index.js';
import { settlementIdempotencyKey } from '../mappings/canonical/index.js';
import { closeDatabase, migrateLatest, openDatabase, upsertBankStatementLines, upsertOrders, upsertSettlementLines } from '../store/index.js';
import { startCpuProfile } from './cpu-profile.js';
import { processPeakRssBytes } from './worker-process.js';
import { benchOrder, LEDGER_BENCH_PERIOD, plantedOrder, SETTLEMENT_DEPOSIT_DAY, SETTLEMENT_ID, settlementTotalCents, STRIPE_PAYOUTS, type LedgerWorkerOptions, type LedgerWorkerResult } from './ledger-settlement-file.js';

const opts = JSON.parse(process.argv[2] ?? '{}') as LedgerWorkerOptions;
const logger = pino({ level: 'silent' });
const config = parseTenantsConfig({ tenants: { [opts.tenant]: { currency: 'EUR', connections: {} } } }, {});

/** Commission 15 % of the sale (principal + tax), nothing fixed: the rule the planted fee anomalies break. */
const RULES: ReconcileRules = {
  feeRules: [{ source: 'amazon', currency: 'EUR', percent: '15', fixedMinor: 0, toleranceMinor: 1, feeTypes: ['Commission'] }],
  amountToleranceMinor: { EUR: 0 },
};

/** The report document is already on disk: the source "downloads" it by linking it where the activity asks. */
const localSource = (file: string): ReportSource => ({
  requestReport: () => Promise.reject(new Error('settlement reports cannot be requested')),
  reportStatus: () => Promise.reject(new Error('unused')),
  listReports: () => Promise.reject(new Error('unused')),
  async downloadReport(_documentId, path) {
    mkdirSync(dirname(path), { recursive: true });
    linkSync(file, path);
    return { path, bytes: statSync(path).size, sha256: 'bench', contentType: 'text/tab-separated-values', charset: 'utf-8' };
  },
});

async function rawParse(file: string): Promise<number> {
  let records = 0;
  for await (const _ of createReadStream(file).pipe(createFlatFileParser({ quoted: false }))) records++;
  return records - 1;
}

async function seed(db: ReturnType<typeof openDatabase>): Promise<void> {
  const batch: Order[] = [];
  for (let n = 0; n < opts.orders; n++) {
    if (plantedOrder(n) === 'missing-order') continue;
    batch.push(benchOrder(n, opts.orders));
    if (batch.length === 1000) await upsertOrders(db, opts.tenant, batch.splice(0));
  }
  if (batch.length > 0) await upsertOrders(db, opts.tenant, batch);
  // Stripe payouts in the period and the bank credits they became, but for the last one (planted: not received).
  const lines: SettlementLine[] = [];
  const bank: BankStatementLine[] = [];
  for (let i = 0; i < STRIPE_PAYOUTS; i++) {
    const day = `2026-03-${String(2 + i).padStart(2, '0')}`;
    const payoutId = `po_Bench${String(i).padStart(4, '0')}`;
    const amountMinor = 100_000 + i * 137;
    const lineId = `txn_Bench${String(i).padStart(4, '0')}`;
    lines.push({ source: 'stripe', lineId, idempotencyKey: settlementIdempotencyKey('stripe', lineId), kind: 'payout', rawType: 'payout', currency: 'EUR', gross: { amountMinor: -amountMinor, currency: 'EUR' }, postedAt: `${day}T06:00:00Z`, refs: { payoutId } });
    if (i < STRIPE_PAYOUTS - 1) {
      bank.push({ account: 'DE89370400440532013000', position: `line ${i + 1}`, bookingDate: day, amount: { amountMinor, currency: 'EUR' }, creditDebit: 'credit', status: 'booked', remittanceInfo: `STRIPE PAYOUT ${payoutId}` });
    }
  }
  // The Amazon settlement's deposit (its totals row is stored by the import as the payout) reached the bank.
  bank.push({ account: 'DE89370400440532013000', position: `line ${STRIPE_PAYOUTS + 1}`, bookingDate: SETTLEMENT_DEPOSIT_DAY, amount: { amountMinor: settlementTotalCents(opts.orders), currency: 'EUR' }, creditDebit: 'credit', status: 'booked', remittanceInfo: `AMAZON EU SARL ${SETTLEMENT_ID}` });
  await upsertSettlementLines(db, opts.tenant, lines.map((line) => ({ line })));
  await upsertBankStatementLines(db, opts.tenant, bank);
}

function resetPeakRss(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux: the peak is the process's whole life.
  }
}

async function removeTenant(db: ReturnType<typeof openDatabase>): Promise<void> {
  for (const table of ['ledger_lines', 'settlements', 'bank_statement_lines', 'reconcile_resolution_audit', 'reconcile_discrepancies', 'order_lines', 'orders']) {
    await db(table).where({ tenant: opts.tenant }).delete();
  }
}

async function main(): Promise<LedgerWorkerResult> {
  const db = openDatabase(opts.databaseUrl ? { url: opts.databaseUrl } : { sqliteFile: opts.sqliteFile! });
  try {
    await migrateLatest(db);
    await removeTenant(db);
    let t = performance.now();
    await seed(db);
    const seedMs = performance.now() - t;
    // The peak RSS counted is the measured phases': Linux resets VmHWM on writing 5 to clear_refs.
    resetPeakRss();

    t = performance.now();
    const rawRecords = await rawParse(opts.file);
    const rawMs = performance.now() - t;

    const profiler = opts.cpuProfileFile ? await startCpuProfile() : undefined;
    const fx = createFxService({ db, config, logger });
    const settlements = createSettlementActivities({
      db,
      config,
      vendors: { capability: () => ({ capability: localSource(opts.file), config: {} }) } as unknown as VendorClients,
      logger,
      dataDir: opts.dataDir,
      fx,
      context: () => ({ heartbeat: () => undefined, cancellationSignal: new AbortController().signal }),
    });
    t = performance.now();
    const imported = await settlements.importSettlementReport({ tenant: opts.tenant, connection: 'amazon-eu', reportId: 'bench-settlement', documentId: 'bench-document' } as never);
    const importMs = performance.now() - t;

    t = performance.now();
    // As the reconcile activity runs it: the report written, the order matches streamed into it.
    const run = await runReconciliation(
      { db, config, logger },
      { tenant: opts.tenant, period: LEDGER_BENCH_PERIOD, asOf: '2026-04-20T00:00:00Z', rules: RULES, outDir: join(opts.dataDir, 'reconcile'), keepOrderMatches: false },
    );
    const reconcileMs = performance.now() - t;
    if (profiler && opts.cpuProfileFile) await profiler.stop(opts.cpuProfileFile);

    const discrepancies: Record<string, number> = {};
    for (const d of run.result.discrepancies) discrepancies[d.kind] = (discrepancies[d.kind] ?? 0) + 1;
    if (!opts.keep) await removeTenant(db);
    return {
      seedMs,
      raw: { records: rawRecords, ms: rawMs },
      import: { rows: imported.rows, lines: imported.lines, inserted: imported.inserted, failed: imported.failed, unconverted: imported.unconverted, ms: importMs },
      reconcile: { ms: reconcileMs, ordersMatched: run.ordersMatched, payoutsMatched: run.result.payoutMatches.length, discrepancies, pending: run.result.pending.length },
      peakRssBytes: processPeakRssBytes(process.pid) ?? process.resourceUsage().maxRSS * 1024,
    };
  } finally {
    await closeDatabase(db);
  }
}

process.stdout.write(`${JSON.stringify(await main())}\n`);
