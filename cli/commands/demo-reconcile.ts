/**
 * The demo's reconciliation, on data the hub pulls from the stand-ins as it would from the real
 * services, with four discrepancies planted and nothing else wrong:
 * - the Amazon SP-API stand-in, started with plantSettlementDiscrepancies, publishes one V2
 *   settlement of an EUR marketplace with an order paid 5.00 over its total (amount mismatch),
 *   one charged 3.00 of commission over the tenant's 15 % rule (fee anomaly) and one refunded
 *   in full twice (duplicate refund); the production `settlementsImport` workflow lists and
 *   imports it through getReports, and the stand-in names what it planted (plantedSettlement());
 * - the PayPal stand-in's withdrawals to the bank (T0400) in that settlement's period come in by
 *   the production `paymentLedgerSync` workflow; the bank's camt.053 statement (banks deliver
 *   files: `caravan bank import`) is generated from the payouts the hub's ledger holds for the
 *   period and credits every one but the last: a payout not received.
 * How the report stays clean (nothing but the planted four):
 * - the period reconciled is the planted settlement's own (every marketplace's newest
 *   settlement covers the same days); the stand-in's settlements pay each order its total with
 *   the 15 % commission on the sale, so the other orders of that period reconcile, and they leave
 *   out its curated malformed orders, which the hub refuses (dead letters) and would otherwise
 *   name missing orders; FBA fees are not checked (the tenant's rule names Commission only),
 *   non-EUR marketplaces have no fee rule and are compared in their own currency;
 * - only the newest settlement reports are imported (created since the planted one);
 * - PayPal is synced for the instant of each withdrawal only: the stand-in's sales of those days
 *   are no demo orders and would be named missing orders (the demo's other PayPal import ends
 *   before this period: demo-payments.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import { join } from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { TenantsConfig } from '../../config/tenants-config.js';
import { formatMoney, parseDecimalMoney, type Money } from '../../mappings/canonical/money.js';
import { payoutsFromLedger, type DiscrepancyKind, type Payout } from '../../engines/reconcile/index.js';
import type { AmazonSandbox, PlantedSettlement } from '../../sandbox/amazon/index.js';
import type { PaypalSandbox, SandboxTransaction } from '../../sandbox/paypal/index.js';
import { ledgerLinesByPeriod, settlementsDepositedBetween } from '../../store/index.js';
import { bankImportCommand } from './bank.js';
import { formatLedgerSync, formatSettlementsImport, startLedgerSync, startSettlementsImport } from './ledger-sync.js';
import { startReconcile } from './reconcile.js';

export const DEMO_BANK_IBAN = 'DE89370400440532013000';
/** The seller's IBAN accounts per currency (the IBAN registry's example numbers); other currencies' accounts are named by a plain id (camt Othr/Id). */
export const DEMO_BANK_IBANS: Readonly<Record<string, string>> = { EUR: DEMO_BANK_IBAN, GBP: 'GB33BUKB20201555555555', AED: 'AE070331234567890123456' };
export const demoBankAccount = (currency: string): { iban: string } | { otherId: string } => {
  const iban = DEMO_BANK_IBANS[currency];
  return iban === undefined ? { otherId: `DEMO-${currency}-0001` } : { iban };
};
/** The rules the demo tenant's tenants file gives (config/caravan.demo.yaml `reconcile.rules`). */
export const DEMO_AMAZON_COMMISSION_PERCENT = 15;

export interface PlantedDiscrepancy {
  kind: DiscrepancyKind;
  /** The discrepancy's keys besides `source` (what its id is hashed from). */
  keys: Record<string, string>;
  what: string;
}

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const unix = (date: string, hour = 0): number => Date.parse(`${date}T00:00:00Z`) / 1000 + hour * 3600;

/**
 * The days the planted settlement covers ([start, end)) through its deposit day: the period holds
 * the settlement's lines and the deposits of every settlement closed with it (one per marketplace),
 * which the bank must show.
 */
export function demoReconcilePeriod(planted: Pick<PlantedSettlement, 'startTime' | 'depositTime'>): { from: string; to: string } {
  return { from: dayOf(Date.parse(planted.startTime)), to: dayOf(Date.parse(planted.depositTime)) };
}

/** The PayPal withdrawal the bank never credits: the last one inside the settlement's own days, long past its grace days when the demo runs. */
export function demoMissingWithdrawal(withdrawals: readonly SandboxTransaction[], planted: Pick<PlantedSettlement, 'endTime'>): SandboxTransaction | undefined {
  return withdrawals.filter((w) => w.atMs < Date.parse(planted.endTime)).at(-1);
}

/** The PayPal stand-in's withdrawals to the bank (T0400) posted in the period, oldest first. */
export function demoWithdrawals(transactions: readonly SandboxTransaction[], period: { from: string; to: string }): SandboxTransaction[] {
  return transactions.filter((t) => t.eventCode === 'T0400' && dayOf(t.atMs) >= period.from && dayOf(t.atMs) <= period.to).sort((a, b) => a.atMs - b.atMs);
}

/** What the report must name: the settlement's three anomalies and the payout the bank never credits. */
export function plantedDiscrepancies(planted: PlantedSettlement, missingPayout: Pick<Payout, 'payoutId' | 'amount' | 'source'>): PlantedDiscrepancy[] {
  const refund = parseDecimalMoney(planted.refundedTwice.amount, planted.currency);
  if (!refund.ok) throw new Error(`the stand-in's planted refund "${planted.refundedTwice.amount}" is not an amount: ${refund.message}`);
  const { overpaid, overcharged, refundedTwice } = planted;
  return [
    { kind: 'amount-mismatch', keys: { orderId: overpaid.orderId, compared: 'sales' }, what: `order ${overpaid.orderId} settled ${overpaid.amount} ${planted.currency} over its total` },
    { kind: 'fee-anomaly', keys: { orderId: overcharged.orderId }, what: `order ${overcharged.orderId} charged ${overcharged.amount} ${planted.currency} over the ${DEMO_AMAZON_COMMISSION_PERCENT} % commission` },
    { kind: 'duplicate-refund', keys: { orderId: refundedTwice.orderId, amountMinor: String(refund.money.amountMinor) }, what: `order ${refundedTwice.orderId} refunded twice` },
    { kind: 'payout-not-received', keys: { payoutId: missingPayout.payoutId }, what: `${missingPayout.source} payout ${missingPayout.payoutId} of ${formatMoney(missingPayout.amount)} ${missingPayout.amount.currency} never reached the bank` },
  ];
}

/** The payouts of the period as the reconcile pass sees them: payout lines of the ledger, and the Amazon settlements deposited in it. */
export async function demoPeriodPayouts(db: Knex, tenant: string, period: { from: string; to: string }): Promise<Payout[]> {
  const lines = (await ledgerLinesByPeriod(db, { tenant, ...period })).map((l) => l.line);
  return payoutsFromLedger(lines, await settlementsDepositedBetween(db, { tenant, ...period }));
}

/** The bank's statements for the period, one per currency account: a credit on its expected day for every payout but `missing`, naming the payout as providers' transfers do. */
export function demoBankStatements(payouts: readonly Payout[], missing: string, createdAt: string): { currency: string; account: string; xml: string; entries: number }[] {
  // One account per currency, as a seller keeps a currency account per marketplace currency.
  const byCurrency = new Map<string, Payout[]>();
  for (const p of payouts) {
    if (p.payoutId === missing) continue;
    byCurrency.set(p.amount.currency, [...(byCurrency.get(p.amount.currency) ?? []), p]);
  }
  return [...byCurrency].map(([currency, credited]) => {
    const account = demoBankAccount(currency);
    const xml = camt053Statement({
      messageId: `DEMO-CAMT-${createdAt.slice(0, 10)}-${currency}`,
      statementId: `DEMO-STMT-${createdAt.slice(0, 10)}-${currency}`,
      createdAt,
      ...account,
      currency,
      entries: credited.map((p, i) => ({ amount: p.amount, bookingDate: p.expectedOn, bankReference: `DEMO-${currency}-${p.expectedOn}-${i + 1}`, remittance: `${p.source.toUpperCase()} TRANSFER ${p.payoutId}` })),
    });
    return { currency, account: 'iban' in account ? account.iban : account.otherId, xml, entries: credited.length };
  });
}

export interface Camt053Entry {
  amount: Money;
  bookingDate: string;
  bankReference: string;
  remittance: string;
  endToEndId?: string;
}

/** A camt.053.001.02 statement of booked credits (what a European bank delivers at night), for an IBAN account or one named by another id (Othr/Id). */
export function camt053Statement(o: { messageId: string; statementId: string; createdAt: string; currency: string; entries: readonly Camt053Entry[] } & ({ iban: string } | { otherId: string })): string {
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
        <Id>${'iban' in o ? `<IBAN>${o.iban}</IBAN>` : `<Othr><Id>${esc(o.otherId)}</Id></Othr>`}</Id>
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

/** Which planted discrepancies a report names, and what it names beyond them. */
export function comparePlanted(planted: readonly PlantedDiscrepancy[], found: readonly { kind: string; keys: Record<string, string> }[]): { missing: PlantedDiscrepancy[]; unexpected: { kind: string; keys: Record<string, string> }[] } {
  const same = (p: PlantedDiscrepancy, f: { kind: string; keys: Record<string, string> }) => p.kind === f.kind && Object.entries(p.keys).every(([k, v]) => f.keys[k] === v);
  return { missing: planted.filter((p) => !found.some((f) => same(p, f))), unexpected: found.filter((f) => !planted.some((p) => same(p, f))) };
}

/**
 * The demo's step: the planted settlement imported from the Amazon stand-in (settlementsImport),
 * the period's PayPal withdrawals from the PayPal stand-in (paymentLedgerSync), the bank's
 * statement of the period imported, and the period reconciled by the `reconcile` workflow;
 * returns the lines to print (each discrepancy found, and whether they are exactly the planted
 * ones). Every step is idempotent: a restart imports nothing twice and reconciles again.
 */
export async function runDemoReconciliation(
  deps: { client: Client; db: Knex; config: TenantsConfig; logger: Logger; dataDir: string; taskQueue?: string | undefined; amazon: Pick<AmazonSandbox, 'plantedSettlement'>; paypal: Pick<PaypalSandbox, 'transactions'> },
  tenant: string,
): Promise<string[]> {
  const planted = deps.amazon.plantedSettlement();
  if (planted === undefined) throw new Error('the Amazon stand-in planted no settlement (it needs plantSettlementDiscrepancies and three orders to plant on)');
  const connections = Object.entries(deps.config.tenants[tenant]?.connections ?? {});
  const amazon = connections.find(([, c]) => c.vendor === 'amazon' && Array.isArray(c.settings.marketplaceIds) && (c.settings.marketplaceIds as unknown[]).includes(planted.marketplaceId))?.[0];
  const paypal = connections.find(([, c]) => c.vendor === 'paypal')?.[0];
  if (amazon === undefined || paypal === undefined) throw new Error(`tenant "${tenant}" needs an Amazon connection for marketplace ${planted.marketplaceId} and a PayPal connection`);
  const period = demoReconcilePeriod(planted);
  const lines: string[] = [];

  const settlements = await startSettlementsImport(deps.client, deps.config, { tenant, channel: amazon, since: planted.reportCreatedTime, taskQueue: deps.taskQueue });
  lines.push(`${settlements.workflowId}: ${formatSettlementsImport(amazon, await settlements.handle.result())}`);

  const withdrawals = demoWithdrawals(deps.paypal.transactions(), period);
  if (withdrawals.length === 0) throw new Error(`the PayPal stand-in has no withdrawal to the bank from ${period.from} to ${period.to}`);
  for (const w of withdrawals) {
    const s = await startLedgerSync(deps.client, deps.config, { tenant, channel: paypal, from: new Date(w.atMs).toISOString(), to: new Date(w.atMs + 1000).toISOString(), taskQueue: deps.taskQueue });
    lines.push(`${s.workflowId}: ${formatLedgerSync(paypal, s.from, s.to, await s.handle.result()).split('\n')[0]}`);
  }

  const payouts = await demoPeriodPayouts(deps.db, tenant, period);
  const last = demoMissingWithdrawal(withdrawals, planted);
  const missing = last === undefined ? undefined : payouts.find((p) => p.payoutId === last.id || p.lineIds.includes(last.id));
  if (missing === undefined) throw new Error(`no PayPal withdrawal of the settlement's days (${planted.startTime} to ${planted.endTime}) is among the payouts the ledger holds`);
  const dir = join(deps.dataDir, 'demo-reconcile');
  mkdirSync(dir, { recursive: true });
  for (const statement of demoBankStatements(payouts, missing.payoutId, `${period.to}T22:00:00Z`)) {
    const file = join(dir, `bank-camt053-${period.from}-${period.to}-${statement.currency}.xml`);
    writeFileSync(file, statement.xml);
    const bank = await bankImportCommand(deps, file, { tenant });
    if (bank.errors.length > 0) throw new Error(`${file}: ${bank.errors[0]!.field}: ${bank.errors[0]!.message}`);
    lines.push(`bank statement ${file} (${statement.account}): ${statement.entries} ${statement.currency} payout(s) credited (caravan bank import)`);
  }
  const bySource = [...new Set(payouts.map((p) => p.source))].map((source) => `${payouts.filter((p) => p.source === source).length} ${source}`).join(', ');
  lines.push(`payouts of the period: ${payouts.length} (${bySource}); all but ${missing.source} ${missing.payoutId} credited`);

  const planned = plantedDiscrepancies(planted, missing);
  const started = await startReconcile(deps.client, deps.config, { tenant, from: period.from, to: period.to, taskQueue: deps.taskQueue });
  const result = await started.handle.result();
  const report = JSON.parse(readFileSync(result.files.json, 'utf8')) as { discrepancies: { id: string; kind: string; keys: Record<string, string>; summary: string; resolution: unknown }[] };
  const { missing: notFound, unexpected } = comparePlanted(planned, report.discrepancies);
  return [
    ...lines,
    `${started.workflowId}: ${result.summary.split('\n')[0]}`,
    ...report.discrepancies.map((d) => `  ${d.kind.padEnd(20)} ${d.summary}${d.resolution ? ' (resolved)' : ''}`),
    notFound.length === 0 && unexpected.length === 0
      ? `found exactly the ${planned.length} planted discrepancies (${planned.map((p) => p.kind).join(', ')})`
      : `NOT the planted set: ${notFound.length} planted not found, ${unexpected.length} unexpected`,
    `report: ${result.files.csv}`,
  ];
}
