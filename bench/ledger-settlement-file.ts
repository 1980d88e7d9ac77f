/**
 * (e)'s data: an Amazon V2 settlement flat file (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2, the
 * 24 columns of sandbox/amazon/report-builders.ts) of about N lines for one month in EUR, the
 * orders it settles, and what is planted in it. No real V2 report is public: the rows follow the
 * layout's columns and Amazon's words (Order/ItemPrice/Principal, ItemFees/Commission,
 * ItemFees/FBAPerUnitFulfillmentFee, Refund rows, a Subscription Fee without an order), an
 * order's rows adjacent as in Amazon's reports.
 *
 * Per order: principal 84.03 + tax 15.97 = 100.00 of sale, commission 15 % (15.00), an FBA fee;
 * every 1,000th order is refunded in full (the commission given back). Planted, each in its own
 * orders: a commission of 18.00 (fee-anomaly), an order the hub does not hold (missing-order), an
 * order whose stored total is 101.00 (amount-mismatch), a refund booked twice (duplicate-refund);
 * and one Stripe payout that never reached the bank (payout-not-received, bench/ledger-worker.ts).
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { DiscrepancyKind } from '../engines/reconcile/index.js';
import type { Order } from '../mappings/canonical/index.js';
import { SETTLEMENT_V2_COLUMNS } from '../sandbox/amazon/report-builders.js';

export const LEDGER_BENCH_PERIOD = { from: '2026-03-01', to: '2026-03-31' };
export const STRIPE_PAYOUTS = 20;
export const SETTLEMENT_ID = '11830979063';
/** The settlement's deposit day: its payout, which the bank credits (the worker seeds that credit). */
export const SETTLEMENT_DEPOSIT_DAY = '2026-03-31';
const REFUND_EVERY = 1000;
const SUBSCRIPTION_FEES = 3;

export interface LedgerWorkerOptions {
  file: string;
  orders: number;
  tenant: string;
  dataDir: string;
  databaseUrl?: string;
  sqliteFile?: string;
  cpuProfileFile?: string;
  keep?: boolean;
}

export interface LedgerWorkerResult {
  seedMs: number;
  raw: { records: number; ms: number };
  import: { rows: number; lines: number; inserted: number; failed: number; unconverted: number; ms: number };
  reconcile: { ms: number; ordersMatched: number; payoutsMatched: number; discrepancies: Record<string, number>; pending: number };
  /** VmHWM of the worker process from the start of the raw parse to the end (seeding excluded). */
  peakRssBytes: number;
}

/** What order n carries, if anything: one kind each, never two in the same order. */
export function plantedOrder(n: number): DiscrepancyKind | undefined {
  if (n % 10_000 === 1) return 'fee-anomaly';
  if (n % 25_000 === 2) return 'missing-order';
  if (n % 40_000 === 3) return 'amount-mismatch';
  if (n % 50_000 === 4) return 'duplicate-refund';
  return undefined;
}

const refunded = (n: number): boolean => n % REFUND_EVERY === 0 || plantedOrder(n) === 'duplicate-refund';
const rowsOf = (n: number): number => 4 + (refunded(n) ? 3 : 0) + (plantedOrder(n) === 'duplicate-refund' ? 3 : 0);

/** The orders a file of about `lines` lines settles. */
export function ordersForLines(lines: number): number {
  // 4 rows per order, 3 more per refund (1 in 1,000), the header, totals and subscription fee rows.
  return Math.max(10, Math.floor((lines - 2 - SUBSCRIPTION_FEES) / (4 + 3 / REFUND_EVERY)));
}

/** The planted discrepancies among `orders` orders, by kind (payout-not-received: one). */
export function plantedCounts(orders: number): Record<string, number> {
  const counts: Record<string, number> = { 'payout-not-received': 1 };
  for (let n = 0; n < orders; n++) {
    const kind = plantedOrder(n);
    if (kind !== undefined) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

const orderId = (n: number): string => `302-${String(1_000_000 + Math.floor(n / 10_000)).padStart(7, '0')}-${String(n % 10_000).padStart(7, '0')}`;
const dayOf = (n: number, orders: number): string => `2026-03-${String(1 + Math.floor((n * 28) / orders)).padStart(2, '0')}`;
const timeOf = (n: number): string => `${String(n % 24).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:${String((n * 7) % 60).padStart(2, '0')}`;
const decimal = (cents: number): string => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/** The order the hub holds for order n (100.00 in EUR, shipped; 101.00 when its total is planted wrong). */
export function benchOrder(n: number, orders: number): Order {
  const at = `${dayOf(n, orders)}T00:00:00Z`;
  return {
    channel: 'amazon-eu',
    vendor: 'amazon',
    externalId: orderId(n),
    status: 'shipped',
    rawStatus: 'Shipped',
    marketplace: { id: 'A1PA6795UKMFR9' },
    purchasedAt: at,
    updatedAt: at,
    currency: 'EUR',
    lines: [],
    totals: { orderTotal: { amountMinor: plantedOrder(n) === 'amount-mismatch' ? 10_100 : 10_000, currency: 'EUR' } },
    refs: {},
  };
}

type Cells = Partial<Record<(typeof SETTLEMENT_V2_COLUMNS)[number], string>>;
const row = (cells: Cells) => SETTLEMENT_V2_COLUMNS.map((c) => cells[c] ?? '').join('\t') + '\r\n';

/** Order n's rows and what they add up to, in cents. */
function orderRows(n: number, orders: number): { text: string; cents: number } {
  const day = dayOf(n, orders);
  const base: Cells = {
    'settlement-id': SETTLEMENT_ID,
    'order-id': orderId(n),
    'merchant-order-id': `M-${n}`,
    'shipment-id': `D${String(n).padStart(9, '0')}`,
    'marketplace-name': 'Amazon.de',
    'fulfillment-id': 'AFN',
    'posted-date': day,
    'posted-date-time': `${day} ${timeOf(n)} UTC`,
    'order-item-code': String(40_000_000_000_000 + n),
    sku: `SKU-${n % 500}`,
    'quantity-purchased': '1',
  };
  const commission = plantedOrder(n) === 'fee-anomaly' ? -1800 : -1500;
  const amounts: [string, string, string, number][] = [
    ['Order', 'ItemPrice', 'Principal', 8403],
    ['Order', 'ItemPrice', 'Tax', 1597],
    ['Order', 'ItemFees', 'Commission', commission],
    ['Order', 'ItemFees', 'FBAPerUnitFulfillmentFee', -322],
  ];
  const refunds = plantedOrder(n) === 'duplicate-refund' ? 2 : refunded(n) ? 1 : 0;
  for (let r = 0; r < refunds; r++) {
    amounts.push(['Refund', 'ItemPrice', 'Principal', -8403], ['Refund', 'ItemPrice', 'Tax', -1597], ['Refund', 'ItemFees', 'Commission', 1500]);
  }
  let text = '';
  let cents = 0;
  for (const [type, amountType, description, amount] of amounts) {
    text += row({ ...base, 'transaction-type': type, 'amount-type': amountType, 'amount-description': description, amount: decimal(amount) });
    cents += amount;
  }
  return { text, cents };
}

/** The settlement's total (its totals row): the sum of every row, in cents. */
export function settlementTotalCents(orders: number): number {
  let total = -SUBSCRIPTION_FEES * 3900;
  for (let n = 0; n < orders; n++) total += orderRows(n, orders).cents;
  return total;
}

/** Writes the file (header, totals row, the orders' rows, a few subscription fees); returns the lines written. */
export async function writeSettlementFile(path: string, orders: number): Promise<number> {
  // The totals row comes first but is the sum of everything: one pass to add up, one to write.
  const total = settlementTotalCents(orders);

  const out = createWriteStream(path);
  let chunk = SETTLEMENT_V2_COLUMNS.join('\t') + '\r\n';
  chunk += row({
    'settlement-id': SETTLEMENT_ID,
    'settlement-start-date': '2026-03-01 00:00:00 UTC',
    'settlement-end-date': '2026-03-29 00:00:00 UTC',
    'deposit-date': `${SETTLEMENT_DEPOSIT_DAY} 00:00:00 UTC`,
    'total-amount': decimal(total),
    currency: 'EUR',
  });
  let lines = 2;
  const flush = async () => {
    if (!out.write(chunk)) await once(out, 'drain');
    chunk = '';
  };
  for (let n = 0; n < orders; n++) {
    chunk += orderRows(n, orders).text;
    lines += rowsOf(n);
    if (n % Math.ceil(orders / SUBSCRIPTION_FEES) === 0) {
      const day = dayOf(n, orders);
      chunk += row({ 'settlement-id': SETTLEMENT_ID, 'transaction-type': 'other-transaction', 'amount-type': 'other-transaction', 'amount-description': 'Subscription Fee', amount: '-39.00', 'posted-date': day, 'posted-date-time': `${day} 00:00:00 UTC` });
      lines += 1;
    }
    if (chunk.length > 1 << 20) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return lines;
}
