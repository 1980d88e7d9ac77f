/**
 * Settlements at scale: an Amazon V2 settlement flat file of N lines (default 1,000,000),
 * streamed with csv-parse at constant memory through the settlement mapping, the reporting
 * conversion and the batched ledger upsert (SQLite, or PostgreSQL with --database-url), and
 * reconciled batch by batch; beside it, raw csv-parse over the same file in the same run.
 *
 *   npx tsx bench/ledger-reconcile.ts [--lines 1000000] [--batch 2000] [--database-url postgres://…]
 *
 * The file is generated (no real V2 report is public): one totals row, then per order three rows
 * (principal, tax, commission) posted through one month, in EUR, with a planted fee anomaly every
 * 10,000th order, which the engine must find and nothing else. Rows of one order are adjacent,
 * as in Amazon's reports, so each batch is reconciled with the orders it names (a batch never
 * splits an order: it ends on an order boundary). Measures and prints; asserts nothing but the
 * planted count.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse';
import type { AmazonSettlementReport } from '../connectors/amazon/schemas/settlement-report.js';
import { converterFor, createFxRateTable } from '../engines/fx/index.js';
import { ledgerEntryFor, reconcile, type ReconcileRules } from '../engines/reconcile/index.js';
import { amazonSettlementReportToRecords } from '../mappings/amazon/index.js';
import type { Order, SettlementLine } from '../mappings/canonical/index.js';
import { closeDatabase, countLedgerLines, migrateLatest, openDatabase, upsertSettlementLines } from '../store/index.js';

const V2_COLUMNS =
  'settlement-id settlement-start-date settlement-end-date deposit-date total-amount currency transaction-type order-id merchant-order-id adjustment-id shipment-id marketplace-name amount-type amount-description amount fulfillment-id posted-date posted-date-time order-item-code merchant-order-item-id merchant-adjustment-item-id sku quantity-purchased promotion-id'.split(' ');

const SETTLEMENT_ID = '11830979063';
const ROWS_PER_ORDER = 3;
const PLANT_EVERY = 10_000;
/** Principal 84.03 + tax 15.97 = 100.00; commission 15 % = 15.00 (a planted anomaly charges 18.00). */
const PRINCIPAL = '84.03';
const TAX = '15.97';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const orderId = (n: number): string => `302-${String(1_000_000 + Math.floor(n / 10_000)).padStart(7, '0')}-${String(n % 10_000).padStart(7, '0')}`;
const postedOn = (n: number, orders: number): string => `2026-03-${String(1 + Math.floor((n * 28) / orders)).padStart(2, '0')}`;

/** Writes the report: header, totals row, then ROWS_PER_ORDER rows per order. Returns the order count. */
async function generate(path: string, lines: number): Promise<number> {
  const orders = Math.max(1, Math.floor((lines - 1) / ROWS_PER_ORDER));
  const planted = Math.floor((orders - 1) / PLANT_EVERY) + 1;
  // Total in cents: every order nets 85.00, a planted one 82.00.
  const totalCents = orders * 8500 - planted * 300;
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const row = (cells: Record<string, string>) => V2_COLUMNS.map((c) => cells[c] ?? '').join('\t') + '\r\n';
  await write(V2_COLUMNS.join('\t') + '\r\n');
  await write(
    row({
      'settlement-id': SETTLEMENT_ID,
      'settlement-start-date': '2026-03-01 00:00:00 UTC',
      'settlement-end-date': '2026-03-29 00:00:00 UTC',
      'deposit-date': '2026-03-31 00:00:00 UTC',
      'total-amount': `${Math.floor(totalCents / 100)}.${String(totalCents % 100).padStart(2, '0')}`,
      currency: 'EUR',
    }),
  );
  let chunk = '';
  for (let n = 0; n < orders; n++) {
    const base = { 'settlement-id': SETTLEMENT_ID, 'transaction-type': 'Order', 'order-id': orderId(n), 'marketplace-name': 'Amazon.de', 'posted-date': postedOn(n, orders), sku: `SKU-${n % 500}`, 'quantity-purchased': '1' };
    chunk += row({ ...base, 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: PRINCIPAL });
    chunk += row({ ...base, 'amount-type': 'ItemPrice', 'amount-description': 'Tax', amount: TAX });
    chunk += row({ ...base, 'amount-type': 'ItemFees', 'amount-description': 'Commission', amount: n % PLANT_EVERY === 0 ? '-18.00' : '-15.00' });
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
  return orders;
}

function tsvParser() {
  // Amazon's flat files do not quote cells.
  return parse({ delimiter: '\t', quote: false, record_delimiter: ['\r\n', '\n'], relax_column_count: true });
}

/** Peak RSS sampled every 50 ms during `fn`. */
async function metered<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const start = performance.now();
  const cpu = process.cpuUsage();
  try {
    const value = await fn();
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const used = process.cpuUsage(cpu);
    return { value, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, peakRss };
  } finally {
    clearInterval(timer);
  }
}

async function rawParse(path: string): Promise<number> {
  let records = 0;
  for await (const _ of createReadStream(path).pipe(tsvParser())) records++;
  return records;
}

function ordersFor(lines: readonly SettlementLine[]): Order[] {
  const seen = new Map<string, Order>();
  for (const l of lines) {
    const id = l.refs.orderId;
    if (id === undefined || seen.has(id)) continue;
    seen.set(id, {
      channel: 'amazon-eu',
      vendor: 'amazon',
      externalId: id,
      status: 'shipped',
      rawStatus: 'Shipped',
      marketplace: { id: 'A1PA6795UKMFR9' },
      purchasedAt: `${l.postedAt.slice(0, 10)}T00:00:00Z`,
      updatedAt: `${l.postedAt.slice(0, 10)}T00:00:00Z`,
      currency: 'EUR',
      lines: [],
      totals: { orderTotal: { amountMinor: 10000, currency: 'EUR' } },
      refs: {},
    });
  }
  return [...seen.values()];
}

const RULES: ReconcileRules = { feeRules: [{ source: 'amazon', currency: 'EUR', percent: '15', fixedMinor: 0, toleranceMinor: 1 }], amountToleranceMinor: { EUR: 0 } };
const PERIOD = { from: '2026-03-01', to: '2026-03-31' };

interface PipelineCounts {
  rows: number;
  lines: number;
  mappingErrors: number;
  inserted: number;
  unchanged: number;
  discrepancies: Record<string, number>;
  ms: { parse: number; map: number; convert: number; store: number; reconcile: number };
}

async function pipeline(path: string, batchRows: number, databaseUrl: string | undefined, dir: string): Promise<PipelineCounts> {
  const db = openDatabase(databaseUrl ? { url: databaseUrl } : { sqliteFile: join(dir, 'bench.db') });
  await migrateLatest(db);
  await db('ledger_lines').where({ tenant: 'bench' }).delete();
  // EUR ledger in an EUR reporting currency: the identity conversion, still through the converter.
  const toEur = converterFor({ table: createFxRateTable([]), source: 'ecb' });
  const counts: PipelineCounts = { rows: 0, lines: 0, mappingErrors: 0, inserted: 0, unchanged: 0, discrepancies: {}, ms: { parse: 0, map: 0, convert: 0, store: 0, reconcile: 0 } };
  let header: string[] | undefined;
  let totals: AmazonSettlementReport['rows'][number] | undefined;
  let batch: AmazonSettlementReport['rows'][number][] = [];
  let line = 0;

  const flush = async () => {
    if (batch.length === 0 || header === undefined || totals === undefined) return;
    let t = performance.now();
    const mapped = amazonSettlementReportToRecords({ layout: 'flat-file-v2', columns: header, rows: [totals, ...batch] });
    const lines: SettlementLine[] = [];
    for (const r of mapped.lines) {
      if (r.ok) lines.push(r.value);
      else counts.mappingErrors++;
    }
    counts.ms.map += performance.now() - t;
    t = performance.now();
    const entries = lines.map((l) => ledgerEntryFor(l, 'EUR', toEur).entry);
    counts.ms.convert += performance.now() - t;
    t = performance.now();
    const written = await upsertSettlementLines(db, 'bench', entries);
    counts.ms.store += performance.now() - t;
    counts.inserted += written.inserted;
    counts.unchanged += written.unchanged;
    t = performance.now();
    const result = reconcile({ tenant: 'bench', period: PERIOD, asOf: '2026-04-10T00:00:00Z', orders: ordersFor(lines), lines, payouts: [], bankLines: [], rules: RULES });
    for (const d of result.discrepancies) counts.discrepancies[d.kind] = (counts.discrepancies[d.kind] ?? 0) + 1;
    counts.ms.reconcile += performance.now() - t;
    counts.lines += lines.length;
    batch = [];
  };

  let parseStart = performance.now();
  for await (const record of createReadStream(path).pipe(tsvParser()) as AsyncIterable<string[]>) {
    line++;
    if (header === undefined) {
      header = record.map((c) => c.trim().toLowerCase());
      continue;
    }
    const cells: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) cells[header[i]!] = record[i] ?? '';
    const row = { line, cells };
    counts.rows++;
    if (totals === undefined) {
      totals = row;
      continue;
    }
    // Cut batches between orders, so an order's rows are reconciled together.
    if (batch.length >= batchRows && cells['order-id'] !== batch[batch.length - 1]!.cells['order-id']) {
      counts.ms.parse += performance.now() - parseStart;
      await flush();
      parseStart = performance.now();
    }
    batch.push(row);
  }
  counts.ms.parse += performance.now() - parseStart;
  await flush();
  const stored = await countLedgerLines(db, { tenant: 'bench' });
  if (stored !== counts.inserted) throw new Error(`ledger holds ${stored} lines, ${counts.inserted} inserted`);
  await closeDatabase(db);
  return counts;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const lines = Number(arg('lines', '1000000'));
  const batchRows = Number(arg('batch', '2000'));
  const databaseUrl = arg('database-url');
  const dir = mkdtempSync(join(tmpdir(), 'caravan-bench-ledger-'));
  try {
    const file = join(dir, 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2.tsv');
    const gen = await metered(() => generate(file, lines));
    const orders = gen.value;
    const bytes = statSync(file).size;
    console.log(`settlement file: ${fmt(lines)} lines requested, ${fmt(orders)} orders, ${(bytes / 1024 / 1024).toFixed(1)} MiB, generated in ${(gen.ms / 1000).toFixed(1)} s`);

    const raw = await metered(() => rawParse(file));
    const rawPerSec = raw.value / (raw.ms / 1000);
    const full = await metered(() => pipeline(file, batchRows, databaseUrl, dir));
    const c = full.value;
    const perSec = c.rows / (full.ms / 1000);
    const planted = Math.floor((orders - 1) / PLANT_EVERY) + 1;
    const rows = [
      ['raw csv-parse', `${fmt(raw.value)} records`, `${(raw.ms / 1000).toFixed(2)} s (CPU ${(raw.cpuMs / 1000).toFixed(2)} s)`, `${fmt(rawPerSec)} lines/s`, `peak RSS ${mb(raw.peakRss)}`],
      [
        `parse+map+convert+ledger (${databaseUrl ? 'PostgreSQL' : 'SQLite'})+reconcile`,
        `${fmt(c.rows)} rows → ${fmt(c.lines)} lines`,
        `${(full.ms / 1000).toFixed(2)} s (CPU ${(full.cpuMs / 1000).toFixed(2)} s)`,
        `${fmt(perSec)} lines/s`,
        `peak RSS ${mb(full.peakRss)}`,
      ],
    ];
    for (const r of rows) console.log(r.join('  |  '));
    console.log(`ratio to raw csv-parse: ${(perSec / rawPerSec).toFixed(2)} (aim ≥ 0.5)`);
    const total = Object.values(c.ms).reduce((a, b) => a + b, 0);
    console.log(`where the time went: ${Object.entries(c.ms).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s (${((v / total) * 100).toFixed(0)} %)`).join(', ')}`);
    console.log(`ledger: ${fmt(c.inserted)} inserted, ${fmt(c.unchanged)} unchanged, ${c.mappingErrors} mapping errors; discrepancies: ${JSON.stringify(c.discrepancies)} (planted fee anomalies: ${planted})`);
    if ((c.discrepancies['fee-anomaly'] ?? 0) !== planted || Object.keys(c.discrepancies).length > 1) {
      process.exitCode = 1;
      console.error('the engine did not find exactly the planted fee anomalies');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
