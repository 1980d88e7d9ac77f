/**
 * The demo's reconciliation data: for a handful of the demo tenant's imported orders, the
 * files a finance team would get — an Amazon V2 settlement flat file (the documented
 * `GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2` header in ../shared/vendor/amazon/SOURCE.md, one
 * amount per row), a Stripe balance-transactions list (GET /v1/balance_transactions, as the
 * fixtures in test/fixtures/stripe/objects-djstripe) with two payouts, and the bank's camt.053.001.02
 * statement (the layout of test/fixtures/bank, ISO 20022) — written with four planted
 * discrepancies and nothing else wrong:
 * - an amount mismatch: one order settled 5.00 over its total;
 * - a fee anomaly: one order's Amazon commission 3.00 above the tenant's 15 % rule;
 * - a duplicate refund: one order refunded in full twice;
 * - a payout not received: one Stripe payout with no bank credit after the grace days.
 * Dates are relative to the demo's day, so the files are generated (demoReconcileData, pure), not
 * checked in; they are written to the data folder and imported as a user would.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import { join } from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { TenantsConfig } from '../../config/tenants-config.js';
import { formatMoney, type Money } from '../../mappings/canonical/money.js';
import type { Order } from '../../mappings/canonical/order.js';
import type { DiscrepancyKind } from '../../engines/reconcile/index.js';
import { loadTenantOrders } from '../../activities/reconcile.js';
import { bankImportCommand } from './bank.js';
import { ledgerImportCommand } from './ledger.js';
import { startReconcile } from './reconcile.js';

export const DEMO_BANK_IBAN = 'DE89370400440532013000';
/** The rules the demo tenant's tenants file gives (config/caravan.demo.yaml `reconcile.rules`). */
export const DEMO_AMAZON_COMMISSION_PERCENT = 15;
export const DEMO_BANK_GRACE_DAYS = 2;

export interface PlantedDiscrepancy {
  kind: DiscrepancyKind;
  /** The discrepancy's keys besides `source` (what its id is hashed from). */
  keys: Record<string, string>;
  what: string;
}

export interface DemoReconcileData {
  period: { from: string; to: string };
  settlementTsv: string;
  stripeBalanceTransactionsJson: string;
  camt053Xml: string;
  planted: PlantedDiscrepancy[];
  /** The orders used (externalId), clean ones included. */
  orders: string[];
}

const DAY_MS = 86_400_000;
const dayOffset = (today: string, days: number): string => new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const unix = (date: string, hour = 0): number => Date.parse(`${date}T00:00:00Z`) / 1000 + hour * 3600;
const dec = (minor: number): string => formatMoney({ amountMinor: minor, currency: 'EUR' });

/** Orders a settlement can pay: EUR, not cancelled, with a total; a stable pick (by id). */
export function settleableDemoOrders(orders: readonly Order[], count = 6): Order[] {
  return orders
    .filter((o) => o.status !== 'cancelled' && (o.totals?.orderTotal?.currency ?? '') === 'EUR' && (o.totals?.orderTotal?.amountMinor ?? 0) > 0)
    .sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0))
    .slice(0, count);
}

const V2_COLUMNS = [
  'settlement-id', 'settlement-start-date', 'settlement-end-date', 'deposit-date', 'total-amount', 'currency', 'transaction-type', 'order-id',
  'merchant-order-id', 'adjustment-id', 'shipment-id', 'marketplace-name', 'amount-type', 'amount-description', 'amount', 'fulfillment-id',
  'posted-date', 'posted-date-time', 'order-item-code', 'merchant-order-item-id', 'merchant-adjustment-item-id', 'sku', 'quantity-purchased', 'promotion-id',
] as const;
type V2Row = Partial<Record<(typeof V2_COLUMNS)[number], string>>;

/** Half-even percent of minor units, as the engine's rule computes it. */
function percentOf(minor: number, percent: number): number {
  const exact = (minor * percent) / 100;
  const floor = Math.floor(exact);
  const diff = exact - floor;
  return diff > 0.5 || (diff === 0.5 && floor % 2 === 1) ? floor + 1 : floor;
}

export interface Camt053Entry {
  amount: Money;
  bookingDate: string;
  bankReference: string;
  remittance: string;
  endToEndId?: string;
}

/** A camt.053.001.02 statement of booked credits (what a European bank delivers at night). */
export function camt053Statement(o: { messageId: string; statementId: string; createdAt: string; iban: string; currency: string; entries: readonly Camt053Entry[] }): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const entries = o.entries.map(
    (e) => `      <Ntry>
        <Amt Ccy="${e.amount.currency}">${formatMoney(e.amount)}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>${e.bookingDate}</Dt></BookgDt>
        <ValDt><Dt>${e.bookingDate}</Dt></ValDt>
        <AcctSvcrRef>${esc(e.bankReference)}</AcctSvcrRef>
        <NtryDtls>
          <TxDtls>
            <Refs><EndToEndId>${esc(e.endToEndId ?? 'NOTPROVIDED')}</EndToEndId></Refs>
            <RmtInf><Ustrd>${esc(e.remittance)}</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr>
      <MsgId>${esc(o.messageId)}</MsgId>
      <CreDtTm>${o.createdAt}</CreDtTm>
    </GrpHdr>
    <Stmt>
      <Id>${esc(o.statementId)}</Id>
      <CreDtTm>${o.createdAt}</CreDtTm>
      <Acct>
        <Id><IBAN>${o.iban}</IBAN></Id>
        <Ccy>${o.currency}</Ccy>
      </Acct>
${entries.join('\n')}
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
}

/** A Stripe payout's balance transaction (a debit of the balance, arriving on `arrival`). */
export function stripePayoutTransaction(payoutId: string, amountMinor: number, created: string, arrival: string): Record<string, unknown> {
  return {
    id: `txn_${payoutId.replace(/^po_/, '')}`,
    object: 'balance_transaction',
    amount: -amountMinor,
    available_on: unix(arrival),
    created: unix(created, 6),
    currency: 'eur',
    description: 'STRIPE PAYOUT',
    exchange_rate: null,
    fee: 0,
    fee_details: [],
    net: -amountMinor,
    reporting_category: 'payout',
    source: payoutId,
    status: 'available',
    type: 'payout',
  };
}

/** The demo's files for `orders` (settleableDemoOrders picks them) as of `today` (YYYY-MM-DD). Needs at least five orders. */
export function demoReconcileData(orders: readonly Order[], today: string): DemoReconcileData {
  if (orders.length < 5) throw new Error(`the demo reconciliation needs five EUR orders, the hub has ${orders.length}`);
  const [clean1, mismatch, feeAnomaly, duplicateRefund, clean2, ...more] = orders as [Order, Order, Order, Order, Order, ...Order[]];
  const period = { from: dayOffset(today, -7), to: dayOffset(today, -1) };
  const posted = dayOffset(today, -6);
  const refunded = dayOffset(today, -5);
  const settlementId = `9${today.replace(/-/g, '')}01`;
  const rows: V2Row[] = [];
  const orderRows = (o: Order, paid: number, commission: number) => {
    const base = { 'transaction-type': 'Order', 'order-id': o.externalId, 'marketplace-name': 'Amazon.de', 'fulfillment-id': 'MFN', 'posted-date': posted, 'posted-date-time': `${posted} 09:30:00 UTC`, 'quantity-purchased': '1' };
    rows.push({ ...base, 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: dec(paid) });
    rows.push({ ...base, 'amount-type': 'ItemFees', 'amount-description': 'Commission', amount: dec(-commission) });
  };
  const totalOf = (o: Order) => o.totals!.orderTotal!.amountMinor;
  const ruleFee = (paid: number) => percentOf(paid, DEMO_AMAZON_COMMISSION_PERCENT);
  for (const o of [clean1, clean2, ...more]) orderRows(o, totalOf(o), ruleFee(totalOf(o)));
  const overpaid = totalOf(mismatch) + 500;
  orderRows(mismatch, overpaid, ruleFee(overpaid));
  orderRows(feeAnomaly, totalOf(feeAnomaly), ruleFee(totalOf(feeAnomaly)) + 300);
  orderRows(duplicateRefund, totalOf(duplicateRefund), ruleFee(totalOf(duplicateRefund)));
  for (const n of [1, 2]) {
    rows.push({ 'transaction-type': 'Refund', 'order-id': duplicateRefund.externalId, 'adjustment-id': `DEMOADJ${n}`, 'marketplace-name': 'Amazon.de', 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: dec(-totalOf(duplicateRefund)), 'posted-date': refunded, 'posted-date-time': `${refunded} 1${n}:00:00 UTC` });
  }
  const total = rows.reduce((s, r) => s + Math.round(Number(r.amount) * 100), 0);
  const header: V2Row = { 'settlement-id': settlementId, 'settlement-start-date': `${period.from} 00:00:00 UTC`, 'settlement-end-date': `${dayOffset(today, -4)} 00:00:00 UTC`, 'deposit-date': `${dayOffset(today, -3)} 00:00:00 UTC`, 'total-amount': dec(total), currency: 'EUR' };
  const tsv = [V2_COLUMNS.join('\t'), ...[header, ...rows.map((r) => ({ 'settlement-id': settlementId, ...r }))].map((r) => V2_COLUMNS.map((c) => r[c] ?? '').join('\t'))].join('\n') + '\n';

  // Stripe (the seller's own shop) paid out twice; the bank shows the first only.
  const received = { id: `po_demo${today.replace(/-/g, '')}a`, amount: 48_250, created: dayOffset(today, -6), arrival: dayOffset(today, -4) };
  const missing = { id: `po_demo${today.replace(/-/g, '')}b`, amount: 31_990, created: dayOffset(today, -5), arrival: dayOffset(today, -1 - DEMO_BANK_GRACE_DAYS) };
  const stripe = {
    object: 'list',
    url: '/v1/balance_transactions',
    has_more: false,
    data: [missing, received].map((p) => stripePayoutTransaction(p.id, p.amount, p.created, p.arrival)),
  };
  const camt = camt053Statement({
    messageId: `DEMO-CAMT-${today}`,
    statementId: `DEMO-STMT-${today}`,
    createdAt: `${dayOffset(today, -1)}T22:00:00Z`,
    iban: DEMO_BANK_IBAN,
    currency: 'EUR',
    entries: [
      { amount: { amountMinor: received.amount, currency: 'EUR' }, bookingDate: received.arrival, bankReference: `DEMO-${received.arrival}-1`, remittance: `STRIPE PAYMENTS UK LTD ${received.id}` },
      { amount: { amountMinor: total, currency: 'EUR' }, bookingDate: dayOffset(today, -3), bankReference: `DEMO-${today}-2`, remittance: `AMAZON EU SARL SETTLEMENT ${settlementId}` },
    ],
  });
  const planted: PlantedDiscrepancy[] = [
    { kind: 'amount-mismatch', keys: { orderId: mismatch.externalId, compared: 'sales' }, what: `order ${mismatch.externalId} settled 5.00 EUR over its total` },
    { kind: 'fee-anomaly', keys: { orderId: feeAnomaly.externalId }, what: `order ${feeAnomaly.externalId} charged 3.00 EUR over the ${DEMO_AMAZON_COMMISSION_PERCENT} % commission` },
    { kind: 'duplicate-refund', keys: { orderId: duplicateRefund.externalId, amountMinor: String(-totalOf(duplicateRefund)) }, what: `order ${duplicateRefund.externalId} refunded twice` },
    { kind: 'payout-not-received', keys: { payoutId: missing.id }, what: `Stripe payout ${missing.id} never reached the bank` },
  ];
  return { period, settlementTsv: tsv, stripeBalanceTransactionsJson: `${JSON.stringify(stripe, null, 2)}\n`, camt053Xml: camt, planted, orders: orders.map((o) => o.externalId) };
}

export interface DemoReconcileFiles {
  settlement: string;
  stripe: string;
  camt053: string;
}

/** Writes the demo's files under `dir` (named by day: a later day's demo adds its own). */
export function writeDemoReconcileFiles(data: DemoReconcileData, dir: string, today: string): DemoReconcileFiles {
  mkdirSync(dir, { recursive: true });
  const files = {
    settlement: join(dir, `amazon-settlement-${today}.tsv`),
    stripe: join(dir, `stripe-balance-transactions-${today}.json`),
    camt053: join(dir, `bank-camt053-${today}.xml`),
  };
  writeFileSync(files.settlement, data.settlementTsv);
  writeFileSync(files.stripe, data.stripeBalanceTransactionsJson);
  writeFileSync(files.camt053, data.camt053Xml);
  return files;
}

/** The files into the hub the way a user brings them: `caravan ledger import` twice, `caravan bank import` once. */
export async function importDemoReconcileFiles(deps: { db: Knex; config: TenantsConfig; logger: Logger }, tenant: string, files: DemoReconcileFiles): Promise<{ ledgerLines: number; bankEntries: number }> {
  const settlement = await ledgerImportCommand(deps, 'amazon.settlement-report', files.settlement, { tenant });
  const stripe = await ledgerImportCommand(deps, 'stripe.balance-transactions', files.stripe, { tenant });
  const bank = await bankImportCommand(deps, files.camt053, { tenant });
  if (bank.errors.length > 0) throw new Error(`${files.camt053}: ${bank.errors[0]!.field}: ${bank.errors[0]!.message}`);
  return { ledgerLines: settlement.lines + stripe.lines, bankEntries: bank.entries };
}

/** Which planted discrepancies a report names, and what it names beyond them. */
export function comparePlanted(planted: readonly PlantedDiscrepancy[], found: readonly { kind: string; keys: Record<string, string> }[]): { missing: PlantedDiscrepancy[]; unexpected: { kind: string; keys: Record<string, string> }[] } {
  const same = (p: PlantedDiscrepancy, f: { kind: string; keys: Record<string, string> }) => p.kind === f.kind && Object.entries(p.keys).every(([k, v]) => f.keys[k] === v);
  return { missing: planted.filter((p) => !found.some((f) => same(p, f))), unexpected: found.filter((f) => !planted.some((p) => same(p, f))) };
}

/**
 * The demo's step: files generated for the demo tenant's orders, imported, and the week before
 * `day` reconciled by the `reconcile` workflow; returns the lines to print (each discrepancy
 * found, and whether they are exactly the planted ones). The demo passes its sandbox anchor, so
 * a restart on a later day generates the same files and the import adds nothing.
 */
export async function runDemoReconciliation(deps: { client: Client; db: Knex; config: TenantsConfig; logger: Logger; dataDir: string; taskQueue?: string | undefined }, tenant: string, day = new Date()): Promise<string[]> {
  const today = day.toISOString().slice(0, 10);
  const data = demoReconcileData(settleableDemoOrders(await loadTenantOrders(deps.db, tenant)), today);
  const files = writeDemoReconcileFiles(data, join(deps.dataDir, 'demo-reconcile'), today);
  const imported = await importDemoReconcileFiles(deps, tenant, files);
  const started = await startReconcile(deps.client, deps.config, { tenant, from: data.period.from, to: data.period.to, taskQueue: deps.taskQueue });
  const result = await started.handle.result();
  const report = JSON.parse(readFileSync(result.files.json, 'utf8')) as { discrepancies: { id: string; kind: string; keys: Record<string, string>; summary: string; resolution: unknown }[] };
  const { missing, unexpected } = comparePlanted(data.planted, report.discrepancies);
  return [
    `files: ${files.settlement}, ${files.stripe}, ${files.camt053} (${imported.ledgerLines} ledger lines, ${imported.bankEntries} bank entries)`,
    `${started.workflowId}: ${result.summary.split('\n')[0]}`,
    ...report.discrepancies.map((d) => `  ${d.kind.padEnd(20)} ${d.summary}${d.resolution ? ' (resolved)' : ''}`),
    missing.length === 0 && unexpected.length === 0
      ? `found exactly the ${data.planted.length} planted discrepancies (${data.planted.map((p) => p.kind).join(', ')})`
      : `NOT the planted set: ${missing.length} planted not found, ${unexpected.length} unexpected`,
    `report: ${result.files.csv}`,
  ];
}
